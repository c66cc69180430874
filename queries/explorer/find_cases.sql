-- name: find cases
-- description: Cases whose reference (or child's reference) contains the text typed, for the
--   explorer's search box; open cases first, newest start first.
-- source: local choice

select case_id, child_id, team, disposal, start_date, end_date
from cases
where contains(lower(case_id), lower($text)) or contains(lower(child_id), lower($text))
order by end_date is not null, start_date desc, case_id
limit $limit
