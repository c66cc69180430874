-- name: audit_agreement
-- description: Each judged case (the temporary table `judged`, JG1's rows for one D) beside the
--   auditor's own judgement of its management oversight: the latest audit of the case dated on
--   or before D that gives one (an audit with no oversight judgement says nothing either way).
-- source: Oversight's case judgement (JG1): where audits hold auditors' own judgements of
--   oversight, the page sets them beside JG1

with

judged as (select * from judged),

audits as (
    select * from audits
    where oversight_judgement is not null
),

latest_audit as (
    select
        judged.as_of_date,
        judged.case_id,
        arg_max(audits.audit_id, (audits.audit_date, audits.audit_id)) as audit_id
    from judged
    inner join audits
        on judged.case_id = audits.case_id
        and audits.audit_date <= judged.as_of_date
    group by all
)

select
    judged.as_of_date,
    judged.case_id,
    audits.audit_id,
    audits.audit_date,
    audits.auditor_id,
    audits.grade,
    audits.oversight_judgement as audit_judgement,
    judged.judgement,
    audits.oversight_judgement = judged.judgement as agrees,
    judged.reasons,
    judged.strengths
from judged
inner join latest_audit
    on judged.as_of_date = latest_audit.as_of_date
    and judged.case_id = latest_audit.case_id
inner join audits on latest_audit.audit_id = audits.audit_id
order by agrees, judged.case_id
