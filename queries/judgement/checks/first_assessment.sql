-- First assessment (TL5): the first stage other than a PSR (queries/intermediate/
-- first_stages.sql) completed within first_assessment_working_days of the start; judged once,
-- in the window holding that last working day, where AssetPlus applies.
-- source: Oversight's case judgement (JG1), checking the rule of TL5

with

due as (
    select
        windows_rated.*,
        add_working_days(windows_rated.start_date, $first_assessment_working_days) as deadline_date,
        -- a first stage completed after D is not known yet on D
        case when first_stages.first_completed_date <= windows_rated.as_of_date
            then first_stages.first_completed_date end as first_completed_date
    from windows_rated
    left join first_stages on windows_rated.case_id = first_stages.case_id
    where windows_rated.assetplus_applies
),

items as (
    select
        *,
        coalesce(first_completed_date > deadline_date, true) as fails,
        working_days_between(start_date, coalesce(first_completed_date, window_end)) as taken_working_days
    from due
    where deadline_date between window_start and window_end
)

select
    as_of_date,
    case_key,
    fails as failed,
    fails and taken_working_days > $critical_working_days as critical,
    true as has_evidence,
    case when fails then concat(
        'FIRST_ASSESSMENT_LATE',
        case when taken_working_days > $critical_working_days then '_CRITICAL' end,
        ' ', start_date, '..', coalesce(first_completed_date, window_end), ' (',
        case when first_completed_date is null then 'not completed, ' end,
        taken_working_days, ' working days)'
    ) end as reason,
    case when fails then start_date end as reason_since,
    concat('FIRST_ASSESSMENT_ON_TIME (', first_completed_date, ')') as strength
from items
