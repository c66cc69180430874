"""Scoping in SQL: every figure, list, breakdown, judgement, explorer query, filter option and
the pack computed over one person's staff only (``Filters.allowed_staff``, a bound list).

The service is tests/oidc/people.py: one case per case manager and team manager
(``case-<staff id>``, all opened 2026-01-05 and open on D), no notes, so FP1 (recent
oversight on every open case) has every open case in its denominator and none met. Worked by
hand: the team manager tm1's scope (cm1, cm2, cm4, tm1) holds case-cm1, case-cm2, case-cm4
and case-tm1, in teams Court (cm1, cm2, tm1) and Prevention (cm4).
"""

from __future__ import annotations

import datetime as dt

import pytest

from oversight import pack
from oversight.policy import load_policy
from queries import explorer, judgement
from queries import indicators as ind
from queries.indicators import Filters
from tests.oidc.people import BY_KIND, extract

D = dt.date(2026, 3, 31)
WINDOW = ind.period(D)
TM1 = Filters(allowed_staff=BY_KIND["team_manager"].scope)
TM1_CASES = ["case-cm1", "case-cm2", "case-cm4", "case-tm1"]
NOBODY = Filters(allowed_staff=())


@pytest.fixture
def con(open_db):
    return open_db(extract())


@pytest.fixture
def policy(tmp_path):
    return load_policy(tmp_path / "none.toml")


def test_the_overall_figure_counts_only_the_cases_in_scope(con, policy):
    fp1 = ind.catalogue()["FP1"]
    whole = ind.summary(con, fp1, [WINDOW], policy)
    assert whole["denominator"].to_list() == [6]  # the fast path, whole service
    assert ind.summary(con, fp1, [WINDOW], policy, filters=TM1)["denominator"].to_list() == [4]
    assert ind.summary(con, fp1, [WINDOW], policy, filters=NOBODY)["denominator"].to_list() == [0]
    # a sidebar filter within the scope narrows it further; one outside it finds nothing
    court = Filters(team="Court", allowed_staff=TM1.allowed_staff)
    assert ind.summary(con, fp1, [WINDOW], policy, filters=court)["denominator"].to_list() == [3]
    community = Filters(team="Community", allowed_staff=TM1.allowed_staff)
    assert ind.summary(con, fp1, [WINDOW], policy, filters=community)["denominator"].to_list() == [0]


def test_breakdowns_lists_and_trends_hold_only_the_scope(con, policy):
    fp1 = ind.catalogue()["FP1"]
    by_team = ind.summary(con, fp1, [WINDOW], policy, by="team", filters=TM1)
    assert dict(zip(by_team["group"], by_team["denominator"], strict=True)) == {"Court": 3, "Prevention": 1}
    listed = ind.items(con, fp1, [WINDOW], policy, filters=TM1)
    assert sorted(listed["case_id"]) == TM1_CASES
    found = ind.breakdowns(con, fp1, WINDOW, policy, ("team", "case_manager"), filters=TM1)
    assert set(found.filter(found["breakdown"] == "case_manager")["group"]) == {"cm1", "cm2", "cm4", "tm1"}
    trend = ind.summary(con, fp1, ind.month_ends(D, 3), policy, filters=TM1)
    whole = ind.summary(con, fp1, ind.month_ends(D, 3), policy)
    # month by month, the scope holds four of the service's six cases wherever it counts them
    assert [n * 6 for n in trend["denominator"]] == [n * 4 for n in whole["denominator"]]
    assert trend["denominator"].to_list()[-1] == 4


def test_staff_level_indicators_cover_the_people_in_scope(con, policy):
    # DR4's population (worked from people.py): every case holder and every manager above them
    # below the most senior post (ad1), each of January, February and March: cm1..cm4, tm1, tm2,
    # hos1, 21 items; tm1's scope keeps cm1, cm2, cm4 and tm1 themselves
    dr4 = ind.catalogue()["DR4"]
    whole = ind.items(con, dr4, [WINDOW], policy)
    assert whole.height == 21
    scoped = ind.items(con, dr4, [WINDOW], policy, filters=TM1)
    assert dict(scoped.group_by("staff_id").len().iter_rows()) == {"cm1": 3, "cm2": 3, "cm4": 3, "tm1": 3}


