-- id: FP4
-- title: Every assessment stage countersigned
-- question: Is every assessment stage countersigned?
-- definition: The share of completed AssetPlus stages (every stage type, whatever the ratings)
--   that a manager has countersigned.
-- population: Stages with completed_date in the period and at least {countersign_working_days:unit}
--   before D (the {countersign_working_days:th} working day after completion is on or before D).
-- met: countersigned_date present and on or before D (a countersignature after D does not count
--   on D).
-- threshold: All stages, whatever the ratings; waits {countersign_working_days:unit}
--   (countersign_working_days)
-- source: 004
-- level: case
-- direction: higher
-- requires: assessments

with

windows as (select * from windows),

cases as (select * from cases),

assessments as (select * from assessments where completed_date is not null),

stages_in_period as (
    select
        windows.as_of_date,
        assessments.case_id,
        assessments.assessment_id,
        assessments.stage,
        assessments.started_date,
        assessments.completed_date,
        -- a countersignature after D is not known on D
        case
            when assessments.countersigned_date <= windows.as_of_date then assessments.countersigned_date
        end as countersigned_date,
        case
            when assessments.countersigned_date <= windows.as_of_date then assessments.countersigned_by
        end as countersigned_by,
        add_working_days(assessments.completed_date, $countersign_working_days) as wait_until_date
    from windows
    inner join assessments
        on assessments.completed_date between windows.from_date and windows.as_of_date
    inner join cases
        on assessments.case_id = cases.case_id
        and cases.start_date <= windows.as_of_date
),

judged as (
    select
        *,
        countersigned_date is not null as in_numerator,
        working_days_between(completed_date, as_of_date) as working_days_since_completion
    from stages_in_period
    where wait_until_date <= as_of_date
)

select
    as_of_date,
    case_id,
    cast(null as varchar) as staff_id,
    assessment_id as item_id,
    as_of_date as item_date,
    in_numerator,
    case
        when not in_numerator
            then stage || ' stage not countersigned, ' || working_days_since_completion
                || ' working days since completion'
    end as gap,
    completed_date as since_date,
    stage,
    started_date,
    completed_date,
    countersigned_date,
    countersigned_by,
    working_days_since_completion
from judged
