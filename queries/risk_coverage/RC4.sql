-- id: RC4
-- title: Cases that may be rising in risk
-- question: Which cases may be rising in risk?
-- definition: A list, lower is better: open cases not rated raised risk on D that had an event
--   suggesting rising risk ({rising_risk_event_types}) within the last {rising_risk_days} days of
--   D, with no assessment stage completed since the first such event. The figure is the share of
--   cases flagged.
-- population: Cases open on D that are not raised risk on D (RoSH and safety and wellbeing
--   neither medium, high nor very high, or unrated).
-- met: Flagged when at least one such event was notified D - {rising_risk_days} < date <= D (the
--   date the service learned of it; notified after D, it does not exist yet) and no stage was
--   completed on or after the first of them and on or before D.
-- threshold: {rising_risk_days:unit} (rising_risk_days); event types (rising_risk_event_types)
-- source: 002 (not currently assessed at these levels but have the potential to increase)
-- level: case
-- direction: lower
-- requires: events, assessments

with

windows as (select * from windows),

cases as (select * from cases),

assessments as (select * from assessments),

rosh_history as (select * from rating_history where rating = 'rosh'),

swb_history as (select * from rating_history where rating = 'swb'),

rising_events as (
    select
        case_id,
        event_type,
        cast(coalesce(notified_at, occurred_at) as date) as notified_date
    from events
    where list_contains($rising_risk_event_types, event_type)
),

open_cases as (
    select windows.as_of_date, cases.case_id, cases.start_date
    from windows
    inner join cases
        on cases.start_date <= windows.as_of_date
        and (cases.end_date is null or cases.end_date >= windows.as_of_date)
),

with_rosh as (
    select open_cases.*, rosh_history.value as rosh_on_d
    from open_cases
    asof left join rosh_history
        on open_cases.case_id = rosh_history.case_id
        and open_cases.as_of_date >= rosh_history.completed_date
),

not_raised as (
    select with_rosh.*, swb_history.value as swb_on_d
    from with_rosh
    asof left join swb_history
        on with_rosh.case_id = swb_history.case_id
        and with_rosh.as_of_date >= swb_history.completed_date
    where coalesce(with_rosh.rosh_on_d not in ('medium', 'high', 'very_high'), true)
        and coalesce(swb_history.value not in ('medium', 'high', 'very_high'), true)
),

recent_events as (
    select
        not_raised.as_of_date,
        not_raised.case_id,
        count(*) as recent_events,
        min(rising_events.notified_date) as first_event_date,
        string_agg(distinct rising_events.event_type, ', ' order by rising_events.event_type) as event_types
    from not_raised
    inner join rising_events
        on not_raised.case_id = rising_events.case_id
        and rising_events.notified_date > not_raised.as_of_date - $rising_risk_days
        and rising_events.notified_date <= not_raised.as_of_date
    group by all
),

latest_stage as (
    select not_raised.as_of_date, not_raised.case_id, max(assessments.completed_date) as latest_stage_date
    from not_raised
    inner join assessments
        on not_raised.case_id = assessments.case_id
        and assessments.completed_date <= not_raised.as_of_date
    group by all
),

judged as (
    select
        not_raised.*,
        coalesce(recent_events.recent_events, 0) as recent_events,
        recent_events.first_event_date,
        recent_events.event_types,
        latest_stage.latest_stage_date,
        coalesce(
            recent_events.first_event_date is not null
            and (latest_stage.latest_stage_date is null or latest_stage.latest_stage_date < recent_events.first_event_date),
            false
        ) as in_numerator
    from not_raised
    left join recent_events
        on not_raised.as_of_date = recent_events.as_of_date
        and not_raised.case_id = recent_events.case_id
    left join latest_stage
        on not_raised.as_of_date = latest_stage.as_of_date
        and not_raised.case_id = latest_stage.case_id
)

select
    as_of_date,
    case_id,
    cast(null as varchar) as staff_id,
    case_id as item_id,
    as_of_date as item_date,
    in_numerator,
    case
        when in_numerator then event_types || ' since ' || strftime(first_event_date, '%Y-%m-%d')
            || ', no assessment stage completed since'
    end as gap,
    case when in_numerator then first_event_date end as since_date,
    recent_events,
    first_event_date,
    event_types,
    latest_stage_date,
    rosh_on_d,
    swb_on_d
from judged
