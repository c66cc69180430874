-- name: TL4.extra
-- description: TL4's companion figure for each window: the median working days from completion
--   to countersignature over the stages in TL4's population countersigned by D, with how many
--   that median covers and how many were still not countersigned. A window with none has a
--   null median.
-- source: TL4's definition (beside it, the median working days to countersign)

with

-- each D with its stages (the macro window_items: a D with none has a null median)
by_window as (select * from window_items(items))

select
    as_of_date,
    median(working_days_to_countersign) as median_working_days_to_countersign,
    count(working_days_to_countersign) as countersigned_stages,
    count(item_id) filter (where countersigned_date is null) as not_countersigned_stages
from by_window
group by all
order by as_of_date
