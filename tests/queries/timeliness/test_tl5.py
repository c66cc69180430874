"""TL5: cases AssetPlus applies to, started in the period and at least 20 working days before D,
need a stage other than a PSR completed from the start date to the 20th working day after it.
Bank holidays in the way: 3 and 6 April (Easter), 4 and 25 May 2026."""

from tests.queries.footprint._helpers import met, month_end_answers, overall, row

D = "2026-06-30"  # the default period starts 2 April

# Monday 27 April: 28-30 April, 1 May (4), 5-8 May (8), 11-15 (13), 18-22 (18), 26, 27 May (20)
START = "2026-04-27"


def test_the_20th_working_day_skips_both_may_bank_holidays(extract, measure):
    extract.case("on_20th", START).assessment("on_20th", START, "2026-05-27")
    extract.case("on_21st", START).assessment("on_21st", START, "2026-05-28")
    extract.case("never", START)
    rows = measure(extract, "TL5", D)
    assert met(rows) == {"on_20th": True, "on_21st": False, "never": False}
    assert row(rows, "on_21st")["deadline_date"].isoformat() == "2026-05-27"
    assert row(rows, "on_21st")["gap"] == "first stage completed 28 May 2026, after 27 May 2026"
    assert (
        row(rows, "never")["gap"] == "no assessment stage (other than a PSR) completed since the start on 27 Apr 2026"
    )


def test_a_psr_is_not_the_first_assessment(extract, measure):
    extract.case("psr_then_late", START)
    extract.assessment("psr_then_late", "2026-04-20", "2026-05-01", stage="psr")
    extract.assessment("psr_then_late", START, "2026-06-10")
    extract.case("bail_stage", START).assessment("bail_stage", START, "2026-05-11", stage="bail_remand")
    rows = measure(extract, "TL5", D)
    assert met(rows) == {"psr_then_late": False, "bail_stage": True}
    assert row(rows, "psr_then_late")["first_completed_date"].isoformat() == "2026-06-10"


def test_a_stage_completed_before_the_start_does_not_count(extract, measure):
    extract.case("c1", START).assessment("c1", "2026-04-01", "2026-04-24", stage="bail_remand")
    assert met(measure(extract, "TL5", D)) == {"c1": False}


def test_population_is_assetplus_cases_started_in_the_period_20_working_days_before_d(extract, measure):
    extract.case("yro", START)
    extract.case("turnaround", START, disposal="turnaround")  # not applicable, never a failure
    extract.case("community_resolution", START, disposal="community_resolution")
    extract.case("before_period", "2026-04-01")  # period starts 2 April
    # Monday 1 June: its 20th working day is Monday 29 June; Tuesday 2 June's is D
    extract.case("due_29_june", "2026-06-01")
    extract.case("due_on_d", "2026-06-02")
    extract.case("due_after_d", "2026-06-03")
    assert set(met(measure(extract, "TL5", D))) == {"yro", "due_29_june", "due_on_d"}
    # a service that also assesses Turnaround cases with AssetPlus lists it in the policy
    widened = measure(extract, "TL5", D, assetplus_disposals=["yro", "turnaround"])
    assert set(met(widened)) == {"yro", "turnaround", "due_29_june", "due_on_d"}


def test_a_stage_completed_after_d_is_not_completed_on_d(extract, measure):
    extract.case("c1", START).assessment("c1", START, "2026-05-28")
    rows = measure(extract, "TL5", "2026-05-27")  # the deadline itself
    assert met(rows) == {"c1": False}
    assert row(rows, "c1")["first_completed_date"] is None


def test_zero_denominator_has_no_value(extract, open_db, policy):
    extract.case("c1", START, disposal="youth_caution")
    assert overall(open_db(extract), policy, "TL5", D) == (0, 0, None)


def test_month_ends_in_one_query_match_each_month_alone(extract, open_db, policy):
    extract.case("june", "2026-06-01").assessment("june", "2026-06-01", "2026-06-29")
    # started 1 May: due 2 June, after May's end, and outside June's period: in no month's trend
    extract.case("may", "2026-05-01").assessment("may", "2026-05-01", "2026-05-20")
    answers = month_end_answers(open_db(extract), policy, "TL5", D, 3)
    assert answers == {"2026-04-30": {}, "2026-05-31": {}, "2026-06-30": {"june": True}}
