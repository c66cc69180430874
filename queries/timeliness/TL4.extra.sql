-- name: TL4.extra
-- description: TL4's companion figure for each window: the median working days from completion
--   to countersignature over the stages in TL4's population countersigned by D, with how many
--   that median covers and how many were still not countersigned. A window with none has a
--   null median.
-- source: TL4's definition (beside it, the median working days to countersign)

with

windows as (select * from windows),

items as (select * from items)

select
    windows.as_of_date,
    median(items.working_days_to_countersign) as median_working_days_to_countersign,
    count(items.working_days_to_countersign) as countersigned_stages,
    count(items.item_id) filter (where items.countersigned_date is null) as not_countersigned_stages
from windows
left join items on windows.as_of_date = items.as_of_date
group by all
order by windows.as_of_date
