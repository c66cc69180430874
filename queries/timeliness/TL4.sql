-- id: TL4
-- title: Countersignature within {countersign_working_days:unit}
-- question: Is countersignature timely?
-- definition: The share of completed AssetPlus stages countersigned within
--   {countersign_working_days:unit} of completion (the day the practitioner submitted the stage);
--   beside it, the median working days to countersign.
-- population: Stages with completed_date in the period and at least {countersign_working_days:unit}
--   before D (the {countersign_working_days:th} working day after completion is on or before D).
-- met: countersigned_date on or before the {countersign_working_days:th} working day after
--   completed_date (weekends and England and Wales bank holidays skipped); a stage not
--   countersigned by D is not met.
-- threshold: {countersign_working_days:unit} (countersign_working_days; a local choice)
-- source: 002 examples three and four
-- level: item
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
        add_working_days(assessments.completed_date, $countersign_working_days) as deadline_date
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
        coalesce(countersigned_date <= deadline_date, false) as in_numerator,
        -- a countersignature dated before completion (a data error the load warns of) took no time
        case
            when countersigned_date is not null
                then greatest(working_days_between(completed_date, countersigned_date), 0)
        end as working_days_to_countersign,
        working_days_between(completed_date, as_of_date) as working_days_since_completion
    from stages_in_period
    where deadline_date <= as_of_date
)

select
    as_of_date,
    case_id,
    cast(null as varchar) as staff_id,
    assessment_id as item_id,
    completed_date as item_date,
    in_numerator,
    case
        when countersigned_date is null
            then stage || ' stage not countersigned, ' || working_days_since_completion
                || ' working days since completion'
        when not in_numerator
            then 'countersigned ' || working_days_to_countersign || ' working days after completion (limit '
                || $countersign_working_days || ')'
    end as gap,
    completed_date as since_date,
    stage,
    started_date,
    completed_date,
    deadline_date,
    countersigned_date,
    countersigned_by,
    working_days_to_countersign
from judged
