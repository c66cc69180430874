"""One test per error class and per warning class of the data contract.

Each spoils one cell (or column, or file) of the good extract and checks the message names the
file, the spreadsheet row (header = row 1), the column and the value.
"""

from __future__ import annotations

import datetime as dt

import pytest

from oversight.validate import Problem, validate_extract
from tests.oversight.test_load import good, write_extract


def check(tmp_path, tables, **kw):
    frames, report = validate_extract(write_extract(tmp_path / "x", tables), **kw)
    assert (frames is None) == (not report.ok)
    return report


def of(problems: list[Problem], kind: str) -> list[tuple]:
    return [(p.file, p.row, p.column, p.value) for p in problems if p.kind == kind]


# ---------------------------------------------------------------------------------------------
# Errors: the load is refused


def test_missing_required_table(tmp_path):
    tables = good()
    del tables["cases"]
    report = check(tmp_path, tables)
    [p] = [p for p in report.errors if p.kind == "missing_table"]
    assert p.file == "x/" and "cases.csv" in p.expected and "required" in p.expected
    # cases is missing, so nothing can point at it: no cascade of dangling references
    assert {p.kind for p in report.errors} == {"missing_table"}


def test_missing_required_column(tmp_path):
    tables = good()
    for row in tables["cases"]:
        del row["disposal"]
    report = check(tmp_path, tables)
    assert of(report.errors, "missing_column") == [("cases.csv", 1, "disposal", None)]


def test_empty_required_table(tmp_path):
    tables = good()
    tables["children"] = []
    report = check(tmp_path, tables)
    assert of(report.errors, "empty_table") == [("children.csv", None, None, None)]


def test_duplicate_id_names_both_rows(tmp_path):
    tables = good()
    tables["case_notes"].append(dict(tables["case_notes"][0]))  # row 4 repeats row 2's n1
    report = check(tmp_path, tables)
    assert of(report.errors, "duplicate_id") == [("case_notes.csv", 4, "note_id", "n1")]
    assert "row 2" in report.errors[0].expected


@pytest.mark.parametrize(
    ("table", "row", "column"),
    [
        ("cases", 0, "child_id"),
        ("cases", 0, "case_manager_id"),
        ("case_notes", 1, "case_id"),
        ("case_notes", 0, "author_id"),
        ("supervisions", 0, "supervisee_id"),
        ("supervisions", 1, "supervisor_id"),
        ("allocations", 1, "staff_id"),
        ("panels", 0, "case_id"),
    ],
)
def test_dangling_required_reference(tmp_path, table, row, column):
    tables = good()
    tables[table][row][column] = "X99"
    report = check(tmp_path, tables)
    assert of(report.errors, "dangling_reference") == [(f"{table}.csv", row + 2, column, "X99")]


@pytest.mark.parametrize(
    ("table", "column", "value"),
    [
        ("cases", "start_date", "05/01/2026"),  # UK form with no profile: never guessed
        ("cases", "end_date", "2026-02-30"),
        ("case_notes", "event_date", "2026-03-02 25:00"),
        ("case_notes", "recorded_at", "yesterday"),
        ("staff", "start_date", "2019-04-01 09:30"),  # a time is not a date
    ],
)
def test_unparseable_date(tmp_path, table, column, value):
    tables = good()
    tables[table][0][column] = value
    report = check(tmp_path, tables)
    assert of(report.errors, "bad_date") == [(f"{table}.csv", 2, column, value)]
    assert "YYYY-MM-DD" in report.errors[0].expected


@pytest.mark.parametrize(
    ("table", "column", "value"),
    [
        ("cases", "start_date", "26-01-05"),  # YYYY needs four digits: not the year 26 AD
        ("case_notes", "event_date", "26-03-02 10:00"),
        ("case_notes", "recorded_at", "26-03-02"),
    ],
)
def test_a_two_digit_year_is_not_read_as_a_year_of_the_first_century(tmp_path, table, column, value):
    tables = good()
    tables[table][0][column] = value
    report = check(tmp_path, tables)
    assert of(report.errors, "bad_date") == [(f"{table}.csv", 2, column, value)]


def test_a_two_digit_year_under_a_uk_profile_is_refused(tmp_path):
    profile = tmp_path / "p.toml"
    profile.write_text('[tables.cases.dates]\ndate = "%d/%m/%Y"\n')
    tables = good()
    for row in tables["cases"]:
        for column in ("start_date", "allocated_date", "end_date"):
            if value := row.get(column):
                row[column] = f"{value[8:10]}/{value[5:7]}/{value[:4]}"
    tables["cases"][0]["start_date"] = "05/01/26"  # DD/MM/YY where the profile says DD/MM/YYYY
    report = check(tmp_path, tables, profile=profile)
    assert of(report.errors, "bad_date") == [("cases.csv", 2, "start_date", "05/01/26")]


