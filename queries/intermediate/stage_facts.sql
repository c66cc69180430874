-- name: stage_facts
-- description: Every completed assessment stage with its countersignature: who signed and
--   when, and how many working days it took (a countersignature dated before completion, a
--   data error the load warns of, took none). Indicators read a countersignature dated after D
--   as not yet given. Built once per load.
--   case_key: the case's whole-number key (keyed_cases), for JG1's joins.
-- source: Oversight's conventions ("Working days"); data contract, assessments

with

assessments as (select * from assessments where completed_date is not null)

select
    assessment_id,
    case_id,
    stage,
    started_date,
    completed_date,
    countersigned_date,
    countersigned_by,
    case
        when countersigned_date is not null
            then greatest(working_days_between(completed_date, countersigned_date), 0)
    end as working_days_to_countersign,
    rosh,
    swb,
    keyed_cases.case_key
from assessments
left join keyed_cases using (case_id)
