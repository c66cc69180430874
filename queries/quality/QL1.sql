-- id: QL1
-- title: Substantive entries
-- question: Are entries substantive?
-- definition: The share of management entries with text, dated in the period, that run to at
--   least 40 words. Countersignatures carry no text and are not counted.
-- population: Management-category notes by a manager, dated in the period (from <= date <= D),
--   recorded by the end of D, whose text is not empty.
-- met: At least 40 words (words are runs of characters between spaces or line breaks).
-- threshold: 40 words (substantive_words)
-- source: 002 example three (threadbare with no content)
-- level: item
-- direction: higher
-- requires:

with

windows as (select * from windows),

cases as (select * from cases),

-- words counted here rather than taken from staging, so text that is only white space
-- (line breaks, non-breaking spaces) counts as no text and edges add no empty words
counted as (
    select
        * exclude (word_count),
        len(regexp_extract_all(coalesce(text, ''), '[^\s\x{00A0}]+')) as word_count
    from management_entries
    where source = 'note'
        and (author_is_manager or $any_author_counts)
),

entries_with_text as (select * from counted where word_count > 0),

entries_in_period as (
    select windows.as_of_date, entries_with_text.*
    from windows
    inner join entries_with_text
        on entries_with_text.entry_date >= windows.from_date
        and entries_with_text.entry_date <= windows.as_of_date
        and entries_with_text.recorded_date <= windows.as_of_date
    inner join cases
        on entries_with_text.case_id = cases.case_id
        and cases.start_date <= windows.as_of_date
)

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
