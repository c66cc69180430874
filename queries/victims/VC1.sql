-- id: VC1
-- title: Victim safety in management oversight
-- question: Does management oversight consider the victim's safety?
-- definition: For each case open on D with a victim known for at least
--   {victim_identified_lag_days:unit}: the share with a management note within the last
--   {victim_oversight_days:unit} of D that shows the victim signal (victim safety, restorative
--   justice, harm to others: the phrases in queries/quality/ql2_phrases.toml, beside QL2's).
-- population: Cases open on D with a victim identified on or before
--   D - {victim_identified_lag_days}.
-- met: A management-category note by a manager, with text, on the case, dated within the last
--   {victim_oversight_days:unit} of D (D - {victim_oversight_days} < date <= D) and recorded by
--   the end of D, in which a phrase of the victim signal is found at the start of a word,
--   whatever its case.
-- threshold: {victim_oversight_days:unit} (victim_oversight_days), victims known
--   {victim_identified_lag_days:unit} (victim_identified_lag_days)
-- source: 000 §2 (victim safety and the key requirements of RJ work must be considered and
--   evidenced), 002 (protecting actual or potential victims)
-- level: case
-- direction: higher
-- requires: victims

with

windows as (select * from windows),

victims as (select * from victims),

open_cases as (select * from open_cases_on(0)),

management_entries as (select * from management_entries),

with_victims as (
    select open_cases.as_of_date, open_cases.case_id, open_cases.start_date,
        count(*) as victims_known, min(victims.identified_date) as first_identified_date
    from open_cases
    inner join victims
        on open_cases.case_id = victims.case_id
        and victims.identified_date <= open_cases.as_of_date - $victim_identified_lag_days
    group by all
),

-- the notes that show the victim signal, each matched once whatever the number of windows: on
-- cases with a victim, by a manager, with text, dated within the widest reach of the windows
victim_signal_notes as (
    select entries.case_id, entries.entry_date, entries.recorded_date
    from management_entries as entries
    semi join victims on entries.case_id = victims.case_id
    where entries.source = 'note'
        and (entries.author_is_manager or $any_author_counts)
        and entries.word_count > 0
        and entries.entry_date > (select min(as_of_date) from windows) - $victim_oversight_days
        and entries.entry_date <= (select max(as_of_date) from windows)
        -- the pattern is built from the phrase file by queries/quality/signals.py, as QL2's are
        and regexp_matches(entries.text, $victim_pattern)
),

victim_notes as (
    select with_victims.as_of_date, with_victims.case_id, max(notes.entry_date) as latest_victim_note_date
    from with_victims
    inner join victim_signal_notes as notes
        on with_victims.case_id = notes.case_id
        and notes.entry_date > with_victims.as_of_date - $victim_oversight_days
        and notes.entry_date <= with_victims.as_of_date
        and notes.recorded_date <= with_victims.as_of_date
    group by all
)

select
    with_victims.as_of_date,
    with_victims.case_id,
    cast(null as varchar) as staff_id,
    with_victims.case_id as item_id,
    with_victims.as_of_date as item_date,
    victim_notes.latest_victim_note_date is not null as in_numerator,
    case
        when victim_notes.latest_victim_note_date is null
            then 'no management note considering the victim in the last ' || $victim_oversight_days || ' days'
    end as gap,
    case when victim_notes.latest_victim_note_date is null then with_victims.first_identified_date end as since_date,
    with_victims.victims_known,
    with_victims.first_identified_date,
    victim_notes.latest_victim_note_date
from with_victims
left join victim_notes
    on with_victims.as_of_date = victim_notes.as_of_date
    and with_victims.case_id = victim_notes.case_id
