"""DR2: actions due in the period and at least 10 working days before D, met when completed by
the due date and confirmed within 10 working days of completion. D is Tuesday 31 March 2026
(period from 1 January): the 10th working day after 17 March is 31 March, after 18 March it is
1 April."""

import datetime as dt

from queries import indicators
from tests.queries.footprint._helpers import met, month_end_answers, overall, row

D = "2026-03-31"


def test_population_is_due_in_the_period_and_10_working_days_before_d(extract, measure):
    extract.case("c1", "2026-01-05")
    extract.action("c1", "2026-03-01", due_date="2026-03-17", action_id="due_17_march")
    extract.action("c1", "2026-03-01", due_date="2026-03-18", action_id="due_18_march")
    extract.action("c1", "2025-12-01", due_date="2026-01-01", action_id="due_on_period_start")
    extract.action("c1", "2025-12-01", due_date="2025-12-31", action_id="due_before_period")
    # no due date: due 28 days after it was set (15 Feb + 28 days = 15 March)
    extract.action("c1", "2026-02-15", action_id="default_due")
    extract.action("c1", "2026-03-05", action_id="default_due_too_late")  # due 2 April
    rows = measure(extract, "DR2", D, start="2026-01-01")
    assert set(met(rows)) == {"due_17_march", "due_on_period_start", "default_due"}
    assert row(rows, "default_due")["item_date"] == dt.date(2026, 3, 15)


def test_bank_holidays_inside_the_10_working_days(extract, measure):
    # D = Tuesday 14 April 2026: Good Friday 3 April and Easter Monday 6 April are bank
    # holidays, so the 10th working day after 27 March is 14 April, after 30 March it is 15 April
    extract.case("c1", "2026-01-05")
    extract.action("c1", "2026-03-01", due_date="2026-03-27", action_id="due_27_march")
    extract.action("c1", "2026-03-01", due_date="2026-03-30", action_id="due_30_march")
    assert set(met(measure(extract, "DR2", "2026-04-14"))) == {"due_27_march"}


def test_met_needs_completion_by_the_due_date_and_confirmation_in_time(extract, measure):
    extract.case("c1", "2026-01-05")
    due = "2026-03-10"
    extract.action("c1", "2026-03-01", due, "2026-03-10", "2026-03-12", action_id="done_on_due_date")
    extract.action("c1", "2026-03-01", due, "2026-03-11", "2026-03-12", action_id="done_a_day_late")
    extract.action("c1", "2026-03-01", due, "2026-03-09", None, action_id="never_confirmed")
    extract.action("c1", "2026-03-01", due, None, None, action_id="still_open")
    # the 10th working day after 2 March is 16 March
    extract.action("c1", "2026-03-01", due, "2026-03-02", "2026-03-16", action_id="confirmed_10th_day")
    extract.action("c1", "2026-03-01", due, "2026-03-02", "2026-03-17", action_id="confirmed_11th_day")
    # dates after D are empty on D
    extract.action("c1", "2026-03-01", due, "2026-04-01", None, action_id="completed_after_d")
    extract.action("c1", "2026-03-01", due, "2026-03-09", "2026-04-01", action_id="confirmed_after_d")
    rows = measure(extract, "DR2", D)
    assert met(rows) == {
        "done_on_due_date": True,
        "done_a_day_late": False,
        "never_confirmed": False,
        "still_open": False,
        "confirmed_10th_day": True,
        "confirmed_11th_day": False,
        "completed_after_d": False,
        "confirmed_after_d": False,
    }
    assert row(rows, "still_open")["gap"] == "not completed (due 2026-03-10)"
    assert row(rows, "completed_after_d")["gap"] == "not completed (due 2026-03-10)"
    assert row(rows, "never_confirmed")["gap"] == "completed, not confirmed by a manager"
    assert row(rows, "never_confirmed")["since_date"] == dt.date(2026, 3, 9)
    assert row(rows, "done_a_day_late")["gap"] == "completed after the due date"
    assert row(rows, "confirmed_11th_day")["gap"] == "confirmed more than 10 working days after completion"


def test_a_bank_holiday_inside_the_confirmation_window(extract, measure):
    # Monday 25 May 2026 is a bank holiday: the 10th working day after 20 May is 4 June
    extract.case("c1", "2026-01-05")
    extract.action("c1", "2026-05-01", "2026-05-20", "2026-05-20", "2026-06-04", action_id="on_4_june")
    extract.action("c1", "2026-05-01", "2026-05-20", "2026-05-20", "2026-06-05", action_id="on_5_june")
    assert met(measure(extract, "DR2", "2026-06-30")) == {"on_4_june": True, "on_5_june": False}


def test_counts_of_overdue_open_and_completed_unconfirmed(extract, open_db, policy):
    extract.case("c1", "2026-01-05")
    due = "2026-03-10"
    extract.action("c1", "2026-03-01", due, None, None)  # overdue open
    extract.action("c1", "2026-03-01", due, "2026-04-01", None)  # completed after D: open on D
    extract.action("c1", "2026-03-01", due, "2026-03-09", None)  # completed, unconfirmed
    extract.action("c1", "2026-03-01", due, "2026-03-11", None)  # late and unconfirmed
    extract.action("c1", "2026-03-01", due, "2026-03-09", "2026-03-10")  # met
    extract.action("c1", "2026-03-01", due, "2026-03-09", "2026-04-01")  # confirmed after D: unconfirmed on D
    extract.action("c1", "2026-03-01", "2026-03-25")  # due too recently: not counted at all
    con = open_db(extract)
    ind = indicators.catalogue()["DR2"]
    counts = indicators.extras(con, ind, [indicators.period(dt.date.fromisoformat(D))], policy)
    assert counts.select("actions", "overdue_open", "completed_unconfirmed").row(0) == (6, 2, 3)
    assert overall(con, policy, "DR2", D) == (1, 6, 1 / 6)


def test_several_windows_at_once_match_each_alone(extract, open_db, policy):
    extract.case("c1", "2026-01-05")
    # due 2 Feb, completed 30 Jan, confirmed 20 Feb (the 10th working day after 30 Jan is 13 Feb)
    extract.action("c1", "2026-01-10", "2026-02-02", "2026-01-30", "2026-02-20", action_id="a1")
    extract.action("c1", "2026-02-01", "2026-03-02", "2026-03-02", "2026-03-03", action_id="a2")
    answers = month_end_answers(open_db(extract), policy, "DR2", D, 3)
    # each month end takes its own month as the period
    assert answers == {"2026-01-31": {}, "2026-02-28": {"a1": False}, "2026-03-31": {"a2": True}}


def test_zero_denominator_and_actions_required(extract, open_db, policy):
    extract.case("c1", "2026-01-05").include("actions")
    con = open_db(extract)
    assert overall(con, policy, "DR2", D) == (0, 0, None)
    assert not indicators.is_available(indicators.catalogue()["DR2"], ["assessments"])
