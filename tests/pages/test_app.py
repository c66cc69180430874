"""Every page renders; the global filters stay set across pages and change the figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pages.conftest import frame, no_errors

ROOT = Path(__file__).resolve().parents[2]
# every page file there is, so a new page is tested without being listed here
PAGES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_an_error(app, page):
    at = app(page)
    no_errors(at)
    assert at.title, f"{page} shows no title"


def test_banner_says_the_data_is_synthetic_and_names_the_policy(app):
    at = app()
    warning = " ".join(w.value for w in at.warning)
    # the fixture is built with synthetic=True and source "test fixture"
    assert "Synthetic data" in warning
    assert "test fixture" in warning
    assert "defaults" in warning  # no local policy file in force


def test_banner_says_plainly_when_the_data_is_real(app, app_db, tmp_path, monkeypatch):
    # the issue asks the banner to name the data as synthetic or real; real data said nothing
    from oversight.store import write_database
    from tests.pages.conftest import two_team_extract

    real = tmp_path / "real.duckdb"
    write_database(real, two_team_extract().frames(), {"source": "council extract", "synthetic": False})
    monkeypatch.setenv("OVERSIGHT_DB", str(real))
    at = app()
    no_errors(at)
    assert not at.warning
    banner = at.caption[0].value
    assert "Real data" in banner and "council extract" in banner


def test_team_filter_changes_the_overview_figures(app):
    at = app()
    row = frame(at, "overview_table").set_index("id").loc["FP1"]
    # conftest: c1 and p1 met, c2 and c3 not: 2 of 4
    assert (row["met"], row["of"]) == (2, 4)

    at.sidebar.selectbox(key="w_f_team").set_value("Court").run()
    row = frame(at, "overview_table").set_index("id").loc["FP1"]
    # Court holds c1 (met), c2 and c3 (not): 1 of 3
    assert (row["met"], row["of"]) == (1, 3)


def test_filters_stay_set_when_moving_to_another_page(app):
    at = app()
    at.sidebar.selectbox(key="w_f_team").set_value("Prevention").run()
    at.switch_page("pages/footprint.py").run()
    no_errors(at)
    assert at.sidebar.selectbox(key="w_f_team").value == "Prevention"
    listed = frame(at, "fam_footprint_FP1_main_list")
    # only p1 is a Prevention case, and it is met
    assert listed["case_id"].tolist() == ["p1"]


def test_case_manager_filter_narrows_the_list(app):
    at = app("pages/footprint.py", f_case_manager="cm1")
    listed = frame(at, "fam_footprint_FP1_main_list")
    # cm1 holds c1 (met) and c3 (not met); not met first
    assert listed["case_id"].tolist() == ["c3", "c1"]
    assert listed["in_numerator"].tolist() == [False, True]


def test_an_earlier_as_of_date_reads_the_data_as_it_stood(app):
    import datetime as dt

    at = app(f_as_of=dt.date(2026, 2, 28))
    row = frame(at, "overview_table").set_index("id").loc["FP1"]
    # at 28 Feb no entry falls in the 28 days before D (c2's was 10 Jan, the others in March)
    assert (row["met"], row["of"]) == (0, 4)


def test_choosing_a_team_offers_only_its_managers(app):
    at = app(f_team="Prevention", f_case_manager="cm1")
    no_errors(at)
    case_managers = at.sidebar.selectbox(key="w_f_case_manager")
    # Prevention's only case manager is cm3; cm1 (Court) was chosen before, so it falls back to all
    assert case_managers.options == ["All", "Staff cm3 (cm3)"]
    assert case_managers.value == ""
    assert at.sidebar.selectbox(key="w_f_line_manager").options == ["All", "Staff tm2 (tm2)"]


def test_choosing_a_line_manager_offers_only_their_case_managers(app):
    at = app(f_line_manager="tm1")
    assert at.sidebar.selectbox(key="w_f_case_manager").options == ["All", "Staff cm1 (cm1)", "Staff cm2 (cm2)"]


def test_a_chosen_period_stays_for_its_d_and_a_new_d_brings_its_own(app):
    import datetime as dt

    def banner(at) -> str:
        return " ".join(w.value for w in at.warning)

    at = app()
    assert "period 01 Jan 2026 to 31 Mar 2026" in banner(at)  # the 90 days ending on D
    at.date_input(key="w_f_start_2026-03-31").set_value(dt.date(2026, 3, 1)).run()
    assert "period 01 Mar 2026 to 31 Mar 2026" in banner(at)
    at.switch_page("pages/teams.py").run()
    assert "period 01 Mar 2026 to 31 Mar 2026" in banner(at)  # kept on every page
    at.date_input(key="w_f_as_of").set_value(dt.date(2026, 2, 28)).run()
    no_errors(at)
    assert "D = 28 Feb 2026 · period 01 Dec 2025 to 28 Feb 2026" in banner(at)
