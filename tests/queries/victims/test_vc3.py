"""VC3: victims who consented to contact, identified in the period, whose 20th working day
after identification is on or before D; met when offered restorative justice by that 20th
working day. D is Tuesday 31 March 2026."""

import datetime as dt

from queries import indicators
from tests.queries.footprint._helpers import met, overall, row

D = "2026-03-31"


def test_the_20th_working_day_is_in_time_and_the_21st_is_not(extract, measure):
    extract.case("c1", "2026-01-05")
    # identified Monday 2 March: the 20th working day after is Monday 30 March
    extract.victim("c1", "2026-03-02", consent_to_contact=True, rj_offered_date="2026-03-30")  # v1
    extract.victim("c1", "2026-03-02", consent_to_contact=True, rj_offered_date="2026-03-31")  # v2: 21st
    extract.victim("c1", "2026-03-02", consent_to_contact=False, rj_offered_date="2026-03-03")  # v3: no consent
    extract.victim("c1", "2026-03-02", rj_offered_date="2026-03-03")  # v4: consent not recorded
    rows = measure(extract, "VC3", D)
    assert met(rows) == {"v1": True, "v2": False}
    assert row(rows, "v1")["deadline_date"] == dt.date(2026, 3, 30)
    assert row(rows, "v2")["gap"] == "restorative justice offered on 2026-03-31, after 2026-03-30"


def test_only_victims_whose_twenty_working_days_have_run_out_by_d(extract, measure):
    extract.case("c1", "2026-01-05")
    extract.victim("c1", "2026-03-03", consent_to_contact=True)  # v1: 20th is 31 March = D
    extract.victim("c1", "2026-03-04", consent_to_contact=True)  # v2: 20th is 1 April
    rows = measure(extract, "VC3", D)
    assert met(rows) == {"v1": False}
    assert row(rows, "v1")["gap"] == "restorative justice not offered by 2026-03-31"
    assert row(rows, "v1")["rj_took_part"] is None


def test_needs_victims_and_zero_gives_no_value(extract, open_db, policy):
    extract.case("c1", "2026-01-05").victim("c1", "2026-03-02", consent_to_contact=False)
    assert overall(open_db(extract), policy, "VC3", D) == (0, 0, None)
    assert indicators.catalogue()["VC3"].requires == ("victims",)
