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

events as (select * from event_facts where list_contains($trigger_event_types, event_type)),

due_events as (
    select
        windows.as_of_date,
        events.*,
        add_working_days(events.notified_date, $event_response_working_days) as deadline_date
    from windows
    inner join events
        on events.notified_date between windows.from_date and windows.as_of_date
    inner join cases
        on events.case_id = cases.case_id
        and cases.start_date <= windows.as_of_date
    where add_working_days(events.notified_date, $event_response_working_days) <= windows.as_of_date
),

-- the first management entry on or after the day the service knew of the event
answered as (
    select *, first_entry_since(case_id, notified_date, as_of_date, $any_author_counts) as first_entry_date
    from due_events
)

select
    as_of_date,
    case_id,
    cast(null as varchar) as staff_id,
    event_id as item_id,
    notified_date as item_date,
    coalesce(first_entry_date <= deadline_date, false) as in_numerator,
    case
        when not coalesce(first_entry_date <= deadline_date, false)
            then 'no management entry after the ' || replace(event_type, '_', ' ') || ' by '
                || strftime(deadline_date, '%d %b %Y')
    end as gap,
    notified_date as since_date,
    event_type,
    occurred_date,
    notified_date,
    deadline_date,
    first_entry_date
from answered
