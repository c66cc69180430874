"""The machinery every indicator shares: windows, breakdowns, filters, availability."""

import dataclasses
import datetime as dt

import polars as pl
import pytest

from queries import indicators as ind
from queries.indicators import Filters, Window


def test_period_defaults_to_the_90_days_ending_on_d():
    assert ind.period(dt.date(2026, 3, 31)) == Window(dt.date(2026, 3, 31), dt.date(2026, 1, 1))


def test_month_ends_end_on_d_and_take_each_month_as_the_period():
    windows = ind.month_ends(dt.date(2026, 3, 15), 3)
    assert windows == [
        Window(dt.date(2026, 1, 31), dt.date(2026, 1, 1)),
        Window(dt.date(2026, 2, 28), dt.date(2026, 2, 1)),
        Window(dt.date(2026, 3, 15), dt.date(2026, 3, 1)),  # the month so far
    ]
    assert ind.month_ends(dt.date(2026, 3, 31), 2)[-1] == Window(dt.date(2026, 3, 31), dt.date(2026, 3, 1))
    assert len(ind.month_ends(dt.date(2026, 3, 31), 24)) == 24


def test_header_is_parsed_with_continuation_lines():
    fp1 = ind.catalogue()["FP1"]
    assert fp1.population == "Cases open on D with start_date <= D - 28."
    assert fp1.definition.endswith("dated within the last 28 days of D.")
    assert fp1.header.splitlines()[0] == "id: FP1"
    assert fp1.requires == ()


@pytest.fixture
def reallocated(extract):
    """c1 moves from cm1 (Court) to cm3 (Intensive) on 15 Feb and is rated high risk on 10 Feb."""
    extract.staff("cm3", team="Intensive", line_manager_id="tm1")
    extract.case("c1", "2025-11-01").allocation("c1", "cm1", "2025-11-01", "2026-02-14")
    extract.allocation("c1", "cm3", "2026-02-15")
    extract.assessment("c1", "2026-02-01", "2026-02-10", "2026-02-11", rosh="high", swb="low")
    extract.case("c2", "2025-11-01", case_manager_id="cm2")
    extract.child("kid", date_of_birth="2009-03-31")
    extract.case("c3", "2025-11-01", case_manager_id="cm2", child_id="kid", disposal="referral_order")
    extract.note("c2", "2026-01-20").note("c2", "2026-03-20")
    return extract


def test_past_months_count_for_the_case_manager_and_team_of_the_time(open_db, policy, reallocated):
    con = open_db(reallocated)
    windows = [Window(dt.date(2026, 1, 31), dt.date(2026, 1, 1)), Window(dt.date(2026, 3, 31), dt.date(2026, 3, 1))]
    by_manager = ind.summary(con, ind.catalogue()["FP1"], windows, policy, by="case_manager")
    rows = {(r["as_of_date"].isoformat(), r["group"]): r["denominator"] for r in by_manager.iter_rows(named=True)}
    assert rows == {
        ("2026-01-31", "cm1"): 1,
        ("2026-01-31", "cm2"): 2,
        ("2026-03-31", "cm3"): 1,
        ("2026-03-31", "cm2"): 2,
    }
    by_team = ind.summary(con, ind.catalogue()["FP1"], windows, policy, by="team")
    assert by_team.filter(pl.col("group") == "Intensive")["as_of_date"].to_list() == [dt.date(2026, 3, 31)]


def test_a_day_before_the_first_allocation_counts_for_the_current_case_manager(open_db, policy, extract):
    # data contract: a day no allocation covers counts for the case's current case manager (cm2,
    # team Court, line manager tm1). The history starts on 1 March, so on 31 January no
    # allocation row exists at all; the case must not fall into 'unknown'.
    extract.case("c1", "2025-11-01", case_manager_id="cm2").allocation("c1", "cm1", "2026-03-01")
    con = open_db(extract)
    windows = [Window(dt.date(2026, 1, 31), dt.date(2026, 1, 1)), Window(dt.date(2026, 3, 31), dt.date(2026, 3, 1))]
    rows = ind.items(con, ind.catalogue()["FP1"], windows, policy)
    held = {
        r["as_of_date"].isoformat(): (r["case_manager"], r["team"], r["line_manager"])
        for r in rows.iter_rows(named=True)
    }
    assert held == {"2026-01-31": ("cm2", "Court", "tm1"), "2026-03-31": ("cm1", "Court", "tm1")}


