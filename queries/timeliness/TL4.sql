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

-- stages whose countersign_working_days have run out by D (the macro stages_due_by, as FP4)
judged as (
    select *, coalesce(countersigned_date <= deadline_date, false) as in_numerator
    from stages_due_by($countersign_working_days)
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
