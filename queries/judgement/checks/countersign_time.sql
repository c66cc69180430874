-- Countersigned in time (TL4): each stage of the window countersigned by D, within
-- countersign_working_days of completion; a stage never countersigned fails FP4's check only.
-- source: Oversight's case judgement (JG1), checking the rule of TL4

with

items as (
    select
        *,
        countersigned_date > add_working_days(completed_date, $countersign_working_days) as fails,
        working_days_to_countersign as taken_working_days
    from window_stages
    where countersigned_date is not null
),

ranked as (
    select
        *,
        fails and taken_working_days > $critical_working_days as critical,
        row_number() over (
            partition by as_of_date, case_id order by fails desc, taken_working_days desc, assessment_id
        ) as rank,
        count(*) filter (where fails) over (partition by as_of_date, case_id) as failing,
        count(*) over (partition by as_of_date, case_id) as total
    from items
)

select
    as_of_date,
    case_id,
    fails as failed,
    critical,
    true as has_evidence,
    case when fails then concat(
        'COUNTERSIGN_LATE', case when critical then '_CRITICAL' end,
        ' ', completed_date, '..', countersigned_date, ' (', stage, ', ', taken_working_days, ' working days',
        case when failing > 1 then concat(', ', failing - 1, ' more') end, ')'
    ) end as reason,
    case when fails then completed_date end as reason_since,
    concat('COUNTERSIGNED_ON_TIME (', total, case when total = 1 then ' stage)' else ' stages)' end) as strength
from ranked
where rank = 1
