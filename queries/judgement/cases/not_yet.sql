-- name: not_yet
-- description: Cases open on D that are too young to judge (start_date > D - 91), in the shape
--   of JG1's rows so the cases list holds every case open on D or closed in the period.
--   Cases closed in the period are judged by JG1 whatever their age.
-- source: the cases command (README.md, Command line): judgement not_yet for a case too young
--   to judge (judgement_min_open_days)

with

windows as (select * from windows),

cases as (select * from cases),

management_entries as (
    select * from management_entries
    where author_is_manager or $any_author_counts
),

young_cases as (
    select windows.as_of_date, windows.from_date, cases.case_id, cases.start_date
    from windows
    inner join cases
        on cases.start_date <= windows.as_of_date
        and cases.start_date > windows.as_of_date - $judgement_min_open_days
        and (cases.end_date is null or cases.end_date > windows.as_of_date)
),

latest_entry as (
    select young_cases.as_of_date, young_cases.case_id, max(management_entries.entry_date) as latest_entry_date
    from young_cases
    inner join management_entries
        on young_cases.case_id = management_entries.case_id
        and management_entries.entry_date <= young_cases.as_of_date
        and management_entries.recorded_date <= young_cases.as_of_date
    group by all
)

select
    young_cases.as_of_date,
    young_cases.case_id,
    cast(null as varchar) as staff_id,
    young_cases.case_id as item_id,
    young_cases.as_of_date as item_date,
    cast(null as boolean) as in_numerator,
    'not_yet' as judgement,
    young_cases.start_date as window_start,
    young_cases.as_of_date as window_end,
    latest_entry.latest_entry_date,
    young_cases.as_of_date - coalesce(latest_entry.latest_entry_date, young_cases.start_date)
        as days_since_management_entry
from young_cases
left join latest_entry
    on young_cases.as_of_date = latest_entry.as_of_date
    and young_cases.case_id = latest_entry.case_id
