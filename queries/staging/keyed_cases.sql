-- name: keyed_cases
-- description: Every case with case_key, a whole number standing for it in the order of
--   case_id. The larger models the case judgement (JG1) reads carry case_key beside case_id
--   (management entries, rating spans, stage and event facts, panel reviews), and JG1 joins
--   and groups by it: DuckDB joins and groups whole numbers several times faster than text, and
--   JG1 joins each judged case to each of them. Ordering by case_key is ordering by case_id;
--   pages and exports show case_id. Built once per load.
-- source: Oversight's conventions (a key for joins only)

select *, cast(row_number() over (order by case_id) as integer) as case_key
from cases
order by case_id
