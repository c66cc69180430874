-- name: not_yet
-- description: Cases open on D that are too young to judge (start_date > D - 91), in the shape
--   of JG1's rows so the cases list holds every case open on D or closed in the period.
--   Cases closed in the period are judged by JG1 whatever their age.
-- source: the cases command (README.md, Command line): judgement not_yet for a case too young
--   to judge (judgement_min_open_days)

with

windows as (select * from windows),

cases as (select * from cases),

young_cases as (
    select
        windows.as_of_date,
        cases.case_id,
        cases.start_date,
        latest_entry_by(cases.case_id, windows.as_of_date, windows.as_of_date, $any_author_counts)
            as latest_entry_date
    from windows
    inner join cases
        on cases.start_date <= windows.as_of_date
        and cases.start_date > windows.as_of_date - $judgement_min_open_days
        and (cases.end_date is null or cases.end_date > windows.as_of_date)
)

select
    as_of_date,
    case_id,
    cast(null as varchar) as staff_id,
    case_id as item_id,
    as_of_date as item_date,
    cast(null as boolean) as in_numerator,
    'not_yet' as judgement,
    start_date as window_start,
    as_of_date as window_end,
    latest_entry_date,
    as_of_date - coalesce(latest_entry_date, start_date) as days_since_management_entry
from young_cases
