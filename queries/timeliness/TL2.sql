-- id: TL2
-- title: Supervision recorded within {supervision_record_working_days:unit}
-- question: Are supervision records made within {supervision_record_working_days:unit}?
-- definition: The share of supervision entries (by a manager) recorded on the system within
--   {supervision_record_working_days:unit} of the supervision they record.
-- population: Entries in category supervision dated in the period, not marked significant (those
--   fall under TL3's shorter rule for significant decisions), and recorded by the end of D.
-- met: The recorded_at date is on or before the {supervision_record_working_days:th} working day
--   after the event date (weekends and England and Wales bank holidays skipped).
-- threshold: {supervision_record_working_days:unit} (supervision_record_working_days)
-- source: 001
-- level: item
-- direction: higher
-- requires:

with

windows as (select * from windows),

cases as (select * from cases),

entries as (
    select * from management_entries
    where source = 'note'
        and category = 'supervision'
        and not significant
        and (author_is_manager or $any_author_counts)
),

entries_in_period as (
    select
        windows.as_of_date,
        entries.*,
        add_working_days(entries.entry_date, $supervision_record_working_days) as deadline_date,
        working_days_between(entries.entry_date, entries.recorded_date) as working_days_to_record
    from windows
    inner join entries
        on entries.entry_date between windows.from_date and windows.as_of_date
        and entries.recorded_date <= windows.as_of_date
    inner join cases
        on entries.case_id = cases.case_id
        and cases.start_date <= windows.as_of_date
)

select
    as_of_date,
    case_id,
    cast(null as varchar) as staff_id,
    entry_id as item_id,
    entry_date as item_date,
    recorded_date <= deadline_date as in_numerator,
    case
        when recorded_date > deadline_date
            then 'recorded ' || working_days_to_record || ' working days after the supervision (limit '
                || $supervision_record_working_days || ')'
    end as gap,
    entry_date as since_date,
    note_type,
    author_id,
    recorded_date,
    deadline_date,
    working_days_to_record
from entries_in_period
