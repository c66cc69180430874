-- name: first_stages
-- description: Each case's first assessment stage other than a PSR completed on or after its
--   start date, and when. On day D a first stage completed after D is not known yet: read
--   first_completed_date only where it is on or before D. Built once per load.
-- source: Oversight's conventions (TL5's first assessment)

with

cases as (select * from cases),

stage_facts as (select * from stage_facts where stage <> 'psr')

select
    cases.case_id,
    -- of two stages completed on the first day, the first by id: the same answer on every run
    arg_min(stage_facts.stage, (stage_facts.completed_date, stage_facts.assessment_id)) as first_stage,
    min(stage_facts.completed_date) as first_completed_date
from cases
inner join stage_facts
    on cases.case_id = stage_facts.case_id
    and stage_facts.completed_date >= cases.start_date
group by all
