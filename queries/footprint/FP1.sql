-- id: FP1
-- title: Recent oversight on every open case
-- question: Does every open case have recent oversight?
-- definition: The share of open cases with a management entry (a management-category note by a
--   manager, or an assessment countersignature) dated within the last {oversight_interval_days}
--   days of D.
-- population: Cases open on D with start_date <= D - {oversight_interval_days}.
-- met: A management entry dated D - {oversight_interval_days} < date <= D and recorded by the end
--   of D.
-- threshold: {oversight_interval_days:unit} (oversight_interval_days)
-- source: 003 (at least every 4 weeks), 001 (monthly), 004 (4-weekly)
-- level: case
-- direction: higher
-- requires:

with

windows as (select * from windows),

cases as (select * from cases),

management_entries as (
    select * from management_entries
    where author_is_manager or $any_author_counts
),

open_cases as (
    select windows.as_of_date, cases.case_id, cases.start_date
    from windows
    inner join cases
        on cases.start_date <= windows.as_of_date - $oversight_interval_days
        and (cases.end_date is null or cases.end_date >= windows.as_of_date)
),

latest_entry as (
    select open_cases.as_of_date, open_cases.case_id, max(management_entries.entry_date) as latest_entry_date
    from open_cases
    inner join management_entries
        on open_cases.case_id = management_entries.case_id
        and management_entries.entry_date <= open_cases.as_of_date
        and management_entries.recorded_date <= open_cases.as_of_date
    group by all
),

judged as (
    select
        open_cases.as_of_date,
        open_cases.case_id,
        open_cases.start_date,
        latest_entry.latest_entry_date,
        coalesce(
            latest_entry.latest_entry_date > open_cases.as_of_date - $oversight_interval_days, false
        ) as in_numerator
    from open_cases
    left join latest_entry
        on open_cases.as_of_date = latest_entry.as_of_date
        and open_cases.case_id = latest_entry.case_id
)

select
    as_of_date,
    case_id,
    cast(null as varchar) as staff_id,
    case_id as item_id,
    as_of_date as item_date,
    in_numerator,
    case
        when not in_numerator then 'no management entry in the last ' || $oversight_interval_days || ' days'
    end as gap,
    coalesce(latest_entry_date, start_date) as since_date,
    latest_entry_date
from judged
