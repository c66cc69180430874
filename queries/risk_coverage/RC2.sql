-- id: RC2
-- title: Risk panel review of high-risk cases
-- question: Are high-risk cases reviewed at a risk panel?
-- definition: The share of cases high risk now and {risk_panel_days} days ago (RoSH or safety and
--   wellbeing high or very high on D and on D - {risk_panel_days}) reviewed at a risk panel within
--   the last {risk_panel_days} days of D: a meeting in the panels table, or a panel-category
--   management entry.
-- population: Cases open on D that are high risk on D and were high risk on D - {risk_panel_days}
--   (each rating taken from the latest stage completed on or before that day that carries it).
-- met: A panels meeting dated D - {risk_panel_days} < meeting_date <= D and known by D (its
--   recorded_date, if given, on or before D), or a panel-category management entry dated D -
--   {risk_panel_days} < date <= D and recorded by the end of D.
-- threshold: {risk_panel_days:unit} (risk_panel_days)
-- source: 000 §3, 004 (4-weekly for high risk)
-- level: case
-- direction: higher
-- requires: assessments

with

windows as (select * from windows),

cases as (select * from cases),

panels as (select * from panels),

rosh_history as (select * from rating_history where rating = 'rosh'),

swb_history as (select * from rating_history where rating = 'swb'),

panel_entries as (
    select * from management_entries
    where category = 'panel' and (author_is_manager or $any_author_counts)
),

open_cases as (
    select
        windows.as_of_date,
        windows.as_of_date - $risk_panel_days as earlier_date,
        cases.case_id,
        cases.start_date
    from windows
    inner join cases
        on cases.start_date <= windows.as_of_date
        and (cases.end_date is null or cases.end_date >= windows.as_of_date)
),

rosh_now as (
    select open_cases.*, rosh_history.value as rosh_on_d
    from open_cases
    asof left join rosh_history
        on open_cases.case_id = rosh_history.case_id
        and open_cases.as_of_date >= rosh_history.completed_date
),

swb_now as (
    select rosh_now.*, swb_history.value as swb_on_d
    from rosh_now
    asof left join swb_history
        on rosh_now.case_id = swb_history.case_id
        and rosh_now.as_of_date >= swb_history.completed_date
),

rosh_earlier as (
    select swb_now.*, rosh_history.value as rosh_earlier
    from swb_now
    asof left join rosh_history
        on swb_now.case_id = rosh_history.case_id
        and swb_now.earlier_date >= rosh_history.completed_date
),

rated as (
    select rosh_earlier.*, swb_history.value as swb_earlier
    from rosh_earlier
    asof left join swb_history
        on rosh_earlier.case_id = swb_history.case_id
        and rosh_earlier.earlier_date >= swb_history.completed_date
),

high_cases as (
    select *
    from rated
    where (rosh_on_d in ('high', 'very_high') or swb_on_d in ('high', 'very_high'))
        and (rosh_earlier in ('high', 'very_high') or swb_earlier in ('high', 'very_high'))
),

reviews as (
    select high_cases.as_of_date, high_cases.case_id, panels.meeting_date as review_date
    from high_cases
    inner join panels
        on high_cases.case_id = panels.case_id
        and panels.meeting_date <= high_cases.as_of_date
        -- minutes placed on the record after D: the meeting is not known yet on D
        and (panels.recorded_date is null or panels.recorded_date <= high_cases.as_of_date)
    union all
    select high_cases.as_of_date, high_cases.case_id, panel_entries.entry_date as review_date
    from high_cases
    inner join panel_entries
        on high_cases.case_id = panel_entries.case_id
        and panel_entries.entry_date <= high_cases.as_of_date
        and panel_entries.recorded_date <= high_cases.as_of_date
),

latest_review as (
    select as_of_date, case_id, max(review_date) as latest_review_date
    from reviews
    group by all
),

judged as (
    select
        high_cases.*,
        latest_review.latest_review_date,
        coalesce(
            latest_review.latest_review_date > high_cases.as_of_date - $risk_panel_days, false
        ) as in_numerator
    from high_cases
    left join latest_review
        on high_cases.as_of_date = latest_review.as_of_date
        and high_cases.case_id = latest_review.case_id
)

select
    as_of_date,
    case_id,
    cast(null as varchar) as staff_id,
    case_id as item_id,
    as_of_date as item_date,
    in_numerator,
    case
        when not in_numerator then 'no risk panel meeting or panel entry in the last ' || $risk_panel_days || ' days'
    end as gap,
    coalesce(latest_review_date, start_date) as since_date,
    latest_review_date,
    rosh_on_d,
    swb_on_d,
    rosh_earlier as rosh_on_d_minus_28,
    swb_earlier as swb_on_d_minus_28
from judged
