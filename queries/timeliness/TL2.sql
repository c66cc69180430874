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

entries_in_period as (
    select
        *,
        add_working_days(entry_date, $supervision_record_working_days) as deadline_date
    from entries_in_period($any_author_counts)
    where category = 'supervision'
        and not significant
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
