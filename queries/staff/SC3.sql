-- id: SC3
-- title: Supervision on return from absence
-- question: Is supervision a priority on return from absence?
-- definition: For each absence of {return_absence_min_working_days:unit} or more that ended in
--   the period: the share where the person had a formal one-to-one supervision within
--   {return_supervision_working_days:unit} of returning.
-- population: Absences of any member of staff at least {return_absence_min_working_days:unit}
--   long (from_date to to_date, both included), whose to_date is in the period
--   (from <= to_date <= D) and at least {return_supervision_working_days:unit} before D (the
--   {return_supervision_working_days:th} working day after to_date is on or before D). An
--   absence with no to_date runs to D: the person has not returned.
-- met: A supervision session of kind formal_1to1 (or no kind given), with the person as
--   supervisee and any supervisor, dated from the day after to_date to the
--   {return_supervision_working_days:th} working day after it.
-- threshold: {return_supervision_working_days:unit} after an absence of at least
--   {return_absence_min_working_days:unit} (return_supervision_working_days,
--   return_absence_min_working_days)
-- source: 001 (supervision must be scheduled as a priority when the case manager returns)
-- level: staff
-- direction: higher
-- requires: absences, supervisions

with

windows as (select * from windows),

absences as (select * from absences),

staff as (select * from staff),

supervisions as (select * from formal_supervisions()),

returns as (
    select
        windows.as_of_date,
        absences.*,
        working_days_from_to(absences.from_date, absences.to_date) as absent_working_days,
        add_working_days(absences.to_date, $return_supervision_working_days) as deadline_date
    from windows
    inner join absences on absences.to_date between windows.from_date and windows.as_of_date
    where working_days_from_to(absences.from_date, absences.to_date) >= $return_absence_min_working_days
        and add_working_days(absences.to_date, $return_supervision_working_days) <= windows.as_of_date
),

sessions as (
    select returns.as_of_date, returns.absence_id, min(supervisions.session_date) as session_date
    from returns
    inner join supervisions
        on returns.staff_id = supervisions.supervisee_id
        and supervisions.session_date > returns.to_date
        and supervisions.session_date <= returns.deadline_date
    group by all
),

judged as (
    select returns.*, sessions.session_date, sessions.session_date is not null as has_session
    from returns
    left join sessions using (as_of_date, absence_id)
)

select
    judged.as_of_date,
    cast(null as varchar) as case_id,
    judged.staff_id,
    judged.absence_id as item_id,
    judged.to_date as item_date,
    judged.has_session as in_numerator,
    case
        when not judged.has_session
            then 'no formal 1:1 by ' || strftime(judged.deadline_date, '%Y-%m-%d') || ' after returning'
    end as gap,
    case when not judged.has_session then judged.to_date + 1 end as since_date,
    judged.from_date as absent_from,
    judged.to_date as absent_to,
    judged.absent_working_days,
    judged.reason,
    judged.deadline_date,
    judged.session_date as return_session_date,
    staff.role as staff_role
from judged
left join staff on judged.staff_id = staff.staff_id
