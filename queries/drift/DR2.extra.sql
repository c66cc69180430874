-- name: DR2 counts
-- description: Beside DR2's rate, for each as_of_date, how many of its actions are still
--   open past their due date (overdue_open: not completed by D) and how many were completed
--   but never confirmed by a manager (completed_unconfirmed: no confirmed_date by D).
-- source: DR2's definition; 002 (asking for tasks without ensuring they have been done is not
--   enough)

with

-- each D with its actions (the macro window_items: a D with none counts 0)
by_window as (select * from window_items(items))

select
    as_of_date,
    count(item_id) as actions,
    count(item_id) filter (where overdue_open) as overdue_open,
    count(item_id) filter (where completed_unconfirmed) as completed_unconfirmed
from by_window
group by all
order by as_of_date
