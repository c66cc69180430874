-- name: holder_spans
-- description: Who held each case on each day it was open, as spans of days from held_from to
--   held_to (both included; held_to null while open): the allocation covering the day
--   (allocation_spans), and the case's current case manager on any day no allocation covers,
--   exactly as queries/dimensions.sql attributes an item. A person's caseload on day t is the
--   number of spans of theirs containing t (SC1, SC2). Built once per load.
-- source: data contract (allocations: a day no allocation covers counts for the current case
--   manager); Oversight's conventions (open case)

with

cases as (select * from cases),

allocation_spans as (select * from allocation_spans),

-- the days each allocation covers: from its from_date to the day before the next one starts,
-- and no later than its to_date
covered as (
    select
        case_id,
        staff_id,
        from_date as covered_from,
        case
            when valid_to is null then to_date
            when to_date is null then valid_to - 1
            else least(to_date, valid_to - 1)
        end as covered_to,
        valid_to
    from allocation_spans
    -- two allocations from the same day: the later one's span wins (the other covers no day)
    where valid_to is null or valid_to > from_date
),

-- the days no allocation covers: before the first, and from a to_date to the next from_date
uncovered as (
    select cases.case_id, cases.case_manager_id as staff_id, cases.start_date as gap_from,
        min(covered.covered_from) - 1 as gap_to
    from cases
    inner join covered on cases.case_id = covered.case_id
    group by all
    having min(covered.covered_from) > cases.start_date
    union all
    select covered.case_id, cases.case_manager_id as staff_id, covered.covered_to + 1 as gap_from,
        covered.valid_to - 1 as gap_to
    from covered
    inner join cases on covered.case_id = cases.case_id
    where covered.covered_to is not null
        and (covered.valid_to is null or covered.covered_to + 1 < covered.valid_to)
),

spans as (
    select case_id, staff_id, covered_from as span_from, covered_to as span_to from covered
    union all
    select case_id, staff_id, gap_from, gap_to from uncovered
    union all
    -- a case with no allocation at all (allocation_history gives each case one, so this is a guard)
    select case_id, case_manager_id, start_date, cast(null as date) from cases
    where case_id not in (select case_id from covered)
),

-- each span within the days the case was open
clipped as (
    select
        spans.case_id,
        spans.staff_id,
        greatest(spans.span_from, cases.start_date) as held_from,
        case
            when spans.span_to is null then cases.end_date
            when cases.end_date is null then spans.span_to
            else least(spans.span_to, cases.end_date)
        end as held_to
    from spans
    inner join cases on spans.case_id = cases.case_id
)

select case_id, staff_id, held_from, held_to
from clipped
where held_to is null or held_from <= held_to
