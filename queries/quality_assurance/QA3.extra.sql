-- name: QA3.extra
-- description: QA3's companion figures for each window: the answers left "yet to clarify" in
--   total over QA3's stages and the mean per stage. A window with no stage has a total of 0 and
--   no mean.
-- source: QA3's definition (also the total and the mean per stage)

with

-- each D with its stages (the macro window_items: a D with none counts 0)
by_window as (select * from window_items(items))

select
    as_of_date,
    coalesce(sum(yet_to_clarify), 0) as yet_to_clarify_total,
    round(avg(yet_to_clarify), 2) as yet_to_clarify_mean,
    count(item_id) as stages
from by_window
group by all
order by as_of_date
