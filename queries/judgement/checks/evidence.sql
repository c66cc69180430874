-- Evidence: the gap before each management entry in the window (from the previous entry, or
-- from the window's start) and the gap after the last one to the window's end; entries on one
-- day make gaps of 0. N (gap_allowed_days) is 28 days for a case raised risk in the window,
-- else 56. A gap touching the window's edge fails at N days (as FP1 does on D); between two
-- entries only beyond N.
-- source: Oversight's case judgement (JG1), checking the rule of FP1 and DR1

with

-- The entry before each one in the window is the one the load found before it on its case
-- (management_entries.previous_date), unless that one was not on record by D: it was
-- recorded late, so on D it did not exist yet. The few windows holding such an entry are put
-- in order here; the rest need no ordering.
entries as (
    select
        *,
        previous_date is not null and not coalesce(previous_recorded_date <= as_of_date, false)
            as previous_not_on_record
    from window_entries
),

reordered as (
    select distinct as_of_date, case_key from entries where previous_not_on_record
),

entries_with_previous as (
    select
        entries.*,
        case when entries.previous_date >= entries.window_start then entries.previous_date end as previous_in_window
    from entries
    anti join reordered
        on entries.as_of_date = reordered.as_of_date
        and entries.case_key = reordered.case_key
    union all by name
    select
        entries.*,
        lag(entries.entry_date) over (
            partition by entries.as_of_date, entries.case_key order by entries.entry_date
        ) as previous_in_window
    from entries
    semi join reordered
        on entries.as_of_date = reordered.as_of_date
        and entries.case_key = reordered.case_key
),

-- the gap before each entry: from the previous one, or from the window's start for the first
entry_gaps as (
    select
        as_of_date,
        case_key,
        gap_allowed_days,
        coalesce(previous_in_window, window_start) as gap_from,
        entry_date as gap_to,
        previous_in_window is null as at_edge,
        1 as entries
    from entries_with_previous
),

evidence_gaps as (
    select * from entry_gaps
    union all
    -- after the last entry to the window's end; with no entry at all, the whole window
    select
        windows_rated.as_of_date,
        windows_rated.case_key,
        windows_rated.gap_allowed_days,
        coalesce(window_entry_counts.latest_entry_date, windows_rated.window_start),
        windows_rated.window_end,
        true,
        0
    from windows_rated
    left join window_entry_counts
        on windows_rated.as_of_date = window_entry_counts.as_of_date
        and windows_rated.case_key = window_entry_counts.case_key
),

evidence_items as (
    select
        *,
        gap_to - gap_from as gap_days,
        case
            when at_edge then gap_to - gap_from >= gap_allowed_days
            else gap_to - gap_from > gap_allowed_days
        end as fails
    from evidence_gaps
),

evidence_summary as (
    select
        as_of_date,
        case_key,
        count(*) filter (where fails) as failing,
        max(gap_days) as longest_gap_days,
        -- the gap shown: a failing one, the longest, the earliest of equals
        arg_max(
            {'gap_from': gap_from, 'gap_to': gap_to, 'gap_days': gap_days},
            (fails, gap_days, -(gap_from - date '2000-01-01'))
        ) as worst,
        sum(entries) as entries_in_window
    from evidence_items
    group by all
)

select
    as_of_date,
    case_key,
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
