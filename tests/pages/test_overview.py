"""The overview: month-on-month change and what got worse."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from tests.pages.conftest import frame, no_errors


def test_month_on_month_change_and_worse(app):
    at = app(f_as_of=dt.date(2026, 4, 30))
    no_errors(at)
    row = frame(at, "overview_table").set_index("id").loc["FP1"]
    # D = 30 Apr: every entry is over 28 days old, 0 of 4; a month ago (31 Mar, a month end to a
    # month end) 2 of 4. Down 50 points where higher is better: worse.
    assert (row["met"], row["of"]) == (0, 4)
    assert row["a month ago"] == 50.0  # in percent on screen (a screen reader reads the value)
    assert row["change (points)"] == -50.0
    assert row["worse"] == "worse"
    assert row["RAG"] == "Red"
    tiles = " ".join(m.value for m in at.markdown)
    assert "**FP1** · " in tiles  # among the "what got worse" tiles


def test_a_better_month_is_not_worse(app):
    at = app()
    row = frame(at, "overview_table").set_index("id").loc["FP1"]
    # 31 Mar 2 of 4 against 28 Feb 0 of 4: up 50 points
    assert row["change (points)"] == 50.0
    assert row["worse"] == ""


def test_indicator_whose_table_is_missing_says_load_it(app):
    at = app()
    row = frame(at, "overview_table").set_index("id").loc["DR4"]
    # the fixture has no supervisions table: never 0 %, the table to load is named
    assert row["RAG"] == "not loaded"
    assert row["note"] == "Load supervisions to see this."
    assert pd.isna(row["rate"]) and pd.isna(row["met"])


def test_the_trend_leaves_out_months_with_nothing_to_count_rather_than_drawing_0_percent(app):
    at = app()
    trend = list(frame(at, "overview_table").set_index("id").loc["FP1", "24-month trend"])
    # The first case (p1) started 15 Sep 2025, so FP1 has a population only from the month end
    # 28 days after it: 31 Oct 2025 to 31 Mar 2026, six of the 24 month ends.
    assert len(trend) == 6


def test_rates_show_in_percent_to_the_tiles_one_decimal(app):
    at = app()
    row = frame(at, "overview_table").set_index("id").loc["FP1"]
    # 2 of 4: 50.0 (percent), as the tile's "50.0%", never the fraction 0.5 a screen reader would read
    assert row["rate"] == 50.0
    assert all(x == round(x, 1) for x in row["24-month trend"])


def test_a_filtered_overview_marks_a_small_group_and_does_not_count_its_rag(app):
    at = app(f_team="Court")
    no_errors(at)
    row = frame(at, "overview_table").set_index("id").loc["FP1"]
    # Court: 1 of 3, under small_group_cases (5): its RAG is marked, as the family pages mark it
    assert (row["met"], row["of"]) == (1, 3)
    assert row["RAG"] == "Red (small)"
    assert row["worse"] == ""  # a small group's move is not called worse either
    assert any("marked '(small)'" in c.value for c in at.caption)
    # the tiles count only figures not marked small
    counted = {m.label: int(m.value) for m in at.metric}
    table = frame(at, "overview_table")
    for rag in ("Green", "Amber", "Red"):
        assert counted[f"Indicators {rag.lower()}"] == (table["RAG"] == rag).sum()
    assert (table["RAG"].str.endswith("(small)")).sum() >= 1


def test_the_download_buttons_say_what_they_download_after_a_row_is_opened(app):
    at = app()
    at.dataframe(key="overview_table")
    at.session_state["overview_table"] = {"selection": {"rows": [0], "columns": []}}
    at.run()
    no_errors(at)
    labels = [b.proto.label for b in at.get("download_button")]
    # the overview's own pair and the opened list's pair: four buttons, no two alike
    assert len(labels) == 4 and len(set(labels)) == 4, labels
