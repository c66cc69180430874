"""TL7: panel meetings of every type dated in the period with meeting_date + 2 <= D, met when
recorded_date is given, on or before meeting_date + 2 and on or before D. Not available when no
meeting in the extract has a recorded_date. D is Wednesday 30 September 2026."""

import datetime as dt

from queries import indicators
from tests.queries.footprint._helpers import month_end_answers
from tests.queries.quality_assurance._helpers import met_by_case

D = "2026-09-30"


def _meeting(extract, case_id, meeting_date, recorded_date=None, panel="risk_management_panel"):
    return extract.case(case_id, "2026-01-05").panel(case_id, meeting_date, panel, recorded_date)


def test_minutes_by_the_second_day_after_the_meeting(extract, measure):
    _meeting(extract, "plus2", "2026-09-10", "2026-09-12")  # a Saturday: days, not working days
    _meeting(extract, "plus3", "2026-09-10", "2026-09-13")
    _meeting(extract, "missing", "2026-09-10")
    _meeting(extract, "same_day_mace", "2026-09-10", "2026-09-10", panel="mace")  # every type counts
    rows = measure(extract, "TL7", D)
    assert met_by_case(rows) == {"plus2": True, "plus3": False, "missing": False, "same_day_mace": True}
    gaps = {r["case_id"]: r["gap"] for r in rows.iter_rows(named=True)}
    assert gaps["plus3"] == "minutes recorded 3 days after the meeting (limit 2)"
    assert gaps["missing"] == "no minutes on the record (due 12 Sep 2026)"


def test_minutes_placed_after_d_are_not_on_the_record_yet(extract, measure):
    _meeting(extract, "c1", "2026-09-28", "2026-10-01")
    rows = measure(extract, "TL7", D)
    assert met_by_case(rows) == {"c1": False}
    assert rows["recorded_date"].to_list() == [None]
    assert rows["gap"].to_list() == ["no minutes on the record (due 30 Sep 2026)"]


def test_population_is_meetings_in_the_period_with_two_days_run_by_d(extract, measure):
    _meeting(extract, "due_on_d", "2026-09-28", "2026-09-30")
    _meeting(extract, "due_after_d", "2026-09-29", "2026-09-29")
    _meeting(extract, "first_day", "2026-07-03", "2026-07-03")
    _meeting(extract, "before_period", "2026-07-02", "2026-07-02")
    assert met_by_case(measure(extract, "TL7", D)) == {"due_on_d": True, "first_day": True}
    # the days are policy
    assert met_by_case(measure(extract, "TL7", D, panel_minutes_days=1)) == {
        "due_on_d": False,
        "due_after_d": True,
        "first_day": True,
    }


def test_not_available_when_no_meeting_has_a_recorded_date(extract, open_db, policy):
    _meeting(extract, "c1", "2026-09-10")
    window = indicators.period(dt.date.fromisoformat(D))
    con = open_db(extract)
    assert "panels" in indicators.tables_present(con)
    assert indicators.indicator_table(con, window, policy, ids=["TL7"]).rows() == [
        ("TL7", None, None, None, None, "not_available")
    ]
    # one meeting anywhere in the extract with minutes dated: available, and the meeting without is late
    _meeting(extract, "c2", "2025-01-10", "2025-01-11")
    assert indicators.indicator_table(open_db(extract), window, policy, ids=["TL7"]).rows() == [
        ("TL7", None, 0, 1, 0.0, "ok")
    ]


def test_month_ends_in_one_query_match_each_month_alone(extract, open_db, policy):
    _meeting(extract, "aug", "2026-08-20", "2026-08-21")
    _meeting(extract, "aug_late", "2026-08-30", "2026-08-31")  # due 1 September: in neither month
    _meeting(extract, "sep", "2026-09-20", "2026-09-25")
    answers = month_end_answers(open_db(extract), policy, "TL7", D, 2)
    assert {month: sorted(found.values()) for month, found in answers.items()} == {
        "2026-08-31": [True],
        "2026-09-30": [False],
    }
