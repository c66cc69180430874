-- name: rating_history
-- description: For each case and rating (rosh, swb), the value each completed stage gave, one
--   row per completion day. A case's rating on day t is the row with the latest
--   completed_date <= t (an ASOF join); where two stages carrying the rating were completed
--   the same day, the later started_date, then the later assessment_id, wins.
-- source: Oversight's conventions (ratings on day t)

with

assessments as (select * from assessments where completed_date is not null),

ratings as (
    select case_id, 'rosh' as rating, rosh as value, completed_date, started_date, assessment_id
    from assessments
    where rosh is not null
    union all
    select case_id, 'swb' as rating, swb as value, completed_date, started_date, assessment_id
    from assessments
    where swb is not null
),

ranked as (
    select
        *,
        row_number() over (
            partition by case_id, rating, completed_date
            order by started_date desc, assessment_id desc
        ) as rank_on_day
    from ratings
)

select case_id, rating, value, completed_date, assessment_id
from ranked
where rank_on_day = 1
