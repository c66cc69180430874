-- id: RC5
-- title: Every case reviewed at a case-review meeting
-- question: Is every case reviewed at a case-review meeting?
-- definition: The share of open cases reviewed within the last {case_review_days} days of D at a
--   case-review meeting ({case_review_panel_types}) or in a panel-category management entry.
-- population: Cases open on D with start_date <= D - {case_review_days}.
-- met: A panels meeting of a case-review type (case_review_panel_types) dated D -
--   {case_review_days} < meeting_date <= D and known by D (its recorded_date, if given, on or
--   before D), or a panel-category management entry by a manager dated D - {case_review_days} <
--   date <= D and recorded by the end of D.
-- threshold: {case_review_days:unit} (case_review_days)
-- source: 004 (weekly POD meetings review every case on a rolling three-monthly basis; 4-weekly
--   for high risk is RC2)
-- level: case
-- direction: higher
-- requires:

with

panels as (select * from panels where list_contains($case_review_panel_types, panel)),

panel_entries as (
    select * from management_entries
    where category = 'panel' and (author_is_manager or $any_author_counts)
),

open_cases as (select * from open_cases_on($case_review_days)),

reviews as (
    select open_cases.as_of_date, open_cases.case_id, panels.meeting_date as review_date
    from open_cases
    inner join panels
        on open_cases.case_id = panels.case_id
        and panels.meeting_date <= open_cases.as_of_date
        -- minutes placed on the record after D: the meeting is not known yet on D
        and (panels.recorded_date is null or panels.recorded_date <= open_cases.as_of_date)
    union all
    select open_cases.as_of_date, open_cases.case_id, panel_entries.entry_date as review_date
    from open_cases
    inner join panel_entries
        on open_cases.case_id = panel_entries.case_id
        and panel_entries.entry_date <= open_cases.as_of_date
        and panel_entries.recorded_date <= open_cases.as_of_date
),

latest_review as (
    select as_of_date, case_id, max(review_date) as latest_review_date
    from reviews
    group by all
),

judged as (
    select
        open_cases.*,
        latest_review.latest_review_date,
        coalesce(latest_review.latest_review_date > open_cases.as_of_date - $case_review_days, false)
            as in_numerator
    from open_cases
    left join latest_review
        on open_cases.as_of_date = latest_review.as_of_date
        and open_cases.case_id = latest_review.case_id
)

select
    as_of_date,
    case_id,
    cast(null as varchar) as staff_id,
    case_id as item_id,
    as_of_date as item_date,
    in_numerator,
    case
        when not in_numerator
            then 'no case-review meeting or panel entry in the last ' || $case_review_days || ' days'
    end as gap,
    coalesce(latest_review_date, start_date) as since_date,
    latest_review_date
from judged
