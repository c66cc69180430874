-- name: audits_compared
-- description: The audits whose auditor's oversight judgement is set beside JG1: each audit dated
--   in the year (365 days) ending on D (the temporary table `windows`, one row) that records
--   one; this file is where that year is set. An audit with no oversight judgement says nothing
--   either way; one dated after D does not exist yet on D.
-- source: Oversight's case judgement (JG1): each audit with an oversight judgement dated in the
--   year ending on D is compared with JG1 for that case as of the audit's own date

select audits.audit_id, audits.case_id, audits.auditor_id, audits.audit_date, audits.grade,
    audits.oversight_judgement
from audits
inner join windows
    on audits.audit_date <= windows.as_of_date
    and audits.audit_date > windows.as_of_date - 365
where audits.oversight_judgement is not null
