-- id: ES2
-- title: Service managers review high-risk cases
-- question: Do service managers review high-risk cases?
-- definition: The share of cases high risk now and {risk_panel_days} days ago (RC2's population)
--   with a management-category note by a service-manager role ({service_manager_roles}) within
--   the last {service_manager_review_days} days of D.
-- population: RC2's: cases open on D that are high risk on D and were high risk on D -
--   {risk_panel_days} (RoSH or safety and wellbeing high or very high, each rating taken from the
--   latest stage completed on or before that day that carries it).
-- met: A management-category note (not a countersignature) on the case by an author whose role is
--   a service-manager role (service_manager_roles), dated D - {service_manager_review_days} < date
--   <= D and recorded by the end of D. Notes only: a panel meeting counts through the panel entry
--   its chair records, not through chair_id.
-- threshold: {service_manager_review_days:unit} (service_manager_review_days)
-- source: 003 (SM: regular review of high-risk cases), 000 §3 (risk management panel chaired by
--   operational managers)
-- level: case
-- direction: higher
-- requires: assessments

with

-- RC2's cases (the macro high_risk_cases), each with its latest note by a service manager by D
reviews as (
    select
        as_of_date, case_id, start_date,
        latest_note_by(case_id, as_of_date, $service_manager_roles) as latest_review_date,
        rosh_on_d, swb_on_d, rosh_earlier as rosh_on_d_minus_28, swb_earlier as swb_on_d_minus_28
    from high_risk_cases($risk_panel_days)
)

-- met when that note is within the last service_manager_review_days: the macro reviewed_within
-- (queries/intermediate/macros.sql), which RC2 and RC5 share
select * from reviewed_within(reviews, $service_manager_review_days, 'note by a service manager')
