-- id: DR4
-- title: Unbroken chain of supervision
-- question: Is the chain of supervision unbroken?
-- definition: For each member of staff holding cases, every specialist worker, and every
--   manager above them up the line, each whole calendar month in the period: the share who had
--   a formal one-to-one supervision that month, and whose managers up the line each had one
--   too. A manager without one breaks the chain for everyone below. A month in which the person
--   was absent on more than half its working days is excused.
-- population: (staff member, whole calendar month in the period) for staff holding a case open
--   in that month, every specialist employed that month whether or not they hold cases, and
--   every manager above them by line_manager_id, up to but not including the most senior post
--   in the extract (the highest role held). A person counts in a month they were employed for
--   the whole of; staff with no employment dates count as employed. A month in which the
--   person was absent (absences, from_date to to_date both included, no to_date: to D) on more
--   than half of its working days is excused: out of the population even where a session took
--   place, and listed as excused (exactly half is not excused).
-- met: A supervision session of kind formal_1to1 (or no kind given) dated in that month with
--   the person as supervisee, with any supervisor (cover during a line manager's absence
--   counts), and one for every manager above them (below the most senior post, employed that
--   month, not excused that month: an excused manager does not break the chain below).
-- threshold: calendar month
-- source: 001 (every case-holder and every specialist worker, every calendar month; the chain up
--   to the Assistant Director; leave recorded), 004
-- level: staff
-- direction: higher
-- requires: supervisions

with recursive

cases as (select * from cases),

allocation_history as (select * from allocation_history),

supervisions as (select * from formal_supervisions()),

-- each member's role rank and whether theirs is the most senior post (the macro ranked_staff,
-- which DR4.extra shares)
ranked_staff as (select * from ranked_staff()),

months as (select * from whole_months_in_period()),

-- months a person was absent on more than half the working days of: out of the population
excused as (select * from excused_months()),

employed as (
    select months.*, ranked_staff.staff_id, ranked_staff.role, ranked_staff.line_manager_id
    from months
    inner join ranked_staff
        on (ranked_staff.start_date is null or ranked_staff.start_date <= months.month_start)
        and (ranked_staff.end_date is null or ranked_staff.end_date >= months.month_end)
        and not ranked_staff.is_most_senior
),

case_months as (
    select
        months.*,
        cases.case_id,
        cases.case_manager_id,
        greatest(cases.start_date, months.month_start) as open_from,
        least(coalesce(cases.end_date, months.month_end), months.month_end) as open_to
    from months
    inner join cases
        on cases.start_date <= months.month_end
        and (cases.end_date is null or cases.end_date >= months.month_start)
),

allocated_holders as (
    select case_months.as_of_date, case_months.month_start, case_months.case_id, allocation_history.staff_id
    from case_months
    inner join allocation_history
        on case_months.case_id = allocation_history.case_id
        and allocation_history.from_date <= case_months.open_to
        and (allocation_history.to_date is null or allocation_history.to_date >= case_months.open_from)
),

holders as (
    select distinct as_of_date, month_start, staff_id from allocated_holders
    union
    -- every specialist worker employed that month, holding cases or not
    select as_of_date, month_start, staff_id from employed where role = 'specialist'
    union
    -- a case no allocation covers that month is held by its current case manager
    select case_months.as_of_date, case_months.month_start, case_months.case_manager_id as staff_id
    from case_months
    anti join allocated_holders using (as_of_date, month_start, case_id)
),

-- every manager above each member of staff, nearest first, stopping below the most senior
-- post; the path guards against a loop in line_manager_id
line as (
    select
        ranked_staff.staff_id,
        manager.staff_id as manager_id,
        1 as depth,
        [ranked_staff.staff_id, manager.staff_id] as path
    from ranked_staff
    inner join ranked_staff as manager
        on ranked_staff.line_manager_id = manager.staff_id
        and not manager.is_most_senior
    union all
    select
        line.staff_id,
        manager.staff_id as manager_id,
        line.depth + 1 as depth,
        list_append(line.path, manager.staff_id) as path
    from line
    inner join ranked_staff as member on line.manager_id = member.staff_id
    inner join ranked_staff as manager
        on member.line_manager_id = manager.staff_id
        and not manager.is_most_senior
        and not list_contains(line.path, manager.staff_id)
),

-- the case holders each month and every manager above them
holders_and_managers as (
    select as_of_date, month_start, staff_id from holders
    union
    select holders.as_of_date, holders.month_start, line.manager_id as staff_id
    from holders
    inner join line on holders.staff_id = line.staff_id
),

population as (
    select distinct employed.as_of_date, employed.month_start, employed.month_end, employed.staff_id,
        employed.role, employed.line_manager_id
    from employed
    semi join holders_and_managers using (as_of_date, month_start, staff_id)
    -- an excused month is out of the population; so an excused manager is no link in the chain
    anti join excused using (as_of_date, month_start, staff_id)
),

sessions as (
    select population.as_of_date, population.month_start, population.staff_id,
        max(supervisions.session_date) as session_date
    from population
    inner join supervisions
        on population.staff_id = supervisions.supervisee_id
        and supervisions.session_date between population.month_start and population.month_end
    group by all
),

with_sessions as (
    select
        population.*,
        sessions.session_date,
        sessions.session_date is not null as has_session
    from population
    left join sessions using (as_of_date, month_start, staff_id)
),

-- each member's managers that month, joined member-first: joining members to managers by
-- month before the line would pair everyone with everyone
member_lines as materialized (
    select member.as_of_date, member.month_start, member.staff_id, line.manager_id, line.depth
    from with_sessions as member
    inner join line on member.staff_id = line.staff_id
),

chain as (
    -- managers above each member that month; a manager not employed that month, or excused, is
    -- not a link
    select
        member_lines.as_of_date,
        member_lines.month_start,
        member_lines.staff_id,
        string_agg(manager.staff_id, ', ' order by member_lines.depth) as managers_above,
        string_agg(manager.staff_id, ', ' order by member_lines.depth) filter (where not manager.has_session)
            as broken_at
    from member_lines
    inner join with_sessions as manager
        on member_lines.as_of_date = manager.as_of_date
        and member_lines.month_start = manager.month_start
        and member_lines.manager_id = manager.staff_id
    group by all
),

judged as (
    select
        with_sessions.*,
        chain.managers_above,
        chain.broken_at,
        with_sessions.has_session and chain.broken_at is null as in_numerator
    from with_sessions
    left join chain using (as_of_date, month_start, staff_id)
)

select
    as_of_date,
    cast(null as varchar) as case_id,
    staff_id,
    staff_id || ' ' || strftime(month_start, '%Y-%m') as item_id,
    month_start as item_date,
    in_numerator,
    nullif(concat_ws('; ',
        case when not has_session then 'no formal 1:1 in ' || strftime(month_start, '%Y-%m') end,
        case when broken_at is not null then 'chain broken above: no formal 1:1 for ' || broken_at end
    ), '') as gap,
    month_start as since_date,
    month_start as supervision_month,
    role as staff_role,
    session_date as formal_session_date,
    managers_above,
    broken_at
from judged
