-- name: filter options
-- description: The values each global filter offers, with a label to show: teams holding cases
--   and, for the whole service with supervisions loaded, the teams of the managers above them
--   (the chain of supervision counts managers who hold no case, and the breakdowns by team
--   show their teams), case managers holding cases, their line managers, disposals in use.
--   Staff appear by their display name and id (staff names are staff, not children). For
--   staff, `team` and `line_manager` let the sidebar offer only the people under a chosen team
--   or manager.
--   With $allowed_staff (a signed-in person's scope) only their cases' teams and the staff in
--   it: nobody outside the scope is offered, not even their own manager.
-- source: local choice

with recursive

cases as (select * from cases where ($allowed_staff::varchar[] is null or list_contains($allowed_staff::varchar[], case_manager_id))),

staff as (select * from staff),

allocations as (select * from allocations),

holders as (
    select case_manager_id as staff_id from cases
    union
    select staff_id from allocations where ($allowed_staff::varchar[] is null or list_contains($allowed_staff::varchar[], staff_id))
),

supervisions as (select * from supervisions),

-- the holders and every manager above them by line_manager_id
line_chain as (
    select staff_id from holders
    union
    select staff.line_manager_id
    from line_chain inner join staff on line_chain.staff_id = staff.staff_id
    where staff.line_manager_id is not null
),

options as (
    select distinct
        'team' as filter, team as value, team as label,
        cast(null as varchar) as team, cast(null as varchar) as line_manager
    from cases
    union
    select distinct 'team', staff.team, staff.team, null, null
    from holders inner join staff on holders.staff_id = staff.staff_id
    where staff.team is not null
    union
    -- for the whole service, with supervisions loaded, the teams of the managers up the line
    -- from the holders: the chain of supervision (a staff-level figure) counts them, so the
    -- breakdowns by team show their teams (a senior leadership team holding no case)
    select distinct 'team', staff.team, staff.team, null, null
    from line_chain inner join staff on line_chain.staff_id = staff.staff_id
    where staff.team is not null
        and $allowed_staff::varchar[] is null
        and exists (select 1 from supervisions)
    union
    select distinct
        'case_manager',
        holders.staff_id,
        coalesce(staff.name || ' (' || holders.staff_id || ')', holders.staff_id),
        staff.team,
        staff.line_manager_id
    from holders left join staff on holders.staff_id = staff.staff_id
    union
    select distinct
        'line_manager', manager.staff_id, manager.name || ' (' || manager.staff_id || ')', staff.team, null
    from holders
    inner join staff on holders.staff_id = staff.staff_id
    inner join staff as manager on staff.line_manager_id = manager.staff_id
    where ($allowed_staff::varchar[] is null or list_contains($allowed_staff::varchar[], manager.staff_id))
    union
    select distinct 'disposal', disposal, replace(disposal, '_', ' '), null, null from cases
)

select filter, value, label, team, line_manager
from options
where value is not null
order by filter, label
