"""TL4: stages completed in the period (at least 5 working days before D) countersigned within
5 working days of completion; beside it the median working days to countersign (TL4.extra.sql).
Christmas 2026: 25 and 28 December are bank holidays."""

import datetime as dt

from queries import indicators
from tests.queries.footprint._helpers import met, month_end_answers, overall, row

D = "2027-01-15"  # a Friday; the default period starts 18 October 2026


def _stages(extract):
    extract.case("c1", "2026-09-01")
    # Monday 21 December: 22, 23, 24, 29, 30 December; the 5th working day is Wednesday 30th
    extract.assessment("c1", "2026-12-01", "2026-12-21", "2026-12-30", assessment_id="on_5th")
    extract.assessment("c1", "2026-12-01", "2026-12-21", "2026-12-31", assessment_id="on_6th")
    extract.assessment("c1", "2026-11-20", "2026-12-01", "2026-12-02", assessment_id="next_day")
    extract.assessment("c1", "2026-11-20", "2026-12-01", "2027-01-20", assessment_id="signed_after_d")
    extract.assessment("c1", "2026-10-20", "2026-11-02", assessment_id="never_signed")
    extract.assessment("c1", "2027-01-04", "2027-01-08", assessment_id="due_on_d")  # 5th: Fri 15 Jan
    extract.assessment("c1", "2027-01-04", "2027-01-11", "2027-01-12", assessment_id="too_recent")  # 18 Jan
    return extract


def test_the_fifth_working_day_skips_christmas(extract, measure):
    rows = measure(_stages(extract), "TL4", D)
    assert met(rows) == {
        "on_5th": True,
        "on_6th": False,
        "next_day": True,
        "signed_after_d": False,
        "never_signed": False,
        "due_on_d": False,
    }
    assert row(rows, "on_6th")["gap"] == "countersigned 6 working days after completion (limit 5)"
    assert row(rows, "on_5th")["working_days_to_countersign"] == 5
    assert row(rows, "on_5th")["item_date"].isoformat() == "2026-12-21"  # item-level: completion day


def test_a_countersignature_after_d_is_not_known_on_d(extract, measure):
    rows = measure(_stages(extract), "TL4", D)
    late = row(rows, "signed_after_d")
    assert late["countersigned_date"] is None
    assert late["working_days_to_countersign"] is None
    # after 1 December to 15 January: 20 working days in December, 10 in January (the 1st a holiday)
    assert late["gap"] == "initial stage not countersigned, 30 working days since completion"
    # on 31 January it is countersigned, 33 working days after completion: late, not missing
    later = row(measure(_stages(extract), "TL4", "2027-01-31"), "signed_after_d")
    assert (later["in_numerator"], later["working_days_to_countersign"]) == (False, 33)


def test_median_working_days_to_countersign_covers_countersigned_stages_only(extract, open_db, policy):
    con = open_db(_stages(extract))
    ind = indicators.catalogue()["TL4"]
    windows = [
        indicators.period(dt.date(2027, 1, 15)),
        indicators.period(dt.date(2027, 1, 31)),  # from 3 November: never_signed drops out
        indicators.Window(dt.date(2026, 11, 30), dt.date(2026, 11, 1)),  # nothing countersigned
    ]
    extra = {r["as_of_date"].isoformat(): r for r in indicators.extras(con, ind, windows, policy).iter_rows(named=True)}
    # 15 Jan: next_day 1, on_5th 5, on_6th 6 -> median 5; signed_after_d, never_signed, due_on_d unsigned
    assert (extra["2027-01-15"]["median_working_days_to_countersign"], extra["2027-01-15"]["countersigned_stages"],
            extra["2027-01-15"]["not_countersigned_stages"]) == (5, 3, 3)  # fmt: skip
    # 31 Jan: 1, 5, 6, 33 and too_recent 1 -> median 5; due_on_d unsigned
    assert (extra["2027-01-31"]["median_working_days_to_countersign"], extra["2027-01-31"]["countersigned_stages"],
            extra["2027-01-31"]["not_countersigned_stages"]) == (5, 5, 1)  # fmt: skip
    # 30 Nov: never_signed (completed 2 Nov) is the only stage: no median
    assert (extra["2026-11-30"]["median_working_days_to_countersign"], extra["2026-11-30"]["countersigned_stages"],
            extra["2026-11-30"]["not_countersigned_stages"]) == (None, 0, 1)  # fmt: skip


def test_zero_denominator_has_no_value(extract, open_db, policy):
    extract.case("c1", "2026-09-01").assessment("c1", "2027-01-04", "2027-01-11", "2027-01-12")
    assert overall(open_db(extract), policy, "TL4", D) == (0, 0, None)


def test_month_ends_in_one_query_match_each_month_alone(extract, open_db, policy):
    answers = month_end_answers(open_db(_stages(extract)), policy, "TL4", "2026-12-31", 3)
    assert answers == {
        "2026-10-31": {},
        "2026-11-30": {"never_signed": False},
        # the stages of 21 December are due on 30 December; on 31 December on_6th has just been signed
        "2026-12-31": {"next_day": True, "signed_after_d": False, "on_5th": True, "on_6th": False},
    }
