"""The intermediate models and macros built at load (queries/intermediate/), on tiny extracts.

Each answer was worked out by hand from the rows written here. Working days in March 2026:
Friday 6th, Monday 9th, Tuesday 10th (no bank holiday).
"""

import datetime as dt

from oversight.schema import ROLES
from queries.runner import execute, run

D = dt.date


def _rows(con, sql, params=None):
    return run(con.cursor(), sql, params).rows(named=True)


def _windows(cur, *as_of_dates: str, days: int = 90):
    dates = [D.fromisoformat(d) for d in as_of_dates]
    execute(
        cur,
        "create or replace temp table windows as select unnest($a) as as_of_date, unnest($f) as from_date",
        {"a": dates, "f": [d - dt.timedelta(days=days - 1) for d in dates]},
    )


def test_rating_spans_run_from_each_rating_day_to_the_next(open_db, extract):
    extract.case("c1", "2026-01-01")
    extract.assessment("c1", "2026-01-02", "2026-01-10", rosh="low", swb="medium", assessment_id="a1")
    # two stages completed the same day: the later started one gives the rating
    extract.assessment("c1", "2026-01-20", "2026-02-01", rosh="high", assessment_id="a2")
    extract.assessment("c1", "2026-01-25", "2026-02-01", rosh="medium", assessment_id="a3")
    # a stage that rates swb only carries rosh over
    extract.assessment("c1", "2026-02-10", "2026-03-01", swb="low", assessment_id="a4")
    extract.case("c2", "2026-01-01")
    extract.assessment("c2", "2026-01-02", "2026-01-05", rosh="very_high", assessment_id="b1")
    spans = _rows(open_db(extract), "select * from rating_spans order by case_id, valid_from")
    keys = ("case_id", "valid_from", "valid_to", "rosh", "swb", "raised", "high")
    assert [tuple(s[k] for k in keys) for s in spans] == [
        ("c1", D(2026, 1, 10), D(2026, 2, 1), "low", "medium", True, False),
        ("c1", D(2026, 2, 1), D(2026, 3, 1), "medium", "medium", True, False),
        ("c1", D(2026, 3, 1), None, "medium", "low", True, False),
        ("c2", D(2026, 1, 5), None, "very_high", None, True, True),
    ]  # fmt: skip


def test_stage_facts_count_working_days_to_countersign(open_db, extract):
    extract.case("c1", "2026-01-01")
    extract.assessment("c1", "2026-03-01", "2026-03-06", "2026-03-10", assessment_id="fri-to-tue")
    extract.assessment("c1", "2026-03-01", "2026-03-06", "2026-03-05", assessment_id="signed-before")
    extract.assessment("c1", "2026-03-01", "2026-03-06", assessment_id="unsigned")
    extract.assessment("c1", "2026-03-01", assessment_id="not-completed")
    facts = {
        r["assessment_id"]: r["working_days_to_countersign"]
        for r in _rows(open_db(extract), "select * from stage_facts")
    }
    assert facts == {"fri-to-tue": 2, "signed-before": 0, "unsigned": None}


def test_first_stages_skip_a_psr_and_stages_before_the_start(open_db, extract):
    extract.case("c1", "2026-03-01")
    extract.assessment("c1", "2026-01-01", "2026-02-20", stage="initial")  # before the start
    extract.assessment("c1", "2026-03-01", "2026-03-05", stage="psr")
    extract.assessment("c1", "2026-03-01", "2026-03-12", stage="review")
    extract.assessment("c1", "2026-03-01", "2026-03-20", stage="initial")
    extract.case("c2", "2026-03-01")
    rows = _rows(open_db(extract), "select * from first_stages")
    assert rows == [{"case_id": "c1", "first_stage": "review", "first_completed_date": D(2026, 3, 12)}]


def test_event_facts_date_an_event_by_its_notification(open_db, extract):
    extract.case("c1", "2026-01-01")
    extract.event("c1", "2026-03-06 23:30", notified_at="2026-03-09 08:00", event_id="e1")
    rows = _rows(open_db(extract), "select event_id, occurred_date, notified_date from event_facts")
    assert rows == [{"event_id": "e1", "occurred_date": D(2026, 3, 6), "notified_date": D(2026, 3, 9)}]


