-- id: TL3
-- title: Significant decisions recorded within {significant_record_hours} hours
-- question: Are significant decisions recorded within {significant_record_hours} hours?
-- definition: The share of management entries marked significant (a significant case decision or
--   urgent matter) recorded on the system within {significant_record_hours} hours of the event,
--   counted as elapsed time in UTC.
-- population: Management entries (notes in any management category, by a manager) dated in the
--   period with significant true, recorded by the end of D.
-- met: recorded_at - event_date <= {significant_record_hours} hours, UK local times converted to
--   UTC; an event_date with no time counts from the end of that day.
-- threshold: {significant_record_hours:unit} (significant_record_hours)
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
        and significant
        and (author_is_manager or $any_author_counts)
),

entries_in_period as (
    select
        windows.as_of_date,
        entries.*,
        -- seconds, so a record a minute past the limit is late
        epoch(entries.recorded_utc) - epoch(entries.clock_start_utc) as seconds_to_record
    from windows
    inner join entries
        on entries.entry_date between windows.from_date and windows.as_of_date
        and entries.recorded_date <= windows.as_of_date
    inner join cases
        on entries.case_id = cases.case_id
        and cases.start_date <= windows.as_of_date
),

judged as (
    select
        *,
        seconds_to_record <= $significant_record_hours * 3600 as in_numerator
    from entries_in_period
)

select
    as_of_date,
    case_id,
    cast(null as varchar) as staff_id,
    entry_id as item_id,
    entry_date as item_date,
    in_numerator,
    case
        when not in_numerator
            then 'recorded ' || cast(floor(seconds_to_record / 3600) as bigint) || ' h '
                || lpad(cast(cast(floor(seconds_to_record % 3600 / 60) as bigint) as varchar), 2, '0')
                || ' min after the event (limit ' || $significant_record_hours || ' h)'
    end as gap,
    entry_date as since_date,
    note_type,
    category,
    author_id,
    entry_has_time as event_time_given,
    recorded_date,
    round(seconds_to_record / 3600, 1) as hours_to_record
from judged
