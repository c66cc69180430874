"""Supervision preparation against a hand-built caseload whose answer was worked out by hand."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from oversight import supervision
from oversight.export import to_csv_bytes
from queries import judgement
from queries.indicators import period, tables_present
from tests.builder import Extract, standard_staff

D = dt.date(2026, 3, 31)


def caseload_extract() -> Extract:
    """cm1's caseload on D = 31 Mar 2026, and what must stay out of it.

    cm1's formal one-to-one sessions: 5 Feb and 10 Mar 2026 (with tm1); a group session on
    20 Mar does not count. So "since the last session" is since 10 Mar.

    - b1, started 1 Dec 2025 (open 91 days or more: JG1 judges it, its review window from the
      start): no management entry, no assessment. Evidence fails (120 days from the start with
      no entry) and the first assessment is late, critically (not completed after 83 working
      days, past the critical limit): insufficient, 2 checks failing, critical.
    - a1, started 1 Feb 2026 (not yet judged): an oversight entry 16 Mar (15 days); an arrest
      notified 15 Mar, after the session (counted), and one notified 2 Apr, after D (not).
    - a2, started 15 Jan 2026 (not yet judged): RoSH medium from a stage completed 20 Jan
      (raised risk; assessment 70 days old); a supervision entry 25 Mar (6 days, after the
      session); a police callout on 5 Mar, before the session (not counted). Nothing to flag.
    - a3, started 10 Feb 2026 (not yet judged): low / low from a stage completed 15 Feb (44 days);
      its last entry an oversight entry 20 Feb (39 days, over 28); an action due 5 Mar never
      completed (open and overdue) and one completed 1 Mar never confirmed (to confirm). Its
      child reference starts with "=": the CSV must not let a spreadsheet run it.
    - a4, started 1 Mar 2026 (not yet judged): nothing recorded; 30 days since the start.
    - a5 (cm1) closed 20 Mar, before D; c9 is cm2's: neither is in cm1's caseload.

    The order: b1 (a check failing critically), a1 (an event since the session), then by checks
    failing (none judged), then raised risk: a2, then the longest without an entry: a3 (39) and
    a4 (30).
    """
    e = standard_staff(Extract())
    e.case("b1", "2025-12-01")
    e.case("a1", "2026-02-01")
    e.case("a2", "2026-01-15")
    e.case("a3", "2026-02-10", child_id="=child-a3")
    e.case("a4", "2026-03-01")
    e.case("a5", "2026-01-05", end_date="2026-03-20")
    e.case("c9", "2026-01-05", case_manager_id="cm2")
    e.note("a1", "2026-03-16 10:00")
    e.note("a2", "2026-03-25 10:00", note_type="Management Oversight - Supervision")
    e.note("a3", "2026-02-20 10:00")
    e.note("c9", "2026-03-30 10:00")
    e.assessment("a2", "2026-01-16", "2026-01-20", "2026-01-21", rosh="medium", swb="low")
    e.assessment("a3", "2026-02-11", "2026-02-15", "2026-02-16", rosh="low", swb="low")
    e.event("a1", "2026-03-15 09:00", "arrest")
    e.event("a1", "2026-04-02 09:00", "arrest")
    e.event("a2", "2026-03-05 09:00", "police_callout")
    e.action("a3", "2026-02-20", due_date="2026-03-05")
    e.action("a3", "2026-02-20", due_date="2026-03-10", completed_date="2026-03-01")
    e.supervision("cm1", "tm1", "2026-02-05")
    e.supervision("cm1", "tm1", "2026-03-10")
    e.supervision("cm1", "tm1", "2026-03-20", kind="group")
    e.supervision("cm2", "tm1", "2026-03-30")
    e.include("events", "actions", "assessments", "supervisions")
    return e


@pytest.fixture
def prepared(open_db, policy):
    con = open_db(caseload_extract())
    window = period(D)
    judged = judgement.judgements(con, window, policy)
    return supervision.prepare(con, "cm1", "Staff cm1 (cm1)", window, policy, judged, tables_present(con))


def test_every_open_case_of_the_case_manager_in_the_order_to_discuss_them(prepared):
    assert prepared.last_session == dt.date(2026, 3, 10)  # the group session of 20 Mar does not count
    assert prepared.supervisor == "Staff tm1"
    assert prepared.since == dt.date(2026, 3, 10)
    assert prepared.cases["case_id"].to_list() == ["b1", "a1", "a2", "a3", "a4"]
    assert prepared.cases["order"].to_list() == [1, 2, 3, 4, 5]


def test_each_column_says_what_the_review_looks_at(prepared):
    rows = {r["case_id"]: r for r in prepared.cases.iter_rows(named=True)}
    b1, a1, a2, a3, a4 = (rows[c] for c in ("b1", "a1", "a2", "a3", "a4"))
    assert (b1["judgement"], b1["failed_checks"], b1["last_entry_date"], b1["days_since_management_entry"]) == (
        "insufficient", 2, None, 120,
    )  # fmt: skip
    assert b1["reasons"].startswith("EVIDENCE_GAP") and "FIRST_ASSESSMENT_LATE_CRITICAL" in b1["reasons"]
    assert b1["to_discuss"] == (
        "a JG1 check failing critically; no management entry for 120 days; no supervision record since the last session"
    )
    assert (a1["judgement"], a1["last_entry_date"], a1["last_entry_kind"], a1["days_since_management_entry"]) == (
        "not_yet", dt.date(2026, 3, 16), "oversight", 15,
    )  # fmt: skip
    assert (a1["events_since"], a1["event_types"]) == (1, "arrest")
    assert a1["to_discuss"] == "1 event since the last session (arrest); no supervision record since the last session"
    assert (a2["rosh"], a2["swb"], a2["last_assessment_date"], a2["assessment_age_days"]) == (
        "medium", "low", dt.date(2026, 1, 20), 70,
    )  # fmt: skip
    assert (a2["last_supervision_date"], a2["days_since_management_entry"], a2["events_since"]) == (
        dt.date(2026, 3, 25), 6, 0,
    )  # fmt: skip
    assert a2["to_discuss"] == "basic check-in: nothing flagged"
    assert (a3["actions_open"], a3["actions_overdue"], a3["actions_unconfirmed"]) == (1, 1, 1)
    assert (a3["assessment_age_days"], a3["days_since_management_entry"]) == (44, 39)
    assert a3["to_discuss"] == (
        "no management entry for 39 days; no supervision record since the last session; 1 action overdue; "
        "1 completed action to confirm"
    )
    assert (a4["last_entry_date"], a4["days_since_management_entry"], a4["last_assessment_date"]) == (None, 30, None)
    assert (a4["actions_open"], a4["events_since"]) == (0, 0)


def test_without_a_formal_session_since_counts_from_a_month_before_d(open_db, policy):
    extract = caseload_extract()
    extract.rows["supervisions"] = [s for s in extract.rows["supervisions"] if s["supervisee_id"] != "cm1"]
    con = open_db(extract)
    judged = judgement.judgements(con, period(D), policy)
    prep = supervision.prepare(con, "cm1", "cm1", period(D), policy, judged, tables_present(con))
    assert (prep.last_session, prep.since) == (None, dt.date(2026, 2, 28))
    a2 = prep.cases.filter(pl.col("case_id") == "a2").row(0, named=True)
    assert a2["events_since"] == 1  # the police callout of 5 Mar is within the month
    assert "no supervision record" not in a2["to_discuss"]  # 25 Mar is within the month


def test_outside_the_scope_no_case_is_prepared(open_db, policy):
    con = open_db(caseload_extract())
    judged = judgement.judgements(con, period(D), policy)
    prep = supervision.prepare(con, "cm1", "cm1", period(D), policy, judged, tables_present(con), ("cm2",))
    assert prep.cases.height == 0


def test_the_csv_keeps_codes_and_escapes_formulas(prepared):
    csv = to_csv_bytes(supervision.export_frame(prepared)).decode("utf-8-sig")
    header, *lines = csv.splitlines()
    assert header.startswith("case_manager_id,as_of_date,last_formal_session,order,case_id,child_id")
    assert "'=child-a3" in csv and ",=child-a3" not in csv
    assert "EVIDENCE_GAP" in lines[0]  # codes kept for scripts


def test_the_pdf_is_one_page_for_a_caseload_that_fits(prepared, policy):
    pdf = supervision.pdf_bytes([prepared, prepared], {"source": "test", "synthetic": True}, policy)
    assert pdf.startswith(b"%PDF")
    assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") + pdf.count(b"/Type /Page/") == 2
