-- id: RC3
-- title: Risk known to the manager
-- question: Does the manager know the risk?
-- definition: The share of open AssetPlus cases past the first assessment's due date that have
--   an assessment stage countersigned by a manager with both RoSH and safety and wellbeing
--   rated.
-- population: Cases open on D whose start_date is at least {first_assessment_working_days:unit}
--   before D (the {first_assessment_working_days:th} working day after start_date is on or before
--   D), of a disposal AssetPlus applies to.
-- met: A stage of the case countersigned on or before D that rates both RoSH and safety and
--   wellbeing (a countersignature after D does not count yet).
-- threshold: {first_assessment_working_days:unit}' wait (first_assessment_working_days); AssetPlus
--   disposals (assetplus_disposals)
-- source: 002 level 1, 004
-- level: case
-- direction: higher
-- requires: assessments

with

windows as (select * from windows),

cases as (
    select
        case_id,
        start_date,
        end_date,
        add_working_days(start_date, $first_assessment_working_days) as first_assessment_due_date
    from cases
    where list_contains($assetplus_disposals, disposal)
),

assessments as (select * from assessments),

eligible_cases as (
    select windows.as_of_date, cases.*
    from windows
    inner join cases
        on cases.first_assessment_due_date <= windows.as_of_date
        and (cases.end_date is null or cases.end_date >= windows.as_of_date)
),

-- each case's stages as D stood: how many completed and countersigned, and the latest
-- countersigned one that rates both (a case with no stage has none of each)
staged as (
    select
        eligible_cases.*,
        count(*) filter (where assessments.completed_date <= eligible_cases.as_of_date) as stages_completed,
        count(*) filter (where assessments.countersigned_date <= eligible_cases.as_of_date) as stages_countersigned,
        max(assessments.countersigned_date) filter (
            where assessments.countersigned_date <= eligible_cases.as_of_date
                and assessments.rosh is not null
                and assessments.swb is not null
        ) as latest_rated_countersigned_date
    from eligible_cases
    left join assessments on eligible_cases.case_id = assessments.case_id
    group by all
),

judged as (select *, latest_rated_countersigned_date is not null as in_numerator from staged)

select
    as_of_date,
    case_id,
    cast(null as varchar) as staff_id,
    case_id as item_id,
    as_of_date as item_date,
    in_numerator,
    case
        when in_numerator then null
        when stages_countersigned > 0 then 'no countersigned stage rates both RoSH and safety and wellbeing'
        when stages_completed > 0 then 'no stage countersigned'
        else 'no stage completed'
    end as gap,
    coalesce(latest_rated_countersigned_date, first_assessment_due_date) as since_date,
    start_date,
    first_assessment_due_date,
    stages_completed,
    stages_countersigned,
    latest_rated_countersigned_date
from judged
