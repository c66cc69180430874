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
    assert "No management oversight for 149 days (22 Oct 2025 – 20 Mar 2026)" in text
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


def _shown_case(at) -> str | None:
    headers = [h.value for h in at.header if str(h.value).startswith("Case ")]
    return headers[0].removeprefix("Case ") if headers else None


def test_next_and_previous_work_down_the_cases_to_act_on_and_back_returns_to_the_list(app):
    # conftest at D = 31 Mar: the cases to act on first are c1 (4 failed checks), c2 (3), c3 (2),
    # all Court; p1 (Prevention) is sufficient. The team filter is set and must stay set.
    at = app("pages/case_explorer.py", f_team="Court")
    assert frame(at, "explorer_todo")["case_id"].tolist() == ["c1", "c2", "c3"]
    at = app("pages/case_explorer.py", f_team="Court", explorer_case="c1")
    no_errors(at)
    assert _shown_case(at) == "c1"
    assert "Case 1 of 3 in Cases to act on first" in [c.value for c in at.caption]
    assert at.button(key="explorer_prev").disabled
    at.button(key="explorer_next").click().run()
    assert _shown_case(at) == "c2"
    at.button(key="explorer_next").click().run()
    assert _shown_case(at) == "c3"
    assert "Case 3 of 3 in Cases to act on first" in [c.value for c in at.caption]
    assert at.button(key="explorer_next").disabled
    at.button(key="explorer_prev").click().run()
    assert _shown_case(at) == "c2"
    at.button(key="explorer_back").click().run()
    no_errors(at)
    assert _shown_case(at) is None
    assert frame(at, "explorer_todo")["case_id"].tolist() == ["c1", "c2", "c3"]
    assert at.session_state["f_team"] == "Court"  # the list's filters kept


def test_leaving_the_explorer_and_coming_back_shows_the_list_not_the_last_case(app):
    at = app("pages/case_explorer.py", explorer_case="c2")
    assert _shown_case(at) == "c2"
    at.switch_page("pages/overview.py").run()
    at.switch_page("pages/case_explorer.py").run()
    no_errors(at)
    assert _shown_case(at) is None
    assert "explorer_todo" in {d.key for d in at.dataframe}


def test_a_case_outside_the_list_can_still_go_back_to_it(app):
    # p1 is sufficient: not among the cases to act on, so no previous or next
    at = app("pages/case_explorer.py", explorer_case="p1")
    no_errors(at)
    assert "Not in Cases to act on first." in [c.value for c in at.caption]
    assert not [b for b in at.button if b.key in ("explorer_prev", "explorer_next")]
    at.button(key="explorer_back").click().run()
    assert "explorer_todo" in {d.key for d in at.dataframe}
