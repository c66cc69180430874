-- id: RC1
-- title: Recent oversight on raised-risk cases
-- question: Do raised-risk cases have recent oversight?
-- definition: The share of open raised-risk cases (RoSH or safety and wellbeing medium, high or
--   very high on D) with a management entry (a management-category note by a manager, or an
--   assessment countersignature) dated within the last {oversight_interval_days} days of D.
-- population: Cases open on D with start_date <= D - {oversight_interval_days} that are raised risk
--   on D: each rating taken from the latest stage completed on or before D that carries it.
-- met: A management entry dated D - {oversight_interval_days} < date <= D and recorded by the end
--   of D.
-- threshold: {oversight_interval_days:unit} (oversight_interval_days)
-- source: 002, 000
-- level: case
-- direction: higher
-- requires: assessments

-- FP1's rule (the macro recent_oversight) on the cases raised risk on D
select
    recent.*,
    ratings.rosh as rosh_on_d,
    ratings.swb as swb_on_d
from recent_oversight($oversight_interval_days, $any_author_counts) as recent
inner join rating_spans as ratings
    on recent.case_id = ratings.case_id
    and recent.as_of_date >= ratings.valid_from
    and (ratings.valid_to is null or recent.as_of_date < ratings.valid_to)
where ratings.raised
