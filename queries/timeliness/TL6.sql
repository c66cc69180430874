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

-- trigger events due by the K-th working day after notification, answered by the first
-- management entry on or after the day the service knew of the event: the macro events_answered
-- (queries/intermediate/macros.sql), which ES1 shares
select * rename (first_answer_date as first_entry_date)
from events_answered(
    $trigger_event_types,
    $event_response_working_days,
    'no management entry',
    any_author_counts := $any_author_counts
)
