"""DR1 (lower is better): days from each open case's latest management entry to D (from its
start where it has none), flagged over 28 days, with bands 0-28, 29-56, 57-90 and over 90.
D is Tuesday 31 March 2026."""

import datetime as dt

import polars as pl

from queries import indicators
from tests.queries.footprint._helpers import met, month_end_answers, overall, row

D = "2026-03-31"


def _days(rows):
    return {r["item_id"]: (r["days_since_management_entry"], r["days_band"]) for r in rows.iter_rows(named=True)}


def test_days_and_bands_at_each_boundary(extract, measure):
    for case_id, entry in (
        ("d28", "2026-03-03"),
        ("d29", "2026-03-02"),
        ("d56", "2026-02-03"),
        ("d57", "2026-02-02"),
        ("d90", "2025-12-31"),
        ("d91", "2025-12-30"),
    ):
        extract.case(case_id, "2025-10-01").note(case_id, entry)
    rows = measure(extract, "DR1", D)
    assert _days(rows) == {
        "d28": (28, "0-28"),
        "d29": (29, "29-56"),
        "d56": (56, "29-56"),
        "d57": (57, "57-90"),
        "d90": (90, "57-90"),
        "d91": (91, "over 90"),
    }
    # flagged only over 28 days: 28 days is within the band 0-28
    assert met(rows) == {"d28": False, "d29": True, "d56": True, "d57": True, "d90": True, "d91": True}
    assert row(rows, "d29")["gap"] == "no management entry for 29 days"
    assert row(rows, "d29")["since_date"] == dt.date(2026, 3, 2)
    assert row(rows, "d28")["gap"] is None


def test_a_case_with_no_entry_counts_from_its_start(extract, measure):
    extract.case("no_entry", "2026-02-01")
    extract.case("started_on_d", "2026-03-31")
    # an entry recorded after D, or by a practitioner, is not a management entry on D
    extract.case("recorded_after_d", "2026-02-01").note("recorded_after_d", "2026-03-30", recorded_at="2026-04-01")
    extract.case("practitioner", "2026-02-01").note("practitioner", "2026-03-30", author_id="cm1")
    extract.case("closed_mid_month", "2026-01-05", end_date="2026-03-16")
    rows = measure(extract, "DR1", D)
    # 1 February to 31 March is 58 days
    assert _days(rows) == {
        "no_entry": (58, "57-90"),
        "started_on_d": (0, "0-28"),
        "recorded_after_d": (58, "57-90"),
        "practitioner": (58, "57-90"),
    }
    assert row(rows, "no_entry")["gap"] == "no management entry since the start, 58 days ago"
    assert row(rows, "no_entry")["since_date"] == dt.date(2026, 2, 1)


def test_a_countersignature_is_a_management_entry(extract, measure):
    extract.case("c1", "2026-01-05").assessment("c1", "2026-01-06", "2026-03-01", "2026-03-20")
    assert _days(measure(extract, "DR1", D)) == {"c1": (11, "0-28")}


def test_bands_companion_lists_all_four_bands_per_window(extract, open_db, policy):
    extract.case("c1", "2026-01-05").note("c1", "2026-03-25")
    extract.case("c2", "2026-01-05").note("c2", "2026-02-15")
    extract.case("c3", "2026-01-05")
    con = open_db(extract)
    ind = indicators.catalogue()["DR1"]
    windows = indicators.month_ends(dt.date.fromisoformat(D), 2)
    bands = indicators.extras(con, ind, windows, policy)
    got = {(r["as_of_date"].isoformat(), r["days_band"]): r["cases"] for r in bands.iter_rows(named=True)}
    assert got == {
        # 28 Feb: c1 54 days from its start, c2 13 days, c3 54 days
        ("2026-02-28", "0-28"): 1,
        ("2026-02-28", "29-56"): 2,
        ("2026-02-28", "57-90"): 0,
        ("2026-02-28", "over 90"): 0,
        # 31 Mar: c1 6 days, c2 44 days, c3 85 days from its start
        ("2026-03-31", "0-28"): 1,
        ("2026-03-31", "29-56"): 1,
        ("2026-03-31", "57-90"): 1,
        ("2026-03-31", "over 90"): 0,
    }
    assert bands.filter(pl.col("as_of_date") == dt.date(2026, 3, 31))["share"].sum() == 1.0


def test_several_windows_at_once_match_each_alone(extract, open_db, policy):
    extract.case("c1", "2026-01-02").note("c1", "2026-01-20").note("c1", "2026-03-10", recorded_at="2026-04-01")
    answers = month_end_answers(open_db(extract), policy, "DR1", D, 3)
    # 31 Jan: 11 days; 28 Feb: 39 days; 31 Mar: 70 days (the 10 March entry recorded after D)
    assert answers == {"2026-01-31": {"c1": False}, "2026-02-28": {"c1": True}, "2026-03-31": {"c1": True}}


def test_zero_denominator_has_no_value(extract, open_db, policy):
    extract.case("c1", "2026-04-01")
    con = open_db(extract)
    assert overall(con, policy, "DR1", D) == (0, 0, None)
    assert indicators.catalogue()["DR1"].direction == "lower"
