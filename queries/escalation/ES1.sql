-- id: ES1
-- title: Heads of service oversee serious incidents
-- question: Does a head of service oversee serious incidents?
-- definition: The share of senior events ({senior_event_types}) followed by a management-category
--   note by a head-of-service role ({head_of_service_roles}) by the
--   {senior_event_response_working_days:th} working day after the service was notified.
-- population: Events of the senior event types (senior_event_types) whose notification date
--   (notified_at, else occurred_at) is in the period and at least
--   {senior_event_response_working_days:unit} before D (the
--   {senior_event_response_working_days:th} working day after notification is on or before D), on
--   cases started by D.
-- met: A management-category note (not a countersignature) on the same case by an author whose
--   role is a head-of-service role (head_of_service_roles), dated from the notification date to the
--   {senior_event_response_working_days:th} working day after it and recorded by the end of D.
-- threshold: {senior_event_response_working_days:unit} (senior_event_response_working_days)
-- source: 003 (HOS: serious incidents and rapid reviews; "immediately upon notification")
-- level: item
-- direction: higher
-- requires: events

with

windows as (select * from windows),

cases as (select * from cases),

events as (select * from event_facts where list_contains($senior_event_types, event_type)),

due_events as (
    select
        windows.as_of_date,
        events.*,
        add_working_days(events.notified_date, $senior_event_response_working_days) as deadline_date
    from windows
    inner join events
        on events.notified_date between windows.from_date and windows.as_of_date
    inner join cases
        on events.case_id = cases.case_id
        and cases.start_date <= windows.as_of_date
    where add_working_days(events.notified_date, $senior_event_response_working_days) <= windows.as_of_date
),

-- the first note by a head of service on or after the day the service knew of the event
answered as (
    select *, first_note_since(case_id, notified_date, as_of_date, $head_of_service_roles, false) as first_note_date
    from due_events
)

select
    as_of_date,
    case_id,
    cast(null as varchar) as staff_id,
    event_id as item_id,
    notified_date as item_date,
    coalesce(first_note_date <= deadline_date, false) as in_numerator,
    case
        when not coalesce(first_note_date <= deadline_date, false)
            then 'no note by a head of service after the ' || replace(event_type, '_', ' ') || ' by '
                || strftime(deadline_date, '%d %b %Y')
    end as gap,
    notified_date as since_date,
    event_type,
    occurred_date,
    notified_date,
    deadline_date,
    first_note_date
from answered
