-- Countersigned (FP4): stages completed in the window whose countersign_working_days ran out
-- by the window's end, each countersigned by D.
-- source: Oversight's case judgement (JG1), checking the rule of FP4

with

items as (
    select
        *,
        countersigned_date is null as fails,
        working_days_between(completed_date, window_end) as waited_working_days
    from window_stages
    where add_working_days(completed_date, $countersign_working_days) <= window_end
),

ranked as (
    select
        *,
        fails and waited_working_days > $critical_working_days as critical,
        row_number() over (
            partition by as_of_date, case_id order by fails desc, completed_date, assessment_id
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
        'NOT_COUNTERSIGNED', case when critical then '_CRITICAL' end,
        ' ', completed_date, '..', window_end, ' (', stage, ', ', waited_working_days, ' working days',
        case when failing > 1 then concat(', ', failing - 1, ' more') end, ')'
    ) end as reason,
    case when fails then completed_date end as reason_since,
    concat('ALL_COUNTERSIGNED (', total, case when total = 1 then ' stage)' else ' stages)' end) as strength
from ranked
where rank = 1
