-- id: DR3
-- title: Assessment up to date
-- question: Is the assessment up to date?
-- definition: The share of open AssetPlus cases with a completed assessment stage whose latest
--   completed stage is within the last {assessment_max_age_days} days of D.
-- population: Cases open on D, of a disposal AssetPlus applies to, with a stage completed on or
--   before D.
-- met: The latest stage completed on or before D has D - {assessment_max_age_days} <
--   completed_date.
-- threshold: {assessment_max_age_days:unit} (assessment_max_age_days); AssetPlus disposals
--   (assetplus_disposals)
-- source: 004
-- level: case
-- direction: higher
-- requires: assessments

with

assessments as (select * from assessments),

latest_stage as (
    select
        open_cases.as_of_date,
        open_cases.case_id,
        max(assessments.completed_date) as latest_stage_date,
        count(*) as stages_completed
    from open_cases_on(0) as open_cases
    inner join assessments
        on open_cases.case_id = assessments.case_id
        and assessments.completed_date <= open_cases.as_of_date
    where list_contains($assetplus_disposals, open_cases.disposal)
    group by all
)

select
    as_of_date,
    case_id,
    cast(null as varchar) as staff_id,
    case_id as item_id,
    as_of_date as item_date,
    latest_stage_date > as_of_date - $assessment_max_age_days as in_numerator,
    case
        when latest_stage_date <= as_of_date - $assessment_max_age_days then
            'latest stage completed ' || (as_of_date - latest_stage_date) || ' days ago'
    end as gap,
    latest_stage_date as since_date,
    latest_stage_date,
    as_of_date - latest_stage_date as days_since_stage,
    stages_completed
from latest_stage
