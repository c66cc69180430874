-- id: FP2
-- title: Every open case discussed in monthly supervision
-- question: Was every open case discussed in each monthly supervision?
-- definition: The share of case-months with a supervision entry: for each whole calendar month
--   in the period, every case open on every day of that month should have a management entry in
--   the supervision category (by a manager) dated in that month.
-- population: Each pair of a case and a whole calendar month within the period (from <= first
--   day, last day <= D) in which the case was open every day (started on or before the first
--   day, not ended before the last day). A period holding no whole month has no value.
-- met: A supervision entry dated in that calendar month and recorded by the end of D.
-- threshold: Calendar month
-- source: 001 ("every open case, without exception")
-- level: case
-- direction: higher
-- requires:

with

cases as (select * from cases),

supervision_entries as (
    select * from management_entries
    where category = 'supervision'
        and (author_is_manager or $any_author_counts)
),

-- the whole calendar months in the period (the macro whole_months_in_period, as DR4)
whole_months as (
    select as_of_date, month_start as month_start_date, month_end as month_end_date
    from whole_months_in_period()
),

case_months as (
    select
        whole_months.as_of_date,
        whole_months.month_start_date,
        whole_months.month_end_date,
        cases.case_id,
        cases.start_date
    from whole_months
    inner join cases
        on cases.start_date <= whole_months.month_start_date
        -- an end date after D is not known on D; the month ends by D, so the case was open then
        and (cases.end_date is null or cases.end_date >= whole_months.month_end_date)
),

supervision_in_month as (
    select
        case_months.as_of_date,
        case_months.case_id,
        case_months.month_start_date,
        count(*) as supervision_entries_count,
        max(supervision_entries.entry_date) as latest_supervision_date
    from case_months
    inner join supervision_entries
        on case_months.case_id = supervision_entries.case_id
        and supervision_entries.entry_date between case_months.month_start_date and case_months.month_end_date
        and supervision_entries.recorded_date <= case_months.as_of_date
    group by all
),

-- the latest supervision before a missed month ends: since when the case went without one
supervision_before as (
    select
        case_months.as_of_date,
        case_months.case_id,
        case_months.month_start_date,
        max(supervision_entries.entry_date) as previous_supervision_date
    from case_months
    inner join supervision_entries
        on case_months.case_id = supervision_entries.case_id
        and supervision_entries.entry_date < case_months.month_start_date
        and supervision_entries.recorded_date <= case_months.as_of_date
    group by all
),

judged as (
    select
        case_months.*,
        coalesce(supervision_in_month.supervision_entries_count, 0) as supervision_entries_count,
        supervision_in_month.latest_supervision_date,
        supervision_before.previous_supervision_date,
        supervision_in_month.case_id is not null as in_numerator
    from case_months
    left join supervision_in_month using (as_of_date, case_id, month_start_date)
    left join supervision_before using (as_of_date, case_id, month_start_date)
)

select
    as_of_date,
    case_id,
    cast(null as varchar) as staff_id,
    case_id || ' ' || strftime(month_start_date, '%Y-%m') as item_id,
    as_of_date as item_date,
    in_numerator,
    case
        when not in_numerator then 'no supervision entry in ' || strftime(month_start_date, '%B %Y')
    end as gap,
    case
        when in_numerator then latest_supervision_date
        else coalesce(previous_supervision_date, start_date)
    end as since_date,
    strftime(month_start_date, '%Y-%m') as supervision_month,
    month_start_date,
    month_end_date,
    supervision_entries_count,
    latest_supervision_date,
    previous_supervision_date
from judged
