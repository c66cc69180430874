-- name: audit_evidence
-- description: The audit sample's population and, for each case, the evidence the extract
--   holds about its oversight. Population: cases open on D or closed in the period (as the
--   `cases` command and JG1). Evidence is counted over JG1's review window (the
--   review_window_days ending on D, or on end_date for a closed case, from start_date if
--   later), reading the extract as it stood at the end of D. Ratings are those on D.
-- params: $as_of_date, $from_date, and policy values.
-- source: Oversight's conventions; JG1's review window; the audit sample (oversight/sample.py)

with

cases as (select * from cases),

management_entries as (
    select * from management_entries
    where (author_is_manager or $any_author_counts) and recorded_date <= $as_of_date
),

assessments as (select * from assessments),

rating_history as (select * from rating_history where completed_date <= $as_of_date),

panels as (select * from panels where meeting_date <= $as_of_date),

events as (
    select *, cast(notified_at as date) as notified_date
    from events
    where cast(notified_at as date) <= $as_of_date
),

actions as (
    select *, coalesce(due_date, set_date + cast($action_default_due_days as integer)) as due_on
    from actions
    where set_date <= $as_of_date
),

audits as (select * from audits where audit_date <= $as_of_date),

population as (
    select
        case_id,
        child_id,
        team,
        case_manager_id,
        disposal,
        start_date,
        end_date,
        case when end_date is null or end_date > $as_of_date then 'open' else 'closed' end as status,
        least(coalesce(end_date, $as_of_date), $as_of_date) as window_end
    from cases
    where start_date <= $as_of_date
        and (end_date is null or end_date >= $from_date)
        -- a signed-in person's scope (oversight.access); null is the whole service
        and ($allowed_staff::varchar[] is null or list_contains($allowed_staff::varchar[], case_manager_id))
),

windowed as (
    select
        *,
        greatest(start_date, window_end - cast($review_window_days as integer) + 1) as window_start
    from population
),

ratings as (
    select
        windowed.case_id,
        (select value from rating_history as r
            where r.case_id = windowed.case_id and r.rating = 'rosh'
            order by r.completed_date desc limit 1) as rosh,
        (select value from rating_history as r
            where r.case_id = windowed.case_id and r.rating = 'swb'
            order by r.completed_date desc limit 1) as swb
    from windowed
),

entry_evidence as (
    select
        windowed.case_id,
        count(*) filter (where e.source = 'note' and e.entry_date between windowed.window_start and windowed.window_end)
            as management_entries,
        max(e.entry_date) filter (where e.source = 'note' and e.entry_date <= windowed.window_end)
            as latest_management_entry_date,
        count(*) filter (where e.source = 'countersignature'
            and e.entry_date between windowed.window_start and windowed.window_end) as countersignatures,
        max(e.entry_date) filter (where e.source = 'countersignature' and e.entry_date <= windowed.window_end)
            as latest_countersignature_date,
        count(*) filter (where e.category = 'panel'
            and e.entry_date between windowed.window_start and windowed.window_end) as panel_entries,
        max(e.entry_date) filter (where e.category = 'panel' and e.entry_date <= windowed.window_end)
            as latest_panel_entry_date,
        -- any kind of management entry, countersignatures included: what DR1 counts from
        max(e.entry_date) filter (where e.entry_date <= windowed.window_end) as latest_any_entry_date
    from windowed
    left join management_entries as e on windowed.case_id = e.case_id
    group by windowed.case_id
),

stage_evidence as (
    select
        windowed.case_id,
        count(a.assessment_id) filter (where a.completed_date between windowed.window_start and windowed.window_end)
            as stages_completed,
        max(a.completed_date) filter (where a.completed_date <= windowed.window_end) as latest_stage_date,
        count(a.assessment_id) filter (where a.completed_date <= $as_of_date
            and (a.countersigned_date is null or a.countersigned_date > $as_of_date)) as stages_awaiting_countersignature
    from windowed
    left join assessments as a on windowed.case_id = a.case_id and a.completed_date <= $as_of_date
    group by windowed.case_id
),

