-- Substantive entries (QL1): more than half the management entries with text in the window
-- (a countersignature has none) under substantive_words words fails.
-- source: Oversight's case judgement (JG1), checking the rule of QL1

select
    as_of_date,
    case_key,
    short_entries * 2 > with_text as failed,
    false as critical,
    true as has_evidence,
    case when short_entries * 2 > with_text then concat(
        'THREADBARE_ENTRIES ', window_start, '..', window_end, ' (',
        short_entries, ' of ', with_text, ' entries under ', $substantive_words, ' words)'
    ) end as reason,
    case when short_entries * 2 > with_text then window_start end as reason_since,
    concat('SUBSTANTIVE_ENTRIES (', with_text - short_entries, ' of ', with_text, ')') as strength
from window_entry_counts
where with_text > 0
