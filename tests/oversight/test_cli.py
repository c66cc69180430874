"""The `indicators` command's output, as scripts and scheduled jobs read it."""

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, policy: Path | None = None) -> subprocess.CompletedProcess:
    # the defaults unless a test names a policy file, whatever local policy the developer has
    env = {**os.environ, "OVERSIGHT_POLICY": str(policy or "/nonexistent/policy.toml")}
    return subprocess.run(
        [sys.executable, "-m", "oversight", *args], cwd=ROOT, capture_output=True, text=True, check=False, env=env
    )


def _db(tmp_path, extract) -> Path:
    extract.case("c1", "2026-01-01").note("c1", "2026-03-20")
    extract.case("c2", "2026-01-01", case_manager_id="cm2", team="Out of Court")
    return extract.build(tmp_path / "cli.duckdb")


def test_indicators_csv_has_the_fixed_columns_and_the_overall_row_first(tmp_path, extract):
    db = _db(tmp_path, extract)
    done = _run("indicators", "--db", str(db), "--as-of", "2026-03-31", "--by", "team")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert list(rows[0]) == ["indicator", "group", "numerator", "denominator", "value", "status"]
    fp1 = [r for r in rows if r["indicator"] == "FP1"]
    assert fp1 == [
        {"indicator": "FP1", "group": "", "numerator": "1", "denominator": "2", "value": "0.5", "status": "ok"},
        {"indicator": "FP1", "group": "Court", "numerator": "1", "denominator": "1", "value": "1.0", "status": "ok"},
        {"indicator": "FP1", "group": "Out of Court", "numerator": "0", "denominator": "1", "value": "0.0",
         "status": "ok"},
    ]  # fmt: skip
    # one row per indicator at least, and an indicator whose table is not loaded is empty
    ids = {r["indicator"] for r in rows}
    from queries.indicators import catalogue

    assert ids == set(catalogue())
    for row in rows:
        if row["indicator"] != "FP1" and row["denominator"] == "":
            assert row["numerator"] == "" and row["value"] == "" and row["group"] == ""


def test_indicators_json_and_a_zero_denominator_gives_an_empty_value(tmp_path, extract):
    db = _db(tmp_path, extract)
    done = _run("indicators", "--db", str(db), "--as-of", "2026-01-10", "--format", "json")
    assert done.returncode == 0, done.stderr
    fp1 = next(r for r in json.loads(done.stdout) if r["indicator"] == "FP1")
    # both cases started on 1 January: none is 28 days old on 10 January
    assert fp1 == {"indicator": "FP1", "group": None, "numerator": 0, "denominator": 0, "value": None, "status": "ok"}


def test_a_bad_date_is_refused_with_a_clear_message(tmp_path, extract):
    db = _db(tmp_path, extract)
    done = _run("indicators", "--db", str(db), "--as-of", "31/03/2026")
    assert done.returncode == 2
    assert "YYYY-MM-DD" in done.stderr


def test_a_missing_database_is_named_with_what_to_do(tmp_path):
    missing = tmp_path / "none.duckdb"
    for command in ("indicators", "cases"):
        done = _run(command, "--db", str(missing))
        assert done.returncode == 1
        assert f"no database at {missing}" in done.stderr and "oversight load" in done.stderr
        assert "Traceback" not in done.stderr


HYPERLINK = '=HYPERLINK("http://x","y")'
CALC = "=cmd|'/c calc'!A1"


