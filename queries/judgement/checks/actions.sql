-- Actions (DR2): actions due in the window, with the action_confirm_working_days to confirm
-- run out by D, completed by their due date and confirmed in time; a completion or
-- confirmation after D has not happened yet.
-- source: Oversight's case judgement (JG1), checking the rule of DR2

with

items as (
    select
        windows_rated.as_of_date,
        windows_rated.case_key,
        actions.action_id,
        actions.due_on,
        case when actions.completed_date <= windows_rated.as_of_date then actions.completed_date end
            as completed_date,
        case when actions.confirmed_date <= windows_rated.as_of_date then actions.confirmed_date end
            as confirmed_date
    from windows_rated
    inner join actions
        on windows_rated.case_id = actions.case_id
        and actions.due_on between windows_rated.window_start and windows_rated.window_end
        and actions.set_date <= windows_rated.as_of_date
    where add_working_days(actions.due_on, $action_confirm_working_days) <= windows_rated.as_of_date
),

results as (
    select
        *,
        case
            when completed_date is null or completed_date > due_on then 'not completed by its due date'
            when confirmed_date is null
                or confirmed_date > add_working_days(completed_date, $action_confirm_working_days)
                then 'completed, not confirmed in time'
        end as failure
    from items
),

-- one row per case: the action shown is a failing one if any, the earliest due, then by id (an
-- aggregate, not a ranking window: far cheaper on a large extract)
counted as (
    select
        as_of_date,
        case_key,
        count(*) filter (where failure is not null) as failing,
        count(*) as total,
        arg_min({'due_on': due_on, 'failure': failure}, (failure is null, due_on, action_id)) as shown
    from results
    group by all
)

select
    as_of_date,
    case_key,
    failing > 0 as failed,
    false as critical,
    true as has_evidence,
    case when failing > 0 then concat(
        'ACTIONS_NOT_FOLLOWED_UP ', shown.due_on, ' (', shown.failure,
        case when failing > 1 then concat(', ', failing - 1, ' more') end, ')'
    ) end as reason,
    case when failing > 0 then shown.due_on end as reason_since,
    concat('ACTIONS_FOLLOWED_UP (', total, case when total = 1 then ' action)' else ' actions)' end) as strength
from counted
