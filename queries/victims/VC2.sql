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

with

-- the rule of who is due and when lives in the macro victims_due (queries/intermediate/macros.sql)
due as (select * from victims_due($victim_contact_working_days, false)),

judged as (
    select
        *,
        -- a contact after D is not known on D; the deadline is on or before D
        coalesce(contacted_date <= deadline_date, false) as in_time,
        case when contacted_date <= as_of_date then contacted_date end as contacted_by_d
    from due
)

select
    as_of_date,
    case_id,
    cast(null as varchar) as staff_id,
    victim_id as item_id,
    identified_date as item_date,
    in_time as in_numerator,
    case
        when contacted_by_d is null then 'not contacted by ' || strftime(deadline_date, '%Y-%m-%d')
        when not in_time then 'contacted on ' || strftime(contacted_by_d, '%Y-%m-%d') || ', after '
            || strftime(deadline_date, '%Y-%m-%d')
    end as gap,
    case when not in_time then identified_date end as since_date,
    identified_date,
    deadline_date,
    contacted_by_d as contacted_date,
    working_days_between(identified_date, contacted_by_d) as working_days_to_contact,
    consent_to_contact
from judged
