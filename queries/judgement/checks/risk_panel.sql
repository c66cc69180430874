-- Risk panel (RC2): at each month end in the window, and at its end, a case high risk then and
-- risk_panel_days before (rating spans in force on both days) needs a panel meeting or a panel
-- entry in those days, known by D (queries/intermediate/panel_reviews.sql).
-- source: Oversight's case judgement (JG1), checking the rule of RC2

with

month_ends as (select day from calendar where day = last_day(day)),

high_windows as (
    select * from windows_rated
    where case_key in (select case_key from rating_spans where high)
),

points as (
    select high_windows.as_of_date, high_windows.case_key, month_ends.day as point_date
    from high_windows
    inner join month_ends on month_ends.day between high_windows.window_start and high_windows.window_end
    union
    select as_of_date, case_key, window_end from high_windows
),

high_points as (
    select points.*
    from points
    inner join rating_spans as now
        on points.case_key = now.case_key
        and points.point_date >= now.valid_from
        and (now.valid_to is null or points.point_date < now.valid_to)
    inner join rating_spans as earlier
        on points.case_key = earlier.case_key
        and points.point_date - $risk_panel_days >= earlier.valid_from
        and (earlier.valid_to is null or points.point_date - $risk_panel_days < earlier.valid_to)
    where now.high and earlier.high
),

items as (
    select
        high_points.*,
        not exists (
            select 1 from panel_reviews as reviews
            where reviews.case_key = high_points.case_key
                and reviews.review_date > high_points.point_date - $risk_panel_days
                and reviews.review_date <= high_points.point_date
                and reviews.known_from <= high_points.as_of_date
                and (reviews.author_is_manager or $any_author_counts)
        ) as fails
    from high_points
),

-- one row per case: the day shown is a failing one if any, the latest
counted as (
    select
        as_of_date,
        case_key,
        count(*) filter (where fails) as failing,
        count(*) as total,
        arg_max(point_date, (fails, point_date)) as point_date
    from items
    group by all
)

select
    as_of_date,
    case_key,
    failing > 0 as failed,
    false as critical,
    true as has_evidence,
    case when failing > 0 then concat(
        'NO_RISK_PANEL ', point_date,
        case when failing > 1 then concat(' (', failing - 1, ' more)') end
    ) end as reason,
    case when failing > 0 then point_date - $risk_panel_days + 1 end as reason_since,
    concat('RISK_PANEL_HELD (', total, case when total = 1 then ' check' else ' checks' end, ' while high risk)') as strength
from counted
