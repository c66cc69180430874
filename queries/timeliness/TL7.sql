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

-- each meeting's minutes are due panel_minutes_days after it
meetings as (
    select *, meeting_date as due_from, meeting_date + $panel_minutes_days as deadline_date
    from panels
),

-- meetings in the period whose deadline is by D, on cases started by D (the macro items_due)
due_meetings as (
    select
        * exclude (recorded_date),
        -- as D stood: minutes placed on the record after D are not there yet
        case when recorded_date <= as_of_date then recorded_date end as recorded_date
    from items_due(meetings)
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
