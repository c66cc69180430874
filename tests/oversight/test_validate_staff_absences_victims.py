"""The contract's newer columns and tables: staff fte and agency, panel chairs, absences, victims.

Each rule is the contract's: an fte outside 0 < fte <= 1 and an absence ending before it starts
refuse the load; an absence's staff_id must exist; a victim's name or address column is refused
like a child's; a panel chair who is not in staff is a warning. An extract without any of them
loads exactly as before.
"""

from __future__ import annotations

import pytest

from oversight.load import load_extract
from oversight.notetypes import categorise
from oversight.validate import validate_extract
from tests.oversight.test_load import good, read_table, sha, write_extract


def _problems(report, kind: str) -> list[tuple]:
    return [(p.file, p.row, p.column, p.value) for p in (*report.errors, *report.warnings) if p.kind == kind]


@pytest.mark.parametrize("fte", ["0", "-0.5", "1.01", "2"])
def test_an_fte_outside_its_range_is_refused_naming_the_cell(tmp_path, fte):
    tables = good()
    tables["staff"][2]["fte"] = fte
    frames, report = validate_extract(write_extract(tmp_path / "x", tables))
    assert frames is None
    assert _problems(report, "out_of_range") == [("staff.csv", 4, "fte", fte)]
    assert "more than 0 and at most 1" in report.errors[0].expected


@pytest.mark.parametrize("fte", ["1", "0.2", " 0.75 ", "1.0"])
def test_an_fte_in_range_loads_as_a_number(tmp_path, fte):
    tables = good()
    tables["staff"][2]["fte"] = fte
    frames, report = validate_extract(write_extract(tmp_path / "x", tables))
    assert report.ok, report.render()
    assert frames["staff"].get_column("fte")[2] == pytest.approx(float(fte))


def test_an_fte_that_is_not_a_number_is_refused(tmp_path):
    tables = good()
    tables["staff"][1]["fte"] = "half"
    frames, report = validate_extract(write_extract(tmp_path / "x", tables))
    assert frames is None
    assert _problems(report, "bad_number") == [("staff.csv", 3, "fte", "half")]


def test_agency_is_a_yes_no_column(tmp_path):
    tables = good()
    tables["staff"][0]["agency"] = "Y"
    tables["staff"][1]["agency"] = "perhaps"
    frames, report = validate_extract(write_extract(tmp_path / "x", tables))
    assert frames is None
    assert _problems(report, "bad_value") == [("staff.csv", 3, "agency", "perhaps")]


def test_an_absence_of_someone_not_in_staff_is_refused(tmp_path):
    tables = good()
    tables["absences"][1]["staff_id"] = "ghost"
    frames, report = validate_extract(write_extract(tmp_path / "x", tables))
    assert frames is None
    assert _problems(report, "dangling_reference") == [("absences.csv", 3, "staff_id", "ghost")]


def test_an_absence_ending_before_it_starts_is_refused(tmp_path):
    tables = good()
    tables["absences"][0].update(from_date="2026-05-18", to_date="2026-05-17")
    frames, report = validate_extract(write_extract(tmp_path / "x", tables))
    assert frames is None
    assert _problems(report, "end_before_start") == [("absences.csv", 2, "to_date", "2026-05-17")]


def test_an_absence_reason_outside_the_list_is_refused(tmp_path):
    tables = good()
    tables["absences"][0]["reason"] = "gardening"
    frames, report = validate_extract(write_extract(tmp_path / "x", tables))
    assert frames is None
    assert _problems(report, "bad_value") == [("absences.csv", 2, "reason", "gardening")]


@pytest.mark.parametrize("column", ["Victim Name", "name", "Address Line 1", "postcode"])
def test_a_victims_name_or_address_column_is_refused(tmp_path, column):
    tables = good()
    for row in tables["victims"]:
        row[column] = "x"
    frames, report = validate_extract(write_extract(tmp_path / "x", tables))
    assert frames is None
    assert [(p.file, p.column) for p in report.errors if p.kind == "child_identifying_column"] == [
        ("victims.csv", column)
    ]
    # the refused column's values are never shown
    assert all(p.value in (None, "") for p in report.errors if p.kind == "child_identifying_column")


def test_a_panel_chair_not_in_staff_is_a_warning_and_loads(tmp_path):
    tables = good()
    tables["panels"][0]["chair_id"] = "leaver9"
    frames, report = validate_extract(write_extract(tmp_path / "x", tables))
    assert report.ok
    assert _problems(report, "dangling_optional_reference") == [("panels.csv", 2, "chair_id", "leaver9")]


def test_two_problems_in_the_new_columns_are_listed_together(tmp_path):
    tables = good()
    tables["staff"][0]["fte"] = "1.5"
    tables["absences"][0]["staff_id"] = "ghost"
    frames, report = validate_extract(write_extract(tmp_path / "x", tables))
    assert frames is None
    assert {p.kind for p in report.errors} == {"out_of_range", "dangling_reference"}


def test_an_extract_without_the_new_columns_and_tables_loads_as_before(tmp_path):
    tables = good()
    for row in tables["staff"]:
        del row["fte"], row["agency"]
    for row in tables["panels"]:
        del row["chair_id"]
    del tables["absences"], tables["victims"]
    db = tmp_path / "o.duckdb"
    report = load_extract(write_extract(tmp_path / "x", tables), db=db)
    assert report.ok and report.warnings == [], report.render()
    staff = read_table(db, "staff")
    assert [r["fte"] for r in staff] == [None] * 4 and [r["agency"] for r in staff] == [None] * 4
    assert read_table(db, "panels")[0]["chair_id"] is None


def test_a_refused_load_of_the_new_tables_leaves_the_database_untouched(tmp_path):
    db = tmp_path / "o.duckdb"
    assert load_extract(write_extract(tmp_path / "a", good()), db=db).ok
    before = sha(db)
    tables = good()
    tables["absences"][0]["to_date"] = "2026-01-01"
    assert not load_extract(write_extract(tmp_path / "b", tables), db=db).ok
    assert sha(db) == before


@pytest.mark.parametrize(
    ("heading", "category"),
    [
        ("Management Supervision of Case", "decision"),
        ("Management Decision - Risk", "decision"),
        ("POD", "panel"),
        ("MARP", "panel"),
        ("GPG", "panel"),
        ("Management Oversight by GPG", "panel"),
        ("Case Supervision", "supervision"),
        ("Management Oversight - Supervision", "supervision"),
    ],
)
def test_the_note_type_map_reads_the_contracts_headings(heading, category):
    assert categorise(heading) == category
