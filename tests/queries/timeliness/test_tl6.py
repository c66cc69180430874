"""TL6: trigger events notified in the period (at least 1 working day before D) need a
management entry from the notification date to the 1st working day after it. Monday 31 August
2026 is a bank holiday."""

import datetime as dt

from queries import indicators
from tests.queries.footprint._helpers import met, month_end_answers, overall, row

D = "2026-09-30"  # a Wednesday; the default period starts 3 July


def test_the_working_day_after_a_bank_holiday_weekend(extract, measure):
    # notified on Saturday 29 August (occurred late on Friday): due Tuesday 1 September
    extract.case("sat", "2026-06-01").event("sat", "2026-08-28 22:00", notified_at="2026-08-29 08:00", event_id="sat")
    extract.note("sat", "2026-09-01 17:00")
    # notified on Friday 28 August: also due Tuesday 1 September; answered on the 2nd
    extract.case("fri", "2026-06-01").event("fri", "2026-08-28 15:00", event_id="fri").note("fri", "2026-09-02")
    # notified on Thursday 27 August: due Friday 28th; an entry on the bank holiday is late
    extract.case("thu", "2026-06-01").event("thu", "2026-08-27 10:00", event_id="thu").note("thu", "2026-08-31")
    rows = measure(extract, "TL6", D)
    assert met(rows) == {"sat": True, "fri": False, "thu": False}
    assert row(rows, "sat")["item_date"].isoformat() == "2026-08-29"  # the notification date
    assert row(rows, "fri")["gap"] == "no management entry after the arrest by 01 Sep 2026"


def test_a_date_only_event_is_answered_on_the_next_working_day(extract, measure):
    extract.case("c1", "2026-06-01").event("c1", "2026-09-14", "missing_episode", event_id="e1")
    extract.note("c1", "2026-09-15 18:00")
    assert met(measure(extract, "TL6", D)) == {"e1": True}


def test_an_entry_before_the_service_knew_is_not_a_response(extract, measure):
    extract.case("c1", "2026-06-01")
    extract.event("c1", "2026-08-10 20:00", "safeguarding_concern", notified_at="2026-08-12 09:00", event_id="e1")
    extract.note("c1", "2026-08-11")
    assert met(measure(extract, "TL6", D)) == {"e1": False}


def test_only_trigger_types_notified_in_the_period_at_least_a_working_day_before_d(extract, measure):
    extract.case("c1", "2026-06-01")
    extract.event("c1", "2026-09-10", "court_appearance", event_id="court")
    extract.event("c1", "2026-09-10", "other", event_id="other")
    extract.event("c1", "2026-09-10", "breach", event_id="breach")
    extract.event("c1", "2026-09-10", "custody", event_id="custody")
    extract.event("c1", "2026-07-02", "charge", event_id="before_period")
    extract.event("c1", "2026-09-29", "charge", event_id="due_on_d")
    extract.event("c1", "2026-09-30", "charge", event_id="notified_on_d")  # due 1 October
    extract.event("c1", "2026-09-28", "charge", notified_at="2026-10-01", event_id="notified_after_d")
    assert set(met(measure(extract, "TL6", D))) == {"breach", "custody", "due_on_d"}
    # the trigger list is policy
    assert set(met(measure(extract, "TL6", D, trigger_event_types=["court_appearance"]))) == {"court"}


def test_an_entry_recorded_after_d_does_not_exist_yet(extract, measure):
    extract.case("c1", "2026-06-01").event("c1", "2026-09-29 11:00", "police_callout", event_id="e1")
    extract.note("c1", "2026-09-30", recorded_at="2026-10-01 09:00")
    assert met(measure(extract, "TL6", D)) == {"e1": False}
    assert met(measure(extract, "TL6", "2026-10-01")) == {"e1": True}


def test_a_practitioners_note_counts_only_when_policy_accepts_any_author(extract, measure):
    extract.case("c1", "2026-06-01").event("c1", "2026-09-21", event_id="e1").note("c1", "2026-09-21", author_id="cm1")
    assert met(measure(extract, "TL6", D)) == {"e1": False}
    assert met(measure(extract, "TL6", D, any_author_counts=True)) == {"e1": True}


def test_zero_denominator_has_no_value(extract, open_db, policy):
    extract.case("c1", "2026-06-01").event("c1", "2026-09-10", "court_appearance")
    assert overall(open_db(extract), policy, "TL6", D) == (0, 0, None)


def test_month_ends_in_one_query_match_each_month_alone(extract, open_db, policy):
    extract.case("c1", "2026-06-01")
    extract.event("c1", "2026-08-27", event_id="aug_thu")  # due 28 August
    extract.event("c1", "2026-08-28", event_id="aug_fri")  # due 1 September: in neither month
    extract.event("c1", "2026-09-07", event_id="sep")
    extract.note("c1", "2026-08-28").note("c1", "2026-09-10")
    answers = month_end_answers(open_db(extract), policy, "TL6", D, 2)
    assert answers == {"2026-08-31": {"aug_thu": True}, "2026-09-30": {"sep": False}}


def test_not_available_without_events_but_available_when_loaded_empty(extract, open_db, policy):
    extract.case("c1", "2026-06-01")
    window = indicators.period(dt.date(2026, 9, 30))
    not_loaded = indicators.indicator_table(open_db(extract), window, policy, ids=["TL6"])
    assert not_loaded.rows() == [("TL6", None, None, None, None, "not_available")]
    # an events table supplied with no rows: available, with no value (0 of 0)
    loaded_empty = indicators.indicator_table(open_db(extract.include("events")), window, policy, ids=["TL6"])
    assert loaded_empty.rows() == [("TL6", None, 0, 0, None, "ok")]
