"""The family pages: each indicator's list behind the figure adds up to the figure."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from oversight.db import Database
from oversight.policy import load_policy
from queries import indicators
from tests.pages.conftest import AS_OF, frame, no_errors

PAGE = {
    "footprint": "pages/footprint.py",
    "timeliness": "pages/timeliness.py",
    "risk_coverage": "pages/risk_coverage.py",
    "drift": "pages/drift.py",
    "quality": "pages/quality.py",
    "quality_assurance": "pages/quality_assurance.py",
    "escalation": "pages/escalation.py",
    "staff": "pages/staff.py",
    "victims": "pages/victims.py",
}
FAMILY_INDICATORS = [i for i in indicators.catalogue().values() if i.family in PAGE]


def test_the_families_hold_indicators():
    # the pages are written over the catalogue; this guards against an empty parametrisation
    assert any(i.id == "FP1" for i in FAMILY_INDICATORS)


@pytest.mark.parametrize("indicator", FAMILY_INDICATORS, ids=lambda i: i.id)
def test_list_behind_each_figure_adds_up_to_it(app, app_db, indicator):
    at = app(PAGE[indicator.family], **{f"fam_{indicator.family}_choice": indicator.id})
    no_errors(at)
    captions = " | ".join(c.value for c in at.caption)
    if indicator.requires and not all(
        t in indicators.tables_present(Database(app_db).connection()) for t in indicator.requires
    ):
        assert f"Load {' and '.join(indicator.requires)}" in " ".join(i.value for i in at.info)
        return
    listed = frame(at, f"fam_{indicator.family}_{indicator.id}_main_list")
    expected = indicators.summary(
        Database(app_db).connection(),
        indicator,
        [indicators.period(dt.date.fromisoformat(AS_OF))],
        load_policy(),
    ).row(0, named=True)
    met = int(listed["in_numerator"].sum()) if len(listed) else 0
    assert met == expected["numerator"]
    assert len(listed) == expected["denominator"]
    # and the tile on the page says the same counts
    assert re.search(rf"{met:,} (met|flagged) of {len(listed):,}", captions)
    # not met first (flagged first where lower is better)
    flags = listed["in_numerator"].tolist()
    wanted_first = indicator.direction == "lower"
    assert flags == sorted(flags, key=lambda f: f != wanted_first)


def test_fp1_list_is_the_hand_worked_one(app):
    at = app("pages/footprint.py")
    listed = frame(at, "fam_footprint_FP1_main_list")
    # conftest: c2 (last entry 10 Jan) and c3 (none) not met, listed first; c1 and p1 met
    assert listed["case_id"].tolist()[:2] == ["c2", "c3"]
    assert sorted(listed["case_id"].tolist()[2:]) == ["c1", "p1"]
    gaps = dict(zip(listed["case_id"], listed["gap"], strict=True))
    assert gaps["c3"] == "no management entry in the last 28 days"
    assert gaps["c1"] == "–"  # met: nothing missing, shown as a dash rather than "None"
    # c3 has no entry: since its start, 1 Dec 2025
    since = dict(zip(listed["case_id"], listed["since_date"], strict=True))
    assert str(since["c3"])[:10] == "2025-12-01"


def test_fp1_trend_has_24_month_ends_ending_on_d(app):
    at = app("pages/footprint.py")
    charts = at.get("plotly_chart")
    import json

    spec = json.loads(charts[0].proto.spec)
    xs = spec["data"][0]["x"]
    assert len(xs) == 24
    assert str(xs[-1])[:10] == AS_OF


def test_a_clicked_bar_lists_that_group_alone(app):
    # the click is kept under <chart key>_picked (what the chart's callback stores)
    at = app("pages/footprint.py", fam_footprint_FP1_team_chart_picked={"y": "Court", "point_index": 0})
    no_errors(at)
    listed = frame(at, "fam_footprint_FP1_team_list_list")
    # Court: c1 met, c2 and c3 not: the bar's 1 of 3
    assert sorted(listed["case_id"]) == ["c1", "c2", "c3"]
    assert int(listed["in_numerator"].sum()) == 1


def test_a_clicked_trend_point_lists_that_month(app):
    # point 22 of 24 is the month ending 28 Feb 2026 (the last is D, 31 Mar)
    at = app("pages/footprint.py", fam_footprint_FP1_trend_picked={"point_index": 22})
    listed = frame(at, "fam_footprint_FP1_trendlist_list")
    # on 28 Feb no case had an entry in the 28 days before: 0 of 4
    assert len(listed) == 4
    assert int(listed["in_numerator"].sum()) == 0
    assert any("FP1 at 28 Feb 2026" in c.value for c in at.caption)


def test_the_staff_page_shows_dr4_beside_its_own_and_drift_keeps_it(app, tmp_path, monkeypatch):
    # DR4 stays drift's (its totals, its pack section) and is read on the staff page too
    from tests.pages.conftest import two_team_extract

    extract = two_team_extract()
    extract.supervision("cm1", "tm1", "2026-03-05").supervision("tm1", "hos1", "2026-03-06")
    extract.absence("cm2", "2026-03-02", "2026-03-31")  # excused all March
    path = extract.build(tmp_path / "staff.duckdb")
    monkeypatch.setenv("OVERSIGHT_DB", str(path))
    at = app("pages/staff.py", fam_staff_choice="DR4")
    no_errors(at)
    assert any(s.value.startswith("DR4:") for s in at.header)
    listed = frame(at, "fam_staff_DR4_main_list")
    # 1 Jan to 31 Mar: January, February and March are whole months. cm1, cm3 (holding cases)
    # and their managers tm1, tm2 each month; cm2 in January and February, excused in March
    assert len(listed) == 3 * 4 + 2
    assert sorted(listed.loc[listed["in_numerator"], "item_id"]) == ["cm1 2026-03", "tm1 2026-03"]
    assert [i.id for i in indicators.catalogue().values() if i.family == "staff"] == ["SC1", "SC2", "SC3"]
    assert indicators.catalogue()["DR4"].family == "drift"


def test_a_staff_level_breakdown_by_a_childs_attribute_says_it_has_no_groups(app):
    at = app("pages/staff.py", fam_staff_choice="SC1", fam_staff_SC1_by="rosh")
    no_errors(at)
    assert any("SC1 counts staff, not cases" in i.value for i in at.info)


def test_the_trend_says_why_its_last_point_is_not_the_headline(app):
    at = app(PAGE["footprint"], f_as_of=dt.date(2026, 3, 24))
    no_errors(at)
    captions = " | ".join(c.value for c in at.caption)
    # D = 24 Mar 2026: the headline counts the 90 days from 25 Dec 2025; the last point March so far
    assert "The last point is 1 Mar to 24 Mar 2026 (the month so far)" in captions
    assert "counts the 90 days from 25 Dec 2025 to D" in captions
    # the figure's heading follows the page's title one level down (h1, then h2)
    assert any(h.value.startswith("FP1: ") for h in at.header)


def test_the_trend_numbers_say_rag_in_words_and_rates_in_percent(app):
    at = app(PAGE["footprint"])
    numbers = next(d.value for d in at.dataframe if "as_of_date" in d.value.columns and "RAG" in d.value.columns)
    last = numbers.iloc[-1]
    # D = 31 Mar 2026: c1 and p1 had an entry in the 28 days before, c2 and c3 not: 2 of 4, 50 %
    assert (last["numerator"], last["denominator"], last["value"]) == (2, 4, 50.0)
    assert last["RAG"] == "Red"
