"""RC4 (lower is better): open cases not raised risk on D, flagged when a rising-risk event was
notified within the last 28 days of D (4 to 31 March for D = 31 March 2026) and no stage was
completed since the first of them."""

import datetime as dt

from queries import indicators
from tests.queries.footprint._helpers import met, month_end_answers, overall, row

D = "2026-03-31"


def _low(extract, case_id, **case):
    extract.case(case_id, "2026-01-05", **case)
    return extract.assessment(case_id, "2026-01-06", "2026-01-20", rosh="low", swb="low")


def test_population_is_open_cases_not_raised_risk_unrated_included(extract, measure):
    _low(extract, "low")
    extract.case("unrated", "2026-01-05").include("events")
    extract.case("medium", "2026-01-05").assessment("medium", "2026-01-06", "2026-01-20", rosh="low", swb="medium")
    _low(extract, "closed_mid_month", end_date="2026-03-16")
    extract.case("starts_after_d", "2026-04-01")
    rows = measure(extract, "RC4", D)
    assert met(rows) == {"low": False, "unrated": False}
    assert row(rows, "low")["gap"] is None


def test_an_event_notified_on_the_28th_day_back_flags_and_the_29th_does_not(extract, measure):
    _low(extract, "on_28th_day").event("on_28th_day", "2026-03-04 10:00", "arrest")
    _low(extract, "on_29th_day").event("on_29th_day", "2026-03-03 23:00", "missing_episode")
    _low(extract, "on_d").event("on_d", "2026-03-31", "safeguarding_concern")
    rows = measure(extract, "RC4", D)
    assert met(rows) == {"on_28th_day": True, "on_29th_day": False, "on_d": True}
    assert row(rows, "on_28th_day")["since_date"] == dt.date(2026, 3, 4)
    assert row(rows, "on_28th_day")["gap"] == "arrest since 2026-03-04, no assessment stage completed since"


def test_events_count_from_the_day_the_service_learned_of_them(extract, measure):
    # happened in February, learned of on 10 March: counts; learned of after D: not yet known
    _low(extract, "learned_in_march").event("learned_in_march", "2026-02-20", "charge", notified_at="2026-03-10 09:00")
    _low(extract, "learned_after_d").event("learned_after_d", "2026-03-20", "charge", notified_at="2026-04-01 09:00")
    assert met(measure(extract, "RC4", D)) == {"learned_in_march": True, "learned_after_d": False}


def test_only_rising_risk_event_types_flag(extract, measure):
    _low(extract, "court").event("court", "2026-03-20", "court_appearance")
    _low(extract, "breach").event("breach", "2026-03-20", "breach")
    _low(extract, "exploitation").event("exploitation", "2026-03-20", "exploitation_concern")
    assert met(measure(extract, "RC4", D)) == {"court": False, "breach": False, "exploitation": True}


def test_a_stage_completed_since_the_first_event_clears_the_flag(extract, measure):
    _low(extract, "reassessed").event("reassessed", "2026-03-10").event("reassessed", "2026-03-25", "charge")
    extract.assessment("reassessed", "2026-03-11", "2026-03-12", stage="review", rosh="low", swb="low")
    _low(extract, "same_day").event("same_day", "2026-03-10 15:00")
    extract.assessment("same_day", "2026-03-09", "2026-03-10", stage="review", rosh="low", swb="low")
    _low(extract, "day_before").event("day_before", "2026-03-10")
    extract.assessment("day_before", "2026-03-08", "2026-03-09", stage="review", rosh="low", swb="low")
    _low(extract, "completed_after_d").event("completed_after_d", "2026-03-10")
    extract.assessment("completed_after_d", "2026-03-20", "2026-04-01", stage="review", rosh="low", swb="low")
    rows = measure(extract, "RC4", D)
    assert met(rows) == {"reassessed": False, "same_day": False, "day_before": True, "completed_after_d": True}
    assert row(rows, "reassessed")["recent_events"] == 2


def test_a_reassessment_that_raises_the_risk_moves_the_case_out(extract, open_db, policy):
    _low(extract, "c1").event("c1", "2026-02-20", "police_callout")
    extract.assessment("c1", "2026-03-01", "2026-03-10", stage="review", rosh="medium")
    answers = month_end_answers(open_db(extract), policy, "RC4", D, 3)
    # 28 Feb: low, callout 8 days before, no stage since: flagged. 31 Mar: medium, raised
    assert answers == {"2026-01-31": {"c1": False}, "2026-02-28": {"c1": True}, "2026-03-31": {}}


def test_zero_denominator_and_events_required(extract, open_db, policy):
    extract.case("c1", "2026-01-05").assessment("c1", "2026-01-06", "2026-01-20", rosh="high")
    extract.include("events")
    con = open_db(extract)
    assert overall(con, policy, "RC4", D) == (0, 0, None)
    ind = indicators.catalogue()["RC4"]
    assert ind.direction == "lower"
    assert not indicators.is_available(ind, ["assessments"])
