"""Loading an extract end to end: real CSV and Excel files, real DuckDB files, the real CLI."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import hashlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import polars as pl
import pytest

from oversight.db import Database
from oversight.load import PAUSE_ENV, load_extract, load_log_path, read_load_log
from oversight.schema import TABLES

ROOT = Path(__file__).resolve().parents[2]

# A small extract holding every table, in canonical spelling, every date on or before the day
# the tests run (November 2026) and every heading a management one: it loads with no warnings.
GOOD: dict[str, list[dict[str, str]]] = {
    "staff": [
        dict(staff_id="hos1", name="Head One", role="head_of_service", team="Management",
             email="hos1@example.org", line_manager_id="", start_date="2019-04-01", end_date="",
             fte="1.0", agency="false"),
        dict(staff_id="tm1", name="Team Manager", role="team_manager", team="Court",
             email="tm1@example.org", line_manager_id="hos1", start_date="2020-01-06", end_date="",
             fte="", agency=""),
        dict(staff_id="cm1", name="Case Manager", role="case_manager", team="Court",
             email="cm1@example.org", line_manager_id="tm1", start_date="2021-05-04", end_date="2026-10-30",
             fte="0.6", agency="false"),
        dict(staff_id="cm2", name="Case Manager Two", role="case_manager", team="Court",
             email="", line_manager_id="tm1", start_date="", end_date="", fte="0.2", agency="true"),
    ],
    "children": [
        dict(child_id="007", date_of_birth="2010-06-01", sex="M", ethnicity="White British", looked_after="true"),
        dict(child_id="0042", date_of_birth="2011-02-03", sex="F", ethnicity="Mixed", looked_after="false"),
    ],
    "cases": [
        dict(case_id="c1", child_id="007", team="Court", case_manager_id="cm1", disposal="yro",
             start_date="2026-01-05", allocated_date="2026-01-07", end_date=""),
        dict(case_id="c2", child_id="0042", team="Court", case_manager_id="cm2", disposal="referral_order",
             start_date="2026-02-02", allocated_date="", end_date="2026-09-30"),
    ],
    "case_notes": [
        dict(note_id="n1", case_id="c1", note_type="Management Oversight", author_id="tm1",
             event_date="2026-03-02 14:30", recorded_at="2026-03-02 16:05", significant="true",
             text="Risk reviewed, plan agreed."),
        dict(note_id="n2", case_id="c2", note_type="Management Decision - Bail", author_id="tm1",
             event_date="2026-03-04", recorded_at="2026-03-05 09:00", significant="", text=""),
    ],
    "assessments": [
        dict(assessment_id="a1", case_id="c1", stage="initial", started_date="2026-01-10",
             completed_date="2026-02-01", countersigned_date="2026-02-03", countersigned_by="tm1", rosh="medium",
             swb="high", lor="low", returned_count="1", yet_to_clarify="0"),
    ],
    "events": [
        dict(event_id="e1", case_id="c1", event_type="arrest", occurred_at="2026-03-01 22:15",
             notified_at="2026-03-02 08:00"),
        dict(event_id="e2", case_id="c2", event_type="missing_episode", occurred_at="2026-04-01", notified_at=""),
    ],
    "actions": [
        dict(action_id="act1", case_id="c1", note_id="n1", owner_id="cm1", set_date="2026-03-02",
             due_date="2026-03-16", completed_date="2026-03-10", confirmed_date="2026-03-12"),
    ],
    "supervisions": [
        dict(session_id="s1", supervisee_id="cm1", supervisor_id="tm1", session_date="2026-03-03", kind="formal_1to1"),
        dict(session_id="s2", supervisee_id="cm2", supervisor_id="tm1", session_date="2026-03-05", kind=""),
    ],
    "panels": [
        dict(meeting_id="p1", case_id="c1", panel="mace", meeting_date="2026-03-06", recorded_date="2026-03-09",
             chair_id="tm1"),
    ],
    "audits": [
        dict(audit_id="au1", case_id="c1", auditor_id="tm1", audit_date="2026-04-01", grade="good",
             oversight_judgement="sufficient"),
    ],
    "absences": [
        dict(absence_id="ab1", staff_id="cm1", from_date="2026-05-18", to_date="2026-05-29", reason="annual_leave"),
        dict(absence_id="ab2", staff_id="cm2", from_date="2026-09-01", to_date="", reason=""),
    ],
    "victims": [
        dict(victim_id="v1", case_id="c1", identified_date="2026-01-10", consent_to_contact="true",
             contacted_date="2026-01-14", rj_offered_date="2026-02-02", rj_took_part="false"),
        dict(victim_id="v2", case_id="c2", identified_date="2026-02-10", consent_to_contact="",
             contacted_date="", rj_offered_date="", rj_took_part=""),
    ],
    "allocations": [
        dict(case_id="c1", staff_id="cm2", from_date="2026-01-05", to_date="2026-01-06"),
        dict(case_id="c1", staff_id="cm1", from_date="2026-01-07", to_date=""),
    ],
}  # fmt: skip


def good() -> dict[str, list[dict[str, str]]]:
    """A fresh copy of the good extract, to spoil one cell of in a test."""
    return copy.deepcopy(GOOD)


def write_extract(folder: Path, tables: dict[str, list[dict[str, str]]], encoding: str = "utf-8") -> Path:
    """One CSV per table, written by the csv module (RFC 4180 quoting)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        columns = list(rows[0]) if rows else list(TABLES[name].column_names)
        with open(folder / f"{name}.csv", "w", newline="", encoding=encoding) as f:
            writer = csv.DictWriter(f, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
    return folder


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_table(db: Path, table: str) -> list[dict]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.sql(f"select * from {table}").pl().to_dicts()
    finally:
        con.close()


def _as_text(table: str, row: dict) -> dict[str, str]:
    """A stored row written back the way the extract writes it."""
    out = {}
    for column in TABLES[table].columns:
        value = row[column.name]
        if value is None:
            out[column.name] = ""
        elif column.type == "datetime":
            out[column.name] = value.strftime("%Y-%m-%d %H:%M" if row[f"{column.name}_has_time"] else "%Y-%m-%d")
        elif column.type == "bool":
            out[column.name] = "true" if value else "false"
        else:
            out[column.name] = str(value)
    return out


def test_every_table_round_trips(tmp_path):
    db = tmp_path / "o.duckdb"
    report = load_extract(write_extract(tmp_path / "x", good()), db=db)
    assert report.ok and report.outcome == "loaded", report.render()
    assert report.warnings == []
    expected = good()
    # the contract's defaults fill the empty cells
    expected["cases"][1]["allocated_date"] = "2026-02-02"  # = start_date
    expected["events"][1]["notified_at"] = "2026-04-01"  # = occurred_at, still with no time
    expected["supervisions"][1]["kind"] = "formal_1to1"
    for table, rows in expected.items():
        back = [_as_text(table, r) for r in read_table(db, table)]
        assert back == rows, table
        assert report.row_counts[table] == len(rows)
    notes = read_table(db, "case_notes")
    assert [n["category"] for n in notes] == ["oversight", "decision"]
    assert [n["event_date_has_time"] for n in notes] == [True, False]
    events = read_table(db, "events")
    assert events[1]["notified_at_has_time"] is False  # copied from occurred_at, which had no time
    meta = dict((k, json.loads(v)) for k, v in duckdb.connect(str(db), read_only=True).sql(
        "select key, value from load_meta").fetchall())  # fmt: skip
    assert meta["row_counts"]["case_notes"] == 2 and meta["synthetic"] is False
    assert meta["load_date"] == dt.date.today().isoformat() and meta["warnings"] == 0
    assert meta["tables_present"] == sorted(TABLES)
    assert meta["loaded_by"] and meta["source"].endswith("x")


def test_missing_optional_tables_are_absent_not_empty(tmp_path):
    tables = {k: v for k, v in good().items() if TABLES[k].required}
    db = tmp_path / "o.duckdb"
    report = load_extract(write_extract(tmp_path / "x", tables), db=db, synthetic=True)
    assert report.ok, report.render()
    con = duckdb.connect(str(db), read_only=True)
    meta = dict(con.sql("select key, value from load_meta").fetchall())
    assert json.loads(meta["tables_present"]) == ["case_notes", "cases", "children", "staff"]
    assert json.loads(meta["synthetic"]) is True


def test_multi_line_text_is_one_row_and_later_rows_keep_their_number(tmp_path):
    tables = good()
    tables["case_notes"][0]["text"] = 'First line, with a comma\nsecond "quoted" line\n\nfourth line'
    tables["case_notes"][1]["event_date"] = "2026-13-04"  # on spreadsheet row 3, file line 6
    folder = write_extract(tmp_path / "x", tables)
    assert (folder / "case_notes.csv").read_text().count("\n") == 6
    report = load_extract(folder, db=tmp_path / "o.duckdb")
    [problem] = report.errors
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "case_notes.csv",
        3,
        "event_date",
        "2026-13-04",
    )
    tables["case_notes"][1]["event_date"] = "2026-03-04"
    report = load_extract(write_extract(tmp_path / "y", tables), db=tmp_path / "o.duckdb")
    assert report.ok
    assert read_table(tmp_path / "o.duckdb", "case_notes")[0]["text"] == tables["case_notes"][0]["text"]


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8 (with BOM)"), ("cp1252", "windows-1252")],
)
def test_encodings_are_detected_and_reported(tmp_path, encoding, expected):
    tables = good()
    text = "\u201cSafety plan\u201d agreed \u2013 bus pass \u20ac5, caf\u00e9"  # curly quotes, en dash, euro
    tables["case_notes"][0]["text"] = text
    db = tmp_path / "o.duckdb"
    report = load_extract(write_extract(tmp_path / "x", tables, encoding=encoding), db=db)
    assert report.ok, report.render()
    assert report.encodings["case_notes.csv"] == expected
    assert report.files["case_notes"] == "case_notes.csv"
    # plain ASCII is valid UTF-8 whatever wrote it
    assert report.encodings["staff.csv"] == ("utf-8" if encoding == "cp1252" else expected)
    assert read_table(db, "case_notes")[0]["text"] == text
    # with a BOM the first heading is still staff_id, not "\ufeffstaff_id"
    assert read_table(db, "staff")[0]["staff_id"] == "hos1"


