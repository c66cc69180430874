-- name: absence_spans
-- description: Each member of staff's time away as spans that do not overlap: absences that
--   overlap are one span, from the first day away to the last (to_date null: still away, so
--   it runs to D). Counting working days span by span counts each day away once, however many
--   absences cover it. Built once per load from absences.
-- source: Oversight's conventions (absences; DR4's excused months)

with

-- an open absence runs on: a far day stands for "no end" while the spans are merged
absences as (
    select staff_id, from_date, coalesce(to_date, date '9999-12-31') as to_date
    from absences
),

-- a span starts with an absence that begins after every earlier one has ended
marked as (
    select
        *,
        coalesce(
            from_date > max(to_date) over (
                partition by staff_id order by from_date, to_date rows between unbounded preceding and 1 preceding
            ),
            true
        ) as starts_span
    from absences
),

numbered as (
    select
        *,
        sum(starts_span::int) over (partition by staff_id order by from_date, to_date rows unbounded preceding)
            as span_number
    from marked
)

select
    staff_id,
    min(from_date) as from_date,
    nullif(max(to_date), date '9999-12-31') as to_date
from numbered
group by staff_id, span_number
