"""VC2: victims identified in the period whose 10th working day after identification is on or
before D; met when first contacted by that 10th working day, whatever their consent. D is
Tuesday 31 March 2026; the period is the 90 days from 1 January."""

import datetime as dt

from queries import indicators
from tests.queries.footprint._helpers import met, month_end_answers, overall, row

D = "2026-03-31"


def test_the_10th_working_day_is_in_time_and_the_11th_is_not(extract, measure):
    extract.case("c1", "2026-01-05")
    # identified Monday 2 March: the 10th working day after is Monday 16 March
    extract.victim("c1", "2026-03-02", contacted_date="2026-03-16")  # v1: 10th, met
    extract.victim("c1", "2026-03-02", contacted_date="2026-03-17", consent_to_contact=False)  # v2: 11th
    extract.victim("c1", "2026-03-02")  # v3: never contacted
    rows = measure(extract, "VC2", D)
    assert met(rows) == {"v1": True, "v2": False, "v3": False}
    assert row(rows, "v1")["deadline_date"] == dt.date(2026, 3, 16)
    assert row(rows, "v1")["working_days_to_contact"] == 10
    assert row(rows, "v2")["gap"] == "contacted on 2026-03-17, after 2026-03-16"
    assert row(rows, "v3")["gap"] == "not contacted by 2026-03-16"
    assert row(rows, "v1")["case_id"] == "c1" and row(rows, "v1")["item_date"] == dt.date(2026, 3, 2)


def test_only_victims_whose_ten_working_days_have_run_out_by_d(extract, measure):
    extract.case("c1", "2026-01-05")
    extract.victim("c1", "2026-03-17", contacted_date="2026-04-01")  # v1: 10th is 31 March = D; contact after D unknown
    extract.victim("c1", "2026-03-18", contacted_date="2026-03-19")  # v2: 10th is 1 April: not yet due
    extract.victim("c1", "2025-12-31", contacted_date="2026-01-02")  # v3: before the period
    rows = measure(extract, "VC2", D)
    assert met(rows) == {"v1": False}
    assert row(rows, "v1")["contacted_date"] is None
    assert row(rows, "v1")["gap"] == "not contacted by 2026-03-31"


def test_several_windows_at_once_match_each_alone(extract, open_db, policy):
    extract.case("c1", "2026-01-05")
    extract.victim("c1", "2026-01-12", contacted_date="2026-01-13").victim("c1", "2026-02-02")
    answers = month_end_answers(open_db(extract), policy, "VC2", D, 3)
    assert answers == {"2026-01-31": {"v1": True}, "2026-02-28": {"v2": False}, "2026-03-31": {}}


def test_needs_victims_and_zero_gives_no_value(extract, open_db, policy):
    extract.case("c1", "2026-01-05").include("victims")
    assert overall(open_db(extract), policy, "VC2", D) == (0, 0, None)
    assert not indicators.is_available(indicators.catalogue()["VC2"], ["assessments", "supervisions"])
