"""TL1: oversight, decision, panel and audit entries dated in the period are recorded within 48
hours, elapsed time in UTC; an event date with no time counts from the end of that day."""

import datetime as dt

from queries import indicators
from tests.queries.footprint._helpers import met, month_end_answers, overall, row

D = "2026-03-31"


def test_exactly_48_hours_is_in_time_and_a_minute_more_is_late(extract, measure):
    extract.case("c1", "2026-01-05")
    extract.note("c1", "2026-03-02 10:00", "2026-03-04 10:00", note_id="exactly_48h")
    extract.note("c1", "2026-03-02 10:00", "2026-03-04 10:01", note_id="48h_1min")
    rows = measure(extract, "TL1", D)
    assert met(rows) == {"exactly_48h": True, "48h_1min": False}
    assert row(rows, "48h_1min")["gap"] == "recorded 48 h 01 min after the event (limit 48 h)"
    assert row(rows, "48h_1min")["item_date"].isoformat() == "2026-03-02"  # item-level: its own date


def test_a_date_only_event_counts_from_the_end_of_that_day(extract, measure):
    extract.case("c1", "2026-01-05")
    # the clock starts at midnight ending 2 March, so the deadline is midnight ending 4 March
    extract.note("c1", "2026-03-02", "2026-03-04 23:59", note_id="date_only_47h59")
    extract.note("c1", "2026-03-02", "2026-03-05 00:01", note_id="date_only_48h01")
    assert met(measure(extract, "TL1", D)) == {"date_only_47h59": True, "date_only_48h01": False}


def test_hours_are_counted_in_utc_across_the_clock_changes(extract, measure):
    extract.case("c1", "2026-01-05")
    # clocks go forward at 01:00 UTC on Sunday 29 March: 12:00 GMT Saturday to 12:30 BST Monday
    # is 47 h 30 min, though the wall clock shows 48 h 30 min
    extract.note("c1", "2026-03-28 12:00", "2026-03-30 12:30", note_id="spring")
    # clocks go back on Sunday 25 October: 12:00 BST Saturday to 11:30 GMT Monday is 48 h 30 min
    extract.note("c1", "2026-10-24 12:00", "2026-10-26 11:30", note_id="autumn")
    assert met(measure(extract, "TL1", D)) == {"spring": True}
    assert met(measure(extract, "TL1", "2026-10-31")) == {"autumn": False}


def test_only_oversight_decision_panel_and_audit_entries_by_managers(extract, measure):
    extract.case("c1", "2026-01-05").assessment("c1", "2026-02-01", "2026-03-01", "2026-03-02")
    extract.note("c1", "2026-03-10", note_type="Management Decision - Risk", note_id="decision")
    extract.note("c1", "2026-03-10", note_type="Management Oversight by MACE", note_id="panel")
    extract.note("c1", "2026-03-10", note_type="Case Audit", note_id="audit")
    extract.note("c1", "2026-03-10", note_type="Supervision", note_id="supervision")  # TL2's
    extract.note("c1", "2026-03-10", note_type="Home Visit", note_id="contact")
    extract.note("c1", "2026-03-10", author_id="cm1", note_id="by_practitioner")
    assert set(met(measure(extract, "TL1", D))) == {"decision", "panel", "audit"}
    with_any_author = measure(extract, "TL1", D, any_author_counts=True)
    assert set(met(with_any_author)) == {"decision", "panel", "audit", "by_practitioner"}


def test_an_entry_recorded_after_d_is_not_yet_in_the_population(extract, measure):
    extract.case("c1", "2026-01-05").note("c1", "2026-03-30", "2026-04-01 10:00", note_id="n1")
    assert met(measure(extract, "TL1", D)) == {}
    # on 1 April it exists: 34 hours after the end of 30 March
    assert met(measure(extract, "TL1", "2026-04-01")) == {"n1": True}


def test_entries_dated_before_the_period_are_outside_it(extract, measure):
    extract.case("c1", "2025-12-01")
    extract.note("c1", "2025-12-31", "2026-01-01", note_id="before")  # the period starts 1 January
    extract.note("c1", "2026-01-01", "2026-01-05", note_id="first_day")
    assert met(measure(extract, "TL1", D)) == {"first_day": False}


def test_zero_denominator_has_no_value(extract, open_db, policy):
    extract.case("c1", "2026-01-05").note("c1", "2026-03-10", note_type="Supervision")
    assert overall(open_db(extract), policy, "TL1", D) == (0, 0, None)


def test_month_ends_in_one_query_match_each_month_alone(extract, open_db, policy):
    extract.case("c1", "2026-01-05")
    extract.note("c1", "2026-01-30 09:00", "2026-02-02 09:00", note_id="jan_late")  # 72 hours
    extract.note("c1", "2026-02-27 09:00", "2026-02-28 09:00", note_id="feb_on_time")
    extract.note("c1", "2026-03-31 09:00", "2026-04-01 09:00", note_id="mar_recorded_after")
    answers = month_end_answers(open_db(extract), policy, "TL1", D, 3)
    assert answers == {
        "2026-01-31": {},  # jan_late was recorded on 2 February
        "2026-02-28": {"feb_on_time": True},  # jan_late is dated in January, outside February
        "2026-03-31": {},
    }


def test_breakdowns_take_the_rating_and_month_on_the_entrys_own_date(extract, open_db, policy):
    extract.case("c1", "2026-01-05")
    extract.assessment("c1", "2026-02-01", "2026-02-16", "2026-02-17", rosh="low")
    extract.assessment("c1", "2026-03-02", "2026-03-10", "2026-03-11", rosh="high")
    extract.note("c1", "2026-02-20 10:00", "2026-02-20 11:00")  # rated low that day
    extract.note("c1", "2026-03-20 10:00", "2026-03-25 11:00")  # rated high that day; late
    con = open_db(extract)
    ind = indicators.catalogue()["TL1"]
    window = [indicators.period(dt.date(2026, 3, 31))]

    def groups(by):
        frame = indicators.summary(con, ind, window, policy, by=by)
        return {r["group"]: (r["numerator"], r["denominator"]) for r in frame.iter_rows(named=True)}

    assert groups("rosh") == {"low": (1, 1), "high": (0, 1)}
    assert groups("month") == {"2026-02": (1, 1), "2026-03": (0, 1)}
