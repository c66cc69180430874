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

assessments as (select * from assessments),

rising_events as (
    select * from event_facts
    where list_contains($rising_risk_event_types, event_type)
),

open_cases as (select * from open_cases_on(0)),

-- not raised on D: unrated, or neither rating medium or above
not_raised as (
    select open_cases.*, ratings.rosh as rosh_on_d, ratings.swb as swb_on_d
    from open_cases
    left join rating_spans as ratings
        on open_cases.case_id = ratings.case_id
        and open_cases.as_of_date >= ratings.valid_from
        and (ratings.valid_to is null or open_cases.as_of_date < ratings.valid_to)
    where not coalesce(ratings.raised, false)
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
    left join recent_events using (as_of_date, case_id)
    left join latest_stage using (as_of_date, case_id)
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
