-- name: allowed staff
-- description: The staff whose cases one signed-in person may see: the staff record whose email
--   is theirs and everyone below it in the line-management chain (a case manager: themselves;
--   a team manager: their team(s); a head of service: everything below them). With
--   $whole_service (a role in the access file reads the whole service) every member of staff.
--   $email is the signed-in address already trimmed and casefolded (oversight.identity); no
--   match gives no rows, so nobody sees anything by default. A staff record that ended before
--   $today matches nobody (a leaver whose account is still open sees nothing); below the match,
--   leavers stay in the chain, since their past cases still count for their manager. A loop in the line-management data
--   (A manages B manages A) ends because the chain keeps distinct ids only (union, not union all).
-- source: data contract (staff.email, staff.line_manager_id); leavers and loops: local choice

with recursive

staff as (select * from staff),

chain(staff_id) as (
    select staff_id
    from staff
    where email is not null and lower(email) = $email and (end_date is null or end_date >= $today)
    union
    select staff.staff_id
    from staff
    join chain on staff.line_manager_id = chain.staff_id
)

select staff_id from chain
union
select staff_id from staff where $whole_service
order by staff_id
