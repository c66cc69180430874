-- name: dimensions
-- description: The attributes every indicator can be broken down by, for each item an
--   indicator produced (the temporary table `items`). Case-level items are dated D, item-level
--   ones by their own date: the case manager (and so team and line manager) allocated on that
--   date, and the ratings then. Age band is the child's age at D. Staff-level items (DR4, SC1,
--   SC3) carry their own staff_id and take team and line manager from staff; they have no
--   attributes of a child or a case.
-- source: Oversight's conventions (breakdowns); the data contract (allocations)

with

items as (select * from items),

cases as (select * from cases),

children as (select * from children),

staff as (select * from staff),

-- materialized: computed once before the joins below. Left inline, a small set of items (a few
-- dozen serious incidents at national scale) let DuckDB 2.0's dictionary-surviving hash join fail
-- with an internal error that invalidates the whole database connection, about one run in two.
case_days as materialized (
    select distinct case_id, item_date, as_of_date
    from items
    where case_id is not null
),

-- the allocation and the ratings on the item's date, each a span of days
-- (queries/intermediate/allocation_spans.sql, rating_spans.sql)
with_ratings as (
    select
        case_days.*,
        -- a day no allocation covers counts for the case's current case manager and team; a day
        -- before the first allocation finds no row at all, so it is not covered either
        allocations.staff_id is not null
            and coalesce(allocations.to_date >= case_days.item_date, true) as covered,
        allocations.from_allocations,
        allocations.staff_id as allocated_staff_id,
        allocations.holder_team,
        ratings.rosh,
        ratings.swb
    from case_days
    left join allocation_spans as allocations
        on case_days.case_id = allocations.case_id
        and case_days.item_date >= allocations.from_date
        and (allocations.valid_to is null or case_days.item_date < allocations.valid_to)
    left join rating_spans as ratings
        on case_days.case_id = ratings.case_id
        and case_days.item_date >= ratings.valid_from
        and (ratings.valid_to is null or case_days.item_date < ratings.valid_to)
),

case_attributes as (
    select
        with_ratings.case_id,
        with_ratings.item_date,
        with_ratings.as_of_date,
        case
            when with_ratings.covered and with_ratings.from_allocations then with_ratings.holder_team
            else cases.team
        end as team,
        case
            when with_ratings.covered then with_ratings.allocated_staff_id
            else cases.case_manager_id
        end as case_manager_id,
        with_ratings.rosh,
        with_ratings.swb,
        cases.disposal,
        cases.child_id
    from with_ratings
    inner join cases on with_ratings.case_id = cases.case_id
),

age as (
    select
        case_attributes.*,
        children.sex,
        children.ethnicity,
        children.looked_after,
        date_sub('year', children.date_of_birth, case_attributes.as_of_date) as age_years_at_d
    from case_attributes
    left join children on case_attributes.child_id = children.child_id
)

select
    items.*,
    coalesce(age.team, item_staff.team) as team,
    coalesce(age.case_manager_id, items.staff_id) as case_manager,
    coalesce(case_manager_staff.line_manager_id, item_staff.line_manager_id) as line_manager,
    -- a staff-level item has no ratings (nor any other attribute of a child or a case)
    case when age.case_id is not null then coalesce(age.rosh, 'unrated') end as rosh,
    case when age.case_id is not null then coalesce(age.swb, 'unrated') end as swb,
    case
        when age.case_id is null then null
        when age.rosh in ('medium', 'high', 'very_high') or age.swb in ('medium', 'high', 'very_high') then 'raised'
        when age.rosh is null and age.swb is null then 'unrated'
        else 'not_raised'
    end as risk_group,
    age.disposal,
    age.sex,
    age.ethnicity,
    case when age.looked_after then 'yes' when not age.looked_after then 'no' end as looked_after,
    case
        when age.age_years_at_d is null then null
        when age.age_years_at_d < 10 then 'under 10'
        when age.age_years_at_d <= 14 then '10-14'
        when age.age_years_at_d >= 18 then '18+'
        else cast(age.age_years_at_d as varchar)
    end as age_band,
    strftime(items.item_date, '%Y-%m') as month
from items
left join age
    on items.case_id = age.case_id
    and items.item_date = age.item_date
    and items.as_of_date = age.as_of_date
left join staff as case_manager_staff on age.case_manager_id = case_manager_staff.staff_id
left join staff as item_staff on items.staff_id = item_staff.staff_id
