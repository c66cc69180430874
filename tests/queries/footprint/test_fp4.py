"""FP4: stages completed in the period and at least 5 working days before D must be
countersigned (by D). Spring bank holiday: Monday 25 May 2026."""

import datetime as dt

from queries import indicators
from tests.queries.footprint._helpers import met, month_end_answers, overall, row

D = "2026-06-05"  # a Friday


def test_a_stage_waits_five_working_days_with_the_bank_holiday_skipped(extract, measure):
    extract.case("c1", "2026-03-02")
    extract.assessment("c1", "2026-05-01", "2026-05-22", assessment_id="fri_22_may")
    extract.assessment("c1", "2026-05-01", "2026-05-29", assessment_id="fri_29_may")  # 5th: Fri 5 June = D
    extract.assessment("c1", "2026-05-01", "2026-06-01", assessment_id="mon_1_june")  # 5th: Mon 8 June
    assert set(met(measure(extract, "FP4", D))) == {"fri_22_may", "fri_29_may"}
    # on Friday 29 May, 22 May's 5th working day is Monday 1 June (not the 29th: 25 May is a holiday)
    assert set(met(measure(extract, "FP4", "2026-05-29"))) == set()
    assert set(met(measure(extract, "FP4", "2026-06-01"))) == {"fri_22_may"}


def test_met_when_countersigned_by_d_whatever_the_stage_or_ratings(extract, measure):
    extract.case("c1", "2026-03-02")
    extract.assessment("c1", "2026-04-01", "2026-04-10", "2026-06-05", stage="psr", rosh="low",
                       assessment_id="psr_signed_on_d")  # fmt: skip
    extract.assessment("c1", "2026-04-01", "2026-04-10", "2026-06-08", assessment_id="signed_after_d")
    extract.assessment("c1", "2026-04-01", "2026-04-10", assessment_id="never_signed")
    extract.assessment("c1", "2026-04-01", None, assessment_id="not_completed")
    rows = measure(extract, "FP4", D)
    assert met(rows) == {"psr_signed_on_d": True, "signed_after_d": False, "never_signed": False}
    late = row(rows, "signed_after_d")
    assert late["countersigned_date"] is None  # not known on D
    # working days after Fri 10 April to Fri 5 June: 40 weekdays less 4 May and 25 May
    assert late["gap"] == "initial stage not countersigned, 38 working days since completion"
    assert late["since_date"].isoformat() == "2026-04-10"


def test_a_stage_completed_before_the_period_is_outside_it(extract, measure):
    extract.case("c1", "2026-01-05")
    extract.assessment("c1", "2026-02-01", "2026-03-07", assessment_id="before")  # period starts 8 March
    extract.assessment("c1", "2026-02-01", "2026-03-08", assessment_id="first_day")
    assert set(met(measure(extract, "FP4", D))) == {"first_day"}


def test_zero_denominator_has_no_value(extract, open_db, policy):
    extract.case("c1", "2026-03-02").assessment("c1", "2026-05-01", "2026-06-02", "2026-06-03")
    assert overall(open_db(extract), policy, "FP4", D) == (0, 0, None)


def test_month_ends_in_one_query_match_each_month_alone(extract, open_db, policy):
    extract.case("c1", "2026-03-02")
    extract.assessment("c1", "2026-04-01", "2026-04-20", "2026-05-06", assessment_id="april")
    extract.assessment("c1", "2026-05-01", "2026-05-11", "2026-06-03", assessment_id="may")
    extract.assessment("c1", "2026-05-01", "2026-05-26", assessment_id="may_late")  # 5th: 2 June
    answers = month_end_answers(open_db(extract), policy, "FP4", "2026-06-30", 3)
    assert answers == {
        # april was signed on 6 May, after 30 April
        "2026-04-30": {"april": False},
        # may was signed on 3 June; may_late's 5th working day is after 31 May
        "2026-05-31": {"may": False},
        "2026-06-30": {},
    }


def test_breakdowns_take_the_cases_rating_on_d(extract, open_db, policy):
    extract.case("c1", "2026-01-05")
    extract.assessment("c1", "2026-03-20", "2026-04-01", "2026-04-02", rosh="low", assessment_id="low_then")
    extract.assessment("c1", "2026-05-01", "2026-05-11", rosh="high", assessment_id="high_later")
    frame = indicators.summary(
        open_db(extract), indicators.catalogue()["FP4"], [indicators.period(dt.date(2026, 6, 5))], policy, by="rosh"
    )
    # a case-level indicator: both stages take the case's rating on D, the later stage's high
    assert [(r["group"], r["numerator"], r["denominator"]) for r in frame.iter_rows(named=True)] == [("high", 1, 2)]


def test_not_available_without_assessments_never_zero(extract, open_db, policy):
    extract.case("c1", "2026-01-05").note("c1", "2026-03-10")
    table = indicators.indicator_table(open_db(extract), indicators.period(dt.date(2026, 6, 5)), policy,
                                       ids=["FP4", "TL4", "TL5"])  # fmt: skip
    assert table.rows() == [(i, None, None, None, None, "not_available") for i in ("FP4", "TL4", "TL5")]