def test_cp1252_bytes_are_not_read_as_latin1(tmp_path):
    folder = write_extract(tmp_path / "x", good())
    raw = (folder / "case_notes.csv").read_bytes().replace(b"Risk reviewed", b"\x93Risk\x94 \x80 reviewed")
    (folder / "case_notes.csv").write_bytes(raw)
    db = tmp_path / "o.duckdb"
    assert load_extract(folder, db=db).ok
    # latin-1 would give the C1 controls \x93 \x94 \x80; Windows-1252 gives quotes and the euro
    assert read_table(db, "case_notes")[0]["text"] == "\u201cRisk\u201d \u20ac reviewed, plan agreed."


def test_a_refused_load_leaves_the_previous_data_identical(tmp_path):
    db = tmp_path / "o.duckdb"
    assert load_extract(write_extract(tmp_path / "good", good()), db=db).ok
    before = sha(db)
    app = Database(db)
    first = app.connection().cursor().sql("select count(*) from case_notes").fetchall()
    bad = good()
    bad["cases"][0]["disposal"] = "life sentence"
    report = load_extract(write_extract(tmp_path / "bad", bad), db=db)
    assert not report.ok and report.outcome == "refused"
    assert "Nothing was loaded" in report.render()
    assert sha(db) == before
    assert app.connection().cursor().sql("select count(*) from case_notes").fetchall() == first == [(2,)]
    assert list(tmp_path.glob("o.duckdb.new-*")) == []
    app.close()


