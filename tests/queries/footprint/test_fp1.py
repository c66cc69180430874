"""FP1: a management entry within the last 28 days of D, for cases open on D with
start_date <= D - 28. D is Tuesday 31 March 2026 throughout, so D - 28 is 3 March."""

from tests.queries.footprint._helpers import met, month_end_answers, overall, row

D = "2026-03-31"


def test_population_is_cases_open_on_d_that_started_at_least_28_days_before(extract, measure):
    extract.case("started_28_days_before", "2026-03-03")
    extract.case("started_27_days_before", "2026-03-04")  # too new to judge
    extract.case("closed_on_d", "2026-01-05", end_date="2026-03-31")  # open on D: its last day
    extract.case("closed_mid_month", "2026-01-05", end_date="2026-03-16")
    extract.case("starts_after_d", "2026-04-01")
    rows = measure(extract, "FP1", D)
    assert set(met(rows)) == {"started_28_days_before", "closed_on_d"}


def test_an_entry_on_the_28th_day_back_counts_and_the_29th_does_not(extract, measure):
    extract.case("on_28th_day", "2026-01-05").note("on_28th_day", "2026-03-04")
    extract.case("on_29th_day", "2026-01-05").note("on_29th_day", "2026-03-03")
    extract.case("on_d", "2026-01-05").note("on_d", "2026-03-31 23:59")
    rows = measure(extract, "FP1", D)
    # 4 March to 31 March is 28 days; 3 March is D - 28, outside "D - 28 < date <= D"
    assert met(rows) == {"on_28th_day": True, "on_29th_day": False, "on_d": True}
    assert row(rows, "on_29th_day")["since_date"].isoformat() == "2026-03-03"
    assert row(rows, "on_29th_day")["gap"] == "no management entry in the last 28 days"


def test_an_entry_recorded_after_d_does_not_exist_yet(extract, measure):
    extract.case("c1", "2026-01-05").note("c1", "2026-03-20", recorded_at="2026-04-01 09:00")
    assert met(measure(extract, "FP1", D)) == {"c1": False}
    # the day it was recorded, the same entry counts (20 March is within 28 days of 1 April)
    assert met(measure(extract, "FP1", "2026-04-01")) == {"c1": True}


def test_an_entry_dated_after_d_is_ignored(extract, measure):
    extract.case("c1", "2026-01-05").note("c1", "2026-04-02", recorded_at="2026-03-30")
    assert met(measure(extract, "FP1", D)) == {"c1": False}


def test_a_practitioners_note_counts_only_when_policy_accepts_any_author(extract, measure):
    extract.case("c1", "2026-01-05").note("c1", "2026-03-20", author_id="cm1")
    extract.case("c2", "2026-01-05").note("c2", "2026-03-20", note_type="Home Visit")
    assert met(measure(extract, "FP1", D)) == {"c1": False, "c2": False}
    # any_author_counts widens the authors, never the categories: a home visit is still not oversight
    assert met(measure(extract, "FP1", D, any_author_counts=True)) == {"c1": True, "c2": False}


def test_an_assessment_countersignature_is_a_management_entry(extract, measure):
    extract.case("c1", "2026-01-05").assessment("c1", "2026-01-06", "2026-03-01", "2026-03-10")
    extract.case("c2", "2026-01-05").assessment("c2", "2026-01-06", "2026-03-01", "2026-04-01")
    # c2's countersignature is after D, so on D it has not happened
    assert met(measure(extract, "FP1", D)) == {"c1": True, "c2": False}


def test_zero_denominator_has_no_value(extract, open_db, policy):
    extract.case("new", "2026-03-20").note("new", "2026-03-21")
    assert overall(open_db(extract), policy, "FP1", D) == (0, 0, None)


def test_month_ends_in_one_query_match_each_month_alone(extract, open_db, policy):
    extract.case("c1", "2026-01-01").note("c1", "2026-02-10").note("c1", "2026-03-20", recorded_at="2026-04-01")
    extract.case("c2", "2026-02-10", end_date="2026-03-15").note("c2", "2026-03-05")
    answers = month_end_answers(open_db(extract), policy, "FP1", D, 3)
    assert answers == {
        # 31 Jan: c1 started 1 Jan (30 days) with no entry; c2 not started
        "2026-01-31": {"c1": False},
        # 28 Feb: c1's 10 Feb entry is within 28 days; c2 started 18 days before
        "2026-02-28": {"c1": True},
        # 31 Mar: c1's 20 Mar entry was recorded on 1 Apr, 10 Feb is too old; c2 closed
        "2026-03-31": {"c1": False},
    }