panel_evidence as (
    select
        windowed.case_id,
        count(p.meeting_id) filter (where p.meeting_date between windowed.window_start and windowed.window_end)
            as panel_meetings,
        max(p.meeting_date) filter (where p.meeting_date <= windowed.window_end) as latest_panel_meeting_date
    from windowed
    left join panels as p on windowed.case_id = p.case_id
    group by windowed.case_id
),

event_evidence as (
    select
        windowed.case_id,
        count(ev.event_id) filter (where ev.notified_date between windowed.window_start and windowed.window_end)
            as trigger_events,
        max(ev.notified_date) filter (where ev.notified_date <= windowed.window_end) as latest_trigger_event_date
    from windowed
    left join events as ev
        on windowed.case_id = ev.case_id
        and list_contains($trigger_event_types, ev.event_type)
    group by windowed.case_id
),

action_evidence as (
    select
        windowed.case_id,
        count(ac.action_id) filter (where ac.due_on between windowed.window_start and windowed.window_end)
            as actions_due,
        count(ac.action_id) filter (where ac.due_on < $as_of_date
            and (ac.completed_date is null or ac.completed_date > $as_of_date)) as actions_overdue_open,
        count(ac.action_id) filter (where ac.completed_date <= $as_of_date
            and (ac.confirmed_date is null or ac.confirmed_date > $as_of_date)) as actions_completed_unconfirmed,
        max(ac.set_date) as latest_action_set_date
    from windowed
    left join actions as ac on windowed.case_id = ac.case_id
    group by windowed.case_id
),

latest_audit as (
    select
        case_id,
        max(audit_date) as latest_audit_date,
        arg_max(oversight_judgement, (audit_date, audit_id)) as auditor_oversight_judgement,
        arg_max(grade, (audit_date, audit_id)) as auditor_grade
    from audits
    group by case_id
)

select
    windowed.case_id,
    windowed.child_id,
    windowed.team,
    windowed.case_manager_id,
    windowed.disposal,
    windowed.status,
    windowed.start_date,
    windowed.end_date,
    ratings.rosh,
    ratings.swb,
    case
        when ratings.rosh in ('medium', 'high', 'very_high') or ratings.swb in ('medium', 'high', 'very_high') then 'raised'
        when ratings.rosh is null and ratings.swb is null then 'unrated'
        else 'not_raised'
    end as risk_group,
    windowed.window_start,
    windowed.window_end,
    entry_evidence.management_entries,
    entry_evidence.latest_management_entry_date,
    entry_evidence.countersignatures,
    entry_evidence.latest_countersignature_date,
    date_diff('day', coalesce(entry_evidence.latest_any_entry_date, windowed.start_date), windowed.window_end)
        as days_since_management_entry,
    stage_evidence.stages_completed,
    stage_evidence.latest_stage_date,
    stage_evidence.stages_awaiting_countersignature,
    panel_evidence.panel_meetings,
    entry_evidence.panel_entries,
    greatest(panel_evidence.latest_panel_meeting_date, entry_evidence.latest_panel_entry_date) as latest_panel_date,
    event_evidence.trigger_events,
    event_evidence.latest_trigger_event_date,
    action_evidence.actions_due,
    action_evidence.actions_overdue_open,
    action_evidence.actions_completed_unconfirmed,
    action_evidence.latest_action_set_date,
    latest_audit.latest_audit_date,
    latest_audit.auditor_oversight_judgement,
    latest_audit.auditor_grade
from windowed
left join ratings on windowed.case_id = ratings.case_id
left join entry_evidence on windowed.case_id = entry_evidence.case_id
left join stage_evidence on windowed.case_id = stage_evidence.case_id
left join panel_evidence on windowed.case_id = panel_evidence.case_id
left join event_evidence on windowed.case_id = event_evidence.case_id
left join action_evidence on windowed.case_id = action_evidence.case_id
left join latest_audit on windowed.case_id = latest_audit.case_id
order by windowed.case_id
