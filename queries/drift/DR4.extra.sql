-- name: DR4 excused months
-- description: The months left out of DR4's population as excused: a member of staff below the
--   most senior post, employed for the whole month, absent on more than half its working days
--   (excused_months in queries/intermediate/macros.sql, the rule DR4 applies). Only the staff
--   in the signed-in person's scope are listed.
-- source: DR4's definition (excused months listed beside the figure); 001 (leave recorded)

with

-- each member's role rank and whether theirs is the most senior post (the macro ranked_staff,
-- as DR4)
staff as (select * from ranked_staff())

select
    excused.as_of_date,
    excused.staff_id as excused_staff_id,
    strftime(excused.month_start, '%Y-%m') as excused_month,
    staff.role as staff_role,
    excused.absent_working_days,
    excused.working_days as working_days_in_month
from excused_months() as excused
inner join staff on excused.staff_id = staff.staff_id
where not staff.is_most_senior
    and (staff.start_date is null or staff.start_date <= excused.month_start)
    and (staff.end_date is null or staff.end_date >= excused.month_end)
    and ($allowed_staff::varchar[] is null or list_contains($allowed_staff::varchar[], excused.staff_id))
order by excused.as_of_date, excused.month_start, excused.staff_id
