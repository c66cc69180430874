"""The family pages: each indicator's list behind the figure adds up to the figure."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
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
    assert pd.isna(gaps["c1"])
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
