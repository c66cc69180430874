-- id: VC3
-- title: Restorative justice offered
-- question: Are consenting victims offered restorative justice?
-- definition: For each victim who consented to contact, identified in the period, once
--   {rj_offer_working_days:unit} have passed: the share offered restorative justice within
--   {rj_offer_working_days:unit} of being identified.
-- population: Victims with consent_to_contact true, identified_date in the period
--   (from <= date <= D) and at least {rj_offer_working_days:unit} before D (the
--   {rj_offer_working_days:th} working day after identified_date is on or before D).
-- met: rj_offered_date on or before the {rj_offer_working_days:th} working day after
--   identified_date.
-- threshold: {rj_offer_working_days:unit} (rj_offer_working_days)
-- source: 000 §2 (the key requirements of RJ work)
-- level: item
-- direction: higher
-- requires: victims

-- who is due and when (the macro victims_due), and whether offered restorative justice in time:
-- the macro victim_step_in_time (queries/intermediate/macros.sql), which VC2 shares
select
    * exclude (consent_to_contact)
    rename (step_date as rj_offered_date, working_days_to_step as working_days_to_offer)
from victim_step_in_time(
    $rj_offer_working_days, true, 'rj_offer', 'restorative justice offered', 'restorative justice not offered'
)
