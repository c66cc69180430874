-- id: VC2
-- title: Victims contacted in time
-- question: Are victims contacted in time?
-- definition: For each victim identified in the period, once
--   {victim_contact_working_days:unit} have passed: the share first contacted within
--   {victim_contact_working_days:unit} of being identified, whatever their consent (asking for
--   consent is the contact).
-- population: Victims with identified_date in the period (from <= date <= D) and at least
--   {victim_contact_working_days:unit} before D (the {victim_contact_working_days:th} working
--   day after identified_date is on or before D).
-- met: contacted_date on or before the {victim_contact_working_days:th} working day after
--   identified_date (a contact made or attempted and recorded).
-- threshold: {victim_contact_working_days:unit} (victim_contact_working_days)
-- source: 000 §2; the inspectorate's victims standard (2025)
-- level: item
-- direction: higher
-- requires: victims

-- who is due and when (the macro victims_due), and whether contacted in time: the macro
-- victim_step_in_time (queries/intermediate/macros.sql), which VC3 shares
select
    * exclude (contacted_date, rj_took_part)
    rename (step_date as contacted_date, working_days_to_step as working_days_to_contact)
from victim_step_in_time($victim_contact_working_days, false, 'contact', 'contacted', 'not contacted')
