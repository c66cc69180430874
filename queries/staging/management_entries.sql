-- name: management_entries
-- description: Every management entry on a child's record: case notes in a management
--   category (oversight, supervision, decision, panel, audit) and assessment
--   countersignatures. Built once per load; indicators filter it by date as of D.
-- columns: entry_date is the date part of event_date (a countersignature: countersigned_date);
--   recorded_date the day it was entered; clock_start_utc and recorded_utc are UTC instants
--   for the hour rules, clock_start_utc being the end of the day when event_date had no time.
--   author_role is the note author's role (null for a countersignature or an unknown author).
--   has_analysis, has_action_phrase and has_impact are QL2's signals in a note's text, matched
--   once here with the phrases of queries/quality/ql2_phrases.toml in force at load, which
--   phrases_digest names (null without text); QL2 matches the text itself when the phrases in
--   force differ, so an edited phrase file counts at once, without a reload.
--   seconds_to_record and working_days_to_record: how long a note took to be recorded (the
--   "within H hours" and "working days" rules read them; entry_delays lists them by note).
--   previous_entry_date and previous_recorded_date: the entry before on the same case, by date
--   then id (previous_manager_*: among managers' entries), for JG1's gaps between entries.
--   case_key: the case's whole-number key (keyed_cases), for JG1's joins.
-- source: Oversight's conventions (management entry, within H hours, working days)

with

keyed_cases as (select case_id, case_key from keyed_cases),

case_notes as (select * from case_notes),

staff as (select * from staff),

assessments as (select * from assessments),

note_entries as (
    select
        case_notes.note_id as entry_id,
        case_notes.case_id,
        'note' as source,
        case_notes.category,
        case_notes.note_type,
        case_notes.author_id,
        coalesce(list_contains($manager_roles, staff.role), false) as author_is_manager,
        -- for the rules that ask for a level of manager (QA2, ES1, ES2): a role is a policy setting
        staff.role as author_role,
        cast(case_notes.event_date as date) as entry_date,
        cast(case_notes.recorded_at as date) as recorded_date,
        case_notes.event_date_has_time as entry_has_time,
        timezone('UTC', timezone('Europe/London',
            case
                when case_notes.event_date_has_time then case_notes.event_date
                -- date only: the benefit of the doubt, counting from the end of that day
                else cast(cast(case_notes.event_date as date) + 1 as timestamp)
            end
        )) as clock_start_utc,
        timezone('UTC', timezone('Europe/London', case_notes.recorded_at)) as recorded_utc,
        coalesce(case_notes.significant, false) as significant,
        case_notes.text,
        -- a word is a run of characters between white space (non-breaking spaces included), so
        -- text of white space alone has no words
        len(regexp_extract_all(coalesce(case_notes.text, ''), '[^\s\x{00A0}]+')) as word_count,
        case when case_notes.text is not null then $phrases_digest end as phrases_digest,
        regexp_matches(case_notes.text, $analysis_pattern) as has_analysis,
        regexp_matches(case_notes.text, $action_pattern) as has_action_phrase,
        regexp_matches(case_notes.text, $impact_pattern) as has_impact
    from case_notes
    left join staff on case_notes.author_id = staff.staff_id
    where list_contains($management_categories, case_notes.category)
),

countersignatures as (
    select
        'countersignature:' || assessments.assessment_id as entry_id,
        assessments.case_id,
        'countersignature' as source,
        'countersignature' as category,
        'AssetPlus countersignature (' || assessments.stage || ')' as note_type,
        assessments.countersigned_by as author_id,
        -- a countersignature counts whoever signed it (signing is itself oversight: no role test)
        true as author_is_manager,
        assessments.countersigned_date as entry_date,
        assessments.countersigned_date as recorded_date,
        false as entry_has_time,
        cast(null as timestamp) as clock_start_utc,
        cast(null as timestamp) as recorded_utc,
        false as significant,
        cast(null as varchar) as text,
        0 as word_count,
        cast(null as varchar) as phrases_digest,
        cast(null as boolean) as has_analysis,
        cast(null as boolean) as has_action_phrase,
        cast(null as boolean) as has_impact
    from assessments
    where assessments.countersigned_date is not null
),

entries as (
    select * from note_entries
    union all by name
    select * from countersignatures
),

keyed_entries as (
    select entries.*, keyed_cases.case_key
    from entries
    left join keyed_cases on entries.case_id = keyed_cases.case_id
)

select
    *,
    -- how long a note took to be recorded: seconds in elapsed UTC time from the event (the end
    -- of its day when it had no time), so a record a minute past the limit is late, and the
    -- working days d with entry_date < d <= recorded date (a countersignature has neither)
    epoch(recorded_utc) - epoch(clock_start_utc) as seconds_to_record,
    working_days_between(entry_date, recorded_date) as working_days_to_record,
    -- the entry before this one on its case (by date, then id) and the day it was recorded,
    -- among all entries and among managers' (null for an entry not by a manager): JG1's evidence
    -- check measures the gap from it, on a day it was on record by
    lag(entry_date) over by_case as previous_entry_date,
    lag(recorded_date) over by_case as previous_recorded_date,
    case when author_is_manager then lag(entry_date) over by_manager end as previous_manager_entry_date,
    case when author_is_manager then lag(recorded_date) over by_manager end as previous_manager_recorded_date
from keyed_entries
window
    by_case as (partition by case_id order by entry_date, entry_id),
    by_manager as (partition by case_id, author_is_manager order by entry_date, entry_id)
-- stored case by case: the indicators join entries to cases, and read them faster in this order
-- than in the order the windows above leave them
order by case_id, entry_date, entry_id
