-- id: TL3
-- title: Significant decisions recorded within 24 hours
-- question: Are significant decisions recorded within 24 hours?
-- definition: The share of management entries marked significant (a significant case decision
--   or urgent matter) recorded on the system within 24 hours of the event, counted as elapsed
--   time in UTC.
-- population: Management entries (notes in any management category, by a manager) dated in the
--   period with significant true, recorded by the end of D.
-- met: recorded_at - event_date <= 24 hours, UK local times converted to UTC; an event_date with
--   no time counts from the end of that day.
-- threshold: 24 hours (significant_record_hours)
-- source: 001
-- level: item
-- direction: higher
-- requires:

-- any management category, significant entries only
select * from entries_recorded_within($significant_record_hours, null, true, $any_author_counts)
