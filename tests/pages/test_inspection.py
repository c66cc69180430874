"""The Inspection readiness page, run in Streamlit's AppTest against the two-team fixture.

By hand, at D = 2026-03-31 every case is judged (all started before D - 91):
- c1 (yro, medium RoSH: raised): entries 2025-10-22 (countersignature) and 2026-03-20, a gap of
  149 days against 28 -> EVIDENCE_GAP on a raised case: insufficient. Its arrest of 2026-03-11
  had no entry by the next working day (EVENT_UNANSWERED) and its only stage is from 2025-10-20
  (ASSESSMENT_OUT_OF_DATE), so it shows under all three questions.
- c2 (yro, low: not raised): first entry 2026-01-10, over 56 days into its window, and a stage
  uncountersigned since 2025-11-25: two failures: insufficient.
- c3 (referral_order, unrated): no entry and no assessment at all: two failures: insufficient.
- p1 (prevention, unrated): one failure (Evidence) on a case not raised: sufficient.
So 1 of 4 sufficient (25 %, inadequate), 3 insufficient, 0 not yet.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.conftest import APP, AS_OF, no_errors, two_team_extract

PAGE = "pages/inspection.py"


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def table(at: AppTest, key: str):
    for element in at.dataframe:
        if element.key == key:
            return element.value
    raise AssertionError(f"no dataframe {key!r}")


def test_page_shows_the_share_band_and_counts(app):
    at = app(PAGE)
    no_errors(at)
    m = metrics(at)
    # 25 % is below requires improvement's 50 %
    assert any("inadequate" in str(md.value) for md in at.markdown)
    assert m["Insufficient cases"] == "3"
    assert m["Not yet judged"] == "0"
    text = " ".join(str(i.value) for i in at.info)
    assert "not an inspection outcome" in text
    assert "Load audits" in text  # no audits loaded: said plainly, no agreement figures


def test_insufficient_cases_are_grouped_by_the_three_questions(app):
    at = app(PAGE)
    evidence = table(at, "insp_list_evidence")
    effective = table(at, "insp_list_effective")
    difference = table(at, "insp_list_difference")
    assert {"c1", "c2", "c3"} <= set(evidence["case_id"])  # each fails Evidence
    assert "p1" not in set(evidence["case_id"])  # sufficient cases are not listed
    assert set(evidence[evidence["case_id"] == "c1"]["reason_code"]) >= {"EVIDENCE_GAP"}
    assert "EVENT_UNANSWERED" in set(effective[effective["case_id"] == "c1"]["reason_code"])
    assert "ASSESSMENT_OUT_OF_DATE" in set(difference[difference["case_id"] == "c1"]["reason_code"])


def test_audit_sample_takes_every_case_when_there_are_fewer_than_twenty(app):
    at = app(PAGE)
    sample = table(at, "insp_sample")
    # 4 cases: 20 % rounds up to 1, the minimum is 20, capped at the 4 there are
    assert sorted(sample["case_id"]) == ["c1", "c2", "c3", "p1"]
    row = sample[sample["case_id"] == "c1"].iloc[0]
    assert row["stratum"] == "yro / raised"
    assert row["judgement"] == "insufficient"
    assert row["trigger_events"] == 1  # the arrest of 2026-03-11
    assert any("4 of 4 cases" in c.value for c in at.caption)


@pytest.fixture
def audited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    # the auditor found c1's oversight sufficient; JG1 finds it insufficient: one disagreement
    extract = two_team_extract().audit("c1", "2026-03-15", oversight_judgement="sufficient", auditor_id="tm1")
    monkeypatch.setenv("OVERSIGHT_DB", str(extract.build(tmp_path / "audited.duckdb")))
    monkeypatch.setenv("OVERSIGHT_POLICY", str(tmp_path / "policy.local.toml"))
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["f_as_of"] = dt.date.fromisoformat(AS_OF)
    at.run()
    at.switch_page(PAGE)
    at.run()
    return at


def test_auditors_judgements_are_set_beside_jg1_with_disagreements_listed(audited):
    no_errors(audited)
    m = metrics(audited)
    assert m["Audits compared"] == "1"
    assert m["JG1 agrees"] == "0%"
    disagreements = table(audited, "insp_disagreements")
    assert list(disagreements["case_id"]) == ["c1"]
    assert list(disagreements["audit_judgement"]) == ["sufficient"]
    assert list(disagreements["JG1 judgement"]) == ["insufficient"]


def test_pack_is_prepared_and_offered_for_download(app):
    at = app(PAGE)
    at.button(key="insp_pack_build").click()
    at.run()
    no_errors(at)
    keys = {b.key for b in at.get("download_button")}
    assert {"insp_pack_xlsx", "insp_pack_pdf"} <= keys
    # the wait showed its progress by step, and ends saying the pack is ready
    assert [s.label for s in at.status] == ["The pack is ready"] and at.status[0].state == "complete"
    assert at.progress[0].value == 100


def test_without_assessments_no_case_judgement_is_shown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # JG1 requires assessments: without them the case table still "judges" c1 and c2 (nine
    # checks, the assessment ones skipped), but those would be figures of an indicator that
    # cannot be computed, so the page says to load assessments, as the JG1 tile does.
    from tests.builder import Extract, standard_staff

    extract = standard_staff(Extract())
    extract.case("c1", "2025-10-01", case_manager_id="cm1")
    extract.case("c2", "2025-11-01", case_manager_id="cm2")
    extract.note("c1", "2026-03-20 10:00", "2026-03-20 15:00")
    monkeypatch.setenv("OVERSIGHT_DB", str(extract.build(tmp_path / "no_assessments.duckdb")))
    monkeypatch.setenv("OVERSIGHT_POLICY", str(tmp_path / "policy.local.toml"))
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["f_as_of"] = dt.date.fromisoformat(AS_OF)
    at.switch_page(PAGE)
    at.run()
    no_errors(at)
    assert "Insufficient cases" not in metrics(at)
    keys = {d.key for d in at.dataframe}
    assert not keys & {"insp_trend_numbers", "insp_all_cases", "insp_list_evidence"}
    assert sum("Load assessments to see this" in str(i.value) for i in at.info) >= 1
    # the audit sample is still drawn (both cases, under the minimum), without judgements
    sample = table(at, "insp_sample")
    assert sorted(sample["case_id"]) == ["c1", "c2"]
    assert "judgement" not in sample.columns or sample["judgement"].isna().all()


def test_the_case_judgements_behind_the_figures_can_be_downloaded(app):
    # the JG1 tile and the insufficient count lead to every case with its reasons: downloadable
    at = app(PAGE)
    keys = {b.key for b in at.get("download_button")}
    assert {"insp_all_dl_csv", "insp_all_dl_xlsx"} <= keys
