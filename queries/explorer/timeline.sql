-- name: case timeline
-- description: One case's journey as the extract held it at the end of D: assessment stages
--   with their ratings, countersignatures, case notes by category, panel meetings, events and
--   actions, one row per dated happening, oldest first. Nothing recorded after D is shown, so a
--   past D reads the record as a manager would have seen it then.
--   With $allowed_staff (a signed-in person's scope) only a case any of them has held (the macro
--   cases_in_scope); a case outside it gives no row, exactly like one that does not exist.
-- source: Oversight's conventions (as of D the extract is read as it stood)

with

cases as (
    select * from cases
    where case_id = $case_id
        and ($allowed_staff::varchar[] is null
            or case_id in (select case_id from cases_in_scope($allowed_staff::varchar[])))
),

assessments as (select * from assessments where case_id = $case_id),

case_notes as (select * from case_notes where case_id = $case_id),

panels as (select * from panels where case_id = $case_id),

events as (select * from events where case_id = $case_id),

actions as (select * from actions where case_id = $case_id),

staff as (select * from staff),

case_rows as (
    select 'case' as lane, start_date as event_date, 'case started' as what,
        replace(disposal, '_', ' ') || ', team ' || team as detail, null as who, null as rating
    from cases
    union all
    select 'case', end_date, 'case ended', replace(disposal, '_', ' '), null, null
    from cases where end_date is not null and end_date <= $as_of_date
),

stage_rows as (
    select 'assessment' as lane, completed_date as event_date, stage || ' stage completed' as what,
        'started ' || started_date
            || case
                when returned_count = 1 then '; sent back once for amendment'
                when returned_count > 1 then '; sent back ' || returned_count || ' times for amendment'
                else ''
            end as detail,
        null as who,
        'RoSH ' || coalesce(rosh, '-') || ', SWB ' || coalesce(swb, '-') || ', LoR ' || coalesce(lor, '-') as rating
    from assessments
    where completed_date <= $as_of_date
    union all
    select 'assessment', started_date, stage || ' stage started (not completed by D)', null, null, null
    from assessments
    where started_date <= $as_of_date and (completed_date is null or completed_date > $as_of_date)
    union all
    select 'countersignature', countersigned_date, stage || ' stage countersigned',
        'completed ' || completed_date || ', ' || (countersigned_date - completed_date) || ' days later',
        countersigned_by, null
    from assessments
    where countersigned_date <= $as_of_date
),

note_rows as (
    select
        case when category = 'contact' then 'contact' else 'management: ' || category end as lane,
        cast(event_date as date) as event_date,
        note_type as what,
        'recorded ' || strftime(recorded_at, '%Y-%m-%d %H:%M')
            || case when significant then '; significant' else '' end
            || '; ' || coalesce(len(regexp_split_to_array(trim(text), '\s+')), 0) || ' words' as detail,
        author_id as who,
        null as rating
    from case_notes
    where cast(recorded_at as date) <= $as_of_date
),

panel_rows as (
    select 'panel' as lane, meeting_date as event_date, replace(panel, '_', ' ') || ' meeting' as what,
        null as detail, null as who, null as rating
    from panels
    where meeting_date <= $as_of_date and coalesce(recorded_date, meeting_date) <= $as_of_date
),

event_rows as (
    select 'event' as lane, cast(notified_at as date) as event_date, replace(event_type, '_', ' ') as what,
        'occurred ' || strftime(occurred_at, '%Y-%m-%d %H:%M') as detail, null as who, null as rating
    from events
    where cast(notified_at as date) <= $as_of_date
),

action_rows as (
    select 'action' as lane, set_date as event_date, 'action set' as what,
        'due ' || coalesce(cast(due_date as varchar), 'not set')
            || '; ' || case
                when completed_date is null or completed_date > $as_of_date then 'open'
                else 'completed ' || completed_date
            end
            || case when confirmed_date <= $as_of_date then '; confirmed ' || confirmed_date else '' end
            as detail,
        owner_id as who,
        null as rating
    from actions
    where set_date <= $as_of_date
),

everything as (
    select * from case_rows
    union all select * from stage_rows
    union all select * from note_rows
    union all select * from panel_rows
    union all select * from event_rows
    union all select * from action_rows
)

select
    everything.event_date,
    everything.lane,
    everything.what,
    everything.detail,
    everything.rating,
    everything.who as staff_id,
    staff.name as staff_name,
    staff.role as staff_role
from everything
left join staff on everything.who = staff.staff_id
where everything.event_date is not null
    and exists (select 1 from cases)  -- nothing of a case outside the scope
order by everything.event_date, everything.lane, everything.what