def test_the_app_sees_a_new_load_without_restarting(tmp_path):
    db = tmp_path / "o.duckdb"
    assert load_extract(write_extract(tmp_path / "one", good()), db=db).ok
    app = Database(db)
    assert app.connection().cursor().sql("select count(*) from case_notes").fetchall() == [(2,)]
    more = good()
    more["case_notes"].append(dict(more["case_notes"][1], note_id="n3"))
    assert load_extract(write_extract(tmp_path / "two", more), db=db).ok
    assert app.connection().cursor().sql("select count(*) from case_notes").fetchall() == [(3,)]
    app.close()


def test_an_interrupted_load_leaves_the_previous_data_readable_and_identical(tmp_path):
    db = tmp_path / "o.duckdb"
    assert load_extract(write_extract(tmp_path / "one", good()), db=db).ok
    before = sha(db)
    more = good()
    more["case_notes"].append(dict(more["case_notes"][1], note_id="n3"))
    folder = write_extract(tmp_path / "two", more)
    proc = subprocess.Popen(
        [sys.executable, "-m", "oversight", "load", str(folder), "--db", str(db)],
        cwd=ROOT,
        env={**os.environ, PAUSE_ENV: "60"},
        stderr=subprocess.PIPE,
        text=True,
    )
    # the hook says when the new file is complete and the swap is next: kill it there
    line = proc.stderr.readline()
    assert "pausing" in line, line
    assert list(tmp_path.glob("o.duckdb.new-*"))
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    assert sha(db) == before
    assert len(read_table(db, "case_notes")) == 2
    # the next load clears what the killed one left and goes through
    assert load_extract(folder, db=db).ok
    assert len(read_table(db, "case_notes")) == 3
    assert list(tmp_path.glob("o.duckdb.new-*")) == []
    # the killed attempt is in the log too, between the two loads
    assert read_load_log(db).get_column("outcome").to_list() == ["loaded", "interrupted", "loaded"]


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "oversight", *args], cwd=ROOT, capture_output=True, text=True)


