"""TL2: supervision entries dated in the period, not significant, are recorded within 5 working
days (on or before the 5th working day after the event date). Spring bank holiday: 25 May 2026."""

from tests.queries.footprint._helpers import met, month_end_answers, overall, row

D = "2026-06-30"


def test_the_fifth_working_day_skips_the_bank_holiday(extract, measure):
    extract.case("c1", "2026-03-02")
    # Thursday 21 May: 22, 26, 27, 28, 29 May; the 5th working day is Friday 29 May
    extract.note("c1", "2026-05-21 15:00", "2026-05-29 23:30", note_type="Supervision", note_id="on_5th")
    extract.note("c1", "2026-05-21 15:00", "2026-06-01 08:00", note_type="Supervision", note_id="on_6th")
    rows = measure(extract, "TL2", D)
    assert met(rows) == {"on_5th": True, "on_6th": False}
    late = row(rows, "on_6th")
    assert late["deadline_date"].isoformat() == "2026-05-29"
    assert late["gap"] == "recorded 6 working days after the supervision (limit 5)"


def test_the_early_may_bank_holiday_is_skipped_too(extract, measure):
    extract.case("c1", "2026-03-02")
    # Tuesday 28 April: 29, 30 April, 1, 5, 6 May (4 May a holiday); the 5th is Wednesday 6 May
    extract.note("c1", "2026-04-28", "2026-05-06", note_type="Supervision", note_id="on_6_may")
    extract.note("c1", "2026-04-28", "2026-05-07", note_type="Supervision", note_id="on_7_may")
    assert met(measure(extract, "TL2", D)) == {"on_6_may": True, "on_7_may": False}


def test_only_non_significant_supervision_entries_by_managers(extract, measure):
    extract.case("c1", "2026-03-02")
    extract.note("c1", "2026-06-01", note_type="Management Oversight - Supervision", note_id="supervision")
    extract.note("c1", "2026-06-01", note_type="Supervision", significant=True, note_id="significant")
    extract.note("c1", "2026-06-01", note_type="Supervision", significant=False, note_id="not_significant")
    extract.note("c1", "2026-06-01", note_type="Management Oversight", note_id="oversight")
    extract.note("c1", "2026-06-01", note_type="Supervision", author_id="cm2", note_id="by_practitioner")
    assert set(met(measure(extract, "TL2", D))) == {"supervision", "not_significant"}
    assert set(met(measure(extract, "TL2", D, any_author_counts=True))) == {
        "supervision", "not_significant", "by_practitioner"
    }  # fmt: skip


def test_an_entry_recorded_after_d_is_not_yet_in_the_population(extract, measure):
    extract.case("c1", "2026-03-02")
    extract.note("c1", "2026-06-29", "2026-07-01", note_type="Supervision", note_id="n1")
    assert met(measure(extract, "TL2", D)) == {}
    assert met(measure(extract, "TL2", "2026-07-01")) == {"n1": True}


def test_a_setting_changes_the_limit(extract, measure):
    extract.case("c1", "2026-03-02")
    # Monday 1 June to Monday 8 June is 5 working days
    extract.note("c1", "2026-06-01", "2026-06-08", note_type="Supervision", note_id="n1")
    assert met(measure(extract, "TL2", D)) == {"n1": True}
    assert met(measure(extract, "TL2", D, supervision_record_working_days=4)) == {"n1": False}


def test_zero_denominator_has_no_value(extract, open_db, policy):
    extract.case("c1", "2026-03-02").note("c1", "2026-06-01", note_type="Management Oversight")
    assert overall(open_db(extract), policy, "TL2", D) == (0, 0, None)


def test_month_ends_in_one_query_match_each_month_alone(extract, open_db, policy):
    extract.case("c1", "2026-03-02")
    extract.note("c1", "2026-04-28", "2026-05-06", note_type="Supervision", note_id="april_late")
    extract.note("c1", "2026-05-29", "2026-05-29", note_type="Supervision", note_id="may_same_day")
    extract.note("c1", "2026-06-30", "2026-07-02", note_type="Supervision", note_id="june_after_d")
    answers = month_end_answers(open_db(extract), policy, "TL2", D, 3)
    assert answers == {
        # april_late was recorded on 6 May, after April's end, and is dated outside May
        "2026-04-30": {},
        "2026-05-31": {"may_same_day": True},
        "2026-06-30": {},
    }
