-- id: TL3
-- title: Significant decisions recorded within {significant_record_hours} hours
-- question: Are significant decisions recorded within {significant_record_hours} hours?
-- definition: The share of management entries marked significant (a significant case decision or
--   urgent matter) recorded on the system within {significant_record_hours} hours of the event,
--   counted as elapsed time in UTC.
-- population: Management entries (notes in any management category, by a manager) dated in the
--   period with significant true, recorded by the end of D.
-- met: recorded_at - event_date <= {significant_record_hours} hours, UK local times converted to
--   UTC; an event_date with no time counts from the end of that day.
-- threshold: {significant_record_hours:unit} (significant_record_hours)
-- source: 001
-- level: item
-- direction: higher
-- requires:

-- any management category, significant entries only
select * from entries_recorded_within($significant_record_hours, null, true, $any_author_counts)
