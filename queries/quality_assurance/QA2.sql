-- id: QA2
-- title: A senior plan after an inadequate audit
-- question: Does an inadequate audit get a plan from senior management?
-- definition: The share of audits graded inadequate followed, by the
--   {inadequate_audit_plan_working_days:th} working day after the audit, by a management-category
--   note on the case by a head-of-service role ({head_of_service_roles}).
-- population: Audits graded inadequate with audit_date in the period and at least
--   {inadequate_audit_plan_working_days:unit} before D (the
--   {inadequate_audit_plan_working_days:th} working day after audit_date is on or before D), on
--   cases started by D.
-- met: A management-category note (not a countersignature) on the same case by an author whose
--   role is a head-of-service role (head_of_service_roles), dated from audit_date to the
--   {inadequate_audit_plan_working_days:th} working day after it and recorded by the end of D.
-- threshold: {inadequate_audit_plan_working_days:unit} (inadequate_audit_plan_working_days)
-- source: 003 (HOS: "when an audit is inadequate, determining the plan of work to improve the
--   child's plan and file")
-- level: item
-- direction: higher
-- requires: audits

with

-- audits graded inadequate, each due by the K-th working day after it
inadequate_audits as (
    select *, add_working_days(audit_date, $inadequate_audit_plan_working_days) as deadline_date
    from audits
    where grade = 'inadequate'
)

-- answered by the first note by a head of service: the macro audits_answered
-- (queries/intermediate/macros.sql), which QA1 shares; every audit here is graded inadequate, so
-- the grade is not shown
select * exclude (grade) rename (first_answer_date as first_note_date)
from audits_answered(
    inadequate_audits,
    'no note by a head of service after the inadequate audit',
    author_roles := $head_of_service_roles
)
