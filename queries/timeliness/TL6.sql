-- id: TL6
-- title: Managers respond to significant events
-- question: Do managers respond to significant events?
-- definition: The share of trigger events ({trigger_event_types}) followed by a management
--   entry by the {event_response_working_days:th} working day after the service was notified.
-- population: Events of the trigger types (trigger_event_types) whose notification date
--   (notified_at, else occurred_at) is in the period and at least
--   {event_response_working_days:unit} before D (the {event_response_working_days:th} working day
--   after notification is on or before D). Events notified after D do not exist yet.
-- met: A management entry dated from the notification date to the {event_response_working_days:th}
--   working day after it (weekends and England and Wales bank holidays skipped), recorded by the
--   end of D.
-- threshold: {event_response_working_days:unit} (event_response_working_days)
-- source: 003 ("immediately"), 002 level 3
-- level: item
-- direction: higher
-- requires: events

with

windows as (select * from windows),

cases as (select * from cases),

events as (
    select *, cast(coalesce(notified_at, occurred_at) as date) as notified_date
    from events
    where list_contains($trigger_event_types, event_type)
),

management_entries as (
    select * from management_entries
    where author_is_manager or $any_author_counts
),

events_in_period as (
    select
        windows.as_of_date,
        events.case_id,
        events.event_id,
        events.event_type,
        cast(events.occurred_at as date) as occurred_date,
        events.notified_date,
        add_working_days(events.notified_date, $event_response_working_days) as deadline_date
    from windows
    inner join events
        on events.notified_date between windows.from_date and windows.as_of_date
    inner join cases
        on events.case_id = cases.case_id
        and cases.start_date <= windows.as_of_date
),

due_events as (
    select * from events_in_period
    where deadline_date <= as_of_date
),

first_response as (
    select
        due_events.as_of_date,
        due_events.event_id,
        min(management_entries.entry_date) as first_entry_date
    from due_events
    inner join management_entries
        on due_events.case_id = management_entries.case_id
        and management_entries.entry_date >= due_events.notified_date
        and management_entries.entry_date <= due_events.as_of_date
        and management_entries.recorded_date <= due_events.as_of_date
    group by all
),

judged as (
    select
        due_events.*,
        first_response.first_entry_date,
        coalesce(first_response.first_entry_date <= due_events.deadline_date, false) as in_numerator
    from due_events
    left join first_response
        on due_events.as_of_date = first_response.as_of_date
        and due_events.event_id = first_response.event_id
)

select
    as_of_date,
    case_id,
    cast(null as varchar) as staff_id,
    event_id as item_id,
    notified_date as item_date,
    in_numerator,
    case
        when not in_numerator
            then 'no management entry after the ' || replace(event_type, '_', ' ') || ' by '
                || strftime(deadline_date, '%d %b %Y')
    end as gap,
    notified_date as since_date,
    event_type,
    occurred_date,
    notified_date,
    deadline_date,
    first_entry_date
from judged
