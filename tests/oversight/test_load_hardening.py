"""The loader on hostile or careless input: odd files, swapped headers, bad profiles, kills.

Each test reproduces one way an extract once crashed the load, leaked free text or lost a
record, and checks the loader now refuses (or warns) with the file, row and column named.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from oversight.load import (
    PAUSE_ENV,
    PAUSE_VALIDATE_ENV,
    load_extract,
    load_log_path,
    read_load_log,
)
from oversight.schema import TABLES
from oversight.validate import CONTACT_LIMIT, validate_extract
from tests.oversight.test_load import ROOT, good, sha, write_extract

# Notes' words: none may appear in a message or the load log, whatever column they end up under.
TEXTS = [
    "Spoke with the young person at home about the plan; mother present and supportive.",
    "Discussed the risk of exploitation, agreed a referral and a safety plan with the team.",
    "Noted.",
    "Seen at school with the deputy head, attendance improving since the last review.",
]


def with_texts(count: int = 40) -> dict[str, list[dict[str, str]]]:
    """The good extract with many notes, each with free text."""
    tables = good()
    base = tables["case_notes"][0]
    tables["case_notes"] = [
        dict(base, note_id=f"n{i}", text=TEXTS[i % len(TEXTS)], significant="true" if i % 2 else "false")
        for i in range(count)
    ]
    tables["actions"][0]["note_id"] = "n1"
    return tables


def swap_headers(path: Path, a: str, b: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n", 1)
    header = [a if h == b else b if h == a else h for h in lines[0].strip().split(",")]
    path.write_text(",".join(header) + "\r\n" + lines[1], encoding="utf-8")


def no_free_text(*texts: str) -> None:
    for body in texts:
        for words in TEXTS:
            if len(words) > 10:
                assert words not in body, f"free text leaked: {words!r}"


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


# ---------------------------------------------------------------------------------------------
# 1. A table's file that is a folder, a broken link or a loop of links


@pytest.mark.parametrize("kind", ["folder", "dangling link", "link loop", "pipe"])
def test_a_table_file_that_is_not_a_file_is_refused_by_name(tmp_path, kind):
    db = tmp_path / "o.duckdb"
    assert load_extract(write_extract(tmp_path / "one", good()), db=db).ok
    before = sha(db)
    folder = write_extract(tmp_path / "x", good())
    target = folder / "audits.csv"
    target.unlink()
    if kind == "folder":
        target.mkdir()
    elif kind == "dangling link":
        target.symlink_to("/nonexistent/audits.csv")
    elif kind == "link loop":
        target.symlink_to(folder / "audits.csv")
    else:
        os.mkfifo(target)  # reading it would wait for ever
    report = load_extract(folder, db=db)
    assert report.outcome == "refused", report.render()
    [p] = report.errors
    assert (p.kind, p.file) == ("unreadable", "audits.csv")
    words = {"folder": "is a folder", "dangling link": "does not exist", "link loop": "loop", "pipe": "ordinary"}
    assert words[kind] in p.expected
    assert "Traceback" not in report.render() and sha(db) == before


# ---------------------------------------------------------------------------------------------
# 4. Free text never in a message or the log


def test_swapped_text_and_significant_headers_quote_no_note(tmp_path):
    db = tmp_path / "o.duckdb"
    folder = write_extract(tmp_path / "x", with_texts())
    swap_headers(folder / "case_notes.csv", "text", "significant")
    report = load_extract(folder, db=db)
    assert report.outcome == "refused"
    bad = [p for p in report.errors if p.kind == "bad_value"]
    assert bad and all(p.file == "case_notes.csv" and p.column == "significant" and p.row for p in bad)
    assert all(p.value is None and "free text" in p.expected for p in bad)
    no_free_text(report.render(), load_log_path(db).read_text())


def test_swapped_text_and_note_type_headers_list_no_note_as_a_heading(tmp_path):
    db = tmp_path / "o.duckdb"
    folder = write_extract(tmp_path / "x", with_texts())
    swap_headers(folder / "case_notes.csv", "text", "note_type")
    report = load_extract(folder, db=db)
    contact = [p for p in report.warnings if p.kind == "contact_heading"]
    assert len(contact) == 1 and contact[0].value is None and "free text" in contact[0].expected
    no_free_text(report.render(), load_log_path(db).read_text())


def test_a_note_copied_into_an_id_cell_is_located_not_quoted(tmp_path):
    tables = with_texts()
    tables["case_notes"][3]["case_id"] = TEXTS[1]
    frames, report = validate_extract(write_extract(tmp_path / "x", tables))
    [p] = [p for p in report.errors if p.kind == "dangling_reference"]
    assert (p.file, p.row, p.column, p.value) == ("case_notes.csv", 5, "case_id", None)
    assert "free text" in p.expected
    no_free_text(report.render())


def test_one_odd_heading_hides_itself_not_the_list_of_headings(tmp_path):
    tables = with_texts(8)
    for i, row in enumerate(tables["case_notes"]):
        row["note_type"] = ["Home Visit", "Phone Call", "Mgmt. Review", "Home Visit"][i % 4]
    frames, report = validate_extract(write_extract(tmp_path / "x", tables))
    contact = sorted((p.value or "", p.expected[:22]) for p in report.warnings if p.kind == "contact_heading")
    assert contact == [
        ("", "(free text, not shown)"),
        ("Home Visit", "4 note(s) with this he"),
        ("Phone Call", "2 note(s) with this he"),
    ]


def test_contact_headings_are_capped(tmp_path):
    tables = with_texts(100)
    for i, row in enumerate(tables["case_notes"]):
        row["note_type"] = f"Visit type {i}"
    frames, report = validate_extract(write_extract(tmp_path / "x", tables))
    contact = [p for p in report.warnings if p.kind == "contact_heading"]
    assert len(contact) == CONTACT_LIMIT + 1
    assert "and 70 more headings (70 notes)" in contact[-1].expected


def test_ids_and_dates_in_a_free_text_table_are_still_quoted(tmp_path):
    tables = with_texts()
    tables["case_notes"][0]["event_date"] = "02/03/2026"
    frames, report = validate_extract(write_extract(tmp_path / "x", tables))
    [p] = [p for p in report.errors if p.kind == "bad_date"]
    assert (p.row, p.column, p.value) == (2, "event_date", "02/03/2026")


# ---------------------------------------------------------------------------------------------
# 6. Profiles that cannot work are refused up front


@pytest.mark.parametrize(
    ("toml", "key", "says"),
    [
        ('encoding = "zlib"\n', "encoding", "not a text encoding"),
        ('encoding = "rot13"\n', "encoding", "not a text encoding"),
        ("[tables.cases]\ncolumns = 5\n", "tables.cases.columns", "must be a table"),
        ('[dates]\ndate = "%Q-%Y"\n', "dates.date", "not a usable format"),
        ('[dates]\ndate = "%Y-%d"\n', "dates.date", "does not read back a date"),
        ("note_types = 5\n", "note_types", "must be a list"),
    ],
)
def test_a_profile_that_would_break_the_load_is_refused_naming_file_and_key(tmp_path, toml, key, says):
    db = tmp_path / "o.duckdb"
    assert load_extract(write_extract(tmp_path / "one", good()), db=db).ok
    before = sha(db)
    profile = tmp_path / "mine.toml"
    profile.write_text(toml)
    report = load_extract(write_extract(tmp_path / "x", good()), profile, db=db)
    assert report.outcome == "refused"
    [p] = report.errors
    assert p.kind == "profile" and "mine.toml" in p.expected and f": {key}: " in p.expected and says in p.expected
    assert sha(db) == before


def test_a_profile_that_is_a_folder_is_refused(tmp_path):
    (tmp_path / "p.toml").mkdir()
    report = load_extract(write_extract(tmp_path / "x", good()), tmp_path / "p.toml", db=tmp_path / "o.duckdb")
    assert report.outcome == "refused" and "is a folder" in report.errors[0].expected


# ---------------------------------------------------------------------------------------------
# 7. A header line longer than 64 KiB


def test_a_header_longer_than_64_kib_is_read_whole(tmp_path):
    tables = good()
    long = "x" * 70_000
    tables["cases"] = [{long: "aside", **row} for row in tables["cases"]]
    frames, report = validate_extract(write_extract(tmp_path / "x", tables))
    assert report.ok, report.render()
    [p] = [p for p in report.warnings if p.kind == "unknown_column"]
    assert p.file == "cases.csv" and p.column.startswith("x" * 80) and "70,000 characters" in p.column
    assert frames["cases"].height == 2


def test_lines_ended_by_a_carriage_return_alone_are_named_as_such(tmp_path):
    folder = write_extract(tmp_path / "x", good())
    path = folder / "events.csv"
    path.write_bytes(path.read_bytes().replace(b"\r\n", b"\r"))
    frames, report = validate_extract(folder)
    [p] = report.errors
    assert p.file == "events.csv" and "carriage return alone" in p.expected


# ---------------------------------------------------------------------------------------------
# 8. Two files for one table


def test_two_files_for_one_table_are_refused_naming_both(tmp_path):
    folder = write_extract(tmp_path / "x", good())
    (folder / "ASSESSMENTS.CSV").write_bytes((folder / "assessments.csv").read_bytes())
    frames, report = validate_extract(folder)
    [p] = report.errors
    assert p.kind == "duplicate_file" and "ASSESSMENTS.CSV" in p.expected and "assessments.csv" in p.expected


def test_a_csv_and_a_sheet_for_one_table_are_refused_naming_both(tmp_path):
    import xlsxwriter

    folder = write_extract(tmp_path / "x", good())
    wb = xlsxwriter.Workbook(str(folder / "more.xlsx"))
    ws = wb.add_worksheet("audits")
    ws.write_row(0, 0, list(good()["audits"][0]))
    ws.write_row(1, 0, list(good()["audits"][0].values()))
    wb.close()
    frames, report = validate_extract(folder)
    [p] = report.errors
    assert p.kind == "duplicate_file" and "audits.csv" in p.expected and "more.xlsx [audits]" in p.expected


# ---------------------------------------------------------------------------------------------
# 9 and 10. One record per attempt, written from the start; stray files cleared first


def _paused_load(folder: Path, db: Path, env: str) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-m", "oversight", "load", str(folder), "--db", str(db)],
        cwd=ROOT,
        env={**os.environ, env: "60"},
        stderr=subprocess.PIPE,
        text=True,
    )
    line = proc.stderr.readline()
    assert "pausing" in line, line
    return proc


def _kill(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stderr.close()


def test_a_load_killed_while_checking_is_recorded_once(tmp_path):
    db = tmp_path / "o.duckdb"
    proc = _paused_load(write_extract(tmp_path / "x", good()), db, PAUSE_VALIDATE_ENV)
    assert read_load_log(db).get_column("outcome").to_list() == ["started"]  # still running
    _kill(proc)
    log = read_load_log(db)
    assert log.get_column("outcome").to_list() == ["interrupted"]
    assert log.row(0, named=True)["source"].endswith("x") and log.row(0, named=True)["who"]


def test_a_load_killed_while_writing_is_one_interrupted_attempt(tmp_path):
    db = tmp_path / "o.duckdb"
    folder = write_extract(tmp_path / "x", good())
    proc = _paused_load(folder, db, PAUSE_ENV)
    new = tmp_path / f"o.duckdb.new-{proc.pid}"
    assert new.exists()
    Path(f"{new}.wal").write_bytes(b"")  # what a kill mid-write leaves beside it
    _kill(proc)
    assert load_extract(folder, db=db).ok
    assert read_load_log(db).get_column("outcome").to_list() == ["loaded", "interrupted"]
    assert list(tmp_path.glob("o.duckdb.new-*")) == []


def test_stray_files_are_removed_at_the_start_of_any_load_but_a_running_ones_kept(tmp_path):
    db = tmp_path / "o.duckdb"
    gone = dead_pid()
    stray = [tmp_path / f"o.duckdb.new-{gone}", tmp_path / f"o.duckdb.new-{gone}.wal"]
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        kept = tmp_path / f"o.duckdb.new-{running.pid}"
        for path in [*stray, kept]:
            path.write_bytes(b"half")
        bad = good()
        bad["staff"][0]["role"] = "wizard"
        report = load_extract(write_extract(tmp_path / "x", bad), db=db)  # refused before any write
        assert report.outcome == "refused"
        assert not any(p.exists() for p in stray) and kept.exists()
        assert read_load_log(db).get_column("outcome").to_list() == ["refused"]
    finally:
        running.kill()
        running.wait()


def test_the_log_holds_one_record_per_attempt_and_old_records_still_read(tmp_path):
    db = tmp_path / "o.duckdb"
    old = {"when": "2026-01-01T10:00:00+00:00", "outcome": "loaded", "row_counts": {"staff": 3}}
    load_log_path(db).write_text(json.dumps(old) + "\n")
    load_extract(write_extract(tmp_path / "x", good()), db=db)
    lines = load_log_path(db).read_text().splitlines()
    assert len(lines) == 3  # the old record, then this attempt's start and its outcome
    assert read_load_log(db).get_column("outcome").to_list() == ["loaded", "loaded"]


# ---------------------------------------------------------------------------------------------
# 11. Names and addresses by pattern; unknown columns never stored


@pytest.mark.parametrize(
    "heading",
    [
        "Address Line 2",
        "NHS No",
        "Child's Name",
        "Name of child",
        "Forename(s)",
        "Home Address",
        "Postcode (home)",
        "Legal Surname",
        "Preferred Name",
        "Alias",
        "UPN number",
        "Street",
    ],
)
@pytest.mark.parametrize("table", ["children", "cases", "events"])
def test_a_name_or_address_column_is_refused_by_pattern(tmp_path, table, heading):
    tables = good()
    for row in tables[table]:
        row[heading] = "Sam Example"
    frames, report = validate_extract(write_extract(tmp_path / "x", tables))
    [p] = report.errors
    assert (p.kind, p.file, p.row, p.column) == ("child_identifying_column", f"{table}.csv", 1, heading)
    assert "Sam Example" not in report.render()


def test_a_name_like_column_mapped_to_a_contract_column_is_fine_and_staff_is_exempt(tmp_path):
    tables = good()
    tables["cases"] = [{("Team Name" if k == "team" else k): v for k, v in row.items()} for row in tables["cases"]]
    for row in tables["staff"]:
        row["Preferred Name"] = "Jo"
    profile = tmp_path / "p.toml"
    profile.write_text('[tables.cases.columns]\n"Team Name" = "team"\n')
    frames, report = validate_extract(write_extract(tmp_path / "x", tables), profile)
    assert report.ok, report.render()
    assert [(p.file, p.column) for p in report.warnings if p.kind == "unknown_column"] == [
        ("staff.csv", "Preferred Name")
    ]
    # unmapped, the same heading is refused
    frames, report = validate_extract(write_extract(tmp_path / "y", tables))
    assert [p.column for p in report.errors if p.kind == "child_identifying_column"] == ["Team Name"]


def test_unknown_columns_are_never_stored(tmp_path):
    db = tmp_path / "o.duckdb"
    tables = good()
    for rows in tables.values():
        for row in rows:
            row["Court Area"] = "ZZ-unknown-value-ZZ"
    report = load_extract(write_extract(tmp_path / "x", tables), db=db)
    assert report.ok, report.render()
    assert len([p for p in report.warnings if p.kind == "unknown_column"]) == len(tables)
    con = duckdb.connect(str(db), read_only=True)
    try:
        columns = con.sql(
            "select table_name, column_name from duckdb_columns() where data_type = 'VARCHAR' and not internal"
        ).fetchall()
        assert not [c for _t, c in columns if "court" in c.lower()]
        for table, column in columns:
            found = con.execute(f'select count(*) from "{table}" where "{column}" like ?', ["%ZZ-unknown%"]).fetchall()
            assert found == [(0,)], (table, column)
    finally:
        con.close()


# ---------------------------------------------------------------------------------------------
# 12. Ids a spreadsheet turned into numbers


def test_ids_stored_as_numbers_in_a_workbook_are_warned_with_sheet_and_column(tmp_path):
    import xlsxwriter

    tables = good()
    tables["children"][0]["child_id"] = "57"
    tables["cases"][0]["child_id"] = "57"
    path = tmp_path / "x.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    for name, rows in tables.items():
        ws = wb.add_worksheet(name)
        columns = list(rows[0])
        ws.write_row(0, 0, columns)
        kinds = {c.name: c.type for c in TABLES[name].columns}
        for r, row in enumerate(rows, start=1):
            for c, column in enumerate(columns):
                value = row[column]
                if value.isdigit() and kinds.get(column) in ("text", "int"):
                    ws.write_number(r, c, int(value))  # what an office suite does to 00057
                elif value:
                    ws.write_string(r, c, value)
    wb.close()
    frames, report = validate_extract(path)
    assert report.ok, report.render()
    numeric = [(p.file, p.row, p.column) for p in report.warnings if p.kind == "numeric_id"]
    assert numeric == [("x.xlsx [cases]", 2, "child_id"), ("x.xlsx [children]", 2, "child_id")]
    assert all("format the column as text" in p.expected.lower() for p in report.warnings if p.kind == "numeric_id")
