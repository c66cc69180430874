-- name: staff names
-- description: Display names of staff, to label manager and case manager breakdowns.
-- source: local choice

select staff_id, name, role, team from staff
