-- name: last formal supervision session
-- description: The case manager's latest formal one-to-one supervision session on or before D
--   (kind formal_1to1, or no kind given), and who held it: what "since the last session"
--   counts from when preparing the next one. No row when none is recorded up to D.
-- source: Islington YOS Case Management Supervision Policy (001) (formal one-to-one case
--   supervision at least once every calendar month)

with

supervisions as (select * from supervisions),

staff as (select * from staff)

select
    supervisions.session_date,
    supervisions.supervisor_id,
    supervisor.name as supervisor_name
from supervisions
left join staff as supervisor on supervisions.supervisor_id = supervisor.staff_id
where supervisions.supervisee_id = $case_manager_id
    and supervisions.session_date <= $as_of_date
    and (supervisions.kind is null or supervisions.kind = 'formal_1to1')
order by supervisions.session_date desc, supervisions.session_id desc
limit 1
