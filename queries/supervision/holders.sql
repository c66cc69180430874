-- name: supervision holders
-- description: The staff who hold at least one case open on D, with how many: the people a
--   supervision can be prepared for (someone holding no case on D has no caseload to review).
--   Who holds a case on D is holder_spans' (the allocation covering D, else the case's current
--   case manager), as in every breakdown and in the caseload itself. With $allowed_staff (a
--   signed-in person's scope) nobody outside it.
-- source: Islington YOS Case Management Supervision Policy (001) (every open case discussed
--   each month)

with

holder_spans as (select * from holder_spans),

held_on_d as (
    select staff_id, case_id
    from holder_spans
    where held_from <= $as_of_date
        and (held_to is null or held_to >= $as_of_date)
        and ($allowed_staff::varchar[] is null or list_contains($allowed_staff::varchar[], staff_id))
)

select staff_id, count(distinct case_id) as open_cases
from held_on_d
group by staff_id
order by staff_id
