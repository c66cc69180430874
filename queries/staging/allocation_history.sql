-- name: allocation_history
-- description: Who held each case when. From the allocations table where it has rows for the
--   case; otherwise the case's current case manager from its start. A day an allocation does
--   not cover falls back to the current case manager (see queries/dimensions.sql).
-- source: the data contract (allocations)

with

allocations as (select * from allocations),

cases as (select * from cases),

without_history as (
    select
        case_id,
        case_manager_id as staff_id,
        start_date as from_date,
        cast(null as date) as to_date,
        false as from_allocations
    from cases
    where case_id not in (select case_id from allocations)
)

select case_id, staff_id, from_date, to_date, true as from_allocations from allocations
union all
select case_id, staff_id, from_date, to_date, from_allocations from without_history
