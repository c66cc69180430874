"""SC2: allocations in the period (allocations rows by from_date; a case without any by its
allocated_date); met when the new case manager's caseload at the end of the day before, this
case left out, plus this case is within caseload_max (15) x fte. D is 31 March 2026; the
period is the 90 days from 1 January."""

from queries import indicators
from tests.queries.footprint._helpers import met, month_end_answers, overall, row

D = "2026-03-31"


def _cases(extract, staff_id: str, n: int, start: str = "2025-10-01") -> None:
    for k in range(n):
        extract.case(f"{staff_id}-{k}", start, case_manager_id=staff_id)


def test_the_caseload_the_day_before_plus_this_case_against_capacity(extract, measure):
    # cm1 holds 13 long cases and one that ends on 9 March, still open that day: 14 the day
    # before; a second new case the same day is not in the day before's caseload
    _cases(extract, "cm1", 13)
    extract.case("ends", "2025-10-01", case_manager_id="cm1", end_date="2026-03-09")
    extract.case("new1", "2026-03-10", case_manager_id="cm1").case("same", "2026-03-10", case_manager_id="cm1")
    _cases(extract, "cm2", 15)
    extract.case("new2", "2026-03-10", case_manager_id="cm2")  # 15 + 1 = 16
    rows = measure(extract, "SC2", D, start="2026-03-01")
    assert met(rows) == {"new1 cm1 2026-03-10": True, "same cm1 2026-03-10": True, "new2 cm2 2026-03-10": False}
    assert row(rows, "new1 cm1 2026-03-10")["caseload_before"] == 14
    assert row(rows, "new2 cm2 2026-03-10")["caseload_before"] == 15
    assert row(rows, "new2 cm2 2026-03-10")["gap"] == "allocated to cm2 with 15 open cases already, capacity 15"
    assert row(rows, "new2 cm2 2026-03-10")["item_date"].isoformat() == "2026-03-10"


def test_a_case_that_closed_two_days_before_is_not_on_the_caseload(extract, measure):
    _cases(extract, "cm1", 14)
    extract.case("ended", "2025-10-01", case_manager_id="cm1", end_date="2026-03-08")
    extract.case("new1", "2026-03-10", case_manager_id="cm1")
    rows = measure(extract, "SC2", D, start="2026-03-01")
    assert row(rows, "new1 cm1 2026-03-10")["caseload_before"] == 14
    assert met(rows) == {"new1 cm1 2026-03-10": True}


def test_part_time_capacity(extract, measure):
    extract.staff("pt3", line_manager_id="tm1", fte=0.2).staff("pt4", line_manager_id="tm1", fte=0.2)
    _cases(extract, "pt3", 2)
    _cases(extract, "pt4", 3)
    extract.case("n3", "2026-03-10", case_manager_id="pt3").case("n4", "2026-03-10", case_manager_id="pt4")
    rows = measure(extract, "SC2", D, start="2026-03-01")
    assert met(rows) == {"n3 pt3 2026-03-10": True, "n4 pt4 2026-03-10": False}  # 3 of 3; 4 of 3
    assert row(rows, "n4 pt4 2026-03-10")["capacity"] == 3.0


def test_allocations_rows_are_the_items_where_present(extract, measure):
    # c1: cm1 from 5 Jan to 14 Feb, then cm2 from 15 Feb; c2 (no allocations rows) goes to its
    # case manager cm1 on its allocated_date, 1 Feb (cm1 has held it since its start, 20 Jan,
    # but it is left out of its own count); cm2 has held "old" since June. The day before each:
    # c1 to cm1 on 5 Jan: 0 others; c2 to cm1 on 1 Feb: 1 (c1); c1 to cm2 on 15 Feb: 1 (old)
    extract.case("c1", "2026-01-05", case_manager_id="cm2")
    extract.allocation("c1", "cm1", "2026-01-05", "2026-02-14").allocation("c1", "cm2", "2026-02-15")
    extract.case("c2", "2026-01-20", case_manager_id="cm1", allocated_date="2026-02-01")
    extract.case("old", "2025-06-01", case_manager_id="cm2")  # allocated before the period
    extract.allocation("old", "cm2", "2025-06-01")
    rows = measure(extract, "SC2", D, caseload_max=2)
    # capacity 2: 1, 2 and 2, all met; capacity 1: only the first
    assert met(rows) == {"c1 cm1 2026-01-05": True, "c2 cm1 2026-02-01": True, "c1 cm2 2026-02-15": True}
    rows = measure(extract, "SC2", D, caseload_max=1)
    assert met(rows) == {"c1 cm1 2026-01-05": True, "c2 cm1 2026-02-01": False, "c1 cm2 2026-02-15": False}
    assert row(rows, "c1 cm2 2026-02-15")["caseload_before"] == 1  # "old", not c1 itself
    assert row(rows, "c2 cm1 2026-02-01")["from_allocations"] is False


def test_item_level_breakdowns_take_the_case_on_its_allocation_day(extract, open_db, policy):
    import datetime as dt

    extract.staff("cm3", team="Intensive", line_manager_id="tm1")
    extract.case("c1", "2026-01-05", case_manager_id="cm3")
    extract.allocation("c1", "cm1", "2026-01-05", "2026-02-14").allocation("c1", "cm3", "2026-02-15")
    extract.assessment("c1", "2026-01-05", "2026-01-06", rosh="high")
    con = open_db(extract)
    window = [indicators.period(dt.date.fromisoformat(D))]
    sc2 = indicators.catalogue()["SC2"]
    by_manager = indicators.summary(con, sc2, window, policy, by="case_manager")
    assert by_manager.select("group", "denominator").rows() == [("cm1", 1), ("cm3", 1)]
    by_rosh = indicators.summary(con, sc2, window, policy, by="rosh")
    assert by_rosh.select("group", "denominator").rows() == [("high", 1), ("unrated", 1)]


def test_several_windows_at_once_match_each_alone(extract, open_db, policy):
    extract.case("jan", "2026-01-12", case_manager_id="cm1").case("feb", "2026-02-09", case_manager_id="cm1")
    answers = month_end_answers(open_db(extract), policy, "SC2", D, 3)
    assert answers == {
        "2026-01-31": {"jan cm1 2026-01-12": True},
        "2026-02-28": {"feb cm1 2026-02-09": True},
        "2026-03-31": {},
    }
    assert overall(open_db(extract), policy, "SC2", D, start="2026-03-01") == (0, 0, None)
