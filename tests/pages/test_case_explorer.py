"""The case explorer: find a case, see its journey up to D, and its JG1 judgement."""

from __future__ import annotations

import datetime as dt

from tests.pages.conftest import frame, frame_with, no_errors


def test_journey_lists_everything_on_the_case_up_to_d(app):
    at = app("pages/case_explorer.py", explorer_case="c1")
    no_errors(at)
    rows = frame_with(at, "lane", "what")
    whats = set(rows["what"])
    # conftest c1: started, initial stage completed and countersigned, an oversight entry, an arrest, an action
    assert {
        "case started",
        "initial stage completed",
        "initial stage countersigned",
        "Management Oversight",
        "arrest",
        "action set",
    } <= whats
    stage = rows[rows["what"] == "initial stage completed"].iloc[0]
    assert stage["rating"] == "RoSH medium, SWB low, LoR -"
    # newest first
    assert str(rows["event_date"].iloc[0])[:10] == "2026-03-20"
    assert "Child **child-c1**" in " ".join(m.value for m in at.markdown)


def test_journey_does_not_see_the_future(app):
    at = app("pages/case_explorer.py", explorer_case="c1", f_as_of=dt.date(2026, 3, 15))
    rows = frame_with(at, "lane", "what")
    # the oversight entry (20 Mar) and the action (set 20 Mar) came after D = 15 Mar
    assert "Management Oversight" not in set(rows["what"])
    assert "action set" not in set(rows["what"])
    assert "arrest" in set(rows["what"])


def test_search_finds_cases_by_reference(app):
    at = app("pages/case_explorer.py")
    at.text_input(key="explorer_search").set_value("p").run()
    found = frame(at, "explorer_matches")
    assert found["case_id"].tolist() == ["p1"]


def test_unknown_case_says_so(app):
    at = app("pages/case_explorer.py", explorer_case="nope")
    assert any("nope is not in the data" in e.value for e in at.error)


def test_judgement_shown_beside_the_journey(app):
    at = app("pages/case_explorer.py", explorer_case="c1")
    text = " ".join(m.value for m in at.markdown)
    # c1 is raised risk (RoSH medium) with a 149-day gap between entries: Evidence fails, so insufficient
    assert ":red[insufficient]" in text
    assert "EVIDENCE_GAP 2025-10-22..2026-03-20 (149 days)" in text
    checks = frame_with(at, "check", "result").set_index("check")["result"]
    assert checks["Evidence of regular oversight"] == "FAIL"
    assert checks["Stages countersigned (FP4)"] == "pass"
    # c1's action is due 10 Apr, after the window: nothing to check
    assert checks["Actions followed up (DR2)"] == "n/a (nothing to check)"


def _no_assessments(tmp_path, monkeypatch):
    from tests.builder import Extract, standard_staff

    extract = standard_staff(Extract())
    extract.case("c1", "2025-10-01", case_manager_id="cm1")
    extract.case("c2", "2025-11-01", case_manager_id="cm2")
    extract.note("c1", "2026-03-20 10:00", "2026-03-20 15:00")
    monkeypatch.setenv("OVERSIGHT_DB", str(extract.build(tmp_path / "no_assessments.duckdb")))


def test_without_assessments_no_case_is_judged_or_listed_to_act_on(app, tmp_path, monkeypatch):
    # JG1 requires assessments: without them c2 (no entry at all) would still be listed as
    # insufficient and c1 shown a verdict, judged on the checks that could run
    _no_assessments(tmp_path, monkeypatch)
    at = app("pages/case_explorer.py")
    no_errors(at)
    assert "explorer_todo" not in {d.key for d in at.dataframe}
    at = app("pages/case_explorer.py", explorer_case="c1")
    no_errors(at)
    assert any("Load assessments to see this" in str(i.value) for i in at.info)
    assert not any(str(m.value).startswith("### :") for m in at.markdown)  # no verdict