def _hostile_db(tmp_path, extract) -> Path:
    """Names a spreadsheet would run: a team, case ids and a team that are formulas."""
    extract.case(CALC, "2026-01-01", team=HYPERLINK).note(CALC, "2026-03-20")
    extract.case("-2+3", "2026-01-01", case_manager_id="cm2", team="-2+3")
    extract.case("@SUM(A1)", "2026-01-01", team="+44 team")
    # an assessment, so that JG1 can judge the cases and `cases` lists them
    extract.assessment("-2+3", "2026-01-05", "2026-01-10", "2026-01-12")
    return extract.build(tmp_path / "hostile.duckdb")


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _unsafe(cells: list[str]) -> list[str]:
    return [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_indicators_by_team_escapes_a_team_named_as_a_formula(tmp_path, extract):
    db = _hostile_db(tmp_path, extract)
    done = _run("indicators", "--db", str(db), "--as-of", "2026-03-31", "--by", "team")
    assert done.returncode == 0, done.stderr
    cells = _cells(done.stdout)
    assert _unsafe(cells) == []
    assert {"'" + HYPERLINK, "'-2+3", "'+44 team"} <= set(cells)
    done = _run("indicators", "--db", str(db), "--as-of", "2026-03-31", "--by", "team", "--format", "json")
    groups = {r["group"] for r in json.loads(done.stdout)}
    assert {"'" + HYPERLINK, "'-2+3", "'+44 team"} <= groups


def test_cases_escapes_case_ids_and_teams_that_are_formulas(tmp_path, extract):
    db = _hostile_db(tmp_path, extract)
    done = _run("cases", "--db", str(db), "--as-of", "2026-03-31")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert {(r["case_id"], r["team"]) for r in rows} == {
        ("'" + CALC, "'" + HYPERLINK),
        ("'-2+3", "'-2+3"),
        ("'@SUM(A1)", "'+44 team"),
    }
    assert _unsafe(_cells(done.stdout)) == []
    done = _run("cases", "--db", str(db), "--as-of", "2026-03-31", "--format", "json")
    assert {r["case_id"] for r in json.loads(done.stdout)} == {"'" + CALC, "'-2+3", "'@SUM(A1)"}


def _suppressing(tmp_path) -> Path:
    path = tmp_path / "policy.toml"
    path.write_text("[settings.suppress_small_numbers]\nvalue = true\n")
    return path


def _small_db(tmp_path, extract) -> Path:
    """FP1 at 2026-03-31: Court has 3 cases open 28 days, 2 with an entry (2 of 3); Out of Court
    has 7 cases, none with an entry (0 of 7). Overall 2 of 10."""
    for n in range(3):
        extract.case(f"c{n}", "2026-01-01")
    extract.note("c0", "2026-03-20").note("c1", "2026-03-21")
    for n in range(7):
        extract.case(f"o{n}", "2026-01-01", case_manager_id="cm2", team="Out of Court")
    return extract.build(tmp_path / "small.duckdb")


def test_indicators_with_suppression_on_show_no_count_from_1_to_5(tmp_path, extract):
    from oversight.policy import load_policy

    top = load_policy(_suppressing(tmp_path)).values["suppression_max"]
    assert top == 5
    db = _small_db(tmp_path, extract)
    args = ("indicators", "--db", str(db), "--as-of", "2026-03-31", "--by", "team")
    plain = {(r["indicator"], r["group"]): r for r in csv.DictReader(io.StringIO(_run(*args).stdout))}
    assert plain["FP1", "Court"]["numerator"] == "2"  # the fixture does hold small counts
    done = _run(*args, policy=_suppressing(tmp_path))
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    fp1 = {r["group"]: r for r in rows if r["indicator"] == "FP1"}
    # 2 of 10 overall: the 2 and its rate hidden; 2 of 3: all hidden; 0 of 7: zero discloses no one
    assert fp1[""] == {
        "indicator": "FP1",
        "group": "",
        "numerator": "c",
        "denominator": "10",
        "value": "c",
        "status": "ok",
    }
    assert fp1["Court"] == {"indicator": "FP1", "group": "Court", "numerator": "c", "denominator": "c", "value": "c",
                            "status": "ok"}  # fmt: skip
    assert fp1["Out of Court"]["numerator"] == "0" and fp1["Out of Court"]["denominator"] == "7"
    for row in rows:
        for column in ("numerator", "denominator"):
            assert row[column] in ("", "c") or not 1 <= int(row[column]) <= top, row
        if "c" in (row["numerator"], row["denominator"]):
            assert row["value"] == "c", row
    done = _run(*args, "--format", "json", policy=_suppressing(tmp_path))
    for row in json.loads(done.stdout):
        for column in ("numerator", "denominator"):
            assert row[column] in (None, "c") or not 1 <= int(row[column]) <= top, row


def test_cases_with_suppression_on_writes_no_list_and_says_why(tmp_path, extract):
    db = _small_db(tmp_path, extract)
    done = _run("cases", "--db", str(db), "--as-of", "2026-03-31", policy=_suppressing(tmp_path))
    assert done.returncode == 1
    assert done.stdout == ""
    assert "suppression is on" in done.stderr and "Traceback" not in done.stderr


def test_a_refused_load_from_the_command_line_is_in_the_access_log_as_the_os_user(tmp_path, extract):
    from oversight import access_log
    from oversight.identity import single_user

    db = _db(tmp_path, extract)
    empty = tmp_path / "empty_extract"
    empty.mkdir()
    done = _run("load", str(empty), "--db", str(db))
    assert done.returncode == 1
    log = access_log.read(db)
    assert log.select("who", "event", "reason").rows() == [(single_user().who, "load", "refused")]


def test_a_switched_off_indicator_keeps_its_row_with_empty_figures(tmp_path, extract):
    db = _db(tmp_path, extract)
    policy = tmp_path / "policy.toml"
    policy.write_text('[settings.switched_off_indicators]\nvalue = ["FP1"]\n')
    done = _run("indicators", "--db", str(db), "--as-of", "2026-03-31", "--by", "team", policy=policy)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert list(rows[0]) == ["indicator", "group", "numerator", "denominator", "value", "status"]
    # one row, no groups, no figures: FP1 would be 1 of 2 (see the first test)
    assert [r for r in rows if r["indicator"] == "FP1"] == [
        {"indicator": "FP1", "group": "", "numerator": "", "denominator": "", "value": "", "status": "switched_off"}
    ]
    # no assessments loaded: JG1 is not_available, not switched off; FP2 is computed
    status = {r["indicator"]: r["status"] for r in rows if r["group"] == ""}
    assert (status["JG1"], status["FP2"]) == ("not_available", "ok")
    from queries.indicators import catalogue

    assert {r["indicator"] for r in rows} == set(catalogue())


def test_switching_jg1_off_judges_no_case(tmp_path, extract):
    db = _db(tmp_path, extract)
    policy = tmp_path / "policy.toml"
    policy.write_text('[settings.switched_off_indicators]\nvalue = ["JG1"]\n')
    done = _run("cases", "--db", str(db), "--as-of", "2026-03-31", policy=policy)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[1:] == []  # the header, no case
    assert "switched off by local policy" in done.stderr


def test_a_policy_naming_an_unknown_indicator_is_refused_without_a_traceback(tmp_path, extract):
    db = _db(tmp_path, extract)
    policy = tmp_path / "policy.toml"
    policy.write_text('[settings.switched_off_indicators]\nvalue = ["FP9"]\n')
    done = _run("indicators", "--db", str(db), policy=policy)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("error: ") and "'FP9'" in done.stderr and done.stdout == ""
