-- name: QA3.extra
-- description: QA3's companion figures for each window: the answers left "yet to clarify" in
--   total over QA3's stages and the mean per stage. A window with no stage has a total of 0 and
--   no mean.
-- source: QA3's definition (also the total and the mean per stage)

with

windows as (select * from windows),

items as (select * from items)

select
    windows.as_of_date,
    coalesce(sum(items.yet_to_clarify), 0) as yet_to_clarify_total,
    round(avg(items.yet_to_clarify), 2) as yet_to_clarify_mean,
    count(items.item_id) as stages
from windows
left join items on windows.as_of_date = items.as_of_date
group by all
order by windows.as_of_date
