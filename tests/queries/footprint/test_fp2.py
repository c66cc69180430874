"""FP2: for each whole calendar month in the period, every case open on every day of it needs a
supervision entry dated in that month. D is 31 March 2026 and the default period starts
1 January 2026 (the 90 days ending on D), so January, February and March are whole months."""

from tests.queries.footprint._helpers import met, month_end_answers, overall, row

D = "2026-03-31"


def test_a_case_counts_for_each_whole_month_it_was_open_every_day(extract, measure):
    extract.case("all_period", "2025-11-10")
    extract.case("from_mid_january", "2026-01-15")  # not open on 1-14 January
    extract.case("from_first_of_february", "2026-02-01")
    extract.case("closed_30_march", "2025-11-10", end_date="2026-03-30")  # missed 31 March
    extract.case("closed_31_march", "2025-11-10", end_date="2026-03-31")
    rows = measure(extract, "FP2", D)
    assert set(met(rows)) == {
        "all_period 2026-01", "all_period 2026-02", "all_period 2026-03",
        "from_mid_january 2026-02", "from_mid_january 2026-03",
        "from_first_of_february 2026-02", "from_first_of_february 2026-03",
        "closed_30_march 2026-01", "closed_30_march 2026-02",
        "closed_31_march 2026-01", "closed_31_march 2026-02", "closed_31_march 2026-03",
    }  # fmt: skip


def test_only_months_wholly_inside_the_period_count(extract, measure):
    extract.case("c1", "2025-11-10")
    # from 2 January: January is not whole; D 30 March: March is not whole
    assert set(met(measure(extract, "FP2", "2026-03-30", start="2026-01-02"))) == {"c1 2026-02"}


def test_a_supervision_entry_counts_for_the_month_it_is_dated_in(extract, measure):
    extract.case("c1", "2025-11-10")
    extract.note("c1", "2026-01-01", note_type="Management Oversight - Supervision")  # first day of January
    extract.note("c1", "2026-02-28 17:00", note_type="Supervision")  # last day of February
    extract.note("c1", "2026-03-15", note_type="Management Oversight")  # oversight, not supervision
    rows = measure(extract, "FP2", D)
    assert met(rows) == {"c1 2026-01": True, "c1 2026-02": True, "c1 2026-03": False}
    march = row(rows, "c1 2026-03")
    assert march["gap"] == "no supervision entry in March 2026"
    assert march["since_date"].isoformat() == "2026-02-28"  # without one since the February entry


def test_a_supervision_recorded_after_d_does_not_count(extract, measure):
    extract.case("c1", "2025-11-10")
    extract.note("c1", "2026-03-27", note_type="Supervision", recorded_at="2026-04-01")
    assert met(measure(extract, "FP2", D))["c1 2026-03"] is False
    assert met(measure(extract, "FP2", "2026-04-01"))["c1 2026-03"] is True


def test_a_supervision_by_a_practitioner_counts_only_when_policy_accepts_any_author(extract, measure):
    extract.case("c1", "2025-11-10").note("c1", "2026-03-10", note_type="Supervision", author_id="cm1")
    assert met(measure(extract, "FP2", D))["c1 2026-03"] is False
    assert met(measure(extract, "FP2", D, any_author_counts=True))["c1 2026-03"] is True


def test_a_period_with_no_whole_month_has_no_value(extract, open_db, policy):
    extract.case("c1", "2025-11-10").note("c1", "2026-03-10", note_type="Supervision")
    assert overall(open_db(extract), policy, "FP2", "2026-03-30", start="2026-03-01") == (0, 0, None)


def test_month_ends_in_one_query_match_each_month_alone(extract, open_db, policy):
    extract.case("c1", "2025-12-01").note("c1", "2026-02-03", note_type="Supervision")
    extract.note("c1", "2026-03-30", note_type="Supervision", recorded_at="2026-04-02")
    extract.case("c2", "2026-01-20", end_date="2026-03-20").note("c2", "2026-02-27", note_type="Supervision")
    answers = month_end_answers(open_db(extract), policy, "FP2", D, 3)
    assert answers == {
        "2026-01-31": {"c1 2026-01": False},  # c2 started on 20 January
        "2026-02-28": {"c1 2026-02": True, "c2 2026-02": True},
        # c1's March entry was recorded on 2 April; c2 closed before March ended
        "2026-03-31": {"c1 2026-03": False},
    }
