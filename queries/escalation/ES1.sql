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

-- senior events due by the K-th working day after notification, answered by the first note by a
-- head of service on or after the day the service knew of the event: the macro events_answered
-- (queries/intermediate/macros.sql), which TL6 shares
select * rename (first_answer_date as first_note_date)
from events_answered(
    $senior_event_types,
    $senior_event_response_working_days,
    'no note by a head of service',
    notes_only := true,
    author_roles := $head_of_service_roles
)
