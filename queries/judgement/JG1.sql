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

-- The judgement's common inputs, then its nine checks (one file each under
-- queries/judgement/checks/, unioned in the order of queries/judgement/checks.py, which fills
-- the three marker lines below), then the verdict.

with

windows as (select * from windows),

-- each case with its whole-number key: JG1 joins and groups by case_key (several times faster
-- than by case_id), and shows case_id
cases as (select * from keyed_cases),

-- only the columns used: the text itself is not carried through the query
management_entries as not materialized (
    select
        case_key,
        entry_date,
        recorded_date,
        word_count,
        -- the entry before this one among those that count (the evidence check's gaps)
        case when $any_author_counts then previous_entry_date else previous_manager_entry_date end
            as previous_date,
        case when $any_author_counts then previous_recorded_date else previous_manager_recorded_date end
            as previous_recorded_date
    from management_entries
    where author_is_manager or $any_author_counts
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
        cases.case_key,
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

-- Raised risk at any time in the window: a rating span in force on some day of it.
raised as (
    select case_windows.as_of_date, case_windows.case_key, bool_or(ratings.raised) as raised_in_window
    from case_windows
    inner join rating_spans as ratings
        on case_windows.case_key = ratings.case_key
        and ratings.valid_from <= case_windows.window_end
        and (ratings.valid_to is null or ratings.valid_to > case_windows.window_start)
    group by all
),

windows_rated as materialized (
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
        and case_windows.case_key = raised.case_key
),

-- Management entries dated from the window's start to D and on record by the end of D: the
-- window's own (window_entries), and for a case closed before D those after its window, where
-- the events check finds an answer given after the case closed (TL6 looks up to D).
entries_to_d as materialized (
    select
        windows_rated.as_of_date,
        windows_rated.case_key,
        windows_rated.window_start,
        windows_rated.window_end,
        windows_rated.gap_allowed_days,
        management_entries.entry_date,
        management_entries.word_count,
        management_entries.previous_date,
        management_entries.previous_recorded_date
    from windows_rated
    inner join management_entries
        on windows_rated.case_key = management_entries.case_key
        and management_entries.entry_date between windows_rated.window_start and windows_rated.as_of_date
        and management_entries.recorded_date <= windows_rated.as_of_date
),

-- Management entries dated in the window and on record by the end of D.
window_entries as (select * from entries_to_d where entry_date <= window_end),

-- Each window's entries counted once for the checks that count them: the last (the evidence
-- check's last gap starts there), and those with text and those of them under the word minimum
-- (the substantive check).
window_entry_counts as (
    select
        as_of_date,
        case_key,
        window_start,
        window_end,
        max(entry_date) as latest_entry_date,
        count(*) filter (where word_count > 0) as with_text,
        count(*) filter (where word_count > 0 and word_count < $substantive_words) as short_entries
    from window_entries
    group by all
),

-- Stages completed in the window where AssetPlus applies, countersigned only if by the end of D.
window_stages as materialized (
    select
        windows_rated.as_of_date,
        windows_rated.case_key,
        windows_rated.window_end,
        stages.assessment_id,
        stages.stage,
        stages.completed_date,
        case when stages.countersigned_date <= windows_rated.as_of_date then stages.countersigned_date end
            as countersigned_date,
        case when stages.countersigned_date <= windows_rated.as_of_date then stages.working_days_to_countersign end
            as working_days_to_countersign
    from windows_rated
    inner join stage_facts as stages
        on windows_rated.case_key = stages.case_key
        and stages.completed_date between windows_rated.window_start and windows_rated.window_end
    where windows_rated.assetplus_applies
),

-- The stages the two countersignature checks judge, one row per stage and check, ranked and
-- worded once for both (checks/countersigned.sql and checks/countersign_time.sql take their
-- own rows): countersigned (FP4's rule), each stage whose countersign_working_days ran
-- out by the window's end, failing when not countersigned by D, the earliest completed first;
-- in time (TL4's), each stage countersigned by D, failing when signed after those working days,
-- the longest wait first. working_days is how long it has waited, up to until_date.
stage_items as (
    select
        'countersigned' as check_name,
        'NOT_COUNTERSIGNED' as reason_code,
        'ALL_COUNTERSIGNED' as strength_code,
        *,
        countersigned_date is null as fails,
        window_end as until_date,
        working_days_between(completed_date, window_end) as working_days,
        completed_date as earliest_first,
        cast(null as integer) as longest_first
    from window_stages
    where add_working_days(completed_date, $countersign_working_days) <= window_end
    union all by name
    select
        'countersign_time' as check_name,
        'COUNTERSIGN_LATE' as reason_code,
        'COUNTERSIGNED_ON_TIME' as strength_code,
        *,
        countersigned_date > add_working_days(completed_date, $countersign_working_days) as fails,
        countersigned_date as until_date,
        working_days_to_countersign as working_days,
        cast(null as date) as earliest_first,
        working_days_to_countersign as longest_first
    from window_stages
    where countersigned_date is not null
),

-- one row per check and case: the stage shown is a failing one if any, then in the check's own
-- order (an aggregate, not a ranking window: far cheaper on a large extract)
stage_ranks as (
    select
        check_name,
        as_of_date,
        case_key,
        any_value(reason_code) as reason_code,
        any_value(strength_code) as strength_code,
        count(*) filter (where fails) as failing,
        count(*) as total,
        arg_min(
            {'completed_date': completed_date, 'until_date': until_date, 'stage': stage, 'working_days': working_days},
            (not fails, earliest_first, -longest_first, assessment_id)
        ) as shown
    from stage_items
    group by check_name, as_of_date, case_key
),

stage_checks as (
    select
        check_name,
        as_of_date,
        case_key,
        failing > 0 as failed,
        failing > 0 and shown.working_days > $critical_working_days as critical,
        true as has_evidence,
        case when failing > 0 then concat(
            reason_code, case when shown.working_days > $critical_working_days then '_CRITICAL' end,
            ' ', shown.completed_date, '..', shown.until_date, ' (', shown.stage, ', ', shown.working_days,
            ' working days', case when failing > 1 then concat(', ', failing - 1, ' more') end, ')'
        ) end as reason,
        case when failing > 0 then shown.completed_date end as reason_since,
        concat(strength_code, ' (', total, case when total = 1 then ' stage)' else ' stages)' end) as strength
    from stage_ranks
),

checks as (
-- @checks: the union of the check files
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

pivoted as (
    select
        as_of_date,
        case_key,
-- @pivot: one column per check
    from check_status
    group by as_of_date, case_key
),

verdicts as (
    select
        pivoted.*,
-- @reasons: reasons and strengths in the checks' order
    from pivoted
),

-- The latest management entry up to the window's end: the last in the window, else the latest
-- before it (looked up only for the cases with none in the window).
latest_entry as (
    select as_of_date, case_key, latest_entry_date from window_entry_counts
    union all
    select
        windows_rated.as_of_date,
        windows_rated.case_key,
        latest_entry_by(
            windows_rated.case_id, windows_rated.window_start - 1, windows_rated.as_of_date, $any_author_counts
        ) as latest_entry_date
    from windows_rated
    anti join window_entry_counts
        on windows_rated.as_of_date = window_entry_counts.as_of_date
        and windows_rated.case_key = window_entry_counts.case_key
),

judged as (
    select
        windows_rated.*,
        verdicts.* exclude (as_of_date, case_key),
        latest_entry.latest_entry_date,
        (windows_rated.raised_in_window and coalesce(verdicts.evidence_failed, false))
            or verdicts.failed_checks >= 2
            or verdicts.any_critical as insufficient
    from windows_rated
    inner join verdicts
        on windows_rated.as_of_date = verdicts.as_of_date
        and windows_rated.case_key = verdicts.case_key
    left join latest_entry
        on windows_rated.as_of_date = latest_entry.as_of_date
        and windows_rated.case_key = latest_entry.case_key
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
