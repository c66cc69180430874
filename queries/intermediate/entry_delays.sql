-- name: entry_delays
-- description: How long each case note in a management category took to be recorded:
--   seconds_to_record in elapsed UTC time from the event (the end of its day when it had no
--   time) to recorded_at, and working_days_to_record, the working days d with
--   entry_date < d <= recorded date. Built once per load from management_entries, which
--   computes both beside each entry so that indicators read them with no join.
-- source: Oversight's conventions ("Within H hours", "Working days")

select entry_id, seconds_to_record, working_days_to_record
from management_entries
where source = 'note'
