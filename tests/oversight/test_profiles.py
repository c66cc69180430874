"""Mapping profiles: the shipped ones load exports, and a profile that cannot be used says why."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from oversight.load import load_extract
from oversight.profiles import CANONICAL, PROFILES_DIR, ProfileError, load_profile, parse_profile
from oversight.validate import validate_extract
from tests.oversight.test_load import good, write_extract

EXAMPLE_UK = PROFILES_DIR / "example-uk.toml"


def _csv(path: Path, text: str) -> None:
    # the export is Windows-1252, as Excel on a council desktop writes it
    path.write_bytes(text.replace("\n", "\r\n").encode("cp1252"))


def _uk_export(folder: Path) -> Path:
    folder.mkdir()
    _csv(
        folder / "Workers.csv",
        "Worker ID,Worker Name,Job Role,Team,Line Manager ID,Start Date,Leaving Date\n"
        "W01,Pat Head,Head of YJS,Management,,01/04/2019,\n"
        "W02,Sam Lead,Team Leader,North,W01,06/01/2020,\n"
        "W03,Alex Worker,YJ Officer,North,W02,04/05/2021,30/10/2026\n",
    )
    _csv(folder / "Clients.csv", "Client Ref,DOB,Gender,Ethnicity,LAC\n00123,01/06/2010,M,White British,Y\n")
    _csv(
        folder / "Interventions.csv",
        "Intervention ID,Client Ref,Team,Worker ID,Disposal,Start Date,Allocated Date,End Date\n"
        "I-1,00123,North,W03,Youth Rehabilitation Order,03/04/2026,,\n",
    )
    _csv(
        folder / "Contacts.csv",
        "Contact ID,Intervention ID,Contact Type,Worker ID,Contact Date,Date Entered,Urgent,Details\n"
        'C1,I-1,MO - Supervision,W02,07/04/2026 10:00,07/04/2026 15:30,N,"Plan reviewed \u2013 \u201cgood\u201d"\n'
        "C2,I-1,Manager Decision - Bail,W02,08/04/2026,09/04/2026 09:05,Y,\n"
        "C3,I-1,MO - Risk,W02,09/04/2026 11:00,09/04/2026 11:20,,\n"
        "C4,I-1,Home Visit,W03,10/04/2026 16:00,10/04/2026 17:00,,\n",
    )
    _csv(
        folder / "AssetPlus.csv",
        "Assessment ID,Intervention ID,Stage,Started,Submitted,Countersigned,Countersigned By,ROSH,SWB,LoR\n"
        "A1,I-1,Start,05/04/2026,20/04/2026,22/04/2026,W02,VH,M,H\n",
    )
    return folder


def test_example_uk_profile_loads_an_export_with_other_names(tmp_path):
    db = tmp_path / "o.duckdb"
    report = load_extract(_uk_export(tmp_path / "export"), EXAMPLE_UK, db)
    assert report.ok, report.render()
    assert report.row_counts == {"staff": 3, "children": 1, "cases": 1, "case_notes": 4, "assessments": 1}
    assert report.encodings["Contacts.csv"] == "cp1252"  # named by the profile, not guessed
    con = duckdb.connect(str(db), read_only=True)
    assert con.sql("select staff_id, role from staff order by 1").fetchall() == [
        ("W01", "head_of_service"),
        ("W02", "team_manager"),
        ("W03", "case_manager"),
    ]
    # 03/04/2026 is 3 April because the profile says DD/MM/YYYY; allocated defaults to it
    assert con.sql("select child_id, disposal, start_date, allocated_date from cases").fetchall() == [
        ("00123", "yro", dt.date(2026, 4, 3), dt.date(2026, 4, 3))
    ]
    notes = con.sql(
        "select note_id, category, event_date, event_date_has_time, significant, text from case_notes order by 1"
    ).fetchall()
    assert notes == [
        ("C1", "supervision", dt.datetime(2026, 4, 7, 10, 0), True, False, "Plan reviewed \u2013 \u201cgood\u201d"),
        ("C2", "decision", dt.datetime(2026, 4, 8), False, True, None),
        ("C3", "oversight", dt.datetime(2026, 4, 9, 11, 0), True, None, None),  # the profile's "MO - " prefix
        ("C4", "contact", dt.datetime(2026, 4, 10, 16, 0), True, None, None),
    ]
    assert con.sql("select stage, rosh, swb, lor, completed_date from assessments").fetchall() == [
        ("initial", "very_high", "medium", "high", dt.date(2026, 4, 20))
    ]
    con.close()
    # the one practitioner heading is listed, under the export's own column name
    [contact] = [p for p in report.warnings if p.kind == "contact_heading"]
    assert (contact.file, contact.column, contact.value) == ("Contacts.csv", "Contact Type (note_type)", "Home Visit")


def test_a_uk_date_is_never_guessed_without_a_profile(tmp_path):
    tables = good()
    tables["cases"][0]["start_date"] = "03/04/2026"
    frames, report = validate_extract(write_extract(tmp_path / "x", tables))
    assert [(p.kind, p.value) for p in report.errors] == [("bad_date", "03/04/2026")]


def test_an_iso_date_is_refused_when_the_profile_says_dd_mm_yyyy(tmp_path):
    export = _uk_export(tmp_path / "export")
    text = (export / "Interventions.csv").read_bytes().replace(b"03/04/2026", b"2026-04-03")
    (export / "Interventions.csv").write_bytes(text)
    frames, report = validate_extract(export, EXAMPLE_UK)
    [p] = report.errors
    assert (p.kind, p.file, p.row, p.column, p.value) == (
        "bad_date",
        "Interventions.csv",
        2,
        "Start Date (start_date)",
        "2026-04-03",
    )
    assert "DD/MM/YYYY" in p.expected


def test_profile_note_rules_come_before_the_default_map(tmp_path):
    profile = tmp_path / "p.toml"
    # by default "Management Oversight - Audit" is an audit; this service files it as oversight
    profile.write_text(
        '[[note_types]]\nmatch = "exact"\nheadings = ["Management Oversight - Audit"]\ncategory = "oversight"\n'
    )
    tables = good()
    tables["case_notes"][0]["note_type"] = "management  oversight - audit"
    frames, report = validate_extract(write_extract(tmp_path / "x", tables), profile)
    assert report.ok
    assert frames["case_notes"].get_column("category").to_list() == ["oversight", "decision"]


def test_per_table_date_formats_and_value_maps(tmp_path):
    profile = tmp_path / "p.toml"
    profile.write_text(
        '[tables.panels.dates]\ndate = "%d.%m.%Y"\n[tables.panels.values.panel]\n"RMP" = "risk_management_panel"\n'
    )
    tables = good()
    tables["panels"][0].update(panel="rmp", meeting_date="06.03.2026", recorded_date="09.03.2026")
    frames, report = validate_extract(write_extract(tmp_path / "x", tables), profile)
    assert report.ok, report.render()
    assert frames["panels"].row(0) == (
        "p1", "c1", "risk_management_panel", dt.date(2026, 3, 6), dt.date(2026, 3, 9), "tm1"
    )  # fmt: skip
    # other tables keep ISO dates
    assert frames["cases"].get_column("start_date").to_list() == [dt.date(2026, 1, 5), dt.date(2026, 2, 2)]


def test_the_canonical_profile_is_the_identity():
    profile = load_profile(CANONICAL)
    assert profile.columns == {} and profile.values == {} and profile.rules == () and profile.encoding is None
    assert profile.formats("cases").date == "%Y-%m-%d"


@pytest.mark.parametrize(
    ("toml", "says"),
    [
        ({"tables": {"referrals": {}}}, "tables.referrals: no such table"),
        ({"tables": {"cases": {"columns": {"Ref": "case_ref"}}}}, "'case_ref' is not a column of cases"),
        ({"tables": {"cases": {"colums": {}}}}, "unknown key(s) colums"),
        ({"encoding": "windows-9999"}, "not an encoding"),
        ({"dates": {"date": "DD/MM/YYYY"}}, "not a strftime format"),
        ({"note_types": [{"match": "exact", "headings": ["X"], "category": "chat"}]}, "categories are"),
        ({"note_types": [{"match": "regex", "headings": ["X"], "category": "panel"}]}, "use 'exact' or 'prefix'"),
    ],
)
def test_a_profile_that_cannot_be_used_says_which_key(toml, says):
    with pytest.raises(ProfileError, match=None) as caught:
        parse_profile(toml, Path("mine.toml"))
    assert says in str(caught.value) and "mine.toml" in str(caught.value)


def test_a_bad_profile_refuses_the_load_and_keeps_the_data(tmp_path):
    profile = tmp_path / "p.toml"
    profile.write_text("encoding = [\n")
    db = tmp_path / "o.duckdb"
    report = load_extract(write_extract(tmp_path / "x", good()), profile, db)
    assert [p.kind for p in report.errors] == ["profile"] and "not valid TOML" in report.errors[0].expected
    assert not db.exists()
