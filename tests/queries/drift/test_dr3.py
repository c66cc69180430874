"""DR3: open AssetPlus cases with a completed stage, met when the latest stage completed on or
before D is within the last 91 days of D. D is Tuesday 31 March 2026, so D - 91 is
30 December 2025 and a stage completed 31 December 2025 is the oldest that counts."""

import datetime as dt

from tests.queries.footprint._helpers import met, month_end_answers, overall, row

D = "2026-03-31"


def test_the_90th_day_back_counts_and_the_91st_does_not(extract, measure):
    extract.case("d90", "2025-10-01").assessment("d90", "2025-12-01", "2025-12-31")
    extract.case("d91", "2025-10-01").assessment("d91", "2025-12-01", "2025-12-30")
    rows = measure(extract, "DR3", D)
    assert met(rows) == {"d90": True, "d91": False}
    assert row(rows, "d91")["gap"] == "latest stage completed 91 days ago"
    assert row(rows, "d91")["since_date"] == dt.date(2025, 12, 30)


def test_population_is_open_assetplus_cases_with_a_completed_stage(extract, measure):
    extract.case("yro", "2025-10-01").assessment("yro", "2025-10-02", "2026-03-01")
    extract.case("turnaround", "2025-10-01", disposal="turnaround").assessment("turnaround", "2025-10-02", "2026-03-01")
    extract.case("never_completed", "2025-10-01").assessment("never_completed", "2025-10-02")
    extract.case("completed_after_d", "2025-10-01").assessment("completed_after_d", "2026-03-02", "2026-04-01")
    extract.case("closed_mid_month", "2025-10-01", end_date="2026-03-16").assessment(
        "closed_mid_month", "2025-10-02", "2025-10-10"
    )
    assert set(met(measure(extract, "DR3", D))) == {"yro"}


def test_the_latest_stage_completed_by_d_decides(extract, measure):
    # an old stage, a recent one, and one completed after D that does not exist yet
    extract.case("refreshed", "2025-06-01").assessment("refreshed", "2025-06-02", "2025-06-20")
    extract.assessment("refreshed", "2026-02-01", "2026-02-10", stage="review")
    extract.case("stale", "2025-06-01").assessment("stale", "2025-06-02", "2025-06-20")
    extract.assessment("stale", "2026-03-20", "2026-04-02", stage="review")
    rows = measure(extract, "DR3", D)
    assert met(rows) == {"refreshed": True, "stale": False}
    assert row(rows, "stale")["latest_stage_date"] == dt.date(2025, 6, 20)


def test_several_windows_at_once_match_each_alone(extract, open_db, policy):
    extract.case("c1", "2025-10-01").assessment("c1", "2025-10-02", "2025-11-15")
    extract.assessment("c1", "2026-03-01", "2026-03-05", stage="review")
    answers = month_end_answers(open_db(extract), policy, "DR3", D, 3)
    # 31 Jan: 77 days old; 28 Feb: 105 days; 31 Mar: the 5 March review, 26 days
    assert answers == {"2026-01-31": {"c1": True}, "2026-02-28": {"c1": False}, "2026-03-31": {"c1": True}}


def test_zero_denominator_has_no_value(extract, open_db, policy):
    extract.case("c1", "2026-01-05").assessment("c1", "2026-01-06")
    assert overall(open_db(extract), policy, "DR3", D) == (0, 0, None)
