-- name: find cases
-- description: Cases whose reference (or child's reference) contains the text typed, for the
--   explorer's search box; open cases first, newest start first.
--   With $allowed_staff (a signed-in person's scope) only a case any of them has held (the macro
--   cases_in_scope); a case outside it gives no row, exactly like one that does not exist.
-- source: local choice

select case_id, child_id, team, disposal, start_date, end_date
from cases
where (contains(lower(case_id), lower($text)) or contains(lower(child_id), lower($text)))
    and ($allowed_staff::varchar[] is null
            or case_id in (select case_id from cases_in_scope($allowed_staff::varchar[])))
order by end_date is not null, start_date desc, case_id
limit $limit
