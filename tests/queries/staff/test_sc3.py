"""SC3: absences at least 10 working days long (from_date to to_date, both included) whose
to_date is in the period and whose 5th working day after it is on or before D; met by a formal
1:1 of the person from the day after to_date to that 5th working day. D is 30 June 2026; the
period is the 90 days from 2 April. 25 May 2026 is a bank holiday."""

import datetime as dt

import polars as pl

from queries import indicators
from tests.queries.footprint._helpers import met, overall, row

D = "2026-06-30"


def _staff(extract, *ids: str) -> None:
    for staff_id in ids:
        extract.staff(staff_id, line_manager_id="tm1")


def test_length_counts_working_days_both_ends_included_less_bank_holidays(extract, measure):
    _staff(extract, "cm3")
    extract.include("supervisions")
    # 18 to 29 May: ten weekdays, less the bank holiday on 25 May: 9 working days, too short
    extract.absence("cm1", "2026-05-18", "2026-05-29")
    # 18 May to 1 June: 10 working days
    extract.absence("cm3", "2026-05-18", "2026-06-01", reason="sickness")
    rows = measure(extract, "SC3", D)
    assert set(met(rows)) == {"ab2"}
    assert row(rows, "ab2")["absent_working_days"] == 10
    assert row(rows, "ab2")["staff_id"] == "cm3" and row(rows, "ab2")["case_id"] is None
    assert row(rows, "ab2")["reason"] == "sickness"
    # a setting of 9 lets the shorter one in
    assert set(met(measure(extract, "SC3", D, return_absence_min_working_days=9))) == {"ab1", "ab2"}


def test_supervision_by_the_5th_working_day_after_return(extract, measure):
    _staff(extract, "cm3", "cm4", "cm5")
    # each away 18 May to Monday 1 June (10 working days); the 5th working day after is 8 June
    for staff_id in ("cm1", "cm2", "cm3", "cm4", "cm5"):
        extract.absence(staff_id, "2026-05-18", "2026-06-01")
    extract.supervision("cm1", "tm1", "2026-06-08")  # the 5th: met
    extract.supervision("cm2", "tm1", "2026-06-09")  # the 6th: not
    extract.supervision("cm3", "tm1", "2026-06-01")  # on the last day away: not after return
    extract.supervision("cm4", "tm1", "2026-06-03", kind="group")  # not a formal 1:1
    extract.supervision("cm5", "hos1", "2026-06-02", kind=None)  # any supervisor; no kind is formal
    rows = measure(extract, "SC3", D)
    assert met(rows) == {"ab1": True, "ab2": False, "ab3": False, "ab4": False, "ab5": True}
    assert row(rows, "ab1")["deadline_date"] == dt.date(2026, 6, 8)
    assert row(rows, "ab1")["return_session_date"] == dt.date(2026, 6, 8)
    assert row(rows, "ab2")["gap"] == "no formal 1:1 by 2026-06-08 after returning"
    assert row(rows, "ab2")["since_date"] == dt.date(2026, 6, 2)


def test_only_returns_in_the_period_whose_five_working_days_have_run_out(extract, measure):
    _staff(extract, "cm3", "cm4", "cm5")
    extract.include("supervisions")
    # no to_date: runs to D, not returned
    extract.absence("cm1", "2026-05-18")
    # 9 to 23 June: 11 working days; the 5th working day after 23 June is 30 June = D: in
    extract.absence("cm2", "2026-06-09", "2026-06-23")
    # 10 to 24 June: 11 working days, but the 5th after is 1 July, after D: out
    extract.absence("cm3", "2026-06-10", "2026-06-24")
    # returned 1 April, before the period (from 2 April): out; returned 2 April: in
    extract.absence("cm4", "2026-03-16", "2026-04-01")
    extract.absence("cm5", "2026-03-16", "2026-04-02")
    # an absence ending after D has not ended on D
    extract.absence("cm1", "2026-06-01", "2026-07-10")
    rows = measure(extract, "SC3", D)
    assert met(rows) == {"ab2": False, "ab5": False}


def test_a_staff_level_breakdown_groups_by_the_person_and_never_by_a_child(extract, open_db, policy):
    extract.staff("cm3", team="Intensive", line_manager_id="tm1")
    extract.absence("cm1", "2026-05-18", "2026-06-01").absence("cm3", "2026-05-18", "2026-06-01")
    extract.supervision("cm3", "tm1", "2026-06-02")
    con = open_db(extract)
    sc3 = indicators.catalogue()["SC3"]
    window = [indicators.period(dt.date.fromisoformat(D))]
    assert indicators.summary(con, sc3, window, policy, by="team").select(
        "group", "numerator", "denominator"
    ).rows() == [
        ("Court", 0, 1),
        ("Intensive", 1, 1),
    ]
    assert indicators.summary(con, sc3, window, policy, by="case_manager")["group"].to_list() == ["cm1", "cm3"]
    assert indicators.summary(con, sc3, window, policy, by="month")["group"].to_list() == ["2026-06"]
    assert indicators.summary(con, sc3, window, policy, by="rosh").height == 0
    assert indicators.items(con, sc3, window, policy).filter(pl.col("staff_id") == "cm3")["team"].to_list() == [
        "Intensive"
    ]


def test_needs_absences_and_supervisions_and_zero_gives_no_value(extract, open_db, policy):
    extract.include("absences", "supervisions")
    assert overall(open_db(extract), policy, "SC3", D) == (0, 0, None)
    sc3 = indicators.catalogue()["SC3"]
    assert not indicators.is_available(sc3, ["supervisions"])
    assert not indicators.is_available(sc3, ["absences"])
    assert indicators.is_available(sc3, ["absences", "supervisions"])
