-- id: RC1
-- title: Recent oversight on raised-risk cases
-- question: Do raised-risk cases have recent oversight?
-- definition: The share of open raised-risk cases (RoSH or safety and wellbeing medium, high or
--   very high on D) with a management entry (a management-category note by a manager, or an
--   assessment countersignature) dated within the last {oversight_interval_days} days of D.
-- population: Cases open on D with start_date <= D - {oversight_interval_days} that are raised risk
--   on D: each rating taken from the latest stage completed on or before D that carries it.
-- met: A management entry dated D - {oversight_interval_days} < date <= D and recorded by the end
--   of D.
-- threshold: {oversight_interval_days:unit} (oversight_interval_days)
-- source: 002, 000
-- level: case
-- direction: higher
-- requires: assessments

with

windows as (select * from windows),

cases as (select * from cases),

rosh_history as (select * from rating_history where rating = 'rosh'),

swb_history as (select * from rating_history where rating = 'swb'),

management_entries as (
    select * from management_entries
    where author_is_manager or $any_author_counts
),

open_cases as (
    select windows.as_of_date, cases.case_id, cases.start_date
    from windows
    inner join cases
        on cases.start_date <= windows.as_of_date - $oversight_interval_days
        and (cases.end_date is null or cases.end_date >= windows.as_of_date)
),

with_rosh as (
    select open_cases.*, rosh_history.value as rosh_on_d
    from open_cases
    asof left join rosh_history
        on open_cases.case_id = rosh_history.case_id
        and open_cases.as_of_date >= rosh_history.completed_date
),

raised_cases as (
    select with_rosh.*, swb_history.value as swb_on_d
    from with_rosh
    asof left join swb_history
        on with_rosh.case_id = swb_history.case_id
        and with_rosh.as_of_date >= swb_history.completed_date
    where with_rosh.rosh_on_d in ('medium', 'high', 'very_high')
        or swb_history.value in ('medium', 'high', 'very_high')
),

latest_entry as (
    select raised_cases.as_of_date, raised_cases.case_id, max(management_entries.entry_date) as latest_entry_date
    from raised_cases
    inner join management_entries
        on raised_cases.case_id = management_entries.case_id
        and management_entries.entry_date <= raised_cases.as_of_date
        and management_entries.recorded_date <= raised_cases.as_of_date
    group by all
),

judged as (
    select
        raised_cases.*,
        latest_entry.latest_entry_date,
        coalesce(
            latest_entry.latest_entry_date > raised_cases.as_of_date - $oversight_interval_days, false
        ) as in_numerator
    from raised_cases
    left join latest_entry
        on raised_cases.as_of_date = latest_entry.as_of_date
        and raised_cases.case_id = latest_entry.case_id
)

select
    as_of_date,
    case_id,
    cast(null as varchar) as staff_id,
    case_id as item_id,
    as_of_date as item_date,
    in_numerator,
    case
        when not in_numerator then 'no management entry in the last ' || $oversight_interval_days || ' days'
    end as gap,
    coalesce(latest_entry_date, start_date) as since_date,
    latest_entry_date,
    rosh_on_d,
    swb_on_d
from judged