def test_judgements_case_table_and_rows_are_the_scope(open_db, policy):
    # with assessments loaded and D at 30 June every case has been open 91 days or more: judged
    con = open_db(extract().include("assessments"))
    window = ind.period(dt.date(2026, 6, 30))
    judged = judgement.judgements(con, window, policy, TM1)
    assert sorted(judged.cases["case_id"]) == TM1_CASES
    assert sorted(judged.rows["case_id"]) == TM1_CASES  # what JG1's figure and agreement count
    whole = judgement.judgements(con, window, policy)
    assert sorted(whole.rows["case_id"]) == sorted([*TM1_CASES, "case-cm3", "case-tm2"])
    jg1 = ind.catalogue()["JG1"]
    figure = ind.summary(con, jg1, [window], policy, filters=TM1, rows=judged.rows)
    assert figure["denominator"].to_list() == [4]


def test_the_explorer_does_not_find_a_case_outside_the_scope(con):
    mine = BY_KIND["team_manager"].scope
    assert sorted(explorer.find_cases(con, "case", allowed_staff=mine)["case_id"]) == TM1_CASES
    assert explorer.case_facts(con, "case-cm3", D, mine) is None  # another team's case: as missing
    assert explorer.case_facts(con, "case-none", D, mine) is None
    assert explorer.case_facts(con, "case-cm1", D, mine)["case_id"] == "case-cm1"
    assert explorer.timeline(con, "case-cm3", D, mine).height == 0
    assert explorer.timeline(con, "case-cm3", D).height > 0  # whole service: it is there
    assert explorer.find_cases(con, "case", allowed_staff=())["case_id"].to_list() == []


def test_filter_options_offer_nobody_outside_the_scope(con):
    options = explorer.filter_options(con, BY_KIND["team_manager"].scope)
    by = {f: set(options.filter(options["filter"] == f)["value"]) for f in ("team", "case_manager", "line_manager")}
    assert by == {
        "team": {"Court", "Prevention"},
        "case_manager": {"cm1", "cm2", "cm4", "tm1"},
        "line_manager": {"tm1"},  # not hos1, tm1's own manager: outside the scope
    }
    whole = explorer.filter_options(con)
    assert "Community" in set(whole.filter(whole["filter"] == "team")["value"])


def test_the_pack_holds_the_scope_and_the_command_line_the_whole_service(con, policy):
    scoped = pack.build_pack(con, D, policy, filters=TM1)
    whole = pack.build_pack(con, D, policy)
    fp1 = scoped.headline.filter(scoped.headline["indicator"] == "FP1").row(0, named=True)
    assert fp1["denominator"] == 4
    assert whole.headline.filter(whole.headline["indicator"] == "FP1")["denominator"].to_list() == [6]
    teams = scoped.breakdowns["footprint"].filter(scoped.breakdowns["footprint"]["breakdown"] == "team")
    assert set(teams["group"]) == {"Court", "Prevention"}
    # the audit sample's population is the scope (no case is judged here: no assessments)
    assert scoped.audit_population == 4 and set(scoped.audit["case_id"]) <= set(TM1_CASES)
    assert whole.audit_population == 6


def test_no_manager_above_the_scope_appears_in_a_breakdown(con, policy):
    fp1 = ind.catalogue()["FP1"]
    # tm1's own case is managed by hos1, outside tm1's scope: it counts, under an unknown manager
    by_manager = ind.summary(con, fp1, [WINDOW], policy, by="line_manager", filters=TM1)
    assert dict(zip(by_manager["group"], by_manager["denominator"], strict=True)) == {"tm1": 3, "unknown": 1}
    whole = ind.summary(con, fp1, [WINDOW], policy, by="line_manager")
    assert dict(zip(whole["group"], whole["denominator"], strict=True)) == {"hos1": 2, "tm1": 3, "tm2": 1}
