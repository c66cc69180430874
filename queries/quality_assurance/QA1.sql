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

-- every audit, due audit_followup_days after it (dates, not hours)
dated_audits as (select *, audit_date + $audit_followup_days as deadline_date from audits)

-- answered by the first note by a manager on the audited case from the audit date: the macro
-- audits_answered (queries/intermediate/macros.sql), which QA2 shares
select * rename (first_answer_date as first_note_date)
from audits_answered(
    dated_audits,
    'no management direction on the file after the audit',
    any_author_counts := $any_author_counts
)