def test_cli_exit_codes(tmp_path):
    db = tmp_path / "o.duckdb"
    done = _cli("load", str(write_extract(tmp_path / "good", good())), "--db", str(db))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Loaded" in done.stdout and "case_notes 2" in done.stdout
    bad = good()
    bad["cases"][1]["start_date"] = "02/02/2026"
    bad["case_notes"][0]["author_id"] = "nobody"
    done = _cli("load", str(write_extract(tmp_path / "bad", bad)), "--db", str(db))
    assert done.returncode == 1
    # every problem at once, each located
    assert "cases.csv, row 3, column start_date: '02/02/2026': a date written YYYY-MM-DD" in done.stdout
    assert "case_notes.csv, row 2, column author_id: 'nobody'" in done.stdout
    done = _cli("load", str(tmp_path / "nowhere"), "--db", str(db))
    assert done.returncode == 1 and "no such file or folder" in done.stdout


def test_every_attempt_is_logged_beside_the_database(tmp_path):
    db = tmp_path / "o.duckdb"
    assert read_load_log(db).height == 0
    load_extract(write_extract(tmp_path / "good", good()), db=db)
    bad = good()
    bad["staff"][0]["role"] = "wizard"
    load_extract(write_extract(tmp_path / "bad", bad), db=db)
    log = read_load_log(db)
    assert load_log_path(db) == tmp_path / "o.load-log.jsonl"
    assert log.get_column("outcome").to_list() == ["refused", "loaded"]  # newest first
    refused = log.row(0, named=True)
    assert refused["errors"] == 1 and "'wizard'" in refused["problems"]
    assert refused["who"] and refused["source"].endswith("bad")
    assert json.loads(log.row(1, named=True)["row_counts"])["case_notes"] == 2
    assert log.row(1, named=True)["rows"] == sum(len(v) for v in GOOD.values())


def test_load_history_reads_as_a_table_with_the_rows_of_each_table_as_columns(tmp_path):
    from oversight.load import HISTORY_COLUMNS, WHO_LABEL, history_table

    db = tmp_path / "o.duckdb"
    load_extract(write_extract(tmp_path / "good", good()), db=db)
    bad = good()
    bad["staff"][0]["role"] = "wizard"
    load_extract(write_extract(tmp_path / "bad", bad), db=db)
    table = history_table(read_load_log(db))
    # the totals first, then one column per table in the data contract's order; no JSON
    tables = [t for t in TABLES if t in GOOD]
    assert table.columns == [*HISTORY_COLUMNS, *tables]
    assert "row_counts" not in table.columns and "who" not in table.columns
    loaded = table.row(1, named=True)
    assert {t: loaded[t] for t in tables} == {t: len(GOOD[t]) for t in tables}
    assert loaded["rows in all"] == sum(len(v) for v in GOOD.values())
    assert loaded["extract"] == "good" and loaded[WHO_LABEL]  # the extract's name, not its path
    refused = table.row(0, named=True)
    # a refused load says how many rows it read of each table, though none were loaded
    assert refused["outcome"] == "refused" and refused["staff"] == len(GOOD["staff"])
    assert table.schema[tables[0]] == pl.Int64


def test_progress_is_reported_up_to_done(tmp_path):
    seen: list[tuple[str, float]] = []
    load_extract(
        write_extract(tmp_path / "x", good()), db=tmp_path / "o.duckdb", progress=lambda m, f: seen.append((m, f))
    )
    fractions = [f for _, f in seen]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0


