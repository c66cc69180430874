-- name: DR1 bands
-- description: How many open cases fall in each band of days since their latest management
--   entry (0-28, 29-56, 57-90, over 90), for each as_of_date; every band is listed, empty
--   ones with 0 cases, so a chart always shows the four.
-- source: DR1's definition (the bands beside the figure)

with

windows as (select * from windows),

items as (select * from items),

bands as (
    select * from (values (1, '0-28'), (2, '29-56'), (3, '57-90'), (4, 'over 90')) as bands (band_order, days_band)
),

counted as (
    select as_of_date, days_band, count(*) as cases
    from items
    group by all
),

totals as (
    select as_of_date, count(*) as total_cases
    from items
    group by all
)

select
    windows.as_of_date,
    bands.band_order,
    bands.days_band,
    coalesce(counted.cases, 0) as cases,
    coalesce(counted.cases, 0) / nullif(totals.total_cases, 0) as share
from windows
cross join bands
left join counted
    on windows.as_of_date = counted.as_of_date
    and bands.days_band = counted.days_band
left join totals on windows.as_of_date = totals.as_of_date
order by windows.as_of_date, bands.band_order
