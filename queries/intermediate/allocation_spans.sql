-- name: allocation_spans
-- description: allocation_history as spans of days: each allocation from its from_date up to,
--   not including, valid_to (the case's next allocation's from_date; null for the latest), with
--   the holder's team. The allocation on day t is the span with from_date <= t < valid_to, a
--   range join in place of an ASOF join; whether it still covered t is to_date's to say
--   (queries/dimensions.sql). Built once per load.
-- source: data contract, allocations

with

allocation_history as (select * from allocation_history),

staff as (select * from staff)

select
    allocation_history.case_id,
    allocation_history.staff_id,
    allocation_history.from_date,
    lead(allocation_history.from_date) over (
        partition by allocation_history.case_id order by allocation_history.from_date
    ) as valid_to,
    allocation_history.to_date,
    allocation_history.from_allocations,
    staff.team as holder_team
from allocation_history
left join staff on allocation_history.staff_id = staff.staff_id
