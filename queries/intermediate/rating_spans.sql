-- name: rating_spans
-- description: Each case's RoSH and safety and wellbeing ratings as spans of days: from
--   valid_from (a day a stage carrying a rating was completed) up to, not including, valid_to
--   (the next such day; null while still in force). The ratings on day t are the span with
--   valid_from <= t < valid_to, a range join in place of an ASOF join per rating; a day before
--   the first span is unrated. raised: either rating medium, high or very high; high: either
--   high or very high. Built once per load from rating_history.
--   case_key: the case's whole-number key (keyed_cases), for JG1's joins.
-- source: Oversight's conventions ("Ratings on day t", "Raised risk")

with

rating_history as (select * from rating_history),

rosh_history as (select * from rating_history where rating = 'rosh'),

swb_history as (select * from rating_history where rating = 'swb'),

change_days as (
    select distinct case_id, completed_date as valid_from
    from rating_history
),

with_rosh as (
    select change_days.*, rosh_history.value as rosh
    from change_days
    asof left join rosh_history
        on change_days.case_id = rosh_history.case_id
        and change_days.valid_from >= rosh_history.completed_date
),

with_ratings as (
    select with_rosh.*, swb_history.value as swb
    from with_rosh
    asof left join swb_history
        on with_rosh.case_id = swb_history.case_id
        and with_rosh.valid_from >= swb_history.completed_date
)

select
    case_id,
    valid_from,
    lead(valid_from) over (partition by case_id order by valid_from) as valid_to,
    rosh,
    swb,
    coalesce(rosh in ('medium', 'high', 'very_high'), false)
        or coalesce(swb in ('medium', 'high', 'very_high'), false) as raised,
    coalesce(rosh in ('high', 'very_high'), false) or coalesce(swb in ('high', 'very_high'), false) as high,
    keyed_cases.case_key
from with_ratings
left join keyed_cases using (case_id)
