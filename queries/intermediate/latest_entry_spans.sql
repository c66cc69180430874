-- name: latest_entry_spans
-- description: Each case's latest management entry as known on each day, as spans of days: from
--   valid_from (a day an entry came on record: the later of its date and its recording, since an
--   entry recorded after D does not exist yet on D) up to, not including, valid_to (the next such
--   day; null while still in force). latest_manager_entry_date is the latest entry date among
--   entries by a manager, latest_entry_date among all (any_author_counts). A case's latest entry
--   by D, recorded by D, is the span with valid_from <= D < valid_to: a range join returning
--   one row, in place of reading every entry up to D and taking the latest. Before the first
--   span there is none. Built once per load from management_entries.
-- source: Oversight's conventions ("Management entry")

with

management_entries as (
    select case_id, entry_date, recorded_date, author_is_manager
    from management_entries
    -- an entry with no date or no recording day is on record on no day (as `<= D` reads it)
    where entry_date is not null and recorded_date is not null
),

known_days as (
    select
        case_id,
        greatest(entry_date, recorded_date) as valid_from,
        max(entry_date) filter (where author_is_manager) as manager_entry_date,
        max(entry_date) as entry_date
    from management_entries
    group by all
),

-- the latest known by each day: the latest of every entry on record by then
running as (
    select
        case_id,
        valid_from,
        lead(valid_from) over by_day as valid_to,
        max(manager_entry_date) over by_day as latest_manager_entry_date,
        max(entry_date) over by_day as latest_entry_date
    from known_days
    window by_day as (partition by case_id order by valid_from)
)

select * from running