def test_ratings_and_age_are_taken_on_the_day(open_db, policy, reallocated):
    con = open_db(reallocated)
    windows = [Window(dt.date(2026, 1, 31), dt.date(2026, 1, 1)), Window(dt.date(2026, 3, 31), dt.date(2026, 3, 1))]
    rows = ind.items(con, ind.catalogue()["FP1"], windows, policy)
    c1 = {r["as_of_date"].isoformat(): r for r in rows.filter(pl.col("case_id") == "c1").iter_rows(named=True)}
    assert (c1["2026-01-31"]["rosh"], c1["2026-01-31"]["risk_group"]) == ("unrated", "unrated")
    assert (c1["2026-03-31"]["rosh"], c1["2026-03-31"]["risk_group"]) == ("high", "raised")
    c3 = {
        r["as_of_date"].isoformat(): r["age_band"] for r in rows.filter(pl.col("case_id") == "c3").iter_rows(named=True)
    }
    # born 31 March 2009: 16 on 31 Jan 2026, 17 on its birthday, 31 March 2026
    assert c3 == {"2026-01-31": "16", "2026-03-31": "17"}
    assert rows.filter(pl.col("case_id") == "c3")["disposal"].to_list() == ["referral_order"] * 2


def test_filters_narrow_the_population(open_db, policy, reallocated):
    con = open_db(reallocated)
    window = [ind.period(dt.date(2026, 3, 31))]
    fp1 = ind.catalogue()["FP1"]
    everyone = ind.summary(con, fp1, window, policy).row(0, named=True)
    court = ind.summary(con, fp1, window, policy, filters=Filters(team="Court")).row(0, named=True)
    raised = ind.summary(con, fp1, window, policy, filters=Filters(risk_group="raised")).row(0, named=True)
    # c2 has an entry on 20 March (met); c1 (moved to Intensive, raised) and c3 have none.
    assert (everyone["numerator"], everyone["denominator"]) == (1, 3)
    assert (court["numerator"], court["denominator"]) == (1, 2)
    assert (raised["numerator"], raised["denominator"]) == (0, 1)
    listed = ind.items(con, fp1, window, policy, filters=Filters(team="Court"))
    assert listed["case_id"].to_list() == ["c3", "c2"]  # not met first


def test_a_zero_denominator_gives_no_value(open_db, policy, extract):
    extract.case("c1", "2026-03-20")  # too young for FP1 on 31 March
    con = open_db(extract)
    row = ind.summary(con, ind.catalogue()["FP1"], [ind.period(dt.date(2026, 3, 31))], policy).row(0, named=True)
    assert (row["numerator"], row["denominator"], row["value"]) == (0, 0, None)


def test_an_unknown_breakdown_is_refused(open_db, policy, extract):
    extract.case("c1", "2026-01-01")
    con = open_db(extract)
    with pytest.raises(ValueError, match="unknown breakdown"):
        ind.summary(con, ind.catalogue()["FP1"], [ind.period(dt.date(2026, 3, 31))], policy, by="name; drop")


def test_indicators_needing_a_table_not_loaded_are_not_available(open_db, policy, extract):
    extract.case("c1", "2026-01-01")
    con = open_db(extract)
    assert "assessments" not in ind.tables_present(con)
    table = ind.indicator_table(con, ind.period(dt.date(2026, 3, 31)), policy)
    needs_assessments = [i.id for i in ind.catalogue().values() if "assessments" in i.requires]
    for row in table.filter(pl.col("indicator").is_in(needs_assessments)).iter_rows(named=True):
        assert (row["status"], row["numerator"], row["denominator"], row["value"]) == (
            "not_available", None, None, None,
        )  # fmt: skip
    assert table.filter(pl.col("indicator") == "FP1")["status"].to_list() == ["ok"]


