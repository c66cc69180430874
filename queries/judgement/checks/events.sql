-- Events (TL6): trigger events notified in the window (queries/intermediate/event_facts.sql)
-- whose event_response_working_days ran out by D, answered by a management entry from the
-- notified day to that deadline. An unanswered serious incident or safeguarding concern is
-- critical.
-- source: Oversight's case judgement (JG1), checking the rule of TL6

with

items as (
    select
        windows_rated.as_of_date,
        windows_rated.case_id,
        events.event_id,
        events.event_type,
        events.notified_date,
        add_working_days(events.notified_date, $event_response_working_days) as deadline_date
    from windows_rated
    inner join event_facts as events
        on windows_rated.case_id = events.case_id
        and events.notified_date between windows_rated.window_start and windows_rated.window_end
    where list_contains($trigger_event_types, events.event_type)
        and add_working_days(events.notified_date, $event_response_working_days) <= windows_rated.as_of_date
),

answers as (
    select
        *,
        coalesce(
            first_entry_since(case_id, notified_date, as_of_date, $any_author_counts) > deadline_date, true
        ) as fails
    from items
),

ranked as (
    select
        *,
        -- any one critical event makes the check critical, so rank them first
        fails and event_type in ('serious_incident', 'safeguarding_concern') as critical,
        row_number() over (
            partition by as_of_date, case_id
            order by fails desc,
                (fails and event_type in ('serious_incident', 'safeguarding_concern')) desc,
                notified_date, event_id
        ) as rank,
        count(*) filter (where fails) over (partition by as_of_date, case_id) as failing,
        count(*) over (partition by as_of_date, case_id) as total
    from answers
)

select
    as_of_date,
    case_id,
    fails as failed,
    critical,
    true as has_evidence,
    case when fails then concat(
        'EVENT_UNANSWERED', case when critical then '_CRITICAL' end,
        ' ', notified_date, ' (', event_type,
        case when failing > 1 then concat(', ', failing - 1, ' more') end, ')'
    ) end as reason,
    case when fails then notified_date end as reason_since,
    concat('EVENTS_ANSWERED (', total, case when total = 1 then ' event)' else ' events)' end) as strength
from ranked
where rank = 1
