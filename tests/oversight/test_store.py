"""What a database file holds after a write: staging models read by every indicator."""

import datetime as dt

import polars as pl

from queries import indicators
from queries.runner import run


def _entries(con):
    return run(con.cursor(), "select * from management_entries order by entry_id")


def test_management_entries_hold_manager_notes_and_countersignatures(open_db, extract):
    extract.case("c1", "2026-01-01")
    extract.note("c1", "2026-03-02 10:00", note_type="Management Oversight", author_id="tm1", note_id="n-tm")
    extract.note("c1", "2026-03-02 10:00", note_type="Management Oversight", author_id="cm1", note_id="n-cm")
    extract.note("c1", "2026-03-02 10:00", note_type="Home Visit", author_id="cm1", note_id="n-visit")
    extract.assessment("c1", "2026-02-01", "2026-02-20", "2026-02-24", countersigned_by="cm2", assessment_id="a1")
    entries = _entries(open_db(extract))
    assert entries["entry_id"].to_list() == ["countersignature:a1", "n-cm", "n-tm"]  # the visit is practice
    by_id = {r["entry_id"]: r for r in entries.iter_rows(named=True)}
    assert by_id["n-tm"]["author_is_manager"] and not by_id["n-cm"]["author_is_manager"]
    # a countersignature counts whoever signed it
    assert by_id["countersignature:a1"]["author_is_manager"]
    assert by_id["countersignature:a1"]["entry_date"] == dt.date(2026, 2, 24)


def test_hour_rules_run_in_utc_and_a_date_only_event_counts_from_the_end_of_its_day(open_db, extract):
    extract.case("c1", "2026-01-01")
    # 1 July is in British Summer Time (UTC+1).
    extract.note("c1", "2026-07-01 09:30", "2026-07-02 09:30", note_id="timed")
    extract.note("c1", "2026-07-01", "2026-07-02 09:30", note_id="date-only")
    extract.note("c1", "2026-01-15", "2026-01-16", note_id="winter")
    by_id = {r["entry_id"]: r for r in _entries(open_db(extract)).iter_rows(named=True)}
    assert by_id["timed"]["clock_start_utc"] == dt.datetime(2026, 7, 1, 8, 30)
    assert by_id["timed"]["recorded_utc"] == dt.datetime(2026, 7, 2, 8, 30)
    # end of 1 July local = midnight starting 2 July BST = 23:00 UTC on 1 July
    assert by_id["date-only"]["clock_start_utc"] == dt.datetime(2026, 7, 1, 23, 0)
    assert by_id["winter"]["clock_start_utc"] == dt.datetime(2026, 1, 16, 0, 0)


def test_word_counts_ignore_extra_white_space(open_db, extract):
    extract.case("c1", "2026-01-01")
    extract.note("c1", "2026-03-02", text="  Risk   reviewed\nwith the YP.  ", note_id="n1")
    extract.note("c1", "2026-03-02", text="", note_id="n2")
    counts = dict(_entries(open_db(extract)).select("entry_id", "word_count").iter_rows())
    assert counts == {"n1": 5, "n2": 0}


def test_rating_history_keeps_the_later_start_when_two_stages_complete_the_same_day(open_db, extract):
    extract.case("c1", "2026-01-01")
    extract.assessment("c1", "2026-01-05", "2026-02-01", rosh="low", assessment_id="a-early")
    extract.assessment("c1", "2026-01-20", "2026-02-01", rosh="high", swb="medium", assessment_id="a-late")
    history = run(open_db(extract).cursor(), "select * from rating_history order by rating")
    assert history.select("rating", "value", "assessment_id").rows() == [
        ("rosh", "high", "a-late"),
        ("swb", "medium", "a-late"),
    ]


def test_calendar_covers_the_data_and_working_day_macros_skip_bank_holidays(open_db, extract):
    extract.case("c1", "2026-12-01")
    cur = open_db(extract).cursor()
    got = run(
        cur,
        "select add_working_days(date '2026-12-24', 1) as next_day, "
        "working_days_between(date '2026-12-24', date '2027-01-04') as between_days",
    )
    assert got.row(0) == (dt.date(2026, 12, 29), 4)
    assert isinstance(got, pl.DataFrame)


def test_notes_carry_their_authors_role_and_a_countersignature_none(open_db, extract):
    extract.case("c1", "2026-01-01")
    extract.note("c1", "2026-03-02", author_id="hos1", note_id="n-hos").note(
        "c1", "2026-03-02", author_id="gone", note_id="n-gone"
    )
    extract.assessment("c1", "2026-02-01", "2026-02-20", "2026-02-24", countersigned_by="hos1", assessment_id="a1")
    roles = {r["entry_id"]: r["author_role"] for r in _entries(open_db(extract)).iter_rows(named=True)}
    # an author missing from staff (a leaver) and a countersignature have no role to test
    assert roles == {"n-hos": "head_of_service", "n-gone": None, "countersignature:a1": None}


def test_the_load_records_each_column_holding_a_value(open_db, extract):
    extract.case("c1", "2026-01-01").panel("c1", "2026-03-02")
    extract.assessment("c1", "2026-02-01", "2026-02-20", yet_to_clarify=0)
    present = indicators.tables_present(open_db(extract))
    # tables first, then table.column for each column with at least one value (0 is a value)
    assert present[: present.index("staff") + 1] == [
        "assessments",
        "case_notes",
        "cases",
        "children",
        "panels",
        "staff",
    ]
    assert {"assessments.yet_to_clarify", "panels.meeting_date", "cases.start_date"} <= set(present)
    assert not {"panels.recorded_date", "panels.chair_id", "assessments.countersigned_date", "children.sex"} & set(
        present
    )
