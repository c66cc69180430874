"""JG1: each of the nine checks, each critical rule, the judgement rules and the windows.

Most cases start on Monday 5 January 2026 and are judged as of Tuesday 30 June 2026, so the
review window is 5 Jan - 30 Jun (30 Jun - 181 days is 31 Dec 2025, before the start). A
"quiet" case has a management entry without text every 21 days from 12 Jan to 29 Jun, so
Evidence passes and QL1 has nothing to look at; each test then adds what it is about.
Working days skip weekends and England and Wales bank holidays (3 and 6 April 2026 at Easter,
4 and 25 May, 31 August).
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from queries import indicators
from tests.builder import Extract

D = "2026-06-30"
STEADY = ("2026-01-12", "2026-02-02", "2026-02-23", "2026-03-16", "2026-04-06", "2026-04-27",
          "2026-05-18", "2026-06-08", "2026-06-29")  # fmt: skip
# the same cadence a week later, for the event tests (no entry near 2 April)
STEADY_LATER = ("2026-01-19", "2026-02-09", "2026-03-02", "2026-03-23", "2026-04-13", "2026-05-04",
                "2026-05-25", "2026-06-15")  # fmt: skip
WORDS_39 = " ".join(["word"] * 39)
WORDS_40 = " ".join(["word"] * 40)


def judge(measure, extract: Extract, as_of: str = D, **overrides) -> dict[str, dict]:
    return {r["case_id"]: r for r in measure(extract, "JG1", as_of, **overrides).to_dicts()}


def quiet(e: Extract, case_id: str, disposal: str = "prevention", start: str = "2026-01-05", dates=STEADY) -> Extract:
    e.case(case_id, start, disposal=disposal)
    for day in dates:
        e.note(case_id, day)
    return e


def assessed(e: Extract, case_id: str, review: bool = True, dates=STEADY) -> Extract:
    """A yro case whose assessments pass every check: initial completed 20 Jan, countersigned
    22 Jan; review completed 15 Apr, countersigned 17 Apr (76 days old on D); ratings low."""
    quiet(e, case_id, disposal="yro", dates=dates)
    e.assessment(case_id, "2026-01-05", "2026-01-20", "2026-01-22", rosh="low", swb="low")
    if review:
        e.assessment(case_id, "2026-04-13", "2026-04-15", "2026-04-17", stage="review", rosh="low", swb="low")
    return e


def codes(row: dict) -> list[str]:
    return [r.split(" ")[0] for r in row["reasons"].split("; ")] if row["reasons"] else []


# --- population and window ---------------------------------------------------------------


def test_population_and_review_windows(measure, extract):
    e = extract
    quiet(e, "old", start="2025-06-02")
    quiet(e, "d91", start="2026-03-31")  # exactly D - 91: judged
    quiet(e, "d90", start="2026-04-01")  # D - 90: not yet
    e.case("closed", "2026-01-05", end_date="2026-05-15", disposal="prevention")
    e.case("closed_before", "2026-01-05", end_date="2026-03-31", disposal="prevention")  # period starts 2 Apr
    e.case("closed_young", "2026-05-01", end_date="2026-06-10", disposal="prevention")
    e.case("ends_later", "2026-01-05", end_date="2026-08-31", disposal="prevention")
    e.case("future", "2026-07-01", disposal="prevention")
    rows = judge(measure, e)
    assert set(rows) == {"old", "d91", "closed", "closed_young", "ends_later"}
    window = {k: (str(r["window_start"]), str(r["window_end"])) for k, r in rows.items()}
    assert window == {
        "old": ("2025-12-31", "2026-06-30"),  # the 182 days ending on D
        "d91": ("2026-03-31", "2026-06-30"),  # from the start, later
        "closed": ("2026-01-05", "2026-05-15"),  # ends on end_date
        "closed_young": ("2026-05-01", "2026-06-10"),  # closed in the period: judged at any age
        "ends_later": ("2026-01-05", "2026-06-30"),  # an end date after D is empty on D
    }
    assert all(r["item_date"] == dt.date(2026, 6, 30) for r in rows.values())


def test_zero_denominator_has_no_value(open_db, extract, policy):
    quiet(extract, "young", start="2026-05-01")
    con = open_db(extract)
    summary = indicators.summary(con, indicators.catalogue()["JG1"], [indicators.period(dt.date(2026, 6, 30))], policy)
    assert summary.select("numerator", "denominator", "value").row(0) == (0, 0, None)


# --- Evidence ------------------------------------------------------------------------------


def test_evidence_boundaries_for_a_case_not_raised(measure, extract):
    # not raised: N = 56. First entry 55 days after the start passes, 56 fails; consecutive
    # entries 56 apart pass, 57 fail; the last 55 days before the end passes, 56 fails.
    e = extract
    for case_id, dates in {
        "ok": ("2026-03-01", "2026-04-26", "2026-05-06"),
        "first56": ("2026-03-02", "2026-04-26", "2026-05-06"),
        "apart57": ("2026-03-01", "2026-04-27", "2026-05-06"),
        "last56": ("2026-03-01", "2026-04-26", "2026-05-05"),
        "none": (),
    }.items():
        quiet(e, case_id, dates=dates)
    rows = judge(measure, e)
    assert rows["ok"]["reasons"] is None
    assert rows["ok"]["evidence"] == "pass"
    assert rows["ok"]["strengths"] == "REGULAR_OVERSIGHT (3 entries, longest gap 56 days)"
    assert rows["first56"]["reasons"] == "EVIDENCE_GAP 2026-01-05..2026-03-02 (56 days)"
    assert rows["apart57"]["reasons"] == "EVIDENCE_GAP 2026-03-01..2026-04-27 (57 days)"
    assert rows["last56"]["reasons"] == "EVIDENCE_GAP 2026-05-05..2026-06-30 (56 days)"
    assert rows["none"]["reasons"] == "EVIDENCE_GAP 2026-01-05..2026-06-30 (176 days)"
    # one failed check, not raised, not critical: still sufficient (as JG1's rule says,
    # even with no entry at all)
    for case_id in ("first56", "apart57", "last56", "none"):
        assert rows[case_id]["judgement"] == "sufficient", case_id
        assert rows[case_id]["in_numerator"] and rows[case_id]["gap"] is None
        assert rows[case_id]["raised_in_window"] is False


def test_evidence_reads_the_gaps_between_entries_on_record_by_d(measure, extract):
    # a note dated 1 March recorded on 1 July does not exist yet on 30 June: the gap runs from
    # 12 January to 20 April (98 days, over 56). On 1 July it is on record and no gap is over 56.
    # A note by a case manager sits between two managers' notes and does not count.
    e = extract
    quiet(e, "late", dates=("2026-01-12", "2026-04-20", "2026-06-08", "2026-06-29"))
    e.note("late", "2026-03-01", "2026-07-01")
    quiet(e, "between", dates=("2026-01-12", "2026-03-01", "2026-04-20", "2026-06-08", "2026-06-29"))
    e.note("between", "2026-02-10", author_id="cm1")
    on_d = judge(measure, e)
    assert on_d["late"]["reasons"] == "EVIDENCE_GAP 2026-01-12..2026-04-20 (98 days)"
    assert on_d["between"]["strengths"] == "REGULAR_OVERSIGHT (5 entries, longest gap 50 days)"
    a_day_later = judge(measure, e, as_of="2026-07-01")
    assert a_day_later["late"]["evidence"] == "pass"
    assert a_day_later["late"]["strengths"] == "REGULAR_OVERSIGHT (5 entries, longest gap 50 days)"
    # any author counts: the case manager's note splits 12 Jan - 1 Mar (48 days) in two
    anyone = judge(measure, e, any_author_counts=True)
    assert anyone["between"]["strengths"] == "REGULAR_OVERSIGHT (6 entries, longest gap 50 days)"
    assert anyone["late"]["reasons"] == "EVIDENCE_GAP 2026-01-12..2026-04-20 (98 days)"


def test_evidence_for_a_raised_case_and_a_rating_raised_inside_the_window(measure, extract):
    e = extract
    # rosh medium from 10 Jan (countersigned 12 Jan, itself an entry): N = 28
    for case_id, dates in {
        "every28": ("2026-02-09", "2026-03-09", "2026-04-06", "2026-05-04", "2026-06-01", "2026-06-29"),
        "gap29": ("2026-02-09", "2026-03-10", "2026-04-06", "2026-05-04", "2026-06-01", "2026-06-29"),
    }.items():
        quiet(e, case_id, dates=dates)
        e.assessment(case_id, "2026-01-05", "2026-01-10", "2026-01-12", stage="other", rosh="medium")
    # low until a review completed 1 May rates swb medium: raised at a time in the window, so
    # N = 28 for the whole window; gaps of 34-40 days then fail
    for case_id, review_completed in (("rises", "2026-05-01"), ("rises_after_d", "2026-07-03")):
        quiet(e, case_id, dates=("2026-02-20", "2026-04-01", "2026-05-11", "2026-06-20"))
        e.assessment(case_id, "2026-01-05", "2026-01-10", "2026-01-12", stage="other", rosh="low", swb="low")
        e.assessment(case_id, "2026-04-27", review_completed, "2026-05-05", stage="review", rosh="low", swb="medium")
    rows = judge(measure, e)
    assert rows["every28"]["reasons"] is None
    assert rows["every28"]["judgement"] == "sufficient"
    # a raised-risk case failing Evidence is insufficient on that alone
    assert rows["gap29"]["reasons"] == "EVIDENCE_GAP 2026-02-09..2026-03-10 (29 days)"
    assert rows["gap29"]["judgement"] == "insufficient"
    assert rows["gap29"]["gap"] == rows["gap29"]["reasons"]
    assert rows["gap29"]["since_date"] == dt.date(2026, 2, 9)
    # rises: entries 12 Jan, 20 Feb, 1 Apr, 5 May (countersignature), 11 May, 20 Jun; gaps over
    # 28 days: 39, 40, 34, 40; the longest (first of the two 40s) is shown
    assert rows["rises"]["raised_in_window"] is True
    assert rows["rises"]["reasons"] == "EVIDENCE_GAP 2026-02-20..2026-04-01 (40 days, 3 more)"
    assert rows["rises"]["judgement"] == "insufficient"
    # the review completed after D does not exist yet; its countersignature on 5 May is an
    # entry (countersigned before completion: the extract's own inconsistency), N stays 56
    assert rows["rises_after_d"]["raised_in_window"] is False
    assert rows["rises_after_d"]["evidence"] == "pass"
    assert rows["rises_after_d"]["judgement"] == "sufficient"


def test_only_managers_entries_count_unless_policy_says_any_author(measure, extract):
    e = extract
    quiet(e, "cm_only", dates=())
    for day in STEADY:
        e.note("cm_only", day, author_id="cm1")
    assert judge(measure, e)["cm_only"]["reasons"] == "EVIDENCE_GAP 2026-01-05..2026-06-30 (176 days)"
    assert judge(measure, e, any_author_counts=True)["cm_only"]["reasons"] is None


# --- TL5: first assessment -------------------------------------------------------------------


def test_first_assessment(measure, extract):
    e = extract
    # start Mon 5 Jan: the 20th working day after is Mon 2 Feb
    for case_id, completed in (("on_time", "2026-02-02"), ("late", "2026-02-03"),
                               ("late60", "2026-03-30"), ("late61", "2026-03-31")):  # fmt: skip
        quiet(e, case_id, disposal="yro")
        e.assessment(case_id, "2026-01-05", completed, completed, rosh="low", swb="low")
    # a PSR is not the first assessment
    quiet(e, "psr_first", disposal="yro")
    e.assessment("psr_first", "2025-12-20", "2026-01-20", "2026-01-20", stage="psr", rosh="low", swb="low")
    e.assessment("psr_first", "2026-01-05", "2026-02-10", "2026-02-10", rosh="low", swb="low")
    # a review in April keeps these assessments up to date on D
    for case_id in ("on_time", "late", "late60", "late61", "psr_first"):
        e.assessment(case_id, "2026-04-13", "2026-04-15", "2026-04-17", stage="review", rosh="low", swb="low")
    quiet(e, "never", disposal="yro")
    # started long before the window: its deadline is outside it, n/a
    quiet(e, "old", disposal="yro", start="2025-06-02")
    e.assessment("old", "2026-04-01", "2026-04-20", "2026-04-20", stage="review", rosh="low", swb="low")
    # AssetPlus does not apply to a community resolution: every assessment check n/a
    quiet(e, "cr", disposal="community_resolution")
    rows = judge(measure, e)
    assert rows["on_time"]["first_assessment"] == "pass"
    assert "FIRST_ASSESSMENT_ON_TIME (2026-02-02)" in rows["on_time"]["strengths"]
    assert rows["late"]["reasons"] == "FIRST_ASSESSMENT_LATE 2026-01-05..2026-02-03 (21 working days)"
    assert rows["late"]["judgement"] == "sufficient"  # one failure, not critical
    # 60 working days is not "more than 60"; 61 is critical and insufficient on its own
    assert rows["late60"]["reasons"] == "FIRST_ASSESSMENT_LATE 2026-01-05..2026-03-30 (60 working days)"
    assert rows["late60"]["judgement"] == "sufficient"
    assert rows["late61"]["reasons"] == "FIRST_ASSESSMENT_LATE_CRITICAL 2026-01-05..2026-03-31 (61 working days)"
    assert rows["late61"]["first_assessment"] == "critical"
    assert rows["late61"]["judgement"] == "insufficient"
    assert rows["psr_first"]["reasons"] == "FIRST_ASSESSMENT_LATE 2026-01-05..2026-02-10 (26 working days)"
    # never completed: 122 working days from 5 Jan to 30 Jun (Easter and two May holidays out)
    assert rows["never"]["reasons"] == (
        "FIRST_ASSESSMENT_LATE_CRITICAL 2026-01-05..2026-06-30 (not completed, 122 working days)"
    )
    assert rows["never"]["judgement"] == "insufficient"
    assert rows["never"]["countersigned"] == "n/a" and rows["never"]["assessment_current"] == "n/a"
    assert rows["old"]["first_assessment"] == "n/a"
    assert rows["old"]["reasons"] is None
    assert {k: rows["cr"][k] for k in ("first_assessment", "countersigned", "countersign_time",
                                       "assessment_current")} == dict.fromkeys(
        ("first_assessment", "countersigned", "countersign_time", "assessment_current"), "n/a")  # fmt: skip
    assert rows["cr"]["reasons"] is None and rows["cr"]["assetplus_applies"] is False


def test_first_assessment_deadline_skips_the_spring_bank_holiday(measure, extract):
    # start Mon 11 May: with Mon 25 May a bank holiday, the 20th working day is Tue 9 Jun
    e = extract
    dates = ("2026-05-18", "2026-06-08", "2026-06-29", "2026-07-20", "2026-08-10")
    for case_id, completed in (("on_9_june", "2026-06-09"), ("on_10_june", "2026-06-10")):
        quiet(e, case_id, disposal="yro", start="2026-05-11", dates=dates)
        e.assessment(case_id, "2026-05-11", completed, completed, rosh="low", swb="low")
    rows = judge(measure, e, as_of="2026-08-14")
    assert rows["on_9_june"]["first_assessment"] == "pass"
    assert rows["on_10_june"]["reasons"] == "FIRST_ASSESSMENT_LATE 2026-05-11..2026-06-10 (21 working days)"


# --- FP4 and TL4: countersignature -------------------------------------------------------------


def test_countersignature_in_time_and_missing(measure, extract):
    e = extract
    variants = {
        # completed Wed 1 Apr: with Good Friday and Easter Monday the 5th working day is 10 Apr
        "on_time": ("2026-04-01", "2026-04-10"),
        "late": ("2026-04-01", "2026-04-13"),
        # completed 22 Jun: 5 working days ran out on 29 Jun, before D
        "missing": ("2026-06-22", None),
        # completed 23 Jun: the 5th working day is D itself, so it is looked at
        "missing_23": ("2026-06-23", None),
        # completed 24 Jun: its 5th working day (1 Jul) is after D, so not yet looked at
        "pending_24": ("2026-06-24", None),
        # completed 2 Mar, never countersigned: 82 working days by D, over 60: critical
        "missing_82": ("2026-03-02", None),
    }
    for case_id, (completed, countersigned) in variants.items():
        assessed(e, case_id, review=False)
        e.assessment(case_id, "2026-03-01", completed, countersigned, stage="review", rosh="low", swb="low")
    # initial completed 20 Jan, countersigned 20 May (83 working days) or 16 Apr (60)
    for case_id, countersigned in (("late_83", "2026-05-20"), ("late_60", "2026-04-16")):
        quiet(e, case_id, disposal="yro")
        e.assessment(case_id, "2026-01-05", "2026-01-20", countersigned, rosh="low", swb="low")
        e.assessment(case_id, "2026-04-13", "2026-04-15", "2026-04-17", stage="review", rosh="low", swb="low")
    rows = judge(measure, e)
    assert rows["on_time"]["reasons"] is None
    assert "COUNTERSIGNED_ON_TIME (2 stages)" in rows["on_time"]["strengths"]
    assert rows["late"]["reasons"] == "COUNTERSIGN_LATE 2026-04-01..2026-04-13 (review, 6 working days)"
    assert rows["late"]["countersigned"] == "pass"  # late, but countersigned: TL4 only
    assert rows["missing"]["reasons"] == "NOT_COUNTERSIGNED 2026-06-22..2026-06-30 (review, 6 working days)"
    assert rows["missing"]["countersign_time"] == "pass"  # the initial stage; a missing one is FP4's
    assert rows["missing_23"]["reasons"] == "NOT_COUNTERSIGNED 2026-06-23..2026-06-30 (review, 5 working days)"
    assert rows["pending_24"]["reasons"] is None
    assert "ALL_COUNTERSIGNED (1 stage)" in rows["pending_24"]["strengths"]
    # 82 working days uncountersigned is critical; the stage also leaves the assessment 120
    # days old on D
    assert codes(rows["missing_82"]) == ["NOT_COUNTERSIGNED_CRITICAL", "ASSESSMENT_OUT_OF_DATE"]
    assert rows["missing_82"]["reasons"].startswith(
        "NOT_COUNTERSIGNED_CRITICAL 2026-03-02..2026-06-30 (review, 82 working days)"
    )
    assert rows["missing_82"]["judgement"] == "insufficient"
    assert rows["late_83"]["reasons"] == "COUNTERSIGN_LATE_CRITICAL 2026-01-20..2026-05-20 (initial, 83 working days)"
    assert rows["late_83"]["judgement"] == "insufficient"
    assert rows["late_60"]["reasons"] == "COUNTERSIGN_LATE 2026-01-20..2026-04-16 (initial, 60 working days)"
    assert rows["late_60"]["judgement"] == "sufficient"


def test_a_countersignature_after_d_does_not_exist_yet(measure, extract):
    assessed(extract, "c", review=False)
    extract.assessment("c", "2026-05-20", "2026-06-01", "2026-07-03", stage="review", rosh="low", swb="low")
    # on 30 Jun: not countersigned, 21 working days after completion
    assert judge(measure, extract)["c"]["reasons"] == (
        "NOT_COUNTERSIGNED 2026-06-01..2026-06-30 (review, 21 working days)"
    )
    # on 31 Jul it was, on 3 Jul: 24 working days, late
    assert judge(measure, extract, as_of="2026-07-31")["c"]["reasons"] == (
        "COUNTERSIGN_LATE 2026-06-01..2026-07-03 (review, 24 working days)"
    )


# --- RC2: risk panel ---------------------------------------------------------------------------


def test_risk_panel_at_month_ends_while_high(measure, extract):
    e = extract
    monthly = ("2026-02-15", "2026-03-15", "2026-04-15", "2026-05-15", "2026-06-15")
    for case_id, may_meeting in (("monthly", "2026-05-15"), ("missed_may", None), ("note_may", None),
                                 ("may_3rd", "2026-05-03"), ("may_4th", "2026-05-04")):  # fmt: skip
        quiet(e, case_id)
        # high from 10 Jan: checked at 28 Feb, 31 Mar, 30 Apr, 31 May, 30 Jun (not 31 Jan:
        # unrated on 3 Jan)
        e.assessment(case_id, "2026-01-05", "2026-01-10", "2026-01-12", stage="other", rosh="high")
        for day in monthly:
            if day != "2026-05-15":
                e.panel(case_id, day)
        if may_meeting:
            e.panel(case_id, may_meeting)
    e.note("note_may", "2026-05-15", note_type="Risk Management Panel")
    # high only from 10 Jun: on 30 Jun it was not high 28 days before, so never checked
    quiet(e, "high_late")
    e.assessment("high_late", "2026-01-05", "2026-01-10", "2026-01-12", stage="other", rosh="low", swb="low")
    e.assessment("high_late", "2026-06-01", "2026-06-10", "2026-06-12", stage="review", rosh="low", swb="very_high")
    rows = judge(measure, e)
    assert rows["monthly"]["reasons"] is None
    assert "RISK_PANEL_HELD (5 checks while high risk)" in rows["monthly"]["strengths"]
    assert rows["missed_may"]["reasons"] == "NO_RISK_PANEL 2026-05-31"
    # raised, but one non-critical failure other than Evidence: sufficient
    assert rows["missed_may"]["judgement"] == "sufficient"
    assert rows["note_may"]["reasons"] is None  # a panel entry on the record counts
    # the 28 days up to 31 May are 4 May - 31 May: 3 May is outside
    assert rows["may_3rd"]["reasons"] == "NO_RISK_PANEL 2026-05-31"
    assert rows["may_4th"]["reasons"] is None
    assert rows["high_late"]["risk_panel"] == "n/a"


def test_a_panel_whose_minutes_are_recorded_after_d_does_not_exist_yet(measure, extract):
    e = extract
    for case_id, recorded in (("minuted_late", "2026-07-02"), ("minuted_on_d", "2026-06-30"), ("no_date", None)):
        quiet(e, case_id)
        e.assessment(case_id, "2026-01-05", "2026-01-10", "2026-01-12", stage="other", rosh="high")
        for day in ("2026-02-15", "2026-03-15", "2026-04-15", "2026-05-15"):
            e.panel(case_id, day)
        # the June meeting: its minutes reach the record on `recorded` (RC2 reads it the same way)
        e.panel(case_id, "2026-06-15", recorded_date=recorded)
    rows = judge(measure, e)
    # as of 30 Jun the 2 Jul minutes are not on the record: no panel in 3 Jun - 30 Jun
    assert rows["minuted_late"]["reasons"] == "NO_RISK_PANEL 2026-06-30"
    assert rows["minuted_on_d"]["reasons"] is None
    assert rows["no_date"]["reasons"] is None  # no recorded_date: the meeting date stands
    # a month later the minutes are there and June's check passes
    # (31 Jul itself fails for all three: no meeting in 4 Jul - 31 Jul; one failing point, not "1 more")
    later = judge(measure, e, as_of="2026-07-31")
    panel_reasons = [r for r in later["minuted_late"]["reasons"].split("; ") if r.startswith("NO_RISK_PANEL")]
    assert panel_reasons == ["NO_RISK_PANEL 2026-07-31"]


# --- TL6: events ---------------------------------------------------------------------------------


def test_events_answered_within_a_working_day_of_notification(measure, extract):
    e = extract
    cases = {
        # notified Thu 2 Apr: Good Friday and Easter Monday make Tue 7 Apr the next working day
        "answered": ("arrest", "2026-04-02 10:00", None, "2026-04-07"),
        "unanswered": ("arrest", "2026-04-02 10:00", None, "2026-04-08"),
        # date only: the notification day is what counts
        "date_only": ("charge", "2026-04-02", None, "2026-04-07"),
        # occurred 20 Mar, the service learned of it on 2 Apr: the clock starts then
        "notified_later": ("arrest", "2026-03-20 10:00", "2026-04-02 09:00", "2026-04-07"),
        "safeguarding": ("safeguarding_concern", "2026-04-02 10:00", None, "2026-04-08"),
        "serious": ("serious_incident", "2026-04-02 10:00", None, None),
        "court": ("court_appearance", "2026-04-02 10:00", None, None),  # not a trigger
        "on_d": ("arrest", "2026-06-30 09:00", None, None),  # its working day is not over
        "after_d": ("arrest", "2026-07-01 09:00", None, None),
    }
    for case_id, (event_type, occurred, notified, entry) in cases.items():
        quiet(e, case_id, dates=STEADY_LATER)
        e.event(case_id, occurred, event_type=event_type, notified_at=notified)
        if entry:
            e.note(case_id, entry)
    rows = judge(measure, e)
    assert rows["answered"]["reasons"] is None
    assert "EVENTS_ANSWERED (1 event)" in rows["answered"]["strengths"]
    assert rows["unanswered"]["reasons"] == "EVENT_UNANSWERED 2026-04-02 (arrest)"
    assert rows["unanswered"]["judgement"] == "sufficient"
    assert rows["date_only"]["reasons"] is None
    assert rows["notified_later"]["reasons"] is None
    assert rows["safeguarding"]["reasons"] == "EVENT_UNANSWERED_CRITICAL 2026-04-02 (safeguarding_concern)"
    assert rows["safeguarding"]["judgement"] == "insufficient"
    assert rows["serious"]["reasons"] == "EVENT_UNANSWERED_CRITICAL 2026-04-02 (serious_incident)"
    for case_id in ("court", "on_d", "after_d"):
        assert rows[case_id]["events"] == "n/a", case_id


# --- DR2: actions ---------------------------------------------------------------------------


def test_actions_followed_up(measure, extract):
    e = extract
    cases = {
        # completed 19 Mar: the 10th working day after is 2 Apr
        "done": ("2026-03-01", "2026-03-20", "2026-03-19", "2026-04-02"),
        "confirmed_late": ("2026-03-01", "2026-03-20", "2026-03-19", "2026-04-07"),
        "completed_late": ("2026-03-01", "2026-03-20", "2026-03-21", "2026-03-23"),
        "never_confirmed": ("2026-03-01", "2026-03-20", "2026-03-19", None),
        # no due date: due 28 days after it was set, 29 Mar
        "default_due": ("2026-03-01", None, None, None),
        # due 22 Jun: its 10 working days to confirm run past D, not looked at yet
        "due_recently": ("2026-06-01", "2026-06-22", None, None),
    }
    for case_id, (set_on, due, completed, confirmed) in cases.items():
        quiet(e, case_id)
        e.action(case_id, set_on, due, completed, confirmed)
    rows = judge(measure, e)
    assert rows["done"]["reasons"] is None
    assert "ACTIONS_FOLLOWED_UP (1 action)" in rows["done"]["strengths"]
    assert rows["confirmed_late"]["reasons"] == "ACTIONS_NOT_FOLLOWED_UP 2026-03-20 (completed, not confirmed in time)"
    assert rows["completed_late"]["reasons"] == "ACTIONS_NOT_FOLLOWED_UP 2026-03-20 (not completed by its due date)"
    assert rows["never_confirmed"]["reasons"] == (
        "ACTIONS_NOT_FOLLOWED_UP 2026-03-20 (completed, not confirmed in time)"
    )
    assert rows["default_due"]["reasons"] == "ACTIONS_NOT_FOLLOWED_UP 2026-03-29 (not completed by its due date)"
    assert rows["due_recently"]["actions"] == "n/a"


# --- DR3: assessment up to date --------------------------------------------------------------


def test_assessment_more_than_91_days_old(measure, extract):
    e = extract
    for case_id, completed in (("age_91", "2026-03-31"), ("age_92", "2026-03-30")):
        assessed(e, case_id, review=False)
        e.assessment(case_id, "2026-03-20", completed, completed, stage="review", rosh="low", swb="low")
    rows = judge(measure, e)
    assert rows["age_91"]["reasons"] is None  # 91 days is not "more than 91"
    assert "ASSESSMENT_UP_TO_DATE (2026-03-31)" in rows["age_91"]["strengths"]
    assert rows["age_92"]["reasons"] == "ASSESSMENT_OUT_OF_DATE 2026-03-30..2026-06-30 (92 days)"


# --- QL1: substantive entries -----------------------------------------------------------------


def test_threadbare_entries(measure, extract):
    e = extract
    # nine entries: five of 39 words and four of 40 fail (5 > 9 / 2); four and five pass
    for case_id, short in (("mostly_short", 5), ("half_short", 4)):
        quiet(e, case_id, dates=())
        for n, day in enumerate(STEADY):
            e.note(case_id, day, text=WORDS_39 if n < short else WORDS_40)
    # a case manager's short notes are not management entries, so do not count
    for day in ("2026-01-20", "2026-02-20", "2026-03-20"):
        e.note("half_short", day, author_id="cm1", text="ok")
    rows = judge(measure, e)
    assert rows["mostly_short"]["reasons"] == (
        "THREADBARE_ENTRIES 2026-01-05..2026-06-30 (5 of 9 entries under 40 words)"
    )
    assert rows["half_short"]["reasons"] is None
    assert "SUBSTANTIVE_ENTRIES (5 of 9)" in rows["half_short"]["strengths"]


# --- the judgement rules ------------------------------------------------------------------------


def test_two_failed_checks_make_a_case_insufficient(measure, extract):
    e = extract
    quiet(e, "two", dates=())
    for day in ("2026-03-02", "2026-04-06", "2026-04-27", "2026-05-18", "2026-06-08", "2026-06-29"):
        e.note("two", day, text="ok")
    rows = judge(measure, e)
    assert codes(rows["two"]) == ["EVIDENCE_GAP", "THREADBARE_ENTRIES"]
    assert rows["two"]["failed_checks"] == 2
    assert rows["two"]["judgement"] == "insufficient"
    assert rows["two"]["in_numerator"] is False
    assert rows["two"]["since_date"] == dt.date(2026, 1, 5)  # the earliest failure


def test_a_closed_case_is_judged_to_its_end_date(measure, extract):
    # closed 15 May: entries after the end do not fill the gap before it
    extract.case("closed", "2026-01-05", end_date="2026-05-15", disposal="prevention")
    for day in ("2026-01-12", "2026-02-02", "2026-03-02", "2026-06-01"):
        extract.note("closed", day)
    row = judge(measure, extract)["closed"]
    assert row["reasons"] == "EVIDENCE_GAP 2026-03-02..2026-05-15 (74 days)"
    assert row["days_since_management_entry"] == 74  # at its end


def test_a_closed_case_s_event_can_be_answered_after_it_closed(measure, extract):
    # closed Fri 15 May, an arrest notified that day: the answer is due by Mon 18 May, after the
    # end, and counts there as TL6 counts it (up to D); the entries after the end still do not
    # fill the window's gaps
    for case_id, answer in (("answered_after_closing", "2026-05-18"), ("answered_late", "2026-05-19")):
        extract.case(case_id, "2026-01-05", end_date="2026-05-15", disposal="prevention")
        for day in ("2026-01-12", "2026-02-02", "2026-02-23", "2026-03-16", "2026-04-06", "2026-04-27", answer):
            extract.note(case_id, day)
        extract.event(case_id, "2026-05-15 10:00", event_type="arrest")
    rows = judge(measure, extract)
    assert rows["answered_after_closing"]["events"] == "pass"
    assert rows["answered_late"]["reasons"] == "EVENT_UNANSWERED 2026-05-15 (arrest)"
    for row in rows.values():
        assert row["evidence"] == "pass" and row["days_since_management_entry"] == 18  # 27 Apr to 15 May


# --- as of D, and several windows at once ------------------------------------------------------


def test_an_entry_recorded_after_d_does_not_exist_yet(measure, extract):
    quiet(extract, "c", dates=("2026-02-02", "2026-02-23", "2026-03-16", "2026-04-06", "2026-07-15"))
    extract.note("c", "2026-05-20", "2026-07-10")  # dated 20 May, recorded 10 Jul
    assert judge(measure, extract)["c"]["reasons"] == "EVIDENCE_GAP 2026-04-06..2026-06-30 (85 days)"
    # by 31 Jul it is on record: gaps 44 and 56 days, none over 56
    assert judge(measure, extract, as_of="2026-07-31")["c"]["reasons"] is None


def _mixed(e: Extract) -> Extract:
    from tests.queries.judgement import case_examples

    case_examples.all_examples(e)
    quiet(e, "later_entry", dates=("2026-02-02", "2026-02-23", "2026-03-16", "2026-04-06"))
    e.note("later_entry", "2026-05-20", "2026-07-10")
    e.case("closed", "2026-01-05", end_date="2026-04-15", disposal="prevention")
    assessed(e, "late_cs", review=False)
    e.assessment("late_cs", "2026-05-20", "2026-06-01", "2026-07-03", stage="review", rosh="low", swb="low")
    return e


def test_month_ends_in_one_query_equal_each_window_alone(open_db, extract, policy):
    con = open_db(_mixed(extract))
    ind = indicators.catalogue()["JG1"]
    windows = indicators.month_ends(dt.date(2026, 7, 31), 7)
    together = indicators.items(con, ind, windows, policy)
    # no case is 91 days old before 30 Apr (the first started 5 Jan) and none closed before
    assert together["as_of_date"].n_unique() == 4
    for window in windows:
        alone = indicators.items(con, ind, [window], policy).sort("case_id")
        part = together.filter(pl.col("as_of_date") == window.as_of).sort("case_id")
        assert part.equals(alone), window
    summary = indicators.summary(con, ind, windows, policy)
    by_month = {str(r["as_of_date"]): (r["numerator"], r["denominator"]) for r in summary.to_dicts()}
    # June: later_entry (one gap, not raised) and late_cs (not countersigned: one failure) are
    # sufficient with a reason each; the examples as the inspector judged them
    june = together.filter(pl.col("as_of_date") == dt.date(2026, 6, 30))
    verdicts = dict(zip(june["case_id"], june["judgement"], strict=True))
    assert verdicts == {
        "ex1": "sufficient", "ex2": "sufficient", "ex3": "insufficient", "ex4": "insufficient",
        "later_entry": "sufficient", "late_cs": "sufficient",
    }  # fmt: skip
    assert by_month["2026-06-30"] == (4, 6)
    # April: the closed case (closed 15 Apr, in April) is judged there and only there
    assert "closed" in together.filter(pl.col("as_of_date") == dt.date(2026, 4, 30))["case_id"].to_list()
    assert "closed" not in june["case_id"].to_list()
    assert by_month["2026-03-31"] == (0, 0)


def test_days_since_the_latest_management_entry(measure, extract):
    quiet(extract, "in_window")  # last entry 29 Jun
    extract.case("before_window", "2025-06-02", disposal="prevention")
    extract.note("before_window", "2025-11-01")  # the window starts 31 Dec 2025
    extract.note("before_window", "2025-12-01", author_id="cm1")  # not a manager: not counted
    extract.case("never", "2026-01-05", disposal="prevention")
    rows = judge(measure, extract)
    assert rows["in_window"]["days_since_management_entry"] == 1
    assert rows["before_window"]["latest_entry_date"] == dt.date(2025, 11, 1)
    assert rows["before_window"]["days_since_management_entry"] == 241  # 1 Nov 2025 to 30 Jun 2026
    assert rows["never"]["days_since_management_entry"] == 176  # since the start, 5 Jan


def test_days_since_the_latest_entry_before_the_window_as_known_on_d(measure, extract):
    # closed 15 May 2026, its window from 15 Nov 2025: none in it; one before, one after its end
    extract.case("closed", "2025-06-02", end_date="2026-05-15", disposal="prevention")
    extract.note("closed", "2025-10-01")
    extract.note("closed", "2026-06-01")
    # open, its window from 31 Dec 2025: the latest before it recorded after D does not exist yet
    extract.case("recorded_after_d", "2025-06-02", disposal="prevention")
    extract.note("recorded_after_d", "2025-10-01")
    extract.note("recorded_after_d", "2025-11-01", "2026-07-02")
    rows = judge(measure, extract)
    assert rows["closed"]["latest_entry_date"] == dt.date(2025, 10, 1)
    assert rows["closed"]["days_since_management_entry"] == 226  # 1 Oct 2025 to 15 May 2026
    assert rows["recorded_after_d"]["latest_entry_date"] == dt.date(2025, 10, 1)
    assert rows["recorded_after_d"]["days_since_management_entry"] == 272  # to 30 Jun 2026