def test_a_date_with_a_midnight_time_is_a_date(tmp_path):
    tables = good()
    tables["cases"][0]["start_date"] = "2026-01-05 00:00:00"
    assert check(tmp_path, tables).ok


@pytest.mark.parametrize(
    ("table", "column", "value"),
    [
        ("cases", "disposal", "Community Order"),
        ("staff", "role", "VH"),
        ("assessments", "rosh", "VH"),  # needs a profile's value map
        ("children", "looked_after", "maybe"),
        ("events", "event_type", "arrest!"),
    ],
)
def test_value_outside_enumeration(tmp_path, table, column, value):
    tables = good()
    tables[table][0][column] = value
    report = check(tmp_path, tables)
    assert of(report.errors, "bad_value") == [(f"{table}.csv", 2, column, value)]


def test_enumerations_read_case_spaces_hyphens_and_underscores_alike(tmp_path):
    tables = good()
    tables["assessments"][0]["rosh"] = "Very High"
    tables["assessments"][0]["swb"] = " very--high "
    tables["cases"][1]["disposal"] = "Referral-Order"
    tables["staff"][0]["role"] = "HEAD_OF SERVICE"
    tables["children"][0]["looked_after"] = "Y"
    tables["children"][1]["looked_after"] = "No"
    frames, report = validate_extract(write_extract(tmp_path / "x", tables))
    assert report.ok, report.render()
    assert frames["assessments"].row(0, named=True)["rosh"] == "very_high"
    assert frames["assessments"].row(0, named=True)["swb"] == "very_high"
    assert frames["cases"].get_column("disposal").to_list() == ["yro", "referral_order"]
    assert frames["children"].get_column("looked_after").to_list() == [True, False]


def test_not_a_whole_number(tmp_path):
    tables = good()
    tables["assessments"][0]["returned_count"] = "two"
    report = check(tmp_path, tables)
    assert of(report.errors, "bad_number") == [("assessments.csv", 2, "returned_count", "two")]


def test_case_ending_before_it_starts(tmp_path):
    tables = good()
    tables["cases"][1]["end_date"] = "2026-02-01"  # starts 2026-02-02
    report = check(tmp_path, tables)
    assert of(report.errors, "end_before_start") == [("cases.csv", 3, "end_date", "2026-02-01")]
    assert "2026-02-02" in report.errors[0].expected


def test_case_ending_the_day_it_starts_is_fine(tmp_path):
    tables = good()
    tables["cases"][1]["end_date"] = "2026-02-02"
    assert check(tmp_path, tables).ok


def test_allocation_ending_before_it_starts(tmp_path):
    tables = good()
    tables["allocations"][0]["to_date"] = "2026-01-04"  # from 2026-01-05
    report = check(tmp_path, tables)
    assert of(report.errors, "end_before_start") == [("allocations.csv", 2, "to_date", "2026-01-04")]


@pytest.mark.parametrize(
    ("table", "heading"),
    [("children", "First Name"), ("cases", "Postcode"), ("case_notes", "child_name"), ("events", "Address 1")],
)
def test_child_name_or_address_column_is_refused(tmp_path, table, heading):
    tables = good()
    for row in tables[table]:
        row[heading] = "anything"
    report = check(tmp_path, tables)
    assert of(report.errors, "child_identifying_column") == [(f"{table}.csv", 1, heading, None)]
    # the refusal never repeats what the column held
    assert "anything" not in report.render()


def test_a_refused_child_column_hides_no_other_problem(tmp_path):
    # "All problems are listed at once": the table with the refused column is still checked,
    # and references into it still resolve
    tables = good()
    for row in tables["cases"]:
        row["Postcode"] = "anything"
    tables["cases"][1]["start_date"] = "31/01/2026"  # row 3
    tables["case_notes"][0]["case_id"] = "nope"  # row 2: no such case
    report = check(tmp_path, tables)
    assert of(report.errors, "child_identifying_column") == [("cases.csv", 1, "Postcode", None)]
    assert of(report.errors, "bad_date") == [("cases.csv", 3, "start_date", "31/01/2026")]
    assert of(report.errors, "dangling_reference") == [("case_notes.csv", 2, "case_id", "nope")]
    assert "anything" not in report.render()


def test_a_name_column_is_fine_in_staff_and_a_renamed_one_is_refused_elsewhere(tmp_path):
    assert check(tmp_path / "a", good()).ok  # staff has name
    profile = tmp_path / "p.toml"
    profile.write_text('[tables.children.columns]\n"Forename" = "sex"\n')
    tables = good()
    for row in tables["children"]:
        row["Forename"] = row.pop("sex")
    frames, report = validate_extract(write_extract(tmp_path / "b", tables), profile)
    assert of(report.errors, "child_identifying_column") == [("children.csv", 1, "Forename", None)]


