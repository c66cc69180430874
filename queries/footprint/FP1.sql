-- id: FP1
-- title: Recent oversight on every open case
-- question: Does every open case have recent oversight?
-- definition: The share of open cases with a management entry (a management-category note by a
--   manager, or an assessment countersignature) dated within the last {oversight_interval_days}
--   days of D.
-- population: Cases open on D with start_date <= D - {oversight_interval_days}.
-- met: A management entry dated D - {oversight_interval_days} < date <= D and recorded by the end
--   of D.
-- threshold: {oversight_interval_days:unit} (oversight_interval_days)
-- source: 003 (at least every 4 weeks), 001 (monthly), 004 (4-weekly)
-- level: case
-- direction: higher
-- requires:

-- the rule lives in the macro recent_oversight (queries/intermediate/macros.sql): RC1 applies it
-- to raised-risk cases
select * from recent_oversight($oversight_interval_days, $any_author_counts)
