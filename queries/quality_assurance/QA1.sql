-- id: QA1
-- title: Audits followed by management direction
-- question: Is every audit followed by management direction on the file?
-- definition: The share of case audits followed by a management-category note by a manager on the
--   audited case within {audit_followup_days:unit} of the audit date.
-- population: Audits with audit_date in the period and audit_date + {audit_followup_days} <= D, on
--   cases started by D.
-- met: A management-category note (oversight, supervision, decision, panel or audit; a
--   countersignature does not count) by a manager on the same case, dated from audit_date to
--   audit_date + {audit_followup_days} (dates, not hours) and recorded by the end of D. The
--   auditor's own audit note counts.
-- threshold: {audit_followup_days:unit} (audit_followup_days; 48 hours read as dates)
-- source: 000 §7 ("Management Oversight should be placed on file alongside of the audit and
--   provide clear case direction") and §7.1, 003 (Audit trigger)
-- level: item
-- direction: higher
-- requires: audits

with

windows as (select * from windows),

cases as (select * from cases),

audits as (select * from audits),

due_audits as (
    select
        windows.as_of_date,
        audits.*,
        audits.audit_date + $audit_followup_days as deadline_date
    from windows
    inner join audits
        on audits.audit_date between windows.from_date and windows.as_of_date
        and audits.audit_date + $audit_followup_days <= windows.as_of_date
    inner join cases
        on audits.case_id = cases.case_id
        and cases.start_date <= windows.as_of_date
),

-- the first note by a manager on the audited case from the audit date (null: the manager test)
followed as (
    select
        *,
        first_note_since(case_id, audit_date, as_of_date, cast(null as varchar[]), $any_author_counts)
            as first_note_date
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
            then 'no management direction on the file after the audit by ' || strftime(deadline_date, '%d %b %Y')
    end as gap,
    audit_date as since_date,
    auditor_id,
    grade,
    deadline_date,
    first_note_date
from followed
