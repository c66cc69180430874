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

windows as (select * from windows),

cases as (select * from cases),

audits as (select * from audits where grade = 'inadequate'),

due_audits as (
    select
        windows.as_of_date,
        audits.*,
        add_working_days(audits.audit_date, $inadequate_audit_plan_working_days) as deadline_date
    from windows
    inner join audits
        on audits.audit_date between windows.from_date and windows.as_of_date
    inner join cases
        on audits.case_id = cases.case_id
        and cases.start_date <= windows.as_of_date
    where add_working_days(audits.audit_date, $inadequate_audit_plan_working_days) <= windows.as_of_date
),

planned as (
    select *, first_note_since(case_id, audit_date, as_of_date, $head_of_service_roles, false) as first_note_date
    from due_audits
)

select
    as_of_date,
    case_id,
    cast(null as varchar) as staff_id,
    audit_id as item_id,
    audit_date as item_date,
    coalesce(first_note_date <= deadline_date, false) as in_numerator,
    case
        when not coalesce(first_note_date <= deadline_date, false)
            then 'no note by a head of service after the inadequate audit by ' || strftime(deadline_date, '%d %b %Y')
    end as gap,
    audit_date as since_date,
    auditor_id,
    deadline_date,
    first_note_date
from planned