def test_breakdowns_give_every_breakdown_from_one_run(open_db, policy, reallocated):
    # FP1 at D = 31 Mar: c1 (cm3, Intensive since 15 Feb) has no entry, c2 (cm2, Court) one on
    # 20 Mar, c3 (cm2, Court) none: Court 1 of 2, Intensive 0 of 1; cm2 1 of 2, cm3 0 of 1
    con = open_db(reallocated)
    window = ind.period(dt.date(2026, 3, 31))
    found = ind.breakdowns(con, ind.catalogue()["FP1"], window, policy, ("team", "case_manager"))
    assert found.select("breakdown", "group", "numerator", "denominator").rows() == [
        ("team", "Court", 1, 2),
        ("team", "Intensive", 0, 1),
        ("case_manager", "cm2", 1, 2),
        ("case_manager", "cm3", 0, 1),
    ]
    assert found["value"].to_list() == [0.5, 0.0, 0.5, 0.0]
    with pytest.raises(ValueError, match="unknown breakdown 'colour'"):
        ind.breakdowns(con, ind.catalogue()["FP1"], window, policy, ("colour",))


def test_rows_already_computed_are_counted_not_computed_again(open_db, policy, reallocated):
    con = open_db(reallocated)
    fp1 = ind.catalogue()["FP1"]
    window = ind.period(dt.date(2026, 3, 31))
    # the indicator's own rows, without the breakdown attributes items() adds to them
    rows = ind.items(con, fp1, [window], policy).select(pl.exclude(ind.BREAKDOWNS))
    assert ind.summary(con, fp1, [window], policy, rows=rows).select("numerator", "denominator").row(0) == (1, 3)
    fewer = rows.filter(pl.col("case_id") != "c3")  # the given rows are what is counted
    assert ind.summary(con, fp1, [window], policy, rows=fewer).select("numerator", "denominator").row(0) == (1, 2)
    by_team = ind.summary(con, fp1, [window], policy, by="team", rows=fewer)
    assert by_team.select("group", "numerator", "denominator").rows() == [("Court", 1, 1), ("Intensive", 0, 1)]
    table = ind.indicator_table(con, window, policy, ids=["FP1"], rows={"FP1": fewer})
    assert table.select("numerator", "denominator").row(0) == (1, 2)


def test_counting_rows_are_the_whole_services_and_count_as_the_indicator_does(open_db, policy, reallocated):
    con = open_db(reallocated)
    fp1 = ind.catalogue()["FP1"]
    windows = [Window(dt.date(2026, 1, 31), dt.date(2026, 1, 1)), ind.period(dt.date(2026, 3, 31))]
    rows = ind.counting_rows(con, fp1, windows, policy)
    assert rows.columns == list(ind.COUNTING_COLUMNS)
    assert sorted(rows.select("as_of_date", "case_id", "in_numerator").rows()) == [
        (dt.date(2026, 1, 31), "c1", False),
        (dt.date(2026, 1, 31), "c2", True),  # the entry of 20 January
        (dt.date(2026, 1, 31), "c3", False),
        (dt.date(2026, 3, 31), "c1", False),
        (dt.date(2026, 3, 31), "c2", True),  # the entry of 20 March
        (dt.date(2026, 3, 31), "c3", False),
    ]
    # counted under a filter, they give what the indicator gives computed under it
    court = Filters(team="Court")
    assert ind.summary(con, fp1, windows, policy, filters=court, rows=rows).equals(
        ind.summary(con, fp1, windows, policy, filters=court)
    )


def test_status_puts_local_policy_before_the_data(policy):
    off = dataclasses.replace(policy.settings["switched_off_indicators"], value=["JG1"])
    switched = dataclasses.replace(policy, settings={**policy.settings, "switched_off_indicators": off})
    jg1, fp1 = ind.catalogue()["JG1"], ind.catalogue()["FP1"]
    assert ind.status(jg1, [], policy) == "not_available"  # needs assessments
    assert ind.status(jg1, ["assessments"], policy) == "ok"
    assert ind.status(jg1, [], switched) == "switched_off"  # off whether or not it could be computed
    assert ind.status(jg1, ["assessments"], switched) == "switched_off"
    assert ind.status(fp1, [], switched) == "ok"
