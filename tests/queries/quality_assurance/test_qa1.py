"""QA1: audits dated in the period, with audit_date + 2 <= D, need a management-category note by
a manager on the audited case dated from the audit date to 2 days after it (dates, not hours),
recorded by the end of D. D is Wednesday 30 September 2026; the period starts 3 July."""

import datetime as dt

from queries import indicators
from tests.queries.footprint._helpers import month_end_answers, overall
from tests.queries.quality_assurance._helpers import met_by_case

D = "2026-09-30"


def test_direction_by_the_second_day_after_the_audit(extract, measure):
    # audited Tuesday 1 September: a note on Thursday 3rd (day +2) is in time, Friday 4th (+3) late
    extract.case("plus2", "2026-01-05").audit("plus2", "2026-09-01").note("plus2", "2026-09-03 17:30")
    extract.case("plus3", "2026-01-05").audit("plus3", "2026-09-01").note("plus3", "2026-09-04 09:00")
    # the same day counts; the day before does not (it is not direction after the audit)
    extract.case("same_day", "2026-01-05").audit("same_day", "2026-09-01").note("same_day", "2026-09-01 23:00")
    extract.case("day_before", "2026-01-05").audit("day_before", "2026-09-01").note("day_before", "2026-08-31")
    rows = measure(extract, "QA1", D)
    assert met_by_case(rows) == {"plus2": True, "plus3": False, "same_day": True, "day_before": False}
    late = rows.filter(rows["case_id"] == "plus3").row(0, named=True)
    assert late["gap"] == "no management direction on the file after the audit by 03 Sep 2026"
    assert late["deadline_date"] == dt.date(2026, 9, 3)
    assert late["first_note_date"] == dt.date(2026, 9, 4)


def test_only_a_note_by_a_manager_on_the_same_case(extract, measure):
    # a note on another case is not direction on the audited file
    extract.case("audited", "2026-01-05").audit("audited", "2026-09-01")
    extract.case("other", "2026-01-05").note("other", "2026-09-02")
    # a countersignature is a management entry but not direction after an audit
    extract.case("signed", "2026-01-05").audit("signed", "2026-09-01")
    extract.assessment("signed", "2026-08-20", "2026-08-25", "2026-09-02")
    # a practitioner's note counts only when policy accepts any author
    extract.case("practitioner", "2026-01-05").audit("practitioner", "2026-09-01")
    extract.note("practitioner", "2026-09-02", author_id="cm1")
    # the auditing manager's own audit note is the direction 003 asks for
    extract.case("own_note", "2026-01-05").audit("own_note", "2026-09-01", auditor_id="tm1")
    extract.note("own_note", "2026-09-01 16:00", note_type="Case Audit", author_id="tm1")
    assert met_by_case(measure(extract, "QA1", D)) == {
        "audited": False,
        "signed": False,
        "practitioner": False,
        "own_note": True,
    }
    assert met_by_case(measure(extract, "QA1", D, any_author_counts=True))["practitioner"] is True


def test_a_note_recorded_after_d_does_not_exist_yet(extract, measure):
    extract.case("c1", "2026-01-05").audit("c1", "2026-09-28").note("c1", "2026-09-29", recorded_at="2026-10-01 09:00")
    assert met_by_case(measure(extract, "QA1", D)) == {"c1": False}
    assert met_by_case(measure(extract, "QA1", "2026-10-01")) == {"c1": True}


def test_population_is_audits_in_the_period_with_two_days_run_by_d(extract, measure):
    for case_id, audit_date in [
        ("first_day", "2026-07-03"),
        ("before_period", "2026-07-02"),
        ("due_on_d", "2026-09-28"),  # + 2 = 30 September = D
        ("due_after_d", "2026-09-29"),
        ("after_d", "2026-10-01"),
    ]:
        extract.case(case_id, "2026-01-05").audit(case_id, audit_date)
    # an audit of a case that has not started by D is not counted (the case does not exist yet)
    extract.case("future_case", "2026-10-05").audit("future_case", "2026-09-01")
    assert set(met_by_case(measure(extract, "QA1", D))) == {"first_day", "due_on_d"}
    # the days are policy
    assert set(met_by_case(measure(extract, "QA1", D, audit_followup_days=1))) == {
        "first_day",
        "due_on_d",
        "due_after_d",
    }


def test_not_available_without_audits_and_no_value_for_none(extract, open_db, policy):
    extract.case("c1", "2026-01-05")
    window = indicators.period(dt.date.fromisoformat(D))
    assert indicators.indicator_table(open_db(extract), window, policy, ids=["QA1"]).rows() == [
        ("QA1", None, None, None, None, "not_available")
    ]
    assert overall(open_db(extract.include("audits")), policy, "QA1", D) == (0, 0, None)


def test_month_ends_in_one_query_match_each_month_alone(extract, open_db, policy):
    extract.case("c1", "2026-01-05")
    extract.audit("c1", "2026-08-28").note("c1", "2026-08-29")  # due 30 August: August's, met
    extract.audit("c1", "2026-08-30")  # due 1 September: in neither month
    extract.audit("c1", "2026-09-10")  # September's; the 29 August note is before it
    answers = month_end_answers(open_db(extract), policy, "QA1", D, 2)
    assert {month: sorted(found.values()) for month, found in answers.items()} == {
        "2026-08-31": [True],
        "2026-09-30": [False],
    }
