"""Fixtures for the dashboard's AppTests: a small hand-built database the app reads through
OVERSIGHT_DB, and Streamlit's caches cleared around each test (they live for the process)."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.builder import Extract, standard_staff

APP = str(Path(__file__).resolve().parents[2] / "app.py")
AS_OF = "2026-03-31"


def two_team_extract() -> Extract:
    """Two teams, four cases open on D = 2026-03-31, all started well before D - 28.

    Court (cm1, cm2 under tm1): c1 has an entry 2026-03-20 (met FP1), c2's last entry is
    2026-01-10 (not met), c3 has none (not met). Prevention (cm3 under tm2): p1 has an entry
    2026-03-25 (met). So FP1 at D is 2 of 4; Court alone 1 of 3; Prevention alone 1 of 1.
    """
    e = standard_staff(Extract())
    e.staff("tm2", role="team_manager", team="Prevention", line_manager_id="hos1")
    e.staff("cm3", team="Prevention", line_manager_id="tm2")
    e.case("c1", "2025-10-01", case_manager_id="cm1")
    e.case("c2", "2025-11-01", case_manager_id="cm2")
    e.case("c3", "2025-12-01", case_manager_id="cm1", disposal="referral_order")
    e.case("p1", "2025-09-15", case_manager_id="cm3", team="Prevention", disposal="prevention")
    e.note("c1", "2026-03-20 10:00", "2026-03-20 15:00", text="Reviewed the plan; risk to the child discussed.")
    e.note("c2", "2026-01-10 09:00", "2026-01-10 09:30", note_type="Management Oversight - Supervision")
    e.note("p1", "2026-03-25 11:00", "2026-03-25 12:00", author_id="tm2")
    e.note("c3", "2026-03-30 11:00", "2026-03-30 12:00", note_type="Home Visit", author_id="cm1")
    e.assessment("c1", "2025-10-02", "2025-10-20", "2025-10-22", rosh="medium", swb="low")
    e.assessment("c2", "2025-11-03", "2025-11-25", None, rosh="low", swb="low")
    e.event("c1", "2026-03-10 20:00", "arrest", "2026-03-11 09:00")
    e.action("c1", "2026-03-20", due_date="2026-04-10")
    e.include("events", "actions", "assessments")
    return e


@pytest.fixture
def app_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = two_team_extract().build(tmp_path / "app.duckdb")
    monkeypatch.setenv("OVERSIGHT_DB", str(path))
    monkeypatch.setenv("OVERSIGHT_POLICY", str(tmp_path / "policy.local.toml"))
    return path


@pytest.fixture(autouse=True)
def loopback():
    """Served on 127.0.0.1 as ./scripts/run serves it (else every page warns it is exposed)."""
    before = st.get_option("server.address")
    st.config.set_option("server.address", "127.0.0.1")
    yield
    st.config.set_option("server.address", before)


@pytest.fixture(autouse=True)
def clear_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def app(app_db: Path):
    """The app at the fixture's D, on the Overview page, run once."""

    def _app(page: str | None = None, **state) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        import datetime as dt

        at.session_state["f_as_of"] = dt.date.fromisoformat(AS_OF)
        for key, value in state.items():
            at.session_state[key] = value
        if page:
            at.switch_page(page)  # before the first run: the overview is not computed for nothing
        at.run()
        return at

    return _app


def frame(at: AppTest, key: str):
    """The pandas value of the dataframe element with this key (fails clearly when absent)."""
    for element in at.dataframe:
        if element.key == key:
            return element.value
    raise AssertionError(f"no dataframe {key!r}; have {[e.key for e in at.dataframe]}")


def frame_with(at: AppTest, *columns: str):
    """The first dataframe holding these columns (for tables that take no selection, so no key)."""
    for element in at.dataframe:
        if set(columns) <= set(element.value.columns):
            return element.value
    raise AssertionError(f"no dataframe with {columns}")


def no_errors(at: AppTest) -> None:
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]