def test_empty_value_in_a_required_column(tmp_path):
    tables = good()
    tables["case_notes"][1]["author_id"] = " "
    report = check(tmp_path, tables)
    assert of(report.errors, "missing_value") == [("case_notes.csv", 3, "author_id", None)]


def test_two_columns_for_one_field(tmp_path):
    profile = tmp_path / "p.toml"
    profile.write_text('[tables.cases.columns]\n"Worker" = "case_manager_id"\n')
    tables = good()
    for row in tables["cases"]:
        row["Worker"] = row["case_manager_id"]
    frames, report = validate_extract(write_extract(tmp_path / "x", tables), profile)
    assert of(report.errors, "duplicate_column") == [("cases.csv", 1, "Worker", None)]


def test_a_file_that_is_neither_utf8_nor_windows_1252(tmp_path):
    folder = write_extract(tmp_path / "x", good())
    (folder / "children.csv").write_bytes((folder / "children.csv").read_bytes() + b"9\x81,,,,\n")
    frames, report = validate_extract(folder)
    assert [(p.kind, p.file) for p in report.errors] == [("unreadable", "children.csv")]


def test_a_row_with_too_many_fields_is_located(tmp_path):
    folder = write_extract(tmp_path / "x", good())
    with open(folder / "children.csv", "a") as f:
        f.write("009,2012-01-01,M,White, Irish,false\n")  # unquoted comma: 6 fields, header has 5
    frames, report = validate_extract(folder)
    assert [(p.kind, p.file, p.row) for p in report.errors] == [("unreadable", "children.csv", 4)]


def test_an_unclosed_quote_is_located_without_repeating_the_text(tmp_path):
    folder = write_extract(tmp_path / "x", good())
    with open(folder / "children.csv", "a") as f:
        f.write('009,2012-01-01,M,"Private note,false\n010,2012-01-01,F,,false\n')  # quote never closed, row 4
    frames, report = validate_extract(folder)
    assert [(p.kind, p.file, p.row) for p in report.errors] == [("unreadable", "children.csv", 4)]
    assert "Private note" not in report.render()


def test_a_semicolon_separated_file_is_named_as_such(tmp_path):
    folder = write_extract(tmp_path / "x", good())
    (folder / "children.csv").write_text("child_id;date_of_birth\n007;2010-06-01\n")
    frames, report = validate_extract(folder)
    [p] = [p for p in report.errors if p.file == "children.csv"]
    assert p.kind == "unreadable" and "separated by ';'" in p.expected


def test_all_problems_are_listed_at_once(tmp_path):
    tables = good()
    tables["cases"][0]["disposal"] = "nonsense"
    tables["case_notes"][1]["recorded_at"] = "05/03/2026"
    tables["actions"][0]["owner_id"] = "gone"  # a warning, listed too
    report = check(tmp_path, tables)
    assert [p.kind for p in report.errors] == ["bad_date", "bad_value"]
    assert of(report.warnings, "dangling_optional_reference") == [("actions.csv", 2, "owner_id", "gone")]


def test_many_bad_rows_are_counted_not_all_listed(tmp_path):
    tables = good()
    base = tables["case_notes"][1]
    tables["case_notes"] += [dict(base, note_id=f"m{i}", event_date="bad") for i in range(60)]
    report = check(tmp_path, tables)
    bad = [p for p in report.errors if p.kind == "bad_date"]
    # 50 located, then one line for the other 10
    assert len(bad) == 51 and bad[0].row == 4 and bad[49].row == 53
    assert bad[-1].row is None and "10 more rows" in bad[-1].expected


# ---------------------------------------------------------------------------------------------
# Warnings: the load goes ahead and says what it noticed


def test_headings_that_reach_the_contact_rule_are_listed_with_counts(tmp_path):
    tables = good()
    base = tables["case_notes"][1]
    tables["case_notes"] += [
        dict(base, note_id="v1", note_type="Home Visit"),
        dict(base, note_id="v2", note_type="home  visit"),  # same heading, read casefolded
        dict(base, note_id="v3", note_type="Phone call"),
        dict(base, note_id="v5", note_type="Home Visit"),
        dict(base, note_id="v4", note_type="Management Oversight \u2013 Supervision"),  # en dash: supervision
    ]
    report = check(tmp_path, tables)
    assert report.ok
    contact = [(p.value, p.expected.split(" ")[0]) for p in report.warnings if p.kind == "contact_heading"]
    # one line per heading, as it is most often written, with how many notes carry it
    assert contact == [("Home Visit", "3"), ("Phone call", "1")]  # v1, v2, v5
    assert report.categories == {"contact": 4, "decision": 1, "oversight": 1, "supervision": 1}


