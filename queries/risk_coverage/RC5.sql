-- id: RC5
-- title: Every case reviewed at a case-review meeting
-- question: Is every case reviewed at a case-review meeting?
-- definition: The share of open cases reviewed within the last {case_review_days} days of D at a
--   case-review meeting ({case_review_panel_types}) or in a panel-category management entry.
-- population: Cases open on D with start_date <= D - {case_review_days}.
-- met: A panels meeting of a case-review type (case_review_panel_types) dated D -
--   {case_review_days} < meeting_date <= D and known by D (its recorded_date, if given, on or
--   before D), or a panel-category management entry by a manager dated D - {case_review_days} <
--   date <= D and recorded by the end of D.
-- threshold: {case_review_days:unit} (case_review_days)
-- source: 004 (weekly POD meetings review every case on a rolling three-monthly basis; 4-weekly
--   for high risk is RC2)
-- level: case
-- direction: higher
-- requires:

with

-- open cases with their latest case-review meeting or panel entry by D (the macro
-- latest_review_by, which RC2 shares)
reviews as (
    select
        as_of_date, case_id, start_date,
        latest_review_by(case_id, as_of_date, $case_review_panel_types, $any_author_counts) as latest_review_date
    from open_cases_on($case_review_days)
)

-- met when that review is within the last case_review_days: the macro reviewed_within
-- (queries/intermediate/macros.sql), which RC2 and ES2 share
select * from reviewed_within(reviews, $case_review_days, 'case-review meeting or panel entry')
