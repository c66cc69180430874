-- id: FP3
-- title: Oversight at allocation
-- question: Was there oversight at allocation?
-- definition: The share of newly allocated cases with a management entry (a management-category
--   note by a manager, or an assessment countersignature) dated from the allocated date to
--   {allocation_oversight_working_days:unit} after it.
-- population: Cases with allocated_date in the period (the start date where none is given) and
--   at least {allocation_oversight_working_days:unit} before D (the
--   {allocation_oversight_working_days:th} working day after allocation is on or before D).
-- met: A management entry dated from allocated_date to the {allocation_oversight_working_days:th}
--   working day after it (weekends and England and Wales bank holidays skipped), recorded by the
--   end of D.
-- threshold: {allocation_oversight_working_days:unit} (allocation_oversight_working_days)
-- source: 003
-- level: case
-- direction: higher
-- requires:

with

windows as (select * from windows),

cases as (
    select *, coalesce(allocated_date, start_date) as allocation_date
    from cases
),

management_entries as (
    select * from management_entries
    where author_is_manager or $any_author_counts
),

allocations_in_period as (
    select
        windows.as_of_date,
        cases.case_id,
        cases.allocation_date,
        add_working_days(cases.allocation_date, $allocation_oversight_working_days) as deadline_date
    from windows
    inner join cases
        on cases.allocation_date between windows.from_date and windows.as_of_date
        and cases.start_date <= windows.as_of_date
),

due_cases as (
    select * from allocations_in_period
    where deadline_date <= as_of_date
),

first_entry as (
    select
        due_cases.as_of_date,
        due_cases.case_id,
        min(management_entries.entry_date) as first_entry_date
    from due_cases
    inner join management_entries
        on due_cases.case_id = management_entries.case_id
        and management_entries.entry_date >= due_cases.allocation_date
        and management_entries.entry_date <= due_cases.as_of_date
        and management_entries.recorded_date <= due_cases.as_of_date
    group by all
),

judged as (
    select
        due_cases.*,
        first_entry.first_entry_date,
        coalesce(first_entry.first_entry_date <= due_cases.deadline_date, false) as in_numerator
    from due_cases
    left join first_entry
        on due_cases.as_of_date = first_entry.as_of_date
        and due_cases.case_id = first_entry.case_id
)

select
    as_of_date,
    case_id,
    cast(null as varchar) as staff_id,
    case_id as item_id,
    as_of_date as item_date,
    in_numerator,
    case
        when not in_numerator
            then 'no management entry from allocation to ' || strftime(deadline_date, '%d %b %Y')
    end as gap,
    allocation_date as since_date,
    allocation_date as allocated_date,
    deadline_date,
    first_entry_date
from judged
