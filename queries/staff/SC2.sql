-- id: SC2
-- title: New cases allocated within capacity
-- question: Are new cases allocated to someone with capacity?
-- definition: For each allocation in the period (each allocations row's from_date; for a case
--   with no allocations rows, its allocated_date to its case manager): the share where the new
--   case manager's caseload at the end of the day before, plus this case, was within their
--   capacity of {caseload_max} cases per full-time post, times their fte (1 when empty).
-- population: Allocations dated in the period (from <= date <= D): allocations rows by
--   from_date, and cases without allocations rows by allocated_date (start_date when empty).
-- met: The new case manager's caseload at the end of the day before (cases open that day they
--   held, as SC1 counts them, this case left out) plus 1 <= {caseload_max} x fte.
-- threshold: {caseload_max:unit} per full-time post (caseload_max), as SC1
-- source: 000 §5 (good management oversight starts with case allocation)
-- level: item
-- direction: higher
-- requires:

with

windows as (select * from windows),

cases as (select * from cases),

allocations as (select * from allocations),

staff as (select * from staff),

holder_spans as (select * from holder_spans),

new_allocations as (
    select case_id, staff_id, from_date as allocated_date, true as from_allocations
    from allocations
    union all
    select case_id, case_manager_id as staff_id, coalesce(allocated_date, start_date) as allocated_date,
        false as from_allocations
    from cases
    where case_id not in (select case_id from allocations)
),

in_period as (
    select windows.as_of_date, new_allocations.*
    from windows
    inner join new_allocations
        on new_allocations.allocated_date between windows.from_date and windows.as_of_date
),

-- the other cases the new case manager held at the end of the day before
held_before as (
    select in_period.as_of_date, in_period.case_id, in_period.staff_id, in_period.allocated_date,
        count(distinct holder_spans.case_id) as caseload_before
    from in_period
    inner join holder_spans
        on in_period.staff_id = holder_spans.staff_id
        and holder_spans.case_id <> in_period.case_id
        and holder_spans.held_from <= in_period.allocated_date - 1
        and (holder_spans.held_to is null or holder_spans.held_to >= in_period.allocated_date - 1)
    group by all
),

judged as (
    select
        in_period.*,
        coalesce(held_before.caseload_before, 0) as caseload_before,
        coalesce(held_before.caseload_before, 0) + 1 as caseload_with_case,
        caseload_capacity($caseload_max, staff.fte) as capacity,
        coalesce(staff.fte, 1) as fte
    from in_period
    left join held_before
        on in_period.as_of_date = held_before.as_of_date
        and in_period.case_id = held_before.case_id
        and in_period.staff_id = held_before.staff_id
        and in_period.allocated_date = held_before.allocated_date
    left join staff on in_period.staff_id = staff.staff_id
)

select
    as_of_date,
    case_id,
    cast(null as varchar) as staff_id,
    case_id || ' ' || staff_id || ' ' || strftime(allocated_date, '%Y-%m-%d') as item_id,
    allocated_date as item_date,
    caseload_with_case <= capacity as in_numerator,
    case
        when caseload_with_case > capacity
            then 'allocated to ' || staff_id || ' with ' || caseload_before || ' open cases already, capacity '
                || printf('%g', capacity)
    end as gap,
    case when caseload_with_case > capacity then allocated_date end as since_date,
    staff_id as new_case_manager_id,
    caseload_before,
    capacity,
    fte,
    from_allocations
from judged
