-- name: default_as_of
-- description: D by default: the latest recorded_at date in case_notes, never after the day
--   of the load (load_meta.load_date, written by the loader).
-- source: Oversight's conventions (D)

with

case_notes as (select * from case_notes),

load_meta as (select * from load_meta),

load_day as (
    select cast(json_extract_string(value, '$') as date) as load_date
    from load_meta
    where key = 'load_date'
)

select least(max(cast(case_notes.recorded_at as date)), (select load_date from load_day)) as as_of_date
from case_notes
