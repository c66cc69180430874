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
-- source: 003, 002 example four, 000 §7
-- level: item
-- direction: higher
-- requires:

with

actions as (select * from actions),

entries_in_period as (select * from notes_with_text_in_period($any_author_counts)),

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
        entries_in_period.* exclude (phrases_digest, has_analysis, has_action_phrase, has_impact),
        -- matched at load (queries/staging/management_entries.sql) unless the phrases in force
        -- have changed since; then matched here. Each pattern is built from the phrase file by
        -- queries/quality/signals.py: a phrase at the start of a word, in any case
        case
            when entries_in_period.phrases_digest = $phrases_digest then entries_in_period.has_analysis
            else regexp_matches(entries_in_period.text, $analysis_pattern)
        end as has_analysis,
        case
            when entries_in_period.phrases_digest = $phrases_digest then entries_in_period.has_action_phrase
            else regexp_matches(entries_in_period.text, $action_pattern)
        end or set_actions.actions_set is not null as has_action,
        case
            when entries_in_period.phrases_digest = $phrases_digest then entries_in_period.has_impact
            else regexp_matches(entries_in_period.text, $impact_pattern)
        end as has_impact,
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
