-- id: DR1
-- title: Time since oversight
-- question: How long since each case had oversight?
-- definition: For each open case, the days from its latest management entry (a management-category
--   note by a manager, or an assessment countersignature) to D, or from its start_date where it has
--   none. The figure is the share of cases over {oversight_interval_days} days (lower is better);
--   the bands 0-28, 29-56, 57-90 and over 90 days sit beside it.
-- population: Cases open on D.
-- met: Flagged when D minus the latest management entry dated and recorded on or before D (or
--   minus start_date, where there is none) is more than {oversight_interval_days} days.
-- threshold: {oversight_interval_days:unit} (oversight_interval_days)
-- source: 003, 002 example four
-- level: case
-- direction: lower
-- requires:

with

measured as (
    select
        *,
        as_of_date - coalesce(latest_entry_date, start_date) as days_since_management_entry
    from open_cases_with_latest_entry(0, $any_author_counts)
)

select
    as_of_date,
    case_id,
    cast(null as varchar) as staff_id,
    case_id as item_id,
    as_of_date as item_date,
    days_since_management_entry > $oversight_interval_days as in_numerator,
    case
        when days_since_management_entry <= $oversight_interval_days then null
        when latest_entry_date is null then 'no management entry since the start, ' || days_since_management_entry || ' days ago'
        else 'no management entry for ' || days_since_management_entry || ' days'
    end as gap,
    coalesce(latest_entry_date, start_date) as since_date,
    latest_entry_date,
    days_since_management_entry,
    case
        when days_since_management_entry <= 28 then '0-28'
        when days_since_management_entry <= 56 then '29-56'
        when days_since_management_entry <= 90 then '57-90'
        else 'over 90'
    end as days_band
from measured
