-- name: DR2 counts
-- description: Beside DR2's rate, for each as_of_date, how many of its actions are still
--   open past their due date (overdue_open: not completed by D) and how many were completed
--   but never confirmed by a manager (completed_unconfirmed: no confirmed_date by D).
-- source: DR2's definition; 002 (asking for tasks without ensuring they have been done is not
--   enough)

with

windows as (select * from windows),

items as (select * from items)

select
    windows.as_of_date,
    count(items.item_id) as actions,
    count(items.item_id) filter (where items.overdue_open) as overdue_open,
    count(items.item_id) filter (where items.completed_unconfirmed) as completed_unconfirmed
from windows
left join items on windows.as_of_date = items.as_of_date
group by all
order by windows.as_of_date
