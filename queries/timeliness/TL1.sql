-- id: TL1
-- title: Oversight recorded within {oversight_record_hours} hours
-- question: Is oversight recorded within {oversight_record_hours} hours?
-- definition: The share of oversight, decision, panel and audit entries (by a manager) recorded on
--   the system within {oversight_record_hours} hours of the event they record, counted as elapsed
--   time in UTC.
-- population: Entries in category oversight, decision, panel or audit dated in the period and
--   recorded by the end of D (an entry recorded after D does not exist yet on D).
-- met: recorded_at - event_date <= {oversight_record_hours} hours, UK local times converted to UTC;
--   an event_date with no time counts from the end of that day.
-- threshold: {oversight_record_hours:unit} (oversight_record_hours)
-- source: 000 §7.1
-- level: item
-- direction: higher
-- requires:

select *
from entries_recorded_within(
    $oversight_record_hours, ['oversight', 'decision', 'panel', 'audit'], false, $any_author_counts
)