@pytest.mark.parametrize(
    ("table", "row", "column"),
    [
        ("staff", 2, "line_manager_id"),
        ("assessments", 0, "countersigned_by"),
        ("actions", 0, "owner_id"),
        ("audits", 0, "auditor_id"),
        ("actions", 0, "note_id"),
    ],
)
def test_dangling_optional_reference(tmp_path, table, row, column):
    tables = good()
    tables[table][row][column] = "left2025"
    report = check(tmp_path, tables)
    assert report.ok
    assert of(report.warnings, "dangling_optional_reference") == [(f"{table}.csv", row + 2, column, "left2025")]


@pytest.mark.parametrize(
    ("table", "row", "column", "value"),
    [
        ("case_notes", 0, "recorded_at", "2026-03-02 14:29"),  # a minute before the event
        ("assessments", 0, "countersigned_date", "2026-01-31"),  # before completion
        ("assessments", 0, "completed_date", "2026-01-09"),  # before it started
        ("actions", 0, "completed_date", "2026-03-01"),  # before it was set
        ("events", 0, "notified_at", "2026-03-01 22:14"),  # before it occurred
    ],
)
def test_dates_out_of_order_within_a_row(tmp_path, table, row, column, value):
    tables = good()
    tables[table][row][column] = value
    report = check(tmp_path, tables)
    assert report.ok
    assert of(report.warnings, "dates_out_of_order") == [(f"{table}.csv", row + 2, column, value)]


def test_a_day_with_no_time_is_compared_by_day(tmp_path):
    tables = good()
    # recorded "on 2 March" (no time) after an event at 14:30 that day: not out of order
    tables["case_notes"][0]["recorded_at"] = "2026-03-02"
    # countersigned the day it was completed: in order
    tables["assessments"][0]["countersigned_date"] = "2026-02-01"
    report = check(tmp_path, tables)
    assert report.ok and report.warnings == []


def test_dates_after_the_day_of_the_load_but_not_due_dates(tmp_path):
    tables = good()
    tables["case_notes"][0]["recorded_at"] = "2026-11-25 09:00"
    tables["actions"][0]["due_date"] = "2027-01-31"  # a due date may lie ahead
    tables["panels"][0]["recorded_date"] = "2026-11-24"  # the day itself is fine
    report = check(tmp_path, tables, today=dt.date(2026, 11, 24))
    assert report.ok
    assert of(report.warnings, "future_date") == [("case_notes.csv", 2, "recorded_at", "2026-11-25 09:00")]


def test_unknown_columns_are_reported_and_not_loaded(tmp_path):
    tables = good()
    for row in tables["cases"]:
        row["Court Area"] = "Highbury Corner"
    frames, report = validate_extract(write_extract(tmp_path / "x", tables))
    assert report.ok
    assert of(report.warnings, "unknown_column") == [("cases.csv", 1, "Court Area", None)]
    assert "Court Area" not in frames["cases"].columns
    assert report.unknown_columns == {"cases": ["Court Area"]}


def test_unknown_files_are_reported(tmp_path):
    folder = write_extract(tmp_path / "x", good())
    (folder / "referrals.csv").write_text("a,b\n1,2\n")
    frames, report = validate_extract(folder)
    assert report.ok
    assert of(report.warnings, "unknown_file") == [("referrals.csv", None, None, None)]


def test_staff_with_no_team(tmp_path):
    tables = good()
    tables["staff"][3]["team"] = ""
    frames, report = validate_extract(write_extract(tmp_path / "x", tables))
    assert report.ok
    [p] = [p for p in report.warnings if p.kind == "staff_no_team"]
    assert (p.file, p.row, p.column) == ("staff.csv", 5, "team") and "cm2" in p.expected
    assert frames["staff"].row(3, named=True)["team"] is None


def test_empty_optional_table(tmp_path):
    tables = good()
    tables["panels"] = []
    frames, report = validate_extract(write_extract(tmp_path / "x", tables))
    assert report.ok
    assert of(report.warnings, "empty_optional_table") == [("panels.csv", None, None, None)]
    # treated as not given: indicators that need panels say "not available", never 0 %
    assert "panels" not in frames and report.row_counts["panels"] == 0


def test_a_completely_empty_optional_file_is_an_empty_table(tmp_path):
    folder = write_extract(tmp_path / "x", good())
    (folder / "audits.csv").write_bytes(b"")
    frames, report = validate_extract(folder)
    assert report.ok
    assert of(report.warnings, "empty_optional_table") == [("audits.csv", None, None, None)]


def test_render_groups_problems_and_locates_each(tmp_path):
    tables = good()
    tables["cases"][0]["disposal"] = "nonsense"
    report = check(tmp_path, tables)
    text = report.render()
    assert text.startswith("Refused")
    assert "value outside the allowed values:" in text
    assert "cases.csv, row 2, column disposal: 'nonsense': one of referral_order" in text
