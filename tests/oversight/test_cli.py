"""The `indicators` command's output, as scripts and scheduled jobs read it."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "oversight", *args], cwd=ROOT, capture_output=True, text=True, check=False
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
    assert list(rows[0]) == ["indicator", "group", "numerator", "denominator", "value"]
    fp1 = [r for r in rows if r["indicator"] == "FP1"]
    assert fp1 == [
        {"indicator": "FP1", "group": "", "numerator": "1", "denominator": "2", "value": "0.5"},
        {"indicator": "FP1", "group": "Court", "numerator": "1", "denominator": "1", "value": "1.0"},
        {"indicator": "FP1", "group": "Out of Court", "numerator": "0", "denominator": "1", "value": "0.0"},
    ]
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
    assert fp1 == {"indicator": "FP1", "group": None, "numerator": 0, "denominator": 0, "value": None}


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
