-- id: RC2
-- title: Risk panel review of high-risk cases
-- question: Are high-risk cases reviewed at a risk panel?
-- definition: The share of cases high risk now and {risk_panel_days} days ago (RoSH or safety and
--   wellbeing high or very high on D and on D - {risk_panel_days}) reviewed at a risk panel within
--   the last {risk_panel_days} days of D: a meeting in the panels table, or a panel-category
--   management entry.
-- population: Cases open on D that are high risk on D and were high risk on D - {risk_panel_days}
--   (each rating taken from the latest stage completed on or before that day that carries it).
-- met: A panels meeting dated D - {risk_panel_days} < meeting_date <= D and known by D (its
--   recorded_date, if given, on or before D), or a panel-category management entry dated D -
--   {risk_panel_days} < date <= D and recorded by the end of D.
-- threshold: {risk_panel_days:unit} (risk_panel_days)
-- source: 000 §3, 004 (4-weekly for high risk)
-- level: case
-- direction: higher
-- requires: assessments

with

-- high risk on D and on D - risk_panel_days, each the ratings in force that day (the macro
-- high_risk_cases: ES2 reviews the same cases), with the latest panel meeting or panel entry by
-- D (the macro latest_review_by, which RC5 shares)
reviews as (
    select
        as_of_date, case_id, start_date,
        latest_review_by(case_id, as_of_date, cast(null as varchar[]), $any_author_counts) as latest_review_date,
        rosh_on_d, swb_on_d, rosh_earlier as rosh_on_d_minus_28, swb_earlier as swb_on_d_minus_28
    from high_risk_cases($risk_panel_days)
)

-- met when that review is within the last risk_panel_days: the macro reviewed_within
-- (queries/intermediate/macros.sql), which RC5 and ES2 share
select * from reviewed_within(reviews, $risk_panel_days, 'risk panel meeting or panel entry')