def test_entry_delays_in_seconds_and_working_days(open_db, extract):
    extract.case("c1", "2026-01-01")
    extract.note("c1", "2026-03-06 10:00", "2026-03-10 10:30", note_id="n1")
    extract.assessment("c1", "2026-03-01", "2026-03-06", "2026-03-10", assessment_id="a1")
    rows = _rows(open_db(extract), "select * from entry_delays")
    # countersignatures have no record delay: only the note
    assert rows == [{"entry_id": "n1", "seconds_to_record": 4 * 86400 + 1800, "working_days_to_record": 2}]


def test_open_cases_on_keeps_cases_open_on_d_that_started_early_enough(open_db, extract):
    extract.case("old", "2026-01-01")
    extract.case("young", "2026-03-20")
    extract.case("closed", "2026-01-01", end_date="2026-03-30")
    extract.case("closes-on-d", "2026-01-01", end_date="2026-03-31")
    cur = open_db(extract).cursor()
    _windows(cur, "2026-03-31")
    rows = run(cur, "select case_id from open_cases_on($lag) order by case_id", {"lag": 28}).rows()
    assert rows == [("closes-on-d",), ("old",)]
    rows = run(cur, "select case_id from open_cases_on(0) order by case_id").rows()
    assert rows == [("closes-on-d",), ("old",), ("young",)]


def test_latest_and_first_entry_read_the_record_as_it_stood_on_d(open_db, extract):
    extract.case("c1", "2026-01-01")
    extract.note("c1", "2026-03-02", note_id="early")
    extract.note("c1", "2026-03-10", "2026-04-02", note_id="recorded-after-d")
    extract.note("c1", "2026-03-20", author_id="cm1", note_id="by-a-case-manager")
    con = open_db(extract)
    sql = """
        select
            latest_entry_by('c1', date '2026-03-31', date '2026-03-31', false) as latest,
            latest_entry_by('c1', date '2026-03-31', date '2026-03-31', true) as latest_any_author,
            first_entry_since('c1', date '2026-03-03', date '2026-03-31', false) as first_since,
            first_entry_since('c1', date '2026-03-03', date '2026-04-30', false) as first_since_later
    """
    assert _rows(con, sql) == [
        {
            "latest": D(2026, 3, 2),
            "latest_any_author": D(2026, 3, 20),
            "first_since": None,
            "first_since_later": D(2026, 3, 10),
        }
    ]


def test_latest_entry_spans_start_when_an_entry_comes_on_record(open_db, extract):
    extract.case("c1", "2026-01-01")
    extract.note("c1", "2026-03-02", note_id="early")
    # dated 10 March, on record from 2 April: the latest by a manager only from then
    extract.note("c1", "2026-03-10", "2026-04-02", note_id="recorded-late")
    extract.note("c1", "2026-03-20", author_id="cm1", note_id="by-a-case-manager")
    # dated before the latest already known: the latest stays the 20 March entry for anyone
    extract.note("c1", "2026-03-01", "2026-04-05", note_id="old-news")
    spans = _rows(open_db(extract), "select * from latest_entry_spans order by valid_from")
    keys = ("valid_from", "valid_to", "latest_manager_entry_date", "latest_entry_date")
    assert [tuple(s[k] for k in keys) for s in spans] == [
        (D(2026, 3, 2), D(2026, 3, 20), D(2026, 3, 2), D(2026, 3, 2)),
        (D(2026, 3, 20), D(2026, 4, 2), D(2026, 3, 2), D(2026, 3, 20)),
        (D(2026, 4, 2), D(2026, 4, 5), D(2026, 3, 10), D(2026, 3, 20)),
        (D(2026, 4, 5), None, D(2026, 3, 10), D(2026, 3, 20)),
    ]  # fmt: skip


