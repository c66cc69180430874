-- name: panel_reviews
-- description: Every review of a case by a panel, from either record of it: a risk management
--   meeting (source 'meeting', panel its type; by managers by definition) or a management entry
--   in the panel category (source 'entry', no panel type). known_from is the first day it was
--   on the record: for a meeting, its date, or the day its minutes were recorded if later (with
--   no recording day, the meeting is known from its date); for an entry, the later of its date
--   and its recording (an entry with no recording day is on the record on no day, so it is not
--   here). A review is known on D when known_from <= D. Built once per load.
--   case_key: the case's whole-number key (keyed_cases), for JG1's joins.
-- source: data contract, panels and case notes; Oversight's conventions ("Management entry")

with

meetings as (
    select
        case_id,
        'meeting' as source,
        panel,
        meeting_date as review_date,
        greatest(meeting_date, coalesce(recorded_date, meeting_date)) as known_from,
        true as author_is_manager
    from panels
    where meeting_date is not null
),

entries as (
    select
        case_id,
        'entry' as source,
        cast(null as varchar) as panel,
        entry_date as review_date,
        greatest(entry_date, recorded_date) as known_from,
        author_is_manager
    from management_entries
    where category = 'panel' and entry_date is not null and recorded_date is not null
)

select reviews.*, keyed_cases.case_key
from (
    select * from meetings
    union all
    select * from entries
) as reviews
left join keyed_cases using (case_id)
order by case_id, review_date
