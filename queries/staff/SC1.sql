-- id: SC1
-- title: Caseloads within capacity
-- question: Are caseloads within capacity?
-- definition: For each member of staff who is case manager, on D, of at least one case open on
--   D: the share whose caseload is within their capacity of {caseload_max} cases per full-time
--   post, times their fte (1 when empty).
-- population: Staff who hold, on D, at least one case open on D: the case manager allocated
--   that day where allocations are loaded (a day no allocation covers counts for the case's
--   current case manager), else cases.case_manager_id. Each case counts once, whatever its
--   disposal.
-- met: Caseload (cases open on D held on D) <= {caseload_max} x fte. The list shows the
--   caseload, the raised-risk cases among them and the capacity.
-- threshold: {caseload_max:unit} per full-time post (caseload_max)
-- source: 000 §5 (cases are allocated to staff with appropriate skills and experience and
--   caseload capacity); the inspectorate looks at workloads
-- level: staff
-- direction: higher
-- requires:

with

staff as (select * from staff),

caseloads as (select * from caseloads_on_d()),

judged as (
    select
        caseloads.*,
        staff.role,
        staff.fte,
        caseload_capacity($caseload_max, staff.fte) as capacity
    from caseloads
    left join staff on caseloads.staff_id = staff.staff_id
)

select
    as_of_date,
    cast(null as varchar) as case_id,
    staff_id,
    staff_id as item_id,
    as_of_date as item_date,
    caseload <= capacity as in_numerator,
    case
        when caseload > capacity
            then caseload || ' open cases, over a capacity of ' || printf('%g', capacity)
    end as gap,
    cast(null as date) as since_date,
    caseload,
    raised_risk_cases,
    capacity,
    coalesce(fte, 1) as fte,
    role as staff_role
from judged
