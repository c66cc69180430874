-- name: event_facts
-- description: Every event with the day the service knew of it: notified_date is the date
--   of notified_at, or of occurred_at where no notification time was recorded. Built once per
--   load.
--   case_key: the case's whole-number key (keyed_cases), for JG1's joins.
-- source: data contract, events

select
    event_id,
    case_id,
    keyed_cases.case_key,
    event_type,
    cast(occurred_at as date) as occurred_date,
    cast(coalesce(notified_at, occurred_at) as date) as notified_date
from events
left join keyed_cases using (case_id)
