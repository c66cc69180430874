"""ES1: senior events (default serious_incident) notified in the period and at least 1 working
day before D need a management-category note on the case by a head-of-service role from the
notification date to the 1st working day after it. Monday 31 August 2026 is a bank holiday.
D is Wednesday 30 September 2026."""

import datetime as dt

from queries import indicators
from tests.queries.footprint._helpers import met, row

D = "2026-09-30"


def _incident(extract, case_id, occurred_at, **kw):
    return extract.case(case_id, "2026-01-05").event(case_id, occurred_at, "serious_incident", event_id=case_id, **kw)


def test_a_head_of_service_by_the_next_working_day(extract, measure):
    # notified Thursday 27 August: due Friday 28th
    _incident(extract, "hos_next_day", "2026-08-27 10:00").note("hos_next_day", "2026-08-28 17:00", author_id="hos1")
    # an operational manager's or a team manager's note is not a head of service's
    extract.staff("om1", role="operational_manager", team="Management", line_manager_id="hos1")
    _incident(extract, "om_only", "2026-08-27 10:00").note("om_only", "2026-08-27 12:00", author_id="om1")
    _incident(extract, "tm_only", "2026-08-27 10:00").note("tm_only", "2026-08-27 12:00", author_id="tm1")
    # notified Friday 28 August: due Tuesday 1 September, the bank holiday skipped
    _incident(extract, "over_holiday", "2026-08-28 15:00").note("over_holiday", "2026-09-01", author_id="hos1")
    _incident(extract, "a_day_late", "2026-08-28 15:00").note("a_day_late", "2026-09-02", author_id="hos1")
    rows = measure(extract, "ES1", D)
    assert met(rows) == {
        "hos_next_day": True,
        "om_only": False,
        "tm_only": False,
        "over_holiday": True,
        "a_day_late": False,
    }
    assert row(rows, "a_day_late")["gap"] == "no note by a head of service after the serious incident by 01 Sep 2026"
    # the roles are policy
    assert met(measure(extract, "ES1", D, head_of_service_roles=["operational_manager"]))["om_only"] is True


def test_on_the_same_case_recorded_by_d_and_not_before_notification(extract, measure):
    _incident(extract, "sibling_note", "2026-09-10")
    extract.case("other", "2026-01-05").note("other", "2026-09-10", author_id="hos1")
    _incident(extract, "recorded_late", "2026-09-29 09:00").note(
        "recorded_late", "2026-09-29 12:00", "2026-10-01 08:00", author_id="hos1"
    )
    # the incident happened on the 10th but the service learned of it on the 14th
    _incident(extract, "before_notice", "2026-09-10", notified_at="2026-09-14 09:00")
    extract.note("before_notice", "2026-09-11", author_id="hos1")
    assert met(measure(extract, "ES1", D)) == {"sibling_note": False, "recorded_late": False, "before_notice": False}
    assert met(measure(extract, "ES1", "2026-10-01"))["recorded_late"] is True


def test_population_is_senior_event_types_due_by_d(extract, measure):
    extract.case("c1", "2026-01-05")
    extract.event("c1", "2026-09-10", "arrest", event_id="arrest")
    extract.event("c1", "2026-09-10", "safeguarding_concern", event_id="safeguarding")
    extract.event("c1", "2026-09-29", "serious_incident", event_id="due_on_d")
    extract.event("c1", "2026-09-30", "serious_incident", event_id="notified_on_d")  # due 1 October
    extract.event("c1", "2026-07-02", "serious_incident", event_id="before_period")
    assert set(met(measure(extract, "ES1", D))) == {"due_on_d"}
    wider = measure(extract, "ES1", D, senior_event_types=["serious_incident", "safeguarding_concern"])
    assert set(met(wider)) == {"due_on_d", "safeguarding"}


def test_not_available_without_events(extract, open_db, policy):
    extract.case("c1", "2026-01-05")
    window = indicators.period(dt.date.fromisoformat(D))
    assert indicators.indicator_table(open_db(extract), window, policy, ids=["ES1"]).rows() == [
        ("ES1", None, None, None, None, "not_available")
    ]
