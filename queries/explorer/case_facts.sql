-- name: case facts
-- description: The one-line header of a case on the explorer: who holds it, since when,
--   and the child's reference (never a name: the contract holds none).
--   With $allowed_staff (a signed-in person's scope) only a case any of them has held (the macro
--   cases_in_scope); a case outside it gives no row, exactly like one that does not exist.
-- source: the data contract (cases, children, staff)

with

cases as (
    select * from cases
    where case_id = $case_id
        and ($allowed_staff::varchar[] is null
            or case_id in (select case_id from cases_in_scope($allowed_staff::varchar[])))
),

children as (select * from children),

staff as (select * from staff)

select
    cases.case_id,
    cases.child_id,
    cases.disposal,
    cases.team,
    cases.start_date,
    cases.allocated_date,
    cases.end_date,
    cases.case_manager_id,
    case_manager.name as case_manager_name,
    case_manager.line_manager_id,
    line_manager.name as line_manager_name,
    children.sex,
    children.ethnicity,
    children.looked_after,
    date_sub('year', children.date_of_birth, cast($as_of_date as date)) as age_at_d
from cases
left join children on cases.child_id = children.child_id
left join staff as case_manager on cases.case_manager_id = case_manager.staff_id
left join staff as line_manager on case_manager.line_manager_id = line_manager.staff_id
