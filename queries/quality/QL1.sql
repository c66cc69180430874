-- id: QL1
-- title: Substantive entries
-- question: Are entries substantive?
-- definition: The share of management entries with text, dated in the period, that run to at
--   least {substantive_words} words. Countersignatures carry no text and are not counted.
-- population: Management-category notes by a manager, dated in the period (from <= date <= D),
--   recorded by the end of D, whose text is not empty.
-- met: At least {substantive_words} words (words are runs of characters between spaces or line
--   breaks).
-- threshold: {substantive_words:unit} (substantive_words)
-- source: 002 example three (threadbare with no content)
-- level: item
-- direction: higher
-- requires:

with

entries_in_period as (select * from notes_with_text_in_period($any_author_counts))

select
    as_of_date,
    case_id,
    cast(null as varchar) as staff_id,
    entry_id as item_id,
    entry_date as item_date,
    word_count >= $substantive_words as in_numerator,
    case when word_count < $substantive_words then 'only ' || word_count || if(word_count = 1, ' word', ' words') end as gap,
    case when word_count < $substantive_words then entry_date end as since_date,
    entry_date,
    recorded_date,
    note_type,
    category,
    author_id,
    word_count
from entries_in_period
