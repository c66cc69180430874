"""RC5: cases open on D with start_date <= D - 91, met by a panels meeting of a case-review type
(default pod, risk_management_panel, high_risk_panel, marp) or a panel-category management entry
by a manager within the last 91 days of D. D is Wednesday 30 September 2026: D - 91 is 1 July,
D - 90 is 2 July."""

import datetime as dt

from queries import indicators
from tests.queries.footprint._helpers import met, month_end_answers, row

D = "2026-09-30"


def test_population_is_cases_open_on_d_started_at_least_91_days_before(extract, measure):
    extract.case("started_d_minus_91", "2026-07-01")
    extract.case("started_d_minus_90", "2026-07-02")
    extract.case("ends_on_d", "2026-01-05", end_date="2026-09-30")
    extract.case("closed", "2026-01-05", end_date="2026-09-29")
    assert set(met(measure(extract, "RC5", D))) == {"started_d_minus_91", "ends_on_d"}


def test_a_case_review_meeting_within_91_days(extract, measure):
    extract.case("pod_d_minus_90", "2026-01-05").panel("pod_d_minus_90", "2026-07-02", "pod")
    extract.case("pod_d_minus_91", "2026-01-05").panel("pod_d_minus_91", "2026-07-01", "pod")
    extract.case("marp", "2026-01-05").panel("marp", "2026-09-01", "marp", "2026-09-02")
    # a MACE meeting is about exploitation, not a review of the case
    extract.case("mace", "2026-01-05").panel("mace", "2026-09-01", "mace")
    # minutes placed on the record after D: the meeting is not known on D
    extract.case("minutes_after_d", "2026-01-05").panel("minutes_after_d", "2026-09-29", "pod", "2026-10-01")
    # another case's meeting is not this case's review
    extract.case("sibling", "2026-01-05").case("reviewed", "2026-01-05").panel("reviewed", "2026-09-01", "pod")
    rows = measure(extract, "RC5", D)
    assert met(rows) == {
        "pod_d_minus_90": True,
        "pod_d_minus_91": False,
        "marp": True,
        "mace": False,
        "minutes_after_d": False,
        "sibling": False,
        "reviewed": True,
    }
    assert row(rows, "pod_d_minus_91")["gap"] == "no case-review meeting or panel entry in the last 91 days"
    assert row(rows, "pod_d_minus_91")["since_date"] == dt.date(2026, 7, 1)
    # the case-review types are policy
    assert met(measure(extract, "RC5", D, case_review_panel_types=["mace"]))["mace"] is True


def test_a_panel_entry_by_a_manager_counts(extract, measure):
    extract.case("pod_heading", "2026-01-05").note("pod_heading", "2026-09-01", note_type="POD")
    extract.case("by_practitioner", "2026-01-05").note(
        "by_practitioner", "2026-09-01", note_type="POD", author_id="cm1"
    )
    extract.case("oversight_only", "2026-01-05").note("oversight_only", "2026-09-01")
    extract.case("recorded_after_d", "2026-01-05").note("recorded_after_d", "2026-09-30", "2026-10-01", note_type="POD")
    assert met(measure(extract, "RC5", D)) == {
        "pod_heading": True,
        "by_practitioner": False,
        "oversight_only": False,
        "recorded_after_d": False,
    }
    assert met(measure(extract, "RC5", D, any_author_counts=True))["by_practitioner"] is True


def test_available_without_panels_loaded(extract, open_db, policy):
    # panel entries alone can meet it, so it needs no optional table
    extract.case("c1", "2026-01-05").note("c1", "2026-09-01", note_type="MARP")
    window = indicators.period(dt.date.fromisoformat(D))
    assert indicators.indicator_table(open_db(extract), window, policy, ids=["RC5"]).rows() == [
        ("RC5", None, 1, 1, 1.0, "ok")
    ]


def test_month_ends_in_one_query_match_each_month_alone(extract, open_db, policy):
    extract.case("c1", "2026-01-05").panel("c1", "2026-05-20", "pod").panel("c1", "2026-09-20", "pod")
    # 31 August: the 20 May meeting is 103 days back and 20 September is still to come (not met);
    # 30 September: the 20 September meeting is 10 days back (met)
    answers = month_end_answers(open_db(extract), policy, "RC5", D, 2)
    assert answers == {"2026-08-31": {"c1": False}, "2026-09-30": {"c1": True}}