def test_open_cases_with_latest_entry_take_the_span_in_force_on_d(open_db, extract):
    extract.case("c1", "2026-01-01")
    extract.note("c1", "2026-03-02", note_id="early")
    extract.note("c1", "2026-03-10", "2026-04-02", note_id="recorded-late")
    extract.note("c1", "2026-03-20", author_id="cm1", note_id="by-a-case-manager")
    extract.case("never", "2026-01-01")
    cur = open_db(extract).cursor()
    _windows(cur, "2026-03-01", "2026-03-31", "2026-04-02")
    sql = """
        select as_of_date, case_id, latest_entry_date
        from open_cases_with_latest_entry(0, $any)
        order by as_of_date, case_id
    """
    # the same answers as latest_entry_by, which reads every entry (the test above)
    assert run(cur, sql, {"any": False}).rows() == [
        (D(2026, 3, 1), "c1", None), (D(2026, 3, 1), "never", None),
        (D(2026, 3, 31), "c1", D(2026, 3, 2)), (D(2026, 3, 31), "never", None),
        (D(2026, 4, 2), "c1", D(2026, 3, 10)), (D(2026, 4, 2), "never", None),
    ]  # fmt: skip
    assert [r[2] for r in run(cur, sql, {"any": True}).rows()] == [
        None, None, D(2026, 3, 20), None, D(2026, 3, 20), None
    ]  # fmt: skip


def test_a_macro_reads_the_tables_not_a_cte_of_the_same_name(open_db, extract):
    extract.case("c1", "2026-01-01")
    cur = open_db(extract).cursor()
    _windows(cur, "2026-03-31")
    sql = """
        with cases as (select 'other' as case_id, date '2000-01-01' as start_date, null as end_date),
        windows as (select date '1999-01-01' as as_of_date, date '1999-01-01' as from_date)
        select case_id from open_cases_on(0)
    """
    assert run(cur, sql).rows() == [("c1",)]


def test_allocation_spans_end_where_the_next_allocation_starts(open_db, extract):
    extract.case("c1", "2026-01-01")
    extract.allocation("c1", "cm1", "2026-01-01", "2026-02-10")
    extract.allocation("c1", "cm2", "2026-03-01")
    extract.case("c2", "2026-01-05", case_manager_id="cm2")  # no allocations: its case manager from the start
    rows = _rows(
        open_db(extract),
        "select case_id, staff_id, from_date, valid_to, to_date, from_allocations from allocation_spans"
        " order by case_id, from_date",
    )
    assert [tuple(r.values()) for r in rows] == [
        ("c1", "cm1", D(2026, 1, 1), D(2026, 3, 1), D(2026, 2, 10), True),
        ("c1", "cm2", D(2026, 3, 1), None, None, True),
        ("c2", "cm2", D(2026, 1, 5), None, None, False),
    ]


def test_holder_spans_fill_the_days_no_allocation_covers_with_the_current_case_manager(open_db, extract):
    # c1 (current case manager cm2) starts 1 Jan; cm1 is allocated from 10 Jan to 10 Feb, cm3
    # from 1 Mar to 20 Mar; the case ends 31 Mar. Days before 10 Jan, from 11 Feb to 28 Feb
    # and from 21 Mar to 31 Mar are covered by no allocation: the current case manager's.
    extract.case("c1", "2026-01-01", case_manager_id="cm2", end_date="2026-03-31")
    extract.allocation("c1", "cm1", "2026-01-10", "2026-02-10").allocation("c1", "cm3", "2026-03-01", "2026-03-20")
    extract.case("c2", "2026-01-05", case_manager_id="cm2")  # no allocations: cm2 from its start, still open
    rows = _rows(open_db(extract), "select * from holder_spans order by case_id, held_from")
    assert [tuple(r.values()) for r in rows] == [
        ("c1", "cm2", D(2026, 1, 1), D(2026, 1, 9)),
        ("c1", "cm1", D(2026, 1, 10), D(2026, 2, 10)),
        ("c1", "cm2", D(2026, 2, 11), D(2026, 2, 28)),
        ("c1", "cm3", D(2026, 3, 1), D(2026, 3, 20)),
        ("c1", "cm2", D(2026, 3, 21), D(2026, 3, 31)),
        ("c2", "cm2", D(2026, 1, 5), None),
    ]


