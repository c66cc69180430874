-- Assessment up to date (DR3), at the window's end: the latest completed stage no more than
-- assessment_max_age_days old, where AssetPlus applies.
-- source: Oversight's case judgement (JG1), checking the rule of DR3

with

latest_stage as (
    select
        windows_rated.as_of_date,
        windows_rated.case_key,
        windows_rated.window_end,
        max(stages.completed_date) as latest_completed_date
    from windows_rated
    inner join stage_facts as stages
        on windows_rated.case_key = stages.case_key
        and stages.completed_date <= windows_rated.window_end
    where windows_rated.assetplus_applies
    group by all
),

items as (
    select *, window_end - latest_completed_date > $assessment_max_age_days as fails
    from latest_stage
)

select
    as_of_date,
    case_key,
    fails as failed,
    false as critical,
    true as has_evidence,
    case when fails then concat(
        'ASSESSMENT_OUT_OF_DATE ', latest_completed_date, '..', window_end,
        ' (', window_end - latest_completed_date, ' days)'
    ) end as reason,
    case when fails then latest_completed_date end as reason_since,
    concat('ASSESSMENT_UP_TO_DATE (', latest_completed_date, ')') as strength
from items
