-- id: TL7
-- title: Panel minutes on the record in time
-- question: Are panel minutes on the child's record in time?
-- definition: The share of panel meetings (every type) whose minutes were placed on the child's
--   record within {panel_minutes_days:unit} of the meeting.
-- population: Meetings in the panels table, of every type, with meeting_date in the period and
--   meeting_date + {panel_minutes_days} <= D, on cases started by D.
-- met: recorded_date given, on or before meeting_date + {panel_minutes_days} and on or before D
--   (minutes placed after D are not on the record yet). Not available when no meeting in the
--   extract has a recorded_date.
-- threshold: {panel_minutes_days:unit} (panel_minutes_days; 48 hours read as dates)
-- source: 000 §7 and §7.1 ("Management Oversight by [panel]", within 48 hours), 001 (MARP
--   discussions recorded in a timely manner)
-- level: item
-- direction: higher
-- requires: panels.recorded_date

with

windows as (select * from windows),

cases as (select * from cases),

panels as (select * from panels),

due_meetings as (
    select
        windows.as_of_date,
        panels.meeting_id,
        panels.case_id,
        panels.panel,
        panels.meeting_date,
        panels.chair_id,
        panels.meeting_date + $panel_minutes_days as deadline_date,
        -- as D stood: minutes placed on the record after D are not there yet
        case when panels.recorded_date <= windows.as_of_date then panels.recorded_date end as recorded_date
    from windows
    inner join panels
        on panels.meeting_date between windows.from_date and windows.as_of_date
        and panels.meeting_date + $panel_minutes_days <= windows.as_of_date
    inner join cases
        on panels.case_id = cases.case_id
        and cases.start_date <= windows.as_of_date
),

judged as (
    select *, coalesce(recorded_date <= deadline_date, false) as in_numerator
    from due_meetings
)

select
    as_of_date,
    case_id,
    cast(null as varchar) as staff_id,
    meeting_id as item_id,
    meeting_date as item_date,
    in_numerator,
    case
        when recorded_date is null
            then 'no minutes on the record (due ' || strftime(deadline_date, '%d %b %Y') || ')'
        when not in_numerator
            then 'minutes recorded ' || (recorded_date - meeting_date) || ' days after the meeting (limit '
                || $panel_minutes_days || ')'
    end as gap,
    meeting_date as since_date,
    panel,
    chair_id,
    deadline_date,
    recorded_date
from judged
