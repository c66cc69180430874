"""SC1: staff who hold, on D, at least one case open on D; met when the caseload is within
caseload_max (15) x fte (1 when empty). The standard staff are hos1 > tm1 > cm1, cm2. D is
31 March 2026."""

import datetime as dt

import polars as pl

from queries import indicators
from tests.queries.footprint._helpers import met, overall, row

D = "2026-03-31"


def _cases(extract, staff_id: str, n: int, start: str = "2025-10-01", prefix: str | None = None) -> None:
    for k in range(n):
        extract.case(f"{prefix or staff_id}-{k}", start, case_manager_id=staff_id)


def test_a_caseload_exactly_at_capacity_is_met_and_one_over_is_not(extract, measure):
    _cases(extract, "cm1", 15)  # 15 of 15
    _cases(extract, "cm2", 16)  # 16 of 15
    # neither a case closed the day before D nor one starting after D is on the caseload
    extract.case("closed", "2025-10-01", case_manager_id="cm1", end_date="2026-03-30")
    extract.case("later", "2026-04-01", case_manager_id="cm1")
    rows = measure(extract, "SC1", D)
    assert met(rows) == {"cm1": True, "cm2": False}
    assert (row(rows, "cm1")["caseload"], row(rows, "cm1")["capacity"]) == (15, 15.0)
    assert row(rows, "cm2")["caseload"] == 16
    assert row(rows, "cm2")["gap"] == "16 open cases, over a capacity of 15"
    assert row(rows, "cm1")["staff_id"] == "cm1" and row(rows, "cm1")["case_id"] is None


def test_part_time_capacity_is_caseload_max_times_fte(extract, measure):
    extract.staff("pt3", line_manager_id="tm1", fte=0.2).staff("pt4", line_manager_id="tm1", fte=0.2)
    _cases(extract, "pt3", 3)  # 0.2 x 15 = 3: at capacity
    _cases(extract, "pt4", 4)  # one over
    rows = measure(extract, "SC1", D)
    assert met(rows) == {"pt3": True, "pt4": False}
    assert row(rows, "pt3")["capacity"] == 3.0
    assert row(rows, "pt4")["gap"] == "4 open cases, over a capacity of 3"
    # a lower caseload_max moves the line
    assert met(measure(extract, "SC1", D, caseload_max=10)) == {"pt3": False, "pt4": False}


def test_caseloads_follow_allocations_on_d_with_raised_risk_counted(extract, measure):
    # c1's current case manager is cm1, but cm2 has held it since 1 March; c2's allocation to
    # cm2 ended on 28 February with none after, so on D it counts for its current case manager
    extract.case("c1", "2025-10-01", case_manager_id="cm1")
    extract.allocation("c1", "cm1", "2025-10-01", "2026-02-28").allocation("c1", "cm2", "2026-03-01")
    extract.case("c2", "2025-10-01", case_manager_id="cm1").allocation("c2", "cm2", "2025-10-01", "2026-02-28")
    extract.case("c3", "2025-10-01", case_manager_id="cm1")  # no allocations rows: cm1
    extract.assessment("c1", "2026-01-05", "2026-01-10", rosh="high", swb="low")
    extract.assessment("c3", "2026-01-05", "2026-01-10", rosh="low", swb="low")
    rows = measure(extract, "SC1", D)
    assert met(rows) == {"cm1": True, "cm2": True}
    assert (row(rows, "cm1")["caseload"], row(rows, "cm1")["raised_risk_cases"]) == (2, 0)
    assert (row(rows, "cm2")["caseload"], row(rows, "cm2")["raised_risk_cases"]) == (1, 1)


def test_staff_with_no_open_case_on_d_are_not_in_the_population(extract, measure):
    extract.case("c1", "2025-10-01", case_manager_id="cm1")
    extract.case("c2", "2025-10-01", case_manager_id="cm2", end_date="2026-03-01")
    assert met(measure(extract, "SC1", D)) == {"cm1": True}


def test_a_staff_level_breakdown_groups_by_the_persons_team_and_never_by_the_childs(extract, open_db, policy):
    extract.staff("cm3", team="Intensive", line_manager_id="tm1")
    _cases(extract, "cm1", 16)
    _cases(extract, "cm3", 2)
    extract.assessment("cm1-0", "2026-01-05", "2026-01-10", rosh="high")
    con = open_db(extract)
    sc1 = indicators.catalogue()["SC1"]
    window = [indicators.period(dt.date.fromisoformat(D))]
    by_team = indicators.summary(con, sc1, window, policy, by="team")
    assert by_team.select("group", "numerator", "denominator").rows() == [("Court", 0, 1), ("Intensive", 1, 1)]
    by_manager = indicators.summary(con, sc1, window, policy, by="line_manager")
    assert by_manager.select("group", "numerator", "denominator").rows() == [("tm1", 1, 2)]
    for by in ("rosh", "risk_group", "disposal", "sex", "age_band"):
        assert indicators.summary(con, sc1, window, policy, by=by).height == 0, by
    table = indicators.indicator_table(con, window[0], policy, by="rosh", ids=["SC1"])
    assert table.select("group", "numerator", "denominator").rows() == [(None, 1, 2)]  # the overall row only
    listed = indicators.items(con, sc1, window, policy)
    assert listed.filter(pl.col("staff_id") == "cm1")["rosh"].to_list() == [None]


def test_several_windows_at_once_and_zero_denominator(extract, open_db, policy):
    _cases(extract, "cm1", 15, start="2026-01-05")
    extract.case("feb", "2026-02-01", case_manager_id="cm1", end_date="2026-02-28")  # 16 in February
    con = open_db(extract)
    windows = indicators.month_ends(dt.date.fromisoformat(D), 4)
    rows = indicators.items(con, indicators.catalogue()["SC1"], windows, policy)
    by_month = {r["as_of_date"].isoformat(): (r["caseload"], r["in_numerator"]) for r in rows.iter_rows(named=True)}
    assert by_month == {"2026-01-31": (15, True), "2026-02-28": (16, False), "2026-03-31": (15, True)}
    assert overall(con, policy, "SC1", "2025-12-31") == (0, 0, None)