def _workbook(path: Path, tables: dict[str, list[dict[str, str]]], typed: bool = True) -> Path:
    """An .xlsx with one sheet per table; dates as real Excel dates shown DD/MM/YYYY."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    shown = wb.add_format({"num_format": "dd/mm/yyyy"})
    shown_time = wb.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    for name, rows in tables.items():
        ws = wb.add_worksheet(name)
        columns = list(rows[0])
        ws.write_row(0, 0, columns)
        kinds = {c.name: c.type for c in TABLES[name].columns}
        for r, row in enumerate(rows, start=1):
            for c, column in enumerate(columns):
                value = row[column]
                if value == "":
                    continue
                if typed and kinds.get(column) in ("date", "datetime"):
                    stamp = dt.datetime.fromisoformat(value)
                    ws.write_datetime(r, c, stamp, shown_time if len(value) > 10 else shown)
                elif kinds.get(column) == "int":
                    ws.write_number(r, c, int(value))
                else:
                    ws.write_string(r, c, value)
    wb.close()
    return path


def test_excel_typed_dates_and_text_ids_round_trip(tmp_path):
    db = tmp_path / "o.duckdb"
    report = load_extract(_workbook(tmp_path / "x.xlsx", good()), db=db)
    assert report.ok, report.render()
    assert report.encodings["x.xlsx [cases]"] == "xlsx"
    assert [r["child_id"] for r in read_table(db, "children")] == ["007", "0042"]  # leading zeros kept
    assert [_as_text("case_notes", r)["event_date"] for r in read_table(db, "case_notes")] == [
        "2026-03-02 14:30",
        "2026-03-04",  # an Excel date with no time reads as a day with no time
    ]
    assert read_table(db, "assessments")[0]["returned_count"] == 1  # a number cell, read as 1 not 1.0
    assert [_as_text("cases", r) for r in read_table(db, "cases")][0]["start_date"] == "2026-01-05"


def test_excel_row_numbers_count_blank_rows_and_text_dates_are_not_guessed(tmp_path):
    tables = good()
    tables["cases"].insert(1, {k: "" for k in tables["cases"][0]})  # a blank row 3 in the sheet
    tables["cases"][2]["start_date"] = "2026-02-30"  # now on row 4
    path = _workbook(tmp_path / "x.xlsx", tables, typed=False)  # dates typed in as text
    report = load_extract(path, db=tmp_path / "o.duckdb")
    [problem] = report.errors
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "x.xlsx [cases]",
        4,
        "start_date",
        "2026-02-30",
    )
    assert report.row_counts["cases"] == 2  # the blank row is not a record


def test_a_workbook_missing_a_required_sheet(tmp_path):
    tables = good()
    del tables["staff"]
    report = load_extract(_workbook(tmp_path / "x.xlsx", tables), db=tmp_path / "o.duckdb")
    assert [(p.kind, p.file) for p in report.errors] == [("missing_table", "x.xlsx")]
    assert "a sheet named staff" in report.errors[0].expected


def test_report_frames_have_the_stored_types(tmp_path):
    from oversight.validate import validate_extract

    frames, report = validate_extract(write_extract(tmp_path / "x", good()))
    assert report.ok and frames is not None
    assert frames["case_notes"].schema["event_date"] == pl.Datetime("us")
    assert frames["assessments"].schema["returned_count"] == pl.Int32
    assert frames["children"].schema["looked_after"] == pl.Boolean


def test_a_demo_extract_loaded_from_the_command_line_is_labelled_synthetic(tmp_path):
    from oversight.db import Database
    from oversight.schema import SYNTHETIC_MARKER
    from oversight.synth import generate
    from queries.explorer import load_meta

    generate("yot", 0, out=tmp_path / "demo")
    assert (tmp_path / "demo" / SYNTHETIC_MARKER).exists()
    assert load_extract(tmp_path / "demo", db=tmp_path / "demo.duckdb").ok
    real = tmp_path / "real"
    real.mkdir()
    for table_file in (tmp_path / "demo").glob("*.csv"):
        (real / table_file.name).write_bytes(table_file.read_bytes())
    assert load_extract(real, db=tmp_path / "real.duckdb").ok
    for name, expected in (("demo.duckdb", True), ("real.duckdb", False)):
        db = Database(tmp_path / name)
        assert load_meta(db.connection())["synthetic"] is expected
        db.close()
