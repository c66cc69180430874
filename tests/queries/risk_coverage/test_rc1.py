"""RC1: FP1 restricted to cases raised risk on D. D is Tuesday 31 March 2026, so D - 28 is
3 March. Raised risk = RoSH or safety and wellbeing medium, high or very high, each rating from
the latest stage completed on or before D that carries it."""

import datetime as dt

from queries import indicators
from tests.queries.footprint._helpers import met, month_end_answers, overall, row

D = "2026-03-31"


def test_population_is_fp1s_cases_that_are_raised_risk_on_d(extract, measure):
    extract.case("rosh_medium", "2026-01-05").assessment(
        "rosh_medium", "2026-01-06", "2026-01-20", rosh="medium", swb="low"
    )
    extract.case("swb_very_high", "2026-01-05").assessment(
        "swb_very_high", "2026-01-06", "2026-01-20", rosh="low", swb="very_high"
    )
    extract.case("both_low", "2026-01-05").assessment("both_low", "2026-01-06", "2026-01-20", rosh="low", swb="low")
    extract.case("unrated", "2026-01-05").assessment("unrated", "2026-01-06", "2026-01-20")
    extract.case("too_new", "2026-03-04").assessment("too_new", "2026-03-04", "2026-03-05", rosh="high")
    extract.case("closed_mid_month", "2026-01-05", end_date="2026-03-16").assessment(
        "closed_mid_month", "2026-01-06", "2026-01-20", rosh="high"
    )
    rows = measure(extract, "RC1", D)
    # started 4 March is 27 days before D: outside FP1's population, so outside RC1's too
    assert set(met(rows)) == {"rosh_medium", "swb_very_high"}
    assert row(rows, "swb_very_high")["swb_on_d"] == "very_high"


def test_a_stage_completed_after_d_does_not_rate_the_case_on_d(extract, measure):
    extract.case("c1", "2026-01-05").assessment("c1", "2026-01-06", "2026-01-20", rosh="low", swb="low")
    extract.assessment("c1", "2026-03-20", "2026-04-01", stage="review", rosh="high", swb="high")
    assert met(measure(extract, "RC1", D)) == {}
    # on 1 April the review is completed, so the case is raised risk then
    assert set(met(measure(extract, "RC1", "2026-04-01"))) == {"c1"}


def test_each_rating_comes_from_the_latest_stage_that_carries_it(extract, measure):
    # the March review gives no RoSH, so January's high RoSH still stands on D
    extract.case("c1", "2026-01-05").assessment("c1", "2026-01-06", "2026-01-20", rosh="high", swb="low")
    extract.assessment("c1", "2026-03-01", "2026-03-10", stage="review", swb="low")
    rows = measure(extract, "RC1", D)
    assert row(rows, "c1")["rosh_on_d"] == "high"


def test_met_as_fp1_an_entry_on_the_28th_day_back_counts_and_the_29th_does_not(extract, measure):
    for case_id, entry in (("on_28th_day", "2026-03-04"), ("on_29th_day", "2026-03-03")):
        extract.case(case_id, "2026-01-05").assessment(case_id, "2026-01-06", "2026-01-20", rosh="medium")
        extract.note(case_id, entry)
    extract.case("recorded_after_d", "2026-01-05").assessment(
        "recorded_after_d", "2026-01-06", "2026-01-20", rosh="medium"
    )
    extract.note("recorded_after_d", "2026-03-30", recorded_at="2026-04-01 08:00")
    rows = measure(extract, "RC1", D)
    assert met(rows) == {"on_28th_day": True, "on_29th_day": False, "recorded_after_d": False}
    assert row(rows, "on_29th_day")["gap"] == "no management entry in the last 28 days"
    assert row(rows, "on_29th_day")["since_date"] == dt.date(2026, 3, 3)


def test_a_rating_that_changes_inside_the_month_and_several_windows_at_once(extract, open_db, policy):
    # low until a review completed 15 March raises RoSH to high
    extract.case("c1", "2026-01-02").assessment("c1", "2026-01-03", "2026-01-10", rosh="low", swb="low")
    extract.assessment("c1", "2026-03-10", "2026-03-15", stage="review", rosh="high", countersigned_date=None)
    extract.note("c1", "2026-02-20")
    answers = month_end_answers(open_db(extract), policy, "RC1", D, 3)
    # 31 Jan and 28 Feb: rated low, not in the population; 31 Mar: high, and the
    # 20 Feb entry is 39 days old
    assert answers == {"2026-01-31": {}, "2026-02-28": {}, "2026-03-31": {"c1": False}}


def test_zero_denominator_has_no_value(extract, open_db, policy):
    extract.case("c1", "2026-01-05").assessment("c1", "2026-01-06", "2026-01-20", rosh="low", swb="low")
    assert overall(open_db(extract), policy, "RC1", D) == (0, 0, None)


def test_not_available_without_assessments(extract, open_db):
    extract.case("c1", "2026-01-05").note("c1", "2026-03-20")
    con = open_db(extract)
    assert not indicators.is_available(indicators.catalogue()["RC1"], indicators.tables_present(con))
