-- name: audit_agreement
-- description: Each audit compared (the temporary table `audits_compared`) beside JG1 for its
--   case as of the audit's own date (the temporary table `judged_at_audit`: JG1's rows and the
--   not-yet cases, with the audit dates as the as-of dates), so the auditor's judgement meets the
--   file as the auditor saw it, not as it stands today. `judgement` is sufficient, insufficient,
--   not_yet (too young to judge on the audit date) or null (not open on the audit date).
-- source: Oversight's case judgement (JG1): where audits hold auditors' own judgements of
--   oversight, the page sets them beside JG1

with

audits as (select * from audits_compared),

at_audit as (select * from judged_at_audit)

select
    audits.audit_date as as_of_date,
    audits.case_id,
    audits.audit_id,
    audits.audit_date,
    audits.auditor_id,
    audits.grade,
    audits.oversight_judgement as audit_judgement,
    at_audit.judgement,
    case when at_audit.judgement in ('sufficient', 'insufficient')
        then audits.oversight_judgement = at_audit.judgement
    end as agrees,
    at_audit.reasons,
    at_audit.strengths
from audits
left join at_audit
    on audits.audit_date = at_audit.as_of_date
    and audits.case_id = at_audit.case_id
order by agrees, audits.audit_date, audits.case_id, audits.audit_id
