-- id: JG1
-- title: Case judgement: sufficient management oversight
-- question: Is management oversight of each case sufficient, as an inspector would judge it?
-- definition: The share of cases judged sufficient. Each case is judged over its review window (the
--   {review_window_days} days ending on D, or on its end date if it closed, from its start date if
--   later) by nine checks: Evidence (EVIDENCE_GAP: with N = {evidence_gap_raised_days} days for a
--   case raised risk at any time in the window, else {evidence_gap_other_days}, the first
--   management entry is N or more days after the window's start, two consecutive entries are more
--   than N days apart, or the last is N or more days before its end); first assessment
--   (FIRST_ASSESSMENT_LATE: the first stage other than a PSR completed more than
--   {first_assessment_working_days:unit} after the start, or not at all, that
--   {first_assessment_working_days:th} working day falling in the window); countersigned
--   (NOT_COUNTERSIGNED: a stage completed in the window at least {countersign_working_days:unit}
--   before its end is not countersigned); countersigned in time (COUNTERSIGN_LATE: countersigned
--   more than {countersign_working_days:unit} after completion); risk panel (NO_RISK_PANEL: at a
--   month end in the window, or its end, high risk then and {risk_panel_days} days before with no
--   panel meeting or panel entry in those {risk_panel_days} days); events (EVENT_UNANSWERED: a
--   trigger event notified in the window with no management entry by the
--   {event_response_working_days:th} working day after); actions (ACTIONS_NOT_FOLLOWED_UP: an
--   action due in the window not completed by its due date or not confirmed within
--   {action_confirm_working_days:unit} of completion); assessment up to date
--   (ASSESSMENT_OUT_OF_DATE: the latest completed stage more than {assessment_max_age_days} days
--   old at the window's end); substantive entries (THREADBARE_ENTRIES: more than half the
--   management entries with text in the window under {substantive_words} words). Each check counts
--   once however many items fail it; a check with nothing to look at is n/a and passes; the four
--   assessment checks are n/a where AssetPlus does not apply.
-- population: Cases open on D with start_date <= D - {judgement_min_open_days}, and cases closed in
--   the period (end_date from the period's start to D; their window ends on end_date). Younger open
--   cases are not yet judged.
-- met: Sufficient: not insufficient. Insufficient when a raised-risk case fails Evidence, or two or
--   more checks fail, or one failure is critical (_CRITICAL): a stage completed more than
--   {critical_working_days:unit} before the window's end and still not countersigned, a
--   countersignature or first assessment taking more than {critical_working_days:unit}, or an
--   unanswered serious incident or safeguarding concern. Strengths (checks passed with evidence)
--   are listed beside the reasons.
-- threshold: {review_window_days}-day window (review_window_days); gaps {evidence_gap_raised_days}
--   / {evidence_gap_other_days} days (evidence_gap_raised_days, evidence_gap_other_days); critical
--   after {critical_working_days:unit} (critical_working_days)
-- source: 002 (the three questions and case examples one to four), 003, 004, 001
-- level: case
-- direction: higher
-- requires: assessments

with

windows as (select * from windows),

cases as (select * from cases),

calendar as (select * from calendar),

rating_history as (select case_id, rating, value, completed_date from rating_history),

panels as (select * from panels),

-- only the columns used: the text itself is not carried through the query
management_entries as (
    select case_id, category, entry_date, recorded_date, word_count
    from management_entries
    where author_is_manager or $any_author_counts
),

assessments as (select * from assessments where completed_date is not null),

events as (
    select *, cast(coalesce(notified_at, occurred_at) as date) as notified_date
    from events
    where list_contains($trigger_event_types, event_type)
),

actions as (
    select *, coalesce(due_date, set_date + $action_default_due_days) as due_on
    from actions
),

-- Each case judged on each D, with its review window. A date after D counts as empty, so an
-- end_date after D leaves the case open.
judged_windows as (
    select
        windows.as_of_date,
        cases.case_id,
        cases.start_date,
        case when cases.end_date <= windows.as_of_date then cases.end_date end as end_date,
        list_contains($assetplus_disposals, cases.disposal) as assetplus_applies,
        least(windows.as_of_date, coalesce(cases.end_date, windows.as_of_date)) as window_end
    from windows
    inner join cases
        on cases.start_date <= windows.as_of_date
        and (
            -- open on D for at least the minimum time
            (
                (cases.end_date is null or cases.end_date >= windows.as_of_date)
                and cases.start_date <= windows.as_of_date - $judgement_min_open_days
            )
            -- or closed in the period
            or cases.end_date between windows.from_date and windows.as_of_date
        )
),

case_windows as (
    select
        *,
        greatest(window_end - ($review_window_days - 1), start_date) as window_start
    from judged_windows
),

-- Ratings: raised risk at any time in the window is the rating in force at its start or any
-- rating given by a stage completed inside it. (A join and arg_max rather than an ASOF join:
-- a case has few ratings, and this avoids sorting the whole rating history.)
ratings_at_start as (
    select as_of_date, case_id, value
    from (
        select
            case_windows.as_of_date,
            case_windows.case_id,
            rating_history.rating,
            arg_max(rating_history.value, rating_history.completed_date) as value
        from case_windows
        inner join rating_history
            on case_windows.case_id = rating_history.case_id
            and rating_history.completed_date <= case_windows.window_start
        group by all
    )
),

ratings_inside as (
    select case_windows.as_of_date, case_windows.case_id, rating_history.value
    from case_windows
    inner join rating_history
        on case_windows.case_id = rating_history.case_id
        and rating_history.completed_date > case_windows.window_start
        and rating_history.completed_date <= case_windows.window_end
),

raised as (
    select as_of_date, case_id, bool_or(value in ('medium', 'high', 'very_high')) as raised_in_window
    from (select * from ratings_at_start union all select * from ratings_inside)
    group by all
),

windows_rated as (
    select
        case_windows.*,
        coalesce(raised.raised_in_window, false) as raised_in_window,
        case
            when coalesce(raised.raised_in_window, false) then $evidence_gap_raised_days
            else $evidence_gap_other_days
        end as gap_allowed_days
    from case_windows
    left join raised
        on case_windows.as_of_date = raised.as_of_date
        and case_windows.case_id = raised.case_id
),

-- Management entries dated in the window and on record by the end of D.
window_entries as (
    select
        windows_rated.as_of_date,
        windows_rated.case_id,
        windows_rated.window_start,
        windows_rated.window_end,
        windows_rated.gap_allowed_days,
        management_entries.entry_date,
        management_entries.word_count
    from windows_rated
    inner join management_entries
        on windows_rated.case_id = management_entries.case_id
        and management_entries.entry_date between windows_rated.window_start and windows_rated.window_end
        and management_entries.recorded_date <= windows_rated.as_of_date
),

-- Evidence: the gap before each entry (from the previous entry, or from the window's start)
-- and the gap after the last one to the window's end; entries on one day make gaps of 0.
-- The same pass counts the entries with text and the short ones for QL1.
entry_neighbours as (
    select
        *,
        lag(entry_date) over by_case as previous_date,
        lead(entry_date) over by_case is null as is_last
    from window_entries
    window by_case as (partition by as_of_date, case_id order by entry_date)
),

evidence_gaps as (
    select
        as_of_date,
        case_id,
        gap_allowed_days,
        coalesce(previous_date, window_start) as gap_from,
        entry_date as gap_to,
        previous_date is null as at_edge,
        1 as entries,
        (word_count > 0)::int as with_text,
        (word_count > 0 and word_count < $substantive_words)::int as short_entries
    from entry_neighbours
    union all
    select as_of_date, case_id, gap_allowed_days, entry_date, window_end, true, 0, 0, 0
    from entry_neighbours
    where is_last
    union all
    -- no entry at all: the whole window is one gap
    select as_of_date, case_id, gap_allowed_days, window_start, window_end, true, 0, 0, 0
    from windows_rated
    where not exists (
        select 1 from window_entries
        where window_entries.as_of_date = windows_rated.as_of_date
            and window_entries.case_id = windows_rated.case_id
    )
),

evidence_items as (
    select
        *,
        gap_to - gap_from as gap_days,
        -- a gap touching the window's edge fails at N days (as FP1 does on D); between two
        -- entries only beyond N
        case
            when at_edge then gap_to - gap_from >= gap_allowed_days
            else gap_to - gap_from > gap_allowed_days
        end as fails
    from evidence_gaps
),

evidence_summary as (
    select
        as_of_date,
        case_id,
        count(*) filter (where fails) as failing,
        max(gap_days) as longest_gap_days,
        -- the gap shown: a failing one, the longest, the earliest of equals
        arg_max(
            {'gap_from': gap_from, 'gap_to': gap_to, 'gap_days': gap_days},
            (fails, gap_days, -(gap_from - date '2000-01-01'))
        ) as worst,
        sum(entries) as entries_in_window,
        max(gap_to) filter (where entries = 1) as last_entry_date,
        sum(with_text) as with_text,
        sum(short_entries) as short_entries
    from evidence_items
    group by all
),

evidence_check as (
    select
        as_of_date,
        case_id,
        1 as check_order,
        'evidence' as check_name,
        failing > 0 as failed,
        false as critical,
        entries_in_window > 0 as has_evidence,
        case when failing > 0 then concat(
            'EVIDENCE_GAP ', worst.gap_from, '..', worst.gap_to, ' (', worst.gap_days, ' days',
            case when failing > 1 then concat(', ', failing - 1, ' more') end, ')'
        ) end as reason,
        case when failing > 0 then worst.gap_from end as reason_since,
        concat(
            'REGULAR_OVERSIGHT (', entries_in_window, ' entries, longest gap ', longest_gap_days, ' days)'
        ) as strength
    from evidence_summary
),

-- First assessment (TL5): judged once, in the window holding its 20th working day.
first_assessment_due as (
    select
        windows_rated.as_of_date,
        windows_rated.case_id,
        windows_rated.start_date,
        windows_rated.window_end,
        add_working_days(windows_rated.start_date, $first_assessment_working_days) as deadline_date
    from windows_rated
    where windows_rated.assetplus_applies
),

first_assessment_items as (
    select
        first_assessment_due.*,
        min(assessments.completed_date) as first_completed_date
    from first_assessment_due
    left join assessments
        on first_assessment_due.case_id = assessments.case_id
        and assessments.stage <> 'psr'
        and assessments.completed_date >= first_assessment_due.start_date
        and assessments.completed_date <= first_assessment_due.as_of_date
    inner join windows_rated
        on first_assessment_due.as_of_date = windows_rated.as_of_date
        and first_assessment_due.case_id = windows_rated.case_id
    where first_assessment_due.deadline_date between windows_rated.window_start and windows_rated.window_end
    group by all
),

first_assessment_check as (
    select
        as_of_date,
        case_id,
        2 as check_order,
        'first_assessment' as check_name,
        fails as failed,
        fails and taken_working_days > $critical_working_days as critical,
        true as has_evidence,
        case when fails then concat(
            'FIRST_ASSESSMENT_LATE',
            case when taken_working_days > $critical_working_days then '_CRITICAL' end,
            ' ', start_date, '..', coalesce(first_completed_date, window_end), ' (',
            case when first_completed_date is null then 'not completed, ' end,
            taken_working_days, ' working days)'
        ) end as reason,
        case when fails then start_date end as reason_since,
        concat('FIRST_ASSESSMENT_ON_TIME (', first_completed_date, ')') as strength
    from (
        select
            *,
            coalesce(first_completed_date > deadline_date, true) as fails,
            working_days_between(start_date, coalesce(first_completed_date, window_end)) as taken_working_days
        from first_assessment_items
    )
),

-- Stages completed in the window, countersigned only if by the end of D.
window_stages as (
    select
        windows_rated.as_of_date,
        windows_rated.case_id,
        windows_rated.window_end,
        assessments.assessment_id,
        assessments.stage,
        assessments.completed_date,
        case
            when assessments.countersigned_date <= windows_rated.as_of_date then assessments.countersigned_date
        end as countersigned_date
    from windows_rated
    inner join assessments
        on windows_rated.case_id = assessments.case_id
        and assessments.completed_date between windows_rated.window_start and windows_rated.window_end
    where windows_rated.assetplus_applies
),

-- Countersigned (FP4): stages whose 5 working days ran out by the window's end.
countersigned_items as (
    select
        *,
        countersigned_date is null as fails,
        working_days_between(completed_date, window_end) as waited_working_days
    from window_stages
    where add_working_days(completed_date, $countersign_working_days) <= window_end
),

countersigned_check as (
    select
        as_of_date,
        case_id,
        3 as check_order,
        'countersigned' as check_name,
        fails as failed,
        critical,
        true as has_evidence,
        case when fails then concat(
            'NOT_COUNTERSIGNED', case when critical then '_CRITICAL' end,
            ' ', completed_date, '..', window_end, ' (', stage, ', ', waited_working_days, ' working days',
            case when failing > 1 then concat(', ', failing - 1, ' more') end, ')'
        ) end as reason,
        case when fails then completed_date end as reason_since,
        concat('ALL_COUNTERSIGNED (', total, case when total = 1 then ' stage)' else ' stages)' end) as strength
    from (
        select
            *,
            fails and waited_working_days > $critical_working_days as critical,
            row_number() over (
                partition by as_of_date, case_id order by fails desc, completed_date, assessment_id
            ) as rank,
            count(*) filter (where fails) over (partition by as_of_date, case_id) as failing,
            count(*) over (partition by as_of_date, case_id) as total
        from countersigned_items
    )
    where rank = 1
),

-- Countersigned in time (TL4): a stage never countersigned fails FP4 only.
countersign_time_items as (
    select
        *,
        countersigned_date > add_working_days(completed_date, $countersign_working_days) as fails,
        working_days_between(completed_date, countersigned_date) as taken_working_days
    from window_stages
    where countersigned_date is not null
),

countersign_time_check as (
    select
        as_of_date,
        case_id,
        4 as check_order,
        'countersign_time' as check_name,
        fails as failed,
        critical,
        true as has_evidence,
        case when fails then concat(
            'COUNTERSIGN_LATE', case when critical then '_CRITICAL' end,
            ' ', completed_date, '..', countersigned_date, ' (', stage, ', ', taken_working_days, ' working days',
            case when failing > 1 then concat(', ', failing - 1, ' more') end, ')'
        ) end as reason,
        case when fails then completed_date end as reason_since,
        concat('COUNTERSIGNED_ON_TIME (', total, case when total = 1 then ' stage)' else ' stages)' end) as strength
    from (
        select
            *,
            fails and taken_working_days > $critical_working_days as critical,
            row_number() over (
                partition by as_of_date, case_id order by fails desc, taken_working_days desc, assessment_id
            ) as rank,
            count(*) filter (where fails) over (partition by as_of_date, case_id) as failing,
            count(*) over (partition by as_of_date, case_id) as total
        from countersign_time_items
    )
    where rank = 1
),

-- Risk panel (RC2): each month end in the window, and its end, for cases ever rated high.
ever_high as (
    select distinct case_id from rating_history where value in ('high', 'very_high')
),

panel_windows as (
    select * from windows_rated
    where case_id in (select case_id from ever_high)
),

panel_points as (
    select panel_windows.as_of_date, panel_windows.case_id, calendar.day as point_date
    from panel_windows
    inner join calendar
        on calendar.day between panel_windows.window_start and panel_windows.window_end
        and calendar.day = last_day(calendar.day)
    union
    select as_of_date, case_id, window_end from panel_windows
),

-- each rating on the point's day and 28 days before
point_ratings as (
    select
        panel_points.as_of_date,
        panel_points.case_id,
        panel_points.point_date,
        offsets.days_before,
        rating_history.rating,
        arg_max(rating_history.value, rating_history.completed_date) as value
    from panel_points
    cross join (select unnest([0, $risk_panel_days]) as days_before) as offsets
    inner join rating_history
        on panel_points.case_id = rating_history.case_id
        and rating_history.completed_date <= panel_points.point_date - offsets.days_before
    group by all
),

panel_point_ratings as (
    select
        as_of_date,
        case_id,
        point_date,
        bool_or(value in ('high', 'very_high') and days_before = 0) as high_then,
        bool_or(value in ('high', 'very_high') and days_before > 0) as high_before
    from point_ratings
    group by all
),

panel_items as (
    select
        high_points.*,
        not exists (
            select 1 from panels
            where panels.case_id = high_points.case_id
                and panels.meeting_date > high_points.point_date - $risk_panel_days
                and panels.meeting_date <= high_points.point_date
                -- minutes placed on the record after D: not known yet (as RC2 reads them)
                and (panels.recorded_date is null or panels.recorded_date <= high_points.as_of_date)
        )
        and not exists (
            select 1 from management_entries
            where management_entries.case_id = high_points.case_id
                and management_entries.category = 'panel'
                and management_entries.entry_date > high_points.point_date - $risk_panel_days
                and management_entries.entry_date <= high_points.point_date
                and management_entries.recorded_date <= high_points.as_of_date
        ) as fails
    from panel_point_ratings as high_points
    where high_points.high_then and high_points.high_before
),

panel_check as (
    select
        as_of_date,
        case_id,
        5 as check_order,
        'risk_panel' as check_name,
        fails as failed,
        false as critical,
        true as has_evidence,
        case when fails then concat(
            'NO_RISK_PANEL ', point_date,
            case when failing > 1 then concat(' (', failing - 1, ' more)') end
        ) end as reason,
        case when fails then point_date - $risk_panel_days + 1 end as reason_since,
        concat('RISK_PANEL_HELD (', total, case when total = 1 then ' check' else ' checks' end, ' while high risk)') as strength
    from (
        select
            *,
            row_number() over (partition by as_of_date, case_id order by fails desc, point_date desc) as rank,
            count(*) filter (where fails) over (partition by as_of_date, case_id) as failing,
            count(*) over (partition by as_of_date, case_id) as total
        from panel_items
    )
    where rank = 1
),

-- Events (TL6): trigger events notified in the window whose response time has run out by D.
event_items as (
    select
        windows_rated.as_of_date,
        windows_rated.case_id,
        events.event_id,
        events.event_type,
        events.notified_date,
        add_working_days(events.notified_date, $event_response_working_days) as deadline_date
    from windows_rated
    inner join events
        on windows_rated.case_id = events.case_id
        and events.notified_date between windows_rated.window_start and windows_rated.window_end
    where add_working_days(events.notified_date, $event_response_working_days) <= windows_rated.as_of_date
),

event_answers as (
    select
        event_items.*,
        not exists (
            select 1 from management_entries
            where management_entries.case_id = event_items.case_id
                and management_entries.entry_date between event_items.notified_date and event_items.deadline_date
                and management_entries.recorded_date <= event_items.as_of_date
        ) as fails
    from event_items
),

event_check as (
    select
        as_of_date,
        case_id,
        6 as check_order,
        'events' as check_name,
        fails as failed,
        critical,
        true as has_evidence,
        case when fails then concat(
            'EVENT_UNANSWERED', case when critical then '_CRITICAL' end,
            ' ', notified_date, ' (', event_type,
            case when failing > 1 then concat(', ', failing - 1, ' more') end, ')'
        ) end as reason,
        case when fails then notified_date end as reason_since,
        concat('EVENTS_ANSWERED (', total, case when total = 1 then ' event)' else ' events)' end) as strength
    from (
        select
            *,
            -- a serious incident or safeguarding concern left unanswered is critical: any one
            -- of them makes the check critical, so rank them first
            fails and event_type in ('serious_incident', 'safeguarding_concern') as critical,
            row_number() over (
                partition by as_of_date, case_id
                order by fails desc,
                    (fails and event_type in ('serious_incident', 'safeguarding_concern')) desc,
                    notified_date, event_id
            ) as rank,
            count(*) filter (where fails) over (partition by as_of_date, case_id) as failing,
            count(*) over (partition by as_of_date, case_id) as total
        from event_answers
    )
    where rank = 1
),

-- Actions (DR2): due in the window, with the 10 working days to confirm run out by D; a
-- completion or confirmation after D has not happened yet.
action_items as (
    select
        windows_rated.as_of_date,
        windows_rated.case_id,
        actions.action_id,
        actions.due_on,
        case when actions.completed_date <= windows_rated.as_of_date then actions.completed_date end
            as completed_date,
        case when actions.confirmed_date <= windows_rated.as_of_date then actions.confirmed_date end
            as confirmed_date
    from windows_rated
    inner join actions
        on windows_rated.case_id = actions.case_id
        and actions.due_on between windows_rated.window_start and windows_rated.window_end
        and actions.set_date <= windows_rated.as_of_date
    where add_working_days(actions.due_on, $action_confirm_working_days) <= windows_rated.as_of_date
),

action_results as (
    select
        *,
        case
            when completed_date is null or completed_date > due_on then 'not completed by its due date'
            when confirmed_date is null
                or confirmed_date > add_working_days(completed_date, $action_confirm_working_days)
                then 'completed, not confirmed in time'
        end as failure
    from action_items
),

action_check as (
    select
        as_of_date,
        case_id,
        7 as check_order,
        'actions' as check_name,
        fails as failed,
        false as critical,
        true as has_evidence,
        case when fails then concat(
            'ACTIONS_NOT_FOLLOWED_UP ', due_on, ' (', failure,
            case when failing > 1 then concat(', ', failing - 1, ' more') end, ')'
        ) end as reason,
        case when fails then due_on end as reason_since,
        concat('ACTIONS_FOLLOWED_UP (', total, case when total = 1 then ' action)' else ' actions)' end) as strength
    from (
        select
            *,
            failure is not null as fails,
            row_number() over (
                partition by as_of_date, case_id order by failure is not null desc, due_on, action_id
            ) as rank,
            count(*) filter (where failure is not null) over (partition by as_of_date, case_id) as failing,
            count(*) over (partition by as_of_date, case_id) as total
        from action_results
    )
    where rank = 1
),

-- Assessment up to date (DR3), at the window's end.
latest_stage as (
    select
        windows_rated.as_of_date,
        windows_rated.case_id,
        windows_rated.window_end,
        max(assessments.completed_date) as latest_completed_date
    from windows_rated
    inner join assessments
        on windows_rated.case_id = assessments.case_id
        and assessments.completed_date <= windows_rated.window_end
    where windows_rated.assetplus_applies
    group by all
),

assessment_age_check as (
    select
        as_of_date,
        case_id,
        8 as check_order,
        'assessment_current' as check_name,
        window_end - latest_completed_date > $assessment_max_age_days as failed,
        false as critical,
        true as has_evidence,
        case when window_end - latest_completed_date > $assessment_max_age_days then concat(
            'ASSESSMENT_OUT_OF_DATE ', latest_completed_date, '..', window_end,
            ' (', window_end - latest_completed_date, ' days)'
        ) end as reason,
        case when window_end - latest_completed_date > $assessment_max_age_days then latest_completed_date end
            as reason_since,
        concat('ASSESSMENT_UP_TO_DATE (', latest_completed_date, ')') as strength
    from latest_stage
),

-- Substantive entries (QL1): notes with text (a countersignature has none), counted above.
substance_check as (
    select
        evidence_summary.as_of_date,
        evidence_summary.case_id,
        9 as check_order,
        'substantive' as check_name,
        evidence_summary.short_entries * 2 > evidence_summary.with_text as failed,
        false as critical,
        true as has_evidence,
        case when evidence_summary.short_entries * 2 > evidence_summary.with_text then concat(
            'THREADBARE_ENTRIES ', windows_rated.window_start, '..', windows_rated.window_end, ' (',
            evidence_summary.short_entries, ' of ', evidence_summary.with_text, ' entries under ',
            $substantive_words, ' words)'
        ) end as reason,
        case when evidence_summary.short_entries * 2 > evidence_summary.with_text then windows_rated.window_start end
            as reason_since,
        concat(
            'SUBSTANTIVE_ENTRIES (', evidence_summary.with_text - evidence_summary.short_entries, ' of ',
            evidence_summary.with_text, ')'
        ) as strength
    from evidence_summary
    inner join windows_rated
        on evidence_summary.as_of_date = windows_rated.as_of_date
        and evidence_summary.case_id = windows_rated.case_id
    where evidence_summary.with_text > 0
),

checks as (
    select * from evidence_check
    union all by name select * from first_assessment_check
    union all by name select * from countersigned_check
    union all by name select * from countersign_time_check
    union all by name select * from panel_check
    union all by name select * from event_check
    union all by name select * from action_check
    union all by name select * from assessment_age_check
    union all by name select * from substance_check
),

check_status as (
    select
        *,
        case
            when critical then 'critical'
            when failed then 'fail'
            when has_evidence then 'pass'
            else 'n/a'
        end as status
    from checks
),

-- One row per judged case: each check's status side by side, reasons and strengths in the
-- checks' order (joins, not a grouped string_agg: much faster on a national extract).
verdicts as (
    select
        windows_rated.as_of_date,
        windows_rated.case_id,
        evidence.status as evidence,
        first_assessment.status as first_assessment,
        countersigned.status as countersigned,
        countersign_time.status as countersign_time,
        risk_panel.status as risk_panel,
        events.status as events,
        actions.status as actions,
        assessment_current.status as assessment_current,
        substantive.status as substantive,
        coalesce(evidence.failed, false)::int
            + coalesce(first_assessment.failed, false)::int
            + coalesce(countersigned.failed, false)::int
            + coalesce(countersign_time.failed, false)::int
            + coalesce(risk_panel.failed, false)::int
            + coalesce(events.failed, false)::int
            + coalesce(actions.failed, false)::int
            + coalesce(assessment_current.failed, false)::int
            + coalesce(substantive.failed, false)::int as failed_checks,
        coalesce(evidence.critical
            or first_assessment.critical
            or countersigned.critical
            or countersign_time.critical
            or risk_panel.critical
            or events.critical
            or actions.critical
            or assessment_current.critical
            or substantive.critical, false) as any_critical,
        coalesce(evidence.failed, false) as evidence_failed,
        nullif(concat_ws('; ',
            evidence.reason,
            first_assessment.reason,
            countersigned.reason,
            countersign_time.reason,
            risk_panel.reason,
            events.reason,
            actions.reason,
            assessment_current.reason,
            substantive.reason
        ), '') as reasons,
        nullif(concat_ws('; ',
            case when evidence.status = 'pass' then evidence.strength end,
            case when first_assessment.status = 'pass' then first_assessment.strength end,
            case when countersigned.status = 'pass' then countersigned.strength end,
            case when countersign_time.status = 'pass' then countersign_time.strength end,
            case when risk_panel.status = 'pass' then risk_panel.strength end,
            case when events.status = 'pass' then events.strength end,
            case when actions.status = 'pass' then actions.strength end,
            case when assessment_current.status = 'pass' then assessment_current.strength end,
            case when substantive.status = 'pass' then substantive.strength end
        ), '') as strengths,
        least(
            evidence.reason_since,
            first_assessment.reason_since,
            countersigned.reason_since,
            countersign_time.reason_since,
            risk_panel.reason_since,
            events.reason_since,
            actions.reason_since,
            assessment_current.reason_since,
            substantive.reason_since
        ) as first_failure_date
    from windows_rated
    left join check_status as evidence
        on windows_rated.as_of_date = evidence.as_of_date
        and windows_rated.case_id = evidence.case_id
        and evidence.check_order = 1
    left join check_status as first_assessment
        on windows_rated.as_of_date = first_assessment.as_of_date
        and windows_rated.case_id = first_assessment.case_id
        and first_assessment.check_order = 2
    left join check_status as countersigned
        on windows_rated.as_of_date = countersigned.as_of_date
        and windows_rated.case_id = countersigned.case_id
        and countersigned.check_order = 3
    left join check_status as countersign_time
        on windows_rated.as_of_date = countersign_time.as_of_date
        and windows_rated.case_id = countersign_time.case_id
        and countersign_time.check_order = 4
    left join check_status as risk_panel
        on windows_rated.as_of_date = risk_panel.as_of_date
        and windows_rated.case_id = risk_panel.case_id
        and risk_panel.check_order = 5
    left join check_status as events
        on windows_rated.as_of_date = events.as_of_date
        and windows_rated.case_id = events.case_id
        and events.check_order = 6
    left join check_status as actions
        on windows_rated.as_of_date = actions.as_of_date
        and windows_rated.case_id = actions.case_id
        and actions.check_order = 7
    left join check_status as assessment_current
        on windows_rated.as_of_date = assessment_current.as_of_date
        and windows_rated.case_id = assessment_current.case_id
        and assessment_current.check_order = 8
    left join check_status as substantive
        on windows_rated.as_of_date = substantive.as_of_date
        and windows_rated.case_id = substantive.case_id
        and substantive.check_order = 9
),

-- The latest management entry up to the window's end: the last in the window, else one before.
latest_entry as (
    select as_of_date, case_id, last_entry_date as latest_entry_date
    from evidence_summary
    where last_entry_date is not null
    union all
    select
        windows_rated.as_of_date,
        windows_rated.case_id,
        max(management_entries.entry_date) as latest_entry_date
    from windows_rated
    inner join evidence_summary
        on windows_rated.as_of_date = evidence_summary.as_of_date
        and windows_rated.case_id = evidence_summary.case_id
        and evidence_summary.last_entry_date is null
    inner join management_entries
        on windows_rated.case_id = management_entries.case_id
        and management_entries.entry_date < windows_rated.window_start
        and management_entries.recorded_date <= windows_rated.as_of_date
    group by all
),

judged as (
    select
        windows_rated.*,
        verdicts.* exclude (as_of_date, case_id),
        latest_entry.latest_entry_date,
        (windows_rated.raised_in_window and verdicts.evidence_failed)
            or verdicts.failed_checks >= 2
            or verdicts.any_critical as insufficient
    from windows_rated
    inner join verdicts
        on windows_rated.as_of_date = verdicts.as_of_date
        and windows_rated.case_id = verdicts.case_id
    left join latest_entry
        on windows_rated.as_of_date = latest_entry.as_of_date
        and windows_rated.case_id = latest_entry.case_id
)

select
    as_of_date,
    case_id,
    cast(null as varchar) as staff_id,
    case_id as item_id,
    as_of_date as item_date,
    not insufficient as in_numerator,
    case when insufficient then reasons end as gap,
    case when insufficient then first_failure_date end as since_date,
    case when insufficient then 'insufficient' else 'sufficient' end as judgement,
    reasons,
    strengths,
    window_start,
    window_end,
    end_date,
    raised_in_window,
    assetplus_applies,
    failed_checks,
    any_critical,
    latest_entry_date,
    window_end - coalesce(latest_entry_date, start_date) as days_since_management_entry,
    evidence,
    coalesce(first_assessment, 'n/a') as first_assessment,
    coalesce(countersigned, 'n/a') as countersigned,
    coalesce(countersign_time, 'n/a') as countersign_time,
    coalesce(risk_panel, 'n/a') as risk_panel,
    coalesce(events, 'n/a') as events,
    coalesce(actions, 'n/a') as actions,
    coalesce(assessment_current, 'n/a') as assessment_current,
    coalesce(substantive, 'n/a') as substantive
from judged
