-- name: supervision caseload
-- description: Every case open on D held by the case manager on D, with what a line manager
--   reviews before the monthly session: the latest management entry and the latest supervision
--   entry up to D (entries by a manager, as every indicator counts them), the latest completed
--   assessment stage and its age at D, the ratings on D, the actions open (not completed by D)
--   or unconfirmed (completed, not confirmed by D), and the events notified after $since_date
--   (the last formal session) up to D. The holder on D is the allocation covering D, else the
--   case's current case manager, as in every breakdown. With $allowed_staff (a signed-in
--   person's scope) a case manager outside it has no cases here.
-- source: Islington YOS Case Management Supervision Policy (001) (the line manager prepares
--   by reviewing cases: seen, assessed, planned, reviewed; actions from the previous
--   supervision; every open case discussed each month)

with

cases as (select * from cases),

holder_spans as (select * from holder_spans),

rating_spans as (select * from rating_spans),

management_entries as (
    select * from management_entries
    where entry_date <= $as_of_date
        and recorded_date <= $as_of_date
        and (author_is_manager or $any_author_counts)
),

-- the cases this case manager held on D (holder_spans: the allocation covering D, else the
-- case's current case manager, as in every breakdown); a span lies within the days its case
-- was open, so each of these cases was open on D
caseload as (
    select cases.*
    from cases
    inner join holder_spans as holders
        on cases.case_id = holders.case_id
        and holders.held_from <= $as_of_date
        and (holders.held_to is null or holders.held_to >= $as_of_date)
    where holders.staff_id = $case_manager_id
        and ($allowed_staff::varchar[] is null or list_contains($allowed_staff::varchar[], holders.staff_id))
),

latest_entry as (
    select
        case_id,
        max(entry_date) as last_entry_date,
        -- of two entries on the last day, the later by id: the same answer on every run
        arg_max(category, (entry_date, entry_id)) as last_entry_kind,
        max(entry_date) filter (where category = 'supervision') as last_supervision_date
    from management_entries
    where case_id in (select case_id from caseload)
    group by case_id
),

latest_stage as (
    select case_id, max(completed_date) as last_assessment_date
    from assessments
    where completed_date <= $as_of_date
        and case_id in (select case_id from caseload)
    group by case_id
),

action_state as (
    select
        case_id,
        count(*) filter (where completed_date is null or completed_date > $as_of_date) as actions_open,
        count(*) filter (
            where (completed_date is null or completed_date > $as_of_date)
                and coalesce(due_date, set_date + $action_default_due_days) < $as_of_date
        ) as actions_overdue,
        count(*) filter (
            where completed_date <= $as_of_date
                and (confirmed_date is null or confirmed_date > $as_of_date)
        ) as actions_unconfirmed
    from actions
    where set_date <= $as_of_date
        and case_id in (select case_id from caseload)
    group by case_id
),

events_since as (
    select
        case_id,
        count(*) as events_since,
        string_agg(distinct replace(event_type, '_', ' '), ', ' order by replace(event_type, '_', ' '))
            as event_types
    from events
    where cast(coalesce(notified_at, occurred_at) as date) <= $as_of_date
        and ($since_date is null or cast(coalesce(notified_at, occurred_at) as date) > $since_date)
        and case_id in (select case_id from caseload)
    group by case_id
)

select
    caseload.case_id,
    caseload.child_id,
    caseload.team,
    caseload.disposal,
    caseload.start_date,
    ratings.rosh,
    ratings.swb,
    coalesce(ratings.raised, false) as raised_risk,
    latest_entry.last_entry_date,
    latest_entry.last_entry_kind,
    $as_of_date - coalesce(latest_entry.last_entry_date, caseload.start_date) as days_since_management_entry,
    latest_entry.last_supervision_date,
    latest_stage.last_assessment_date,
    $as_of_date - latest_stage.last_assessment_date as assessment_age_days,
    coalesce(action_state.actions_open, 0) as actions_open,
    coalesce(action_state.actions_overdue, 0) as actions_overdue,
    coalesce(action_state.actions_unconfirmed, 0) as actions_unconfirmed,
    coalesce(events_since.events_since, 0) as events_since,
    events_since.event_types
from caseload
left join rating_spans as ratings
    on caseload.case_id = ratings.case_id
    and $as_of_date >= ratings.valid_from
    and (ratings.valid_to is null or $as_of_date < ratings.valid_to)
left join latest_entry on caseload.case_id = latest_entry.case_id
left join latest_stage on caseload.case_id = latest_stage.case_id
left join action_state on caseload.case_id = action_state.case_id
left join events_since on caseload.case_id = events_since.case_id
order by caseload.case_id
