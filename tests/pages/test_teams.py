"""Teams and managers: side by side, small groups marked and unranked, disproportionality."""

from __future__ import annotations

import json

from tests.pages.conftest import frame, no_errors


def test_league_table_marks_small_groups_and_leaves_them_unranked(app):
    at = app("pages/teams.py", teams_league_ind="FP1")
    no_errors(at)
    league = frame(at, "teams_league").set_index("group")
    # FP1 by team: Court 1 of 3, Prevention 1 of 1; both under small_group_cases (5)
    assert (league.loc["Court", "numerator"], league.loc["Court", "denominator"]) == (1, 3)
    assert (league.loc["Prevention", "numerator"], league.loc["Prevention", "denominator"]) == (1, 1)
    assert league["small"].all()
    assert league["rank"].isna().all()


def test_league_table_ranks_groups_once_the_small_group_limit_allows(app, tmp_path):
    policy_file = tmp_path / "policy.local.toml"
    policy_file.write_text("[settings]\nsmall_group_cases = 1\n")
    at = app("pages/teams.py", teams_league_ind="FP1")
    league = frame(at, "teams_league")
    # with a limit of 1 neither team is small: Prevention (100 %) ranks above Court (33 %)
    assert league["group"].tolist() == ["Prevention", "Court"]
    assert league["rank"].tolist() == [1, 2]


def test_heatmap_cells_carry_counts_and_mark_small_groups(app):
    at = app("pages/teams.py")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    heat = spec["data"][0]
    assert heat["type"] == "heatmap"
    row = heat["y"].index("FP1")
    col = heat["x"].index("Court")
    # Court FP1: 33 % of 1/3, small (3 < 5) so marked *
    assert heat["text"][row][col] == "33%*<br>1/3"


def test_filter_by_manager_changes_the_manager_comparison(app):
    at = app("pages/teams.py", teams_by="case_manager", teams_league_ind="FP1", f_team="Court")
    league = frame(at, "teams_league").set_index("group")
    # Court's case managers: cm1 holds c1 (met) and c3 (not), cm2 holds c2 (not)
    assert (league.loc["Staff cm1 (cm1)", "numerator"], league.loc["Staff cm1 (cm1)", "denominator"]) == (1, 2)
    assert (league.loc["Staff cm2 (cm2)", "numerator"], league.loc["Staff cm2 (cm2)", "denominator"]) == (0, 1)
    assert "Staff cm3 (cm3)" not in league.index


def test_disproportionality_tab_breaks_down_by_the_chosen_attribute(app):
    at = app("pages/teams.py", teams_dispro_by="age_band", teams_dispro_ind="FP1")
    no_errors(at)
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    bars = [c for c in charts if c["data"] and c["data"][0]["type"] == "bar"]
    # every fixture child is born 2010-06-01: 15 at D = 2026-03-31, one group of 4 items (2 met)
    assert bars[0]["data"][0]["y"] == ["15"]
    assert bars[0]["data"][0]["text"] == ["50%  (2/4) small"]


def test_a_clicked_heatmap_cell_lists_its_items(app):
    at = app("pages/teams.py", teams_heat_picked={"x": "Prevention", "y": "FP1"})
    no_errors(at)
    listed = frame(at, "teams_heat_list_list")
    # Prevention's FP1: p1 alone, met
    assert listed["case_id"].tolist() == ["p1"]
    assert listed["in_numerator"].tolist() == [True]


def test_every_team_the_heatmap_shows_is_offered_by_the_team_filter(tmp_path, monkeypatch):
    """The chain of supervision (DR4) counts managers who hold no case: their team is a column of
    the heatmap by team, so the sidebar's Team filter offers it too (it offered only teams
    holding cases)."""
    import datetime as dt

    from streamlit.testing.v1 import AppTest

    from tests.builder import Extract
    from tests.pages.conftest import APP, AS_OF

    e = Extract()
    # ad1 is the most senior post (not counted); hos1, in Senior Leadership, holds no case but is
    # above tm1 and cm1, so DR4 counts them by month, and so the Senior Leadership team
    e.staff("ad1", role="assistant_director", team="Senior Leadership")
    e.staff("hos1", role="head_of_service", team="Senior Leadership", line_manager_id="ad1")
    e.staff("tm1", role="team_manager", team="Court", line_manager_id="hos1")
    e.staff("cm1", line_manager_id="tm1")
    e.case("c1", "2025-10-01", case_manager_id="cm1")
    e.note("c1", "2026-03-20 10:00", "2026-03-20 15:00")
    e.supervision("hos1", "ad1", "2026-02-10")
    e.supervision("tm1", "hos1", "2026-02-11")
    e.supervision("cm1", "tm1", "2026-02-12")
    e.include("supervisions")
    monkeypatch.setenv("OVERSIGHT_DB", str(e.build(tmp_path / "t.duckdb")))
    monkeypatch.setenv("OVERSIGHT_POLICY", str(tmp_path / "policy.local.toml"))
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["f_as_of"] = dt.date.fromisoformat(AS_OF)
    at.switch_page("pages/teams.py")
    at.run()
    no_errors(at)
    heat = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    offered = set(at.sidebar.selectbox(key="w_f_team").options) - {"All"}
    assert "Senior Leadership" in heat["x"]
    assert set(heat["x"]) <= offered, (heat["x"], offered)
    # and choosing it shows that team's figures: DR4 for hos1 alone
    at.sidebar.selectbox(key="w_f_team").set_value("Senior Leadership").run()
    no_errors(at)
    heat = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    assert heat["x"] == ["Senior Leadership"]
