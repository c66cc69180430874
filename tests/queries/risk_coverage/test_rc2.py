"""RC2: cases open on D that are high risk on D and on D - 28, met by a panels meeting or a
panel-category management entry within the last 28 days of D. D is Tuesday 31 March 2026, so
D - 28 is 3 March and the 28 days run 4 to 31 March."""

import datetime as dt

from queries import indicators
from tests.queries.footprint._helpers import met, month_end_answers, overall, row

D = "2026-03-31"


def _high_since_january(extract, case_id, **case):
    extract.case(case_id, "2026-01-05", **case)
    extract.assessment(case_id, "2026-01-06", "2026-01-20", rosh="high", swb="low")
    return extract


def test_population_is_high_risk_on_d_and_on_d_minus_28(extract, measure):
    _high_since_january(extract, "high_throughout")
    extract.case("swb_very_high", "2026-01-05").assessment(
        "swb_very_high", "2026-01-06", "2026-01-20", rosh="low", swb="very_high"
    )
    # raised to high on 10 March: not high on 3 March
    extract.case("newly_high", "2026-01-05").assessment("newly_high", "2026-01-06", "2026-01-20", rosh="medium")
    extract.assessment("newly_high", "2026-03-01", "2026-03-10", stage="review", rosh="high")
    # high on 3 March (the review completed that very day), still high on D
    extract.case("high_from_d_minus_28", "2026-01-05").assessment(
        "high_from_d_minus_28", "2026-02-20", "2026-03-03", rosh="high"
    )
    # lowered to medium by D
    _high_since_january(extract, "lowered").assessment(
        "lowered", "2026-03-01", "2026-03-20", stage="review", rosh="medium"
    )
    _high_since_january(extract, "closed_mid_month", end_date="2026-03-16")
    _high_since_january(extract, "medium_only").assessment(
        "medium_only", "2026-01-21", "2026-01-22", stage="review", rosh="medium"
    )
    rows = measure(extract, "RC2", D)
    assert set(met(rows)) == {"high_throughout", "swb_very_high", "high_from_d_minus_28"}
    assert row(rows, "high_throughout")["rosh_on_d_minus_28"] == "high"


def test_a_panel_meeting_on_the_28th_day_back_counts_and_the_29th_does_not(extract, measure):
    extract.include("panels")
    _high_since_january(extract, "on_28th_day").panel("on_28th_day", "2026-03-04")
    _high_since_january(extract, "on_29th_day").panel("on_29th_day", "2026-03-03", panel="mappa")
    _high_since_january(extract, "none")
    rows = measure(extract, "RC2", D)
    assert met(rows) == {"on_28th_day": True, "on_29th_day": False, "none": False}
    assert row(rows, "on_29th_day")["since_date"] == dt.date(2026, 3, 3)
    assert row(rows, "on_29th_day")["gap"] == "no risk panel meeting or panel entry in the last 28 days"
    # with no panel ever, the gap runs from the case's start
    assert row(rows, "none")["since_date"] == dt.date(2026, 1, 5)


def test_a_meeting_whose_minutes_reached_the_record_after_d_is_not_known_on_d(extract, measure):
    _high_since_january(extract, "minuted_after_d").panel("minuted_after_d", "2026-03-25", recorded_date="2026-04-02")
    _high_since_january(extract, "minuted_on_d").panel("minuted_on_d", "2026-03-25", recorded_date="2026-03-31")
    _high_since_january(extract, "no_minutes_date").panel("no_minutes_date", "2026-03-25")
    _high_since_january(extract, "meeting_after_d").panel("meeting_after_d", "2026-04-01")
    rows = measure(extract, "RC2", D)
    assert met(rows) == {
        "minuted_after_d": False,
        "minuted_on_d": True,
        "no_minutes_date": True,  # no recorded_date: the meeting date is all we know
        "meeting_after_d": False,
    }


def test_a_panel_category_entry_counts_without_the_panels_table(extract, measure):
    _high_since_january(extract, "panel_note").note(
        "panel_note", "2026-03-20", note_type="Management Oversight by MACE"
    )
    _high_since_january(extract, "oversight_note").note("oversight_note", "2026-03-20")
    _high_since_january(extract, "panel_note_recorded_late").note(
        "panel_note_recorded_late", "2026-03-20", recorded_at="2026-04-01 10:00", note_type="Risk Management Panel"
    )
    _high_since_january(extract, "practitioner_panel_note").note(
        "practitioner_panel_note", "2026-03-20", note_type="Risk Management Panel", author_id="cm1"
    )
    rows = measure(extract, "RC2", D)
    # an ordinary oversight note is not a panel review; a panel note recorded after D does not
    # exist yet; a practitioner's note is not a management entry
    assert met(rows) == {
        "panel_note": True,
        "oversight_note": False,
        "panel_note_recorded_late": False,
        "practitioner_panel_note": False,
    }


def test_several_windows_at_once_match_each_alone(extract, open_db, policy):
    extract.include("panels")
    _high_since_january(extract, "c1").panel("c1", "2026-02-10")
    answers = month_end_answers(open_db(extract), policy, "RC2", D, 3)
    # 31 Jan: rated high on 20 Jan but not on 3 Jan; 28 Feb: high on 31 Jan and 28 Feb, the
    # 10 Feb panel is within 28 days; 31 Mar: the 10 Feb panel is 49 days old
    assert answers == {"2026-01-31": {}, "2026-02-28": {"c1": True}, "2026-03-31": {"c1": False}}


def test_zero_denominator_has_no_value_and_assessments_are_required(extract, open_db, policy):
    extract.case("c1", "2026-01-05").assessment("c1", "2026-01-06", "2026-01-20", rosh="medium")
    con = open_db(extract)
    assert overall(con, policy, "RC2", D) == (0, 0, None)
    assert indicators.catalogue()["RC2"].requires == ("assessments",)
