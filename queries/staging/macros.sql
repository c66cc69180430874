-- name: macros
-- description: Working-day arithmetic over the calendar table (Monday to Friday less England
--   and Wales bank holidays, substitute days included). Built once per load.
-- source: Oversight's conventions (working days)

-- The K-th working day after x: "within K working days of x" means on or before it.
create macro add_working_days(x, k) as (
    select later.day
    from calendar as base
    inner join calendar as later
        on later.working_day_index = base.working_day_index + k
        and later.is_working_day
    where base.day = x
);

-- The working days d with x < d <= y.
create macro working_days_between(x, y) as (
    (select c.working_day_index from calendar as c where c.day = y)
    - (select c.working_day_index from calendar as c where c.day = x)
);

-- The working days d with x <= d <= y: both days included (the length of an absence).
create macro working_days_from_to(x, y) as (
    (select c.working_day_index from calendar as c where c.day = y)
    - (select c.working_day_index from calendar as c where c.day = x - 1)
);
