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

due_cases as (
    select
        windows.as_of_date,
        cases.case_id,
        cases.allocation_date,
        add_working_days(cases.allocation_date, $allocation_oversight_working_days) as deadline_date
    from windows
    inner join cases
        on cases.allocation_date between windows.from_date and windows.as_of_date
        and cases.start_date <= windows.as_of_date
    where add_working_days(cases.allocation_date, $allocation_oversight_working_days) <= windows.as_of_date
),

judged as (
    select
        *,
        coalesce(first_entry_date <= deadline_date, false) as in_numerator
    from (
        select
            *,
            first_entry_since(case_id, allocation_date, as_of_date, $any_author_counts) as first_entry_date
        from due_cases
    )
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
