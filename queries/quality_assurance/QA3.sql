-- id: QA3
-- title: Countersigned with nothing left to clarify
-- question: Are stages countersigned with no answers left "yet to clarify"?
-- definition: The share of countersigned assessment stages carrying at most {yet_to_clarify_max}
--   answers left "yet to clarify"; beside it, the total and the mean per stage.
-- population: Stages with countersigned_date in the period whose yet_to_clarify is given, on
--   cases started by D. Not available when no stage in the extract has a yet_to_clarify.
-- met: yet_to_clarify <= {yet_to_clarify_max} (the most answers left open that a
--   countersignature may accept). The list shows returned_count and the countersigner.
-- threshold: at most {yet_to_clarify_max:unit} (yet_to_clarify_max)
-- source: 004 ("amount of yet to be clarified questions need to be monitored"; every stage
--   gatekept and countersigned), 002 examples two to four (assessments countersigned with
--   deficits)
-- level: item
-- direction: higher
-- requires: assessments.yet_to_clarify

with

windows as (select * from windows),

cases as (select * from cases),

stages as (
    select * from assessments
    where countersigned_date is not null and yet_to_clarify is not null
)

select
    windows.as_of_date,
    stages.case_id,
    cast(null as varchar) as staff_id,
    stages.assessment_id as item_id,
    stages.countersigned_date as item_date,
    stages.yet_to_clarify <= $yet_to_clarify_max as in_numerator,
    case
        when stages.yet_to_clarify > $yet_to_clarify_max
            then 'countersigned with ' || stages.yet_to_clarify
                || case when stages.yet_to_clarify = 1 then ' answer' else ' answers' end
                || ' yet to clarify (at most ' || $yet_to_clarify_max || ')'
    end as gap,
    stages.countersigned_date as since_date,
    stages.stage,
    stages.completed_date,
    stages.countersigned_date,
    stages.countersigned_by,
    stages.yet_to_clarify,
    stages.returned_count
from windows
inner join stages
    on stages.countersigned_date between windows.from_date and windows.as_of_date
inner join cases
    on stages.case_id = cases.case_id
    and cases.start_date <= windows.as_of_date
