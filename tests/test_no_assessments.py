"""One extract without assessments, through every door: they must all say the same thing.

JG1 requires assessments. The command line's `indicators` shows JG1 as not available; so must
`cases` (no case judged), the pack (workbook and PDF: no case judged, no agreement with
auditors reported) and the pages (no verdict, no count of insufficient cases, no agreement).
Audits with oversight judgements are loaded, so "agreement" is a real temptation for each.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import polars as pl
import pypdf
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.builder import Extract, standard_staff

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2026-03-31"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    e = standard_staff(Extract())
    e.staff("qa1", role="operational_manager", line_manager_id="hos1")
    e.case("c1", "2025-06-01", case_manager_id="cm1")
    e.case("c2", "2025-06-01", case_manager_id="cm2")
    e.note("c1", "2026-03-20 10:00", "2026-03-20 15:00")  # c2 has no entry: would fail "evidence"
    e.audit("c1", "2026-03-01", "sufficient", grade="good")
    e.audit("c2", "2026-03-02", "insufficient", grade="inadequate")
    path = e.build(tmp_path_factory.mktemp("no_assessments") / "oversight.duckdb")
    return path


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "oversight", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "OVERSIGHT_POLICY": "/nonexistent/policy.toml"},
    )


def test_indicators_command_shows_jg1_not_available(db):
    done = _cli("indicators", "--db", str(db), "--as-of", AS_OF)
    assert done.returncode == 0, done.stderr
    jg1 = [r for r in csv.DictReader(io.StringIO(done.stdout)) if r["indicator"] == "JG1"]
    assert jg1 == [
        {"indicator": "JG1", "group": "", "numerator": "", "denominator": "", "value": "", "status": "not_available"}
    ]


def test_cases_command_judges_no_case_and_says_why(db):
    done = _cli("cases", "--db", str(db), "--as-of", AS_OF)
    assert done.returncode == 0, done.stderr
    assert list(csv.DictReader(io.StringIO(done.stdout))) == []  # header only: no case judged
    assert done.stdout.startswith("case_id,child_id,team")
    assert "needs assessments" in done.stderr and "no case is judged" in done.stderr
    assert "FIRST_ASSESSMENT_LATE" not in done.stdout


def test_pack_judges_no_case_and_reports_no_agreement(db, tmp_path):
    done = _cli("pack", "--db", str(db), "--as-of", AS_OF, "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    xlsx = next(tmp_path.glob("*.xlsx"))
    sheets = pl.read_excel(xlsx, sheet_id=0, engine="calamine", infer_schema_length=None)
    summary = sheets["Summary"].filter(pl.col("indicator") == "JG1").row(0, named=True)
    assert summary["rag"] == "not loaded" and summary["denominator"] is None
    assert "Judgement" not in sheets  # no breakdown of a judgement never made
    assert sheets["Case judgements"].height == 0
    assert "Audit agreement" not in sheets
    assert sheets["Insufficient reasons"].height == 0
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(next(tmp_path.glob("*.pdf"))).pages)
    text = text.replace("\n", " ")
    assert "No case could be judged on this date." in text
    assert "Sufficient - Insufficient - Not yet (open too briefly to judge) -" in text
    assert "Not reported: no case could be judged on this date" in text
    assert "JG1 agreed" not in text and "Auditors recorded" not in text


@pytest.fixture
def app(db, monkeypatch, tmp_path):
    monkeypatch.setenv("OVERSIGHT_DB", str(db))
    monkeypatch.setenv("OVERSIGHT_POLICY", str(tmp_path / "policy.local.toml"))
    st.cache_data.clear()
    st.cache_resource.clear()

    def _app(page: str, **state) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.session_state["f_as_of"] = dt.date.fromisoformat(AS_OF)
        for key, value in state.items():
            at.session_state[key] = value
        at.switch_page(page)
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        return at

    yield _app
    st.cache_data.clear()
    st.cache_resource.clear()


def test_pages_judge_no_case_and_report_no_agreement(app):
    at = app("pages/inspection.py")
    metrics = {m.label for m in at.metric}
    assert "Insufficient cases" not in metrics and "JG1 agrees" not in metrics and "Cases compared" not in metrics
    assert "insp_all_cases" not in {d.key for d in at.dataframe}
    assert "insp_disagreements" not in {d.key for d in at.dataframe}
    infos = [str(i.value) for i in at.info]
    assert any("Load assessments" in i and "Auditors' judgements" in i for i in infos)
    at = app("pages/case_explorer.py", explorer_case="c2")
    assert any("Load assessments to see this" in str(i.value) for i in at.info)
    assert not any(str(m.value).startswith("### :") for m in at.markdown)  # no verdict
    at = app("pages/overview.py")
    overview = next(d.value for d in at.dataframe if d.key == "overview_table")
    jg1 = overview[overview["id"] == "JG1"].iloc[0]
    assert jg1["RAG"] == "not loaded" and jg1["note"] == "Load assessments to see this."
