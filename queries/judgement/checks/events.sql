-- Events (TL6): trigger events notified in the window (queries/intermediate/event_facts.sql)
-- whose event_response_working_days ran out by D, answered by a management entry from the
-- notified day to that deadline. An unanswered serious incident or safeguarding concern is
-- critical.
-- source: Oversight's case judgement (JG1), checking the rule of TL6

with

items as (
    select
        windows_rated.as_of_date,
        windows_rated.case_key,
        events.event_id,
        events.event_type,
        events.notified_date,
        add_working_days(events.notified_date, $event_response_working_days) as deadline_date
    from windows_rated
    inner join event_facts as events
        on windows_rated.case_key = events.case_key
        and events.notified_date between windows_rated.window_start and windows_rated.window_end
    where list_contains($trigger_event_types, events.event_type)
        and add_working_days(events.notified_date, $event_response_working_days) <= windows_rated.as_of_date
),

-- answered by the first management entry from the notified day (first_entry_since's rule, read
-- from the entries JG1 has already found for each window: those up to D)
answers as (
    select
        *,
        coalesce((
            select min(entries.entry_date)
            from entries_to_d as entries
            where entries.as_of_date = items.as_of_date
                and entries.case_key = items.case_key
                and entries.entry_date >= items.notified_date
        ) > deadline_date, true) as fails
    from items
),

critical as (
    select *, fails and event_type in ('serious_incident', 'safeguarding_concern') as critical
    from answers
),

-- one row per case: the event shown is a failing one if any, a critical one first (any one
-- critical event makes the check critical), the earliest notified, then by id
counted as (
    select
        as_of_date,
        case_key,
        count(*) filter (where fails) as failing,
        count(*) as total,
        bool_or(critical) as critical,
        arg_min(
            {'notified_date': notified_date, 'event_type': event_type},
            (not fails, not critical, notified_date, event_id)
        ) as shown
    from critical
    group by all
)

select
    as_of_date,
    case_key,
    failing > 0 as failed,
    critical,
    true as has_evidence,
    case when failing > 0 then concat(
        'EVENT_UNANSWERED', case when critical then '_CRITICAL' end,
        ' ', shown.notified_date, ' (', shown.event_type,
        case when failing > 1 then concat(', ', failing - 1, ' more') end, ')'
    ) end as reason,
    case when failing > 0 then shown.notified_date end as reason_since,
    concat('EVENTS_ANSWERED (', total, case when total = 1 then ' event)' else ' events)' end) as strength
from counted
