"""The real app in signed-in mode, one AppTest per kind of user (tests/oidc/people.py).

``at.user`` is what the app reads as ``st.user`` and ``at.secrets`` holds an ``[auth]``
section, so the app runs exactly as behind a real provider (the browser test,
tests/browser/test_signin_app.py, takes the whole path through one). Each person's cases were
worked out by hand from the chain in people.py: one case per case manager and team manager,
``case-<staff id>``, all open on D.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from oversight import access_log
from tests.oidc.people import ACCESS_TOML, BY_KIND, extract
from tests.pages.conftest import APP, frame, frame_with, no_errors

D = dt.date(2026, 3, 31)
NOTE_TEXT = "Spoke with mum about the curfew breach at the chip shop"
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "not-a-secret-in-tests",
    "client_id": "oversight",
    "client_secret": "test",
    "server_metadata_url": "http://localhost:1/.well-known/openid-configuration",
}
# staff id -> team, from people.py; each holds one case, case-<staff id>
TEAMS = {"cm1": "Court", "cm2": "Court", "cm4": "Prevention", "tm1": "Court", "cm3": "Community", "tm2": "Community"}
HOLDERS = set(TEAMS)


def cases_of(kind: str) -> list[str]:
    return sorted(f"case-{s}" for s in BY_KIND[kind].scope if s in HOLDERS)


@pytest.fixture
def service(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    ext = extract()
    ext.note("case-cm1", "2026-03-20 10:00", "2026-03-20 15:00", author_id="tm1", text=NOTE_TEXT)
    db = ext.build(tmp_path / "service.duckdb")
    access = tmp_path / "access.toml"
    access.write_text(ACCESS_TOML)
    monkeypatch.setenv("OVERSIGHT_DB", str(db))
    monkeypatch.setenv("OVERSIGHT_ACCESS", str(access))
    monkeypatch.setenv("OVERSIGHT_POLICY", str(tmp_path / "policy.local.toml"))
    return db


def signed_in(kind: str | None, page: str | None = None, **state) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = AUTH
    if kind is not None:
        at.user = {"is_logged_in": True, "email": BY_KIND[kind].email, "name": kind}
    at.session_state["f_as_of"] = D
    for key, value in state.items():
        at.session_state[key] = value
    if page:
        at.switch_page(page)
    at.run()
    return at


def options(at: AppTest, label: str) -> list[str]:
    box = next(s for s in at.sidebar.selectbox if s.label == label)
    return [o for o in box.options if o != "All"]


SCOPED = ("case_manager", "team_manager", "head_of_service", "performance_officer")


@pytest.mark.parametrize("kind", SCOPED)
def test_each_person_sees_exactly_their_cases_figures_and_filters(service, kind):
    at = signed_in(kind, "pages/footprint.py")
    no_errors(at)
    mine = cases_of(kind)
    # the headline figure: FP1 counts every open case in scope
    assert f"0 met of {len(mine)}" in [c.value for c in at.caption]
    # the list behind it, which is what its download holds
    assert sorted(frame(at, "fam_footprint_FP1_main_list")["case_id"]) == mine
    # filter options: their teams and their staff, nobody else (not even their own manager)
    assert sorted(options(at, "Team")) == sorted({TEAMS[c.removeprefix("case-")] for c in mine})
    staff = sorted(s for s in BY_KIND[kind].scope if s in HOLDERS)
    assert sorted(o.split("(")[-1].rstrip(")") for o in options(at, "Case manager")) == staff
    assert all(o.split("(")[-1].rstrip(")") in BY_KIND[kind].scope for o in options(at, "Line manager"))
    # a download's rows, as the access log records them
    next(b for b in at.download_button if b.key == "fam_footprint_FP1_main_csv").click().run()
    log = access_log.read(service)
    download = log.filter(log["event"] == "download").row(0, named=True)
    assert download["who"] == BY_KIND[kind].email.casefold()
    assert download["what"] == "FP1_2026-03-31.csv" and download["rows"] == len(mine)
    assert "Sign out" in [b.label for b in at.sidebar.button]


@pytest.mark.parametrize("kind", SCOPED)
def test_the_case_explorer_finds_only_cases_in_scope(service, kind):
    at = signed_in(kind, "pages/case_explorer.py")
    at.text_input(key="explorer_search").set_value("case").run()
    no_errors(at)
    assert sorted(frame(at, "explorer_matches")["case_id"]) == cases_of(kind)


def test_a_case_outside_scope_by_url_says_not_found_as_a_missing_one(service):
    outside = signed_in("team_manager", "pages/case_explorer.py", explorer_case="case-cm3")
    missing = signed_in("team_manager", "pages/case_explorer.py", explorer_case="case-none")
    assert [e.value for e in outside.error] == ["Case case-cm3 is not in the data loaded."]
    assert [e.value for e in missing.error] == ["Case case-none is not in the data loaded."]
    assert not outside.dataframe  # no journey, no judgement: nothing of the case
    # by query parameter (a link), too; and the head of service does see it
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email": "tm1@example.org", "name": "tm"}
    at.session_state["f_as_of"] = D
    at.query_params["case"] = "case-cm3"
    at.switch_page("pages/case_explorer.py")
    at.run()
    assert [e.value for e in at.error] == ["Case case-cm3 is not in the data loaded."]
    hos = signed_in("head_of_service", "pages/case_explorer.py", explorer_case="case-cm3")
    no_errors(hos)
    assert any("Case case-cm3" in h.value for h in hos.header)
    log = access_log.read(service)
    opened = log.filter(log["event"] == "case_opened")
    # only the look that showed something is a case opened
    assert opened.select("who", "case_id").rows() == [("hos@example.org", "case-cm3")]


def test_unknown_person_sees_no_data_and_whom_to_ask(service):
    at = signed_in("unknown", "pages/case_explorer.py")
    no_errors(at)
    assert any("the Performance team (performance@example.org)" in w.value for w in at.warning)
    assert not at.dataframe and not at.sidebar.selectbox
    assert "Sign out" in [b.label for b in at.button]
    at.run()  # a second run in the same session: the sign-in and refusal are recorded once
    log = access_log.read(service)
    assert log.select("who", "event", "reason").rows()[::-1] == [
        ("nobody@example.org", "sign_in", "no_match"),
        ("nobody@example.org", "refusal", "no_match"),
    ]


def test_nobody_signed_in_sees_the_sign_in_button_only(service):
    at = signed_in(None, "pages/case_explorer.py")
    no_errors(at)
    assert [b.label for b in at.button] == ["Sign in"]
    assert not at.dataframe and not at.sidebar.selectbox
    assert access_log.read(service).height == 0


def test_a_broken_access_file_is_shown_and_nothing_else(service, tmp_path):
    (tmp_path / "access.toml").write_text('administrators = ["not an address"]\n')
    at = signed_in("performance_officer")
    assert len(at.error) == 1 and "administrators" in at.error[0].value
    assert not at.dataframe and not at.sidebar.selectbox


@pytest.mark.parametrize("kind", ["team_manager", "head_of_service", "performance_officer"])
def test_only_administrators_load_data_and_save_the_policy(service, kind):
    data_page = signed_in(kind, "pages/data.py")
    no_errors(data_page)
    assert data_page.file_uploader[0].proto.disabled
    assert next(b for b in data_page.button if b.label == "Check the extract").disabled
    assert any("Only the administrators" in c.value for c in data_page.info)
    assert not [d for d in data_page.dataframe if "who" in d.value.columns]
    assert any("for administrators" in c.value for c in data_page.caption)
    policy = signed_in(kind, "pages/policy.py")
    no_errors(policy)
    assert next(b for b in policy.button if b.label == "Save the local policy").disabled


def test_administrator_saves_the_policy_and_reads_the_access_log(service, tmp_path):
    at = signed_in("administrator", "pages/policy.py")
    no_errors(at)
    save = next(b for b in at.button if b.label == "Save the local policy")
    assert not save.disabled
    at.number_input(key="policy_oversight_interval_days").set_value(7)
    save.click().run()
    assert any("Saved" in s.value for s in at.success)
    # the administrator reads no case by that alone
    overview = signed_in("administrator", "pages/footprint.py")
    assert "0 met of 0: nothing to count" in [c.value for c in overview.caption]
    page = signed_in("administrator", "pages/data.py")
    no_errors(page)
    assert not page.file_uploader[0].proto.disabled
    log = frame_with(page, "who", "event", "case_id")
    assert "policy_save" in set(log["event"])


def test_the_access_log_survives_a_reload_and_holds_no_case_note_text(service, tmp_path):
    signed_in("team_manager", "pages/case_explorer.py", explorer_case="case-cm1")
    before = access_log.read(service)
    assert ("tm1@example.org", "case_opened", "case-cm1") in before.select("who", "event", "case_id").rows()
    # a load swaps a new database file in with one rename (oversight.load); the log beside it stays
    fresh = extract().build(tmp_path / "fresh.duckdb")
    os.replace(fresh, service)
    page = signed_in("administrator", "pages/data.py")
    no_errors(page)
    shown = frame_with(page, "who", "event", "case_id")
    assert ("tm1@example.org", "case_opened", "case-cm1") in list(
        zip(shown["who"], shown["event"], shown["case_id"], strict=True)
    )
    text = access_log.log_path(service).read_text()
    assert NOTE_TEXT not in text and "curfew" not in text


def test_single_user_mode_served_beyond_this_machine_warns_on_every_page(app, app_db):
    import streamlit as st

    st.config.set_option("server.address", "0.0.0.0")  # the loopback fixture puts it back
    for page in ("pages/overview.py", "pages/data.py", "pages/case_explorer.py"):
        at = app(page)
        assert any("reachable from other machines" in w.value for w in at.warning), page
    st.config.set_option("server.address", "127.0.0.1")
    at = app("pages/overview.py")
    assert not any("reachable from other machines" in w.value for w in at.warning)
    assert "Sign out" not in [b.label for b in at.button]  # nobody signs in, nobody signs out
