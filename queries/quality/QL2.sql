-- id: QL2
-- title: Analysis, action and impact in entries
-- question: Do entries show analysis, actions and impact on the child?
-- definition: The share of management entries with text, dated in the period, in which all
--   three signals are found: analysis of risk, safety or wellbeing; an action with an owner or
--   a date (or an actions row set by the entry); the impact on the child. The phrases behind
--   each signal live in queries/quality/ql2_phrases.toml, which a service can edit; every
--   entry shows which signals it has.
-- population: As QL1: management-category notes by a manager, dated in the period
--   (from <= date <= D), recorded by the end of D, whose text is not empty.
-- met: Each of the three signals is found: a phrase of the signal at the start of a word in
--   the text, whatever its case (for action, also an actions row whose note_id is the entry,
--   set on or before D).
-- threshold: all three signals (phrases in ql2_phrases.toml)
-- source: 003, 002 example four, 000 section 7
-- level: item
-- direction: higher
-- requires:

with

windows as (select * from windows),

cases as (select * from cases),

actions as (select * from actions),

-- words counted here rather than taken from staging, so text that is only white space
-- (line breaks, non-breaking spaces) counts as no text and edges add no empty words
counted as (
    select
        * exclude (word_count),
        len(regexp_extract_all(coalesce(text, ''), '[^\s\x{00A0}]+')) as word_count
    from management_entries
    where source = 'note'
        and (author_is_manager or $any_author_counts)
),

entries_with_text as (select * from counted where word_count > 0),

phrases as (
    select 'analysis' as signal, unnest($analysis_phrases) as phrase
    union all
    select 'action' as signal, unnest($action_phrases) as phrase
    union all
    select 'impact' as signal, unnest($impact_phrases) as phrase
),

-- one pattern per signal: any of its phrases starting a word (not preceded by a letter or
-- digit), read in lower case with runs of white space as one space and curly apostrophes straight
patterns as (
    select
        signal,
        '(^|[^[:alnum:]_])(' || string_agg(
            regexp_escape(lower(regexp_replace(replace(trim(phrase), '’', ''''), '\s+', ' ', 'g'))), '|'
        ) || ')' as pattern
    from phrases
    where trim(phrase) <> ''
    group by signal
),

entries_in_period as (
    select
        windows.as_of_date,
        entries_with_text.*,
        lower(regexp_replace(replace(entries_with_text.text, '’', ''''), '\s+', ' ', 'g')) as normal_text
    from windows
    inner join entries_with_text
        on entries_with_text.entry_date >= windows.from_date
        and entries_with_text.entry_date <= windows.as_of_date
        and entries_with_text.recorded_date <= windows.as_of_date
    inner join cases
        on entries_with_text.case_id = cases.case_id
        and cases.start_date <= windows.as_of_date
),

found_in_text as (
    select entries_in_period.as_of_date, entries_in_period.entry_id, patterns.signal
    from entries_in_period
    inner join patterns on regexp_matches(entries_in_period.normal_text, patterns.pattern)
),

set_actions as (
    select entries_in_period.as_of_date, entries_in_period.entry_id, count(*) as actions_set
    from entries_in_period
    inner join actions
        on entries_in_period.entry_id = actions.note_id
        and actions.set_date <= entries_in_period.as_of_date
    group by all
),

signals as (
    select
        entries_in_period.*,
        exists (
            select 1 from found_in_text
            where found_in_text.as_of_date = entries_in_period.as_of_date
                and found_in_text.entry_id = entries_in_period.entry_id
                and found_in_text.signal = 'analysis'
        ) as has_analysis,
        exists (
            select 1 from found_in_text
            where found_in_text.as_of_date = entries_in_period.as_of_date
                and found_in_text.entry_id = entries_in_period.entry_id
                and found_in_text.signal = 'action'
        ) or coalesce(set_actions.actions_set, 0) > 0 as has_action,
        exists (
            select 1 from found_in_text
            where found_in_text.as_of_date = entries_in_period.as_of_date
                and found_in_text.entry_id = entries_in_period.entry_id
                and found_in_text.signal = 'impact'
        ) as has_impact,
        coalesce(set_actions.actions_set, 0) as actions_set
    from entries_in_period
    left join set_actions
        on entries_in_period.as_of_date = set_actions.as_of_date
        and entries_in_period.entry_id = set_actions.entry_id
)

select
    as_of_date,
    case_id,
    cast(null as varchar) as staff_id,
    entry_id as item_id,
    entry_date as item_date,
    has_analysis and has_action and has_impact as in_numerator,
    nullif(concat_ws('; ',
        case when not has_analysis then 'no analysis of risk, safety or wellbeing' end,
        case when not has_action then 'no action with an owner or a date' end,
        case when not has_impact then 'no impact on the child' end
    ), '') as gap,
    case when not (has_analysis and has_action and has_impact) then entry_date end as since_date,
    entry_date,
    recorded_date,
    note_type,
    category,
    author_id,
    word_count,
    has_analysis,
    has_action,
    has_impact,
    actions_set
from signals
