"""The cases list, the service band and the comparison with auditors' own judgements."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import pytest

from queries import indicators
from queries.indicators import Filters
from queries.judgement import CHECK_COLUMNS, SPEC_COLUMNS, audit_agreement, band, case_table
from tests.queries.judgement import case_examples

ROOT = Path(__file__).resolve().parents[3]
D = dt.date(2026, 6, 30)


def _with_young_and_closed(extract):
    case_examples.all_examples(extract)
    # opened 1 Apr (D - 90): not yet judged; one note 20 days ago
    extract.case("young", "2026-04-01", disposal="prevention", case_manager_id="cm2")
    extract.note("young", "2026-06-10")
    # closed before the period (which starts 2 Apr): not listed
    extract.case("gone", "2025-06-01", end_date="2026-03-31", disposal="prevention")
    return extract


def test_case_table_lists_every_case_open_on_d_or_closed_in_the_period(open_db, extract, policy):
    con = open_db(_with_young_and_closed(extract))
    table = case_table(con, indicators.period(D), policy)
    assert tuple(table.columns[: len(SPEC_COLUMNS)]) == SPEC_COLUMNS
    assert set(CHECK_COLUMNS) <= set(table.columns)
    # insufficient first, then sufficient, then not yet
    assert table.select("case_id", "judgement").rows() == [
        ("ex3", "insufficient"), ("ex4", "insufficient"),
        ("ex1", "sufficient"), ("ex2", "sufficient"),
        ("young", "not_yet"),
    ]  # fmt: skip
    young = table.row(4, named=True)
    assert young["reasons"] is None
    assert young["days_since_management_entry"] == 20
    assert (young["rosh"], young["swb"], young["risk_group"]) == ("unrated", "unrated", "unrated")
    assert young["case_manager_id"] == "cm2" and young["child_id"] == "child-young"
    ex4 = table.row(1, named=True)
    # ratings on D: the review of 8 Apr (rosh high, swb medium)
    assert (ex4["rosh"], ex4["swb"], ex4["risk_group"], ex4["team"]) == ("high", "medium", "raised", "Court")
    assert ex4["days_since_management_entry"] == 1


def test_case_table_follows_the_global_filters(open_db, extract, policy):
    con = open_db(_with_young_and_closed(extract))
    table = case_table(con, indicators.period(D), policy, filters=Filters(case_manager="cm2"))
    assert table["case_id"].to_list() == ["young"]


def test_checks_on_a_table_not_loaded_say_so(open_db, extract, policy):
    # no events, actions (or panels) table at all: those checks are not loaded, not passed
    extract.case("c", "2026-01-05", disposal="yro")
    extract.assessment("c", "2026-01-05", "2026-01-20", "2026-01-22", rosh="low", swb="low")
    con = open_db(extract)
    row = case_table(con, indicators.period(D), policy).row(0, named=True)
    assert (row["events"], row["actions"]) == ("not_loaded", "not_loaded")
    assert row["first_assessment"] == "pass"


def test_cases_command_prints_the_spec_columns_only(tmp_path, extract):
    case_examples.all_examples(extract)
    db = extract.build(tmp_path / "cases.duckdb")
    done = subprocess.run(
        [sys.executable, "-m", "oversight", "cases", "--db", str(db), "--as-of", "2026-06-30"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert tuple(rows[0]) == SPEC_COLUMNS
    by_case = {r["case_id"]: r for r in rows}
    assert by_case["ex1"]["reasons"] == ""
    assert by_case["ex4"]["reasons"].startswith("COUNTERSIGN_LATE 2026-04-08..2026-04-28")
    assert by_case["ex3"]["judgement"] == "insufficient"


@pytest.mark.parametrize(
    ("share", "expected"),
    [
        (1.0, "outstanding"),
        (0.80, "outstanding"),  # "80 % or more"
        (0.7999, "good"),
        (0.65, "good"),
        (0.6499, "requires_improvement"),
        (0.50, "requires_improvement"),
        (0.4999, "inadequate"),
        (0.0, "inadequate"),
        (None, None),  # no case judged: no band
    ],
)
def test_band_boundaries(policy, share, expected):
    assert band(share, policy) == expected


def test_band_follows_the_policy(policy):
    outstanding = dataclasses.replace(policy.settings["band_outstanding"], value=0.9)
    stricter = dataclasses.replace(policy, settings={**policy.settings, "band_outstanding": outstanding})
    assert band(0.85, stricter) == "good"


def test_audit_agreement(open_db, extract, policy):
    ids = case_examples.all_examples(extract)
    extract.staff("qa1", role="operational_manager", line_manager_id="hos1")
    extract.audit(ids["one"], "2026-06-01", "sufficient", grade="good")
    # each audit is set beside JG1 on its own date: ex2 (started 12 January) was too young to judge
    # on 10 March, so that audit is left out and counted apart; June's is compared
    extract.audit(ids["two"], "2026-03-10", "insufficient", grade="requires_improvement")
    extract.audit(ids["two"], "2026-06-20", "sufficient", grade="good")
    extract.audit(ids["two"], "2026-07-05", "insufficient")  # after D: not yet
    extract.audit(ids["three"], "2026-05-01", "insufficient", grade="inadequate")
    extract.audit(ids["four"], "2026-06-10", "sufficient", grade="good")  # the auditor disagrees
    extract.audit(ids["four"], "2026-06-25", None, grade="good")  # no oversight judgement: ignored
    con = open_db(extract)
    result = audit_agreement(con, indicators.period(D), policy)
    assert (result.compared, result.agreed, result.share, result.not_yet) == (4, 3, 0.75, 1)
    assert result.disagreements.select("case_id", "judgement", "audit_judgement", "audit_date").rows() == [
        ("ex4", "insufficient", "sufficient", dt.date(2026, 6, 10)),
    ]
    assert result.counts.rows() == [
        ("insufficient", "insufficient", 1),
        ("insufficient", "sufficient", 1),
        ("sufficient", "sufficient", 2),
    ]
    # observed 3/4; chance: JG1 says sufficient for 1/2, auditors 3/4 -> 1/2*3/4 + 1/2*1/4 = 1/2;
    # kappa = (0.75 - 0.5) / (1 - 0.5)
    assert result.kappa == pytest.approx(0.5)


def test_audit_agreement_needs_audits(open_db, extract, policy):
    case_examples.example_one(extract)
    con = open_db(extract)
    assert audit_agreement(con, indicators.period(D), policy) is None


def test_jg1_is_in_the_catalogue_and_needs_assessments(open_db, extract, policy):
    jg1 = indicators.catalogue()["JG1"]
    assert (jg1.level, jg1.direction, jg1.requires) == ("case", "higher", ("assessments",))
    extract.case("c", "2026-01-05", disposal="prevention")
    con = open_db(extract)  # no assessments table supplied
    row = indicators.indicator_table(con, indicators.period(D), policy, ids=["JG1"]).row(0, named=True)
    assert row == {"indicator": "JG1", "group": None, "numerator": None, "denominator": None, "value": None,
                   "status": "not_available"}  # fmt: skip
