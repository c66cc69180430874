-- id: TL5
-- title: First assessment in time
-- question: Is the first assessment done in time?
-- definition: The share of new cases that AssetPlus applies to whose first assessment stage (any
--   stage but a pre-sentence report) was completed within {first_assessment_working_days:unit} of
--   the start.
-- population: Cases with start_date in the period and at least {first_assessment_working_days:unit}
--   before D (the {first_assessment_working_days:th} working day after the start is on or before
--   D), of a disposal AssetPlus applies to (assetplus_disposals); other disposals are not
--   applicable, never failures.
-- met: A stage other than psr with completed_date from start_date to the
--   {first_assessment_working_days:th} working day after it (weekends and England and Wales bank
--   holidays skipped).
-- threshold: {first_assessment_working_days:unit} (first_assessment_working_days; a local choice)
-- source: 002 example three
-- level: case
-- direction: higher
-- requires: assessments

with

windows as (select * from windows),

cases as (select * from cases where list_contains($assetplus_disposals, disposal)),

due_cases as (
    select
        windows.as_of_date,
        cases.case_id,
        cases.disposal,
        cases.start_date,
        add_working_days(cases.start_date, $first_assessment_working_days) as deadline_date
    from windows
    inner join cases
        on cases.start_date between windows.from_date and windows.as_of_date
    where add_working_days(cases.start_date, $first_assessment_working_days) <= windows.as_of_date
),

judged as (
    select
        due_cases.*,
        -- a first stage completed after D is not known yet on D
        case when first_stages.first_completed_date <= due_cases.as_of_date then first_stages.first_stage end
            as first_stage,
        case when first_stages.first_completed_date <= due_cases.as_of_date then first_stages.first_completed_date end
            as first_completed_date
    from due_cases
    left join first_stages on due_cases.case_id = first_stages.case_id
)

select
    as_of_date,
    case_id,
    cast(null as varchar) as staff_id,
    case_id as item_id,
    as_of_date as item_date,
    coalesce(first_completed_date <= deadline_date, false) as in_numerator,
    case
        when first_completed_date is null
            then 'no assessment stage (other than a PSR) completed since the start on '
                || strftime(start_date, '%d %b %Y')
        when first_completed_date > deadline_date
            then 'first stage completed ' || strftime(first_completed_date, '%d %b %Y') || ', after '
                || strftime(deadline_date, '%d %b %Y')
    end as gap,
    start_date as since_date,
    start_date,
    deadline_date,
    first_stage,
    first_completed_date
from judged
