-- id: DR2
-- title: Actions followed up
-- question: Are actions followed up?
-- definition: The share of actions set by management entries that were completed by their due date
--   and then confirmed by a manager within {action_confirm_working_days:unit} of completion. An
--   action with no due date is due {action_default_due_days:unit} after it was set.
-- population: Actions set on or before D whose due date (due_date, or set_date +
--   {action_default_due_days:unit}) is in the period and at least
--   {action_confirm_working_days:unit} before D (the {action_confirm_working_days:th} working day
--   after it is on or before D).
-- met: completed_date on or before the due date, and confirmed_date on or before the
--   {action_confirm_working_days:th} working day after completed_date (dates after D count as
--   empty).
-- threshold: {action_confirm_working_days:unit} to confirm (action_confirm_working_days);
--   {action_default_due_days:unit} where no due date (action_default_due_days)
-- source: 002 (asking for tasks without ensuring they have been done is not enough)
-- level: item
-- direction: higher
-- requires: actions

with

windows as (select * from windows),

cases as (select * from cases),

actions as (
    select
        *,
        coalesce(due_date, set_date + $action_default_due_days) as due_on
    from actions
),

due_actions as (
    select
        windows.as_of_date,
        actions.action_id,
        actions.case_id,
        actions.note_id,
        actions.owner_id,
        actions.set_date,
        actions.due_date,
        actions.due_on,
        -- read as the extract stood at the end of D: later dates are empty
        case when actions.completed_date <= windows.as_of_date then actions.completed_date end as completed_date,
        case when actions.confirmed_date <= windows.as_of_date then actions.confirmed_date end as confirmed_date
    from windows
    inner join actions
        on actions.due_on >= windows.from_date
        and actions.due_on <= windows.as_of_date
        and actions.set_date <= windows.as_of_date
        and add_working_days(actions.due_on, $action_confirm_working_days) <= windows.as_of_date
    inner join cases
        on actions.case_id = cases.case_id
        and cases.start_date <= windows.as_of_date
),

judged as (
    select
        *,
        add_working_days(completed_date, $action_confirm_working_days) as confirm_by_date,
        completed_date is null as overdue_open,
        completed_date > due_on as completed_late,
        completed_date is not null and confirmed_date is null as completed_unconfirmed
    from due_actions
)

select
    as_of_date,
    case_id,
    cast(null as varchar) as staff_id,
    action_id as item_id,
    due_on as item_date,
    coalesce(not completed_late and confirmed_date <= confirm_by_date, false) as in_numerator,
    case
        when overdue_open then 'not completed (due ' || strftime(due_on, '%Y-%m-%d') || ')'
        when completed_late and completed_unconfirmed then 'completed after the due date and not confirmed'
        when completed_late then 'completed after the due date'
        when completed_unconfirmed then 'completed, not confirmed by a manager'
        when confirmed_date > confirm_by_date then 'confirmed more than ' || $action_confirm_working_days
            || ' working days after completion'
    end as gap,
    case
        when overdue_open then due_on
        when completed_unconfirmed then completed_date
        else coalesce(confirmed_date, completed_date)
    end as since_date,
    set_date,
    due_on as due_date,
    completed_date,
    confirmed_date,
    confirm_by_date,
    owner_id,
    note_id,
    overdue_open,
    completed_unconfirmed
from judged
