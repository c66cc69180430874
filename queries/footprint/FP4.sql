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

-- stages whose countersign_working_days have run out by D (the macro stages_due_by, as TL4)
judged as (
    select *, countersigned_date is not null as in_numerator
    from stages_due_by($countersign_working_days)
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
