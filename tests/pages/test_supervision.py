"""Supervision preparation page: pick a case manager, their open cases in the order to discuss
them (the hand-built caseload of tests/oversight/test_supervision.py), a case opens from it."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from tests.oversight.test_supervision import caseload_extract
from tests.pages.conftest import APP, frame, no_errors


@pytest.fixture
def sup_app(tmp_path, monkeypatch):
    monkeypatch.setenv("OVERSIGHT_DB", str(caseload_extract().build(tmp_path / "caseload.duckdb")))
    monkeypatch.setenv("OVERSIGHT_POLICY", str(tmp_path / "policy.local.toml"))

    def _app(**state) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        at.session_state["f_as_of"] = dt.date(2026, 3, 31)
        for key, value in state.items():
            at.session_state[key] = value
        at.switch_page("pages/supervision.py")
        at.run()
        return at

    return _app


def test_the_case_managers_open_cases_in_the_order_to_discuss_them(sup_app):
    at = sup_app(supervision_cm="cm1")
    no_errors(at)
    cases = frame(at, "supervision_cases")
    assert cases["case_id"].tolist() == ["b1", "a1", "a2", "a3", "a4"]
    b1 = cases.iloc[0]
    # on the screen in words: the reasons as sentences, "not yet" for a case not yet judged
    assert b1["reasons"].startswith("No management oversight for 120 days (1 Dec 2025 – 31 Mar 2026)")
    assert "(critical)" in b1["reasons"]
    assert cases.iloc[1]["judgement"] == "not yet"
    assert cases.iloc[1]["reasons"] == "–"
    assert cases.iloc[3]["to_discuss"].startswith("no management entry for 39 days")
    text = " ".join(m.value for m in at.markdown)
    assert "Last formal one-to-one session: **10 Mar 2026** with Staff tm1, 21 days before D" in text
    assert [s.value for s in at.subheader][0] == "5 open cases on 31 Mar 2026"


def test_the_sidebar_case_manager_is_picked_first_and_another_can_be_chosen(sup_app):
    at = sup_app(f_case_manager="cm2")
    assert at.selectbox(key="supervision_cm").value == "cm2"
    assert frame(at, "supervision_cases")["case_id"].tolist() == ["c9"]
    at.selectbox(key="supervision_cm").set_value("cm1").run()
    no_errors(at)
    assert frame(at, "supervision_cases")["case_id"].tolist() == ["b1", "a1", "a2", "a3", "a4"]


def test_only_case_managers_within_the_team_filter_are_offered(sup_app):
    at = sup_app(f_team="Court")
    # each with the cases open on D they hold (cm1's a5 closed on 20 March: not counted)
    assert set(at.selectbox(key="supervision_cm").options) == {
        "Staff cm1 (cm1) · 5 open cases",
        "Staff cm2 (cm2) · 1 open case",
    }


def test_a_case_manager_holding_no_open_case_on_d_is_not_offered(sup_app):
    # on 15 January 2026 cm1 holds b1 (from 1 Dec) and a5 (from 5 Jan); cm2 holds c9 (from 5 Jan);
    # at 31 Dec 2025 only b1 was open, so cm2 holds nothing and is not offered
    at = sup_app(f_as_of=dt.date(2025, 12, 31))
    no_errors(at)
    assert at.selectbox(key="supervision_cm").options == ["Staff cm1 (cm1) · 1 open case"]