def test_absence_spans_merge_absences_that_overlap(open_db, extract):
    extract.absence("s1", "2026-03-02", "2026-03-16")
    extract.absence("s1", "2026-03-09", "2026-03-20")  # overlaps the first: one span
    extract.absence("s1", "2026-03-03", "2026-03-05")  # inside it
    extract.absence("s1", "2026-03-23", "2026-03-24")  # after a weekend: a span of its own
    extract.absence("s1", "2026-04-01")  # still away
    extract.absence("s2", "2026-03-10", "2026-03-10")
    extract.absence("s3", "2026-03-01")  # still away, and a shorter absence inside it
    extract.absence("s3", "2026-03-05", "2026-03-06")
    spans = _rows(open_db(extract), "select * from absence_spans order by staff_id, from_date")
    assert [(s["staff_id"], s["from_date"], s["to_date"]) for s in spans] == [
        ("s1", D(2026, 3, 2), D(2026, 3, 20)),
        ("s1", D(2026, 3, 23), D(2026, 3, 24)),
        ("s1", D(2026, 4, 1), None),
        ("s2", D(2026, 3, 10), D(2026, 3, 10)),
        ("s3", D(2026, 3, 1), None),
    ]  # fmt: skip


def test_excused_months_are_more_than_half_the_working_days_away(open_db, extract):
    # March 2026: 22 working days. cm1 away 11 of them (exactly half), cm2 12, tm1 from 20 Feb
    # with no to_date (to D: all 22)
    extract.absence("cm1", "2026-03-02", "2026-03-16").absence("cm2", "2026-03-02", "2026-03-17")
    extract.absence("tm1", "2026-02-20")
    con = open_db(extract)
    cur = con.cursor()
    _windows(cur, "2026-03-31", days=31)
    rows = run(cur, "select staff_id, absent_working_days, working_days from excused_months() order by staff_id")
    assert rows.rows() == [("cm2", 12, 22), ("tm1", 22, 22)]


def test_ranked_staff_ranks_roles_in_the_schema_order(open_db, extract):
    # the macro writes the order of oversight/schema.py's ROLES: this keeps the two together
    for i, role in enumerate(ROLES):
        extract.staff(f"rank_{i}", role=role, team="Management")
    ranked = _rows(
        open_db(extract),
        "select role, role_rank, is_most_senior from ranked_staff() where staff_id like 'rank_%'",
    )
    assert sorted((r["role_rank"], r["role"]) for r in ranked) == [(i + 1, role) for i, role in enumerate(ROLES)]
    assert [r["role"] for r in ranked if r["is_most_senior"]] == ["assistant_director"]


def test_panel_reviews_hold_meetings_and_panel_entries_known_from_their_recording(open_db, extract):
    extract.include("panels")
    extract.case("c1", "2026-01-01")
    extract.panel("c1", "2026-03-02", panel="mappa")
    # minutes placed on the record a week later: known from then
    extract.panel("c1", "2026-03-03", recorded_date="2026-03-10")
    extract.note("c1", "2026-03-04", note_type="Risk Management Panel")
    extract.note("c1", "2026-03-05", "2026-03-09 10:00", note_type="Risk Management Panel", author_id="cm1")
    # an oversight note is not a panel review
    extract.note("c1", "2026-03-06")
    reviews = _rows(open_db(extract), "select * from panel_reviews order by review_date")
    keys = ("source", "panel", "review_date", "known_from", "author_is_manager")
    assert [tuple(r[k] for k in keys) for r in reviews] == [
        ("meeting", "mappa", D(2026, 3, 2), D(2026, 3, 2), True),
        ("meeting", "risk_management_panel", D(2026, 3, 3), D(2026, 3, 10), True),
        ("entry", None, D(2026, 3, 4), D(2026, 3, 4), True),
        ("entry", None, D(2026, 3, 5), D(2026, 3, 9), False),
    ]  # fmt: skip
