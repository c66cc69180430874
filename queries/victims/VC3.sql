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

with

-- the rule of who is due and when lives in the macro victims_due (queries/intermediate/macros.sql)
due as (select * from victims_due($rj_offer_working_days, true)),

judged as (
    select
        *,
        -- an offer after D is not known on D; the deadline is on or before D
        coalesce(rj_offered_date <= deadline_date, false) as in_time,
        case when rj_offered_date <= as_of_date then rj_offered_date end as offered_by_d
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
        when offered_by_d is null then 'restorative justice not offered by ' || strftime(deadline_date, '%Y-%m-%d')
        when not in_time then 'restorative justice offered on ' || strftime(offered_by_d, '%Y-%m-%d') || ', after '
            || strftime(deadline_date, '%Y-%m-%d')
    end as gap,
    case when not in_time then identified_date end as since_date,
    identified_date,
    deadline_date,
    offered_by_d as rj_offered_date,
    working_days_between(identified_date, offered_by_d) as working_days_to_offer,
    case when contacted_date <= as_of_date then contacted_date end as contacted_date,
    case when offered_by_d is not null then rj_took_part end as rj_took_part
from judged
