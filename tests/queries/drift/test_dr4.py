"""DR4: (staff member, whole calendar month in the period) for staff holding an open case that
month and every manager above them, short of the most senior post; met by a formal 1:1 that
month for the person and for every manager above them. The standard staff are hos1 (head of
service, the most senior post) > tm1 > cm1, cm2. D is 31 March 2026."""

import datetime as dt

from queries import indicators
from tests.queries.footprint._helpers import met, month_end_answers, overall, row

D = "2026-03-31"
MARCH = "2026-03-01"


def test_population_is_case_holders_and_their_managers_below_the_most_senior_post(extract, measure):
    extract.case("c1", "2026-01-05", case_manager_id="cm1").include("supervisions")
    extract.case("c2", "2026-01-05", case_manager_id="hos1")
    rows = measure(extract, "DR4", D, start=MARCH)
    # cm2 holds no case; hos1 is the most senior post, even holding a case
    assert met(rows) == {"cm1 2026-03": False, "tm1 2026-03": False}
    assert row(rows, "cm1 2026-03")["staff_id"] == "cm1"
    assert row(rows, "cm1 2026-03")["case_id"] is None
    assert row(rows, "cm1 2026-03")["item_date"] == dt.date(2026, 3, 1)


def test_a_manager_without_a_session_breaks_the_chain_for_everyone_below(extract, measure):
    extract.staff("tm2", role="team_manager", line_manager_id="hos1").staff("cm3", line_manager_id="tm2")
    extract.case("c1", "2026-01-05", case_manager_id="cm1").case("c3", "2026-01-05", case_manager_id="cm3")
    extract.supervision("cm1", "tm1", "2026-03-05")  # tm1 has none: cm1's chain is broken
    extract.supervision("cm3", "tm2", "2026-03-31").supervision("tm2", "hos1", "2026-03-01")
    rows = measure(extract, "DR4", D, start=MARCH)
    assert met(rows) == {"cm1 2026-03": False, "tm1 2026-03": False, "cm3 2026-03": True, "tm2 2026-03": True}
    assert row(rows, "cm1 2026-03")["gap"] == "chain broken above: no formal 1:1 for tm1"
    assert row(rows, "cm1 2026-03")["broken_at"] == "tm1"
    assert row(rows, "tm1 2026-03")["gap"] == "no formal 1:1 in 2026-03"
    # hos1 needs no session: the chain stops below the most senior post
    assert row(rows, "tm2 2026-03")["managers_above"] is None


def test_a_chain_of_three_names_every_missing_link(extract, measure):
    # cm1 > tm1 > om1 > hos1
    extract.staff("om1", role="operational_manager", line_manager_id="hos1")
    extract.rows["staff"] = [
        s if s["staff_id"] != "tm1" else {**s, "line_manager_id": "om1"} for s in extract.rows["staff"]
    ]
    extract.case("c1", "2026-01-05", case_manager_id="cm1")
    extract.supervision("cm1", "tm1", "2026-03-05")
    rows = measure(extract, "DR4", D, start=MARCH)
    assert met(rows) == {"cm1 2026-03": False, "tm1 2026-03": False, "om1 2026-03": False}
    # nearest first
    assert row(rows, "cm1 2026-03")["managers_above"] == "tm1, om1"
    assert row(rows, "cm1 2026-03")["broken_at"] == "tm1, om1"
    assert row(rows, "tm1 2026-03")["gap"] == "no formal 1:1 in 2026-03; chain broken above: no formal 1:1 for om1"


def test_only_formal_one_to_ones_count_and_no_kind_means_formal(extract, measure):
    extract.staff("cm3", line_manager_id="tm1")
    extract.case("c1", "2026-01-05", case_manager_id="cm1")
    extract.case("c2", "2026-01-05", case_manager_id="cm2")
    extract.case("c3", "2026-01-05", case_manager_id="cm3")
    extract.supervision("tm1", "hos1", "2026-03-02")
    extract.supervision("cm1", "tm1", "2026-03-10", kind=None)
    extract.supervision("cm2", "tm1", "2026-03-10", kind="group")
    extract.supervision("cm3", "tm1", "2026-02-28")  # February's session is not March's
    rows = measure(extract, "DR4", D, start=MARCH)
    assert met(rows) == {"cm1 2026-03": True, "cm2 2026-03": False, "cm3 2026-03": False, "tm1 2026-03": True}


def test_only_whole_months_in_the_period_count(extract, measure):
    extract.case("c1", "2026-01-05", case_manager_id="cm1").include("supervisions")
    # 15 January to 31 March: January is not whole, February and March are
    assert set(met(measure(extract, "DR4", D, start="2026-01-15"))) == {
        "cm1 2026-02",
        "tm1 2026-02",
        "cm1 2026-03",
        "tm1 2026-03",
    }
    # D in mid-month: no whole month, no value
    assert met(measure(extract, "DR4", "2026-03-15", start=MARCH)) == {}


def test_employment_dates_limit_the_months(extract, measure):
    extract.staff("joiner", line_manager_id="tm1", start_date="2026-03-02")
    extract.staff("leaver", line_manager_id="tm1", end_date="2026-03-31")
    extract.staff("early_leaver", line_manager_id="tm1", end_date="2026-03-30")
    for staff_id in ("joiner", "leaver", "early_leaver"):
        extract.case(f"c_{staff_id}", "2026-01-05", case_manager_id=staff_id)
    extract.include("supervisions")
    rows = measure(extract, "DR4", D, start=MARCH)
    # a month counts when the person was employed for the whole of it
    assert set(met(rows)) == {"leaver 2026-03", "tm1 2026-03"}


def test_case_holding_follows_allocations_and_open_days(extract, measure):
    # cm2 held c1 until 10 February, then cm1; c2 closed on 31 January; c3 starts 10 March
    extract.case("c1", "2026-01-05", case_manager_id="cm1")
    extract.allocation("c1", "cm2", "2026-01-05", "2026-02-10").allocation("c1", "cm1", "2026-02-11")
    extract.staff("cm3", line_manager_id="tm1").staff("cm4", line_manager_id="tm1")
    extract.case("c2", "2026-01-05", case_manager_id="cm3", end_date="2026-01-31")
    extract.case("c3", "2026-03-10", case_manager_id="cm4")
    extract.include("supervisions")
    rows = measure(extract, "DR4", D, start="2026-01-01")
    staff_months = {(r["staff_id"], r["item_date"].month) for r in rows.iter_rows(named=True)}
    assert staff_months == {
        ("cm2", 1), ("cm2", 2), ("cm1", 2), ("cm1", 3), ("cm3", 1), ("cm4", 3),
        ("tm1", 1), ("tm1", 2), ("tm1", 3),
    }  # fmt: skip


def test_several_windows_at_once_match_each_alone(extract, open_db, policy):
    extract.case("c1", "2026-01-05", case_manager_id="cm1")
    extract.supervision("cm1", "tm1", "2026-01-10").supervision("tm1", "hos1", "2026-01-11")
    extract.supervision("cm1", "tm1", "2026-02-10")
    extract.supervision("cm1", "tm1", "2026-03-10").supervision("tm1", "hos1", "2026-03-11")
    answers = month_end_answers(open_db(extract), policy, "DR4", D, 3)
    assert answers == {
        "2026-01-31": {"cm1 2026-01": True, "tm1 2026-01": True},
        "2026-02-28": {"cm1 2026-02": False, "tm1 2026-02": False},  # tm1 missed February
        "2026-03-31": {"cm1 2026-03": True, "tm1 2026-03": True},
    }


def test_zero_denominator_and_supervisions_required(extract, open_db, policy):
    extract.include("supervisions")
    extract.case("c1", "2026-04-01")
    con = open_db(extract)
    assert overall(con, policy, "DR4", D) == (0, 0, None)
    assert not indicators.is_available(indicators.catalogue()["DR4"], ["assessments", "actions"])


# --- specialists and excused absences ------------------------------------------------------
# March 2026 has 22 working days (no bank holiday): absent on 11 is exactly half, not excused;
# on 12, more than half, excused. May 2026 has 19 (bank holidays on 4 and 25 May).


def test_every_specialist_employed_that_month_counts_whether_or_not_they_hold_cases(extract, measure):
    extract.staff("sp1", role="specialist", line_manager_id="tm1")
    extract.staff("sp2", role="specialist", line_manager_id="tm1", end_date="2026-03-20")  # left mid-month
    extract.supervision("sp1", "tm1", "2026-03-10").supervision("tm1", "hos1", "2026-03-02")
    rows = measure(extract, "DR4", D, start=MARCH)
    # no case is held at all: the specialist and the manager above them are the population
    assert met(rows) == {"sp1 2026-03": True, "tm1 2026-03": True}
    assert row(rows, "sp1 2026-03")["staff_role"] == "specialist"
    assert row(rows, "sp1 2026-03")["managers_above"] == "tm1"


def test_a_month_absent_on_more_than_half_its_working_days_is_excused_exactly_half_is_not(extract, measure):
    extract.case("c1", "2026-01-05", case_manager_id="cm1").case("c2", "2026-01-05", case_manager_id="cm2")
    extract.absence("cm1", "2026-03-02", "2026-03-16")  # 11 of 22: not excused
    extract.absence("cm2", "2026-03-02", "2026-03-17")  # 12 of 22: excused
    extract.supervision("tm1", "hos1", "2026-03-02")
    extract.supervision("cm2", "tm1", "2026-03-25")  # excused even so: out of the population
    rows = measure(extract, "DR4", D, start=MARCH)
    assert met(rows) == {"cm1 2026-03": False, "tm1 2026-03": True}


def test_overlapping_absences_count_each_day_once_and_an_open_absence_runs_to_d(extract, measure):
    extract.case("c1", "2026-01-05", case_manager_id="cm1").case("c2", "2026-01-05", case_manager_id="cm2")
    # 2-16 March (11) and 9-16 March overlap: still 11 days, not excused
    extract.absence("cm1", "2026-03-02", "2026-03-16").absence("cm1", "2026-03-09", "2026-03-16", reason="sickness")
    extract.absence("cm2", "2026-02-20")  # still away: every working day of March
    extract.include("supervisions")
    rows = measure(extract, "DR4", D, start=MARCH)
    assert set(met(rows)) == {"cm1 2026-03", "tm1 2026-03"}


def test_a_bank_holiday_inside_an_absence_is_not_a_day_away(extract, measure):
    # May 2026: 19 working days. 18-29 May is 10 weekdays but 9 working days (25 May is a bank
    # holiday): 9 of 19, not excused; 11-22 May is 10 of 19: excused
    extract.case("c1", "2026-01-05", case_manager_id="cm1").case("c2", "2026-01-05", case_manager_id="cm2")
    extract.absence("cm1", "2026-05-18", "2026-05-29").absence("cm2", "2026-05-11", "2026-05-22")
    extract.include("supervisions")
    rows = measure(extract, "DR4", "2026-05-31", start="2026-05-01")
    assert set(met(rows)) == {"cm1 2026-05", "tm1 2026-05"}


def test_an_excused_manager_does_not_break_the_chain_below(extract, measure):
    extract.staff("tm2", role="team_manager", line_manager_id="hos1").staff("cm3", line_manager_id="tm2")
    extract.case("c1", "2026-01-05", case_manager_id="cm1").case("c3", "2026-01-05", case_manager_id="cm3")
    extract.absence("tm1", "2026-03-02", "2026-03-31")  # tm1 away all month, no session
    extract.supervision("cm1", "hos1", "2026-03-12")  # cover during the line manager's absence
    extract.supervision("cm3", "tm2", "2026-03-12")  # tm2 is not away and has no session
    rows = measure(extract, "DR4", D, start=MARCH)
    assert met(rows) == {"cm1 2026-03": True, "cm3 2026-03": False, "tm2 2026-03": False}
    assert row(rows, "cm1 2026-03")["broken_at"] is None
    assert row(rows, "cm3 2026-03")["broken_at"] == "tm2"


def test_excused_months_are_listed_beside_the_figure(extract, open_db, policy):
    extract.staff("cm3", line_manager_id="tm1")
    extract.case("c1", "2026-01-05", case_manager_id="cm1").case("c2", "2026-01-05", case_manager_id="cm2")
    extract.absence("cm1", "2026-03-02", "2026-03-16").absence("cm2", "2026-03-02", "2026-03-17")
    extract.absence("hos1", "2026-03-02", "2026-03-31")  # the most senior post is never in DR4
    extract.absence("cm3", "2026-02-02", "2026-02-27")  # February: before the period
    extract.include("supervisions")
    con = open_db(extract)
    dr4 = indicators.catalogue()["DR4"]
    window = [indicators.period(dt.date.fromisoformat(D), dt.date.fromisoformat(MARCH))]
    listed = indicators.extras(con, dr4, window, policy)
    assert listed.select(
        "excused_staff_id", "excused_month", "absent_working_days", "working_days_in_month"
    ).rows() == [("cm2", "2026-03", 12, 22)]
    # a scoped person sees only the excused months of staff in their scope
    scoped = indicators.Filters(allowed_staff=("cm1", "tm1"))
    assert indicators.extras(con, dr4, window, policy, scoped).height == 0


def test_without_absences_nothing_is_excused(extract, measure):
    extract.case("c1", "2026-01-05", case_manager_id="cm1").include("supervisions")
    rows = measure(extract, "DR4", D, start=MARCH)
    assert met(rows) == {"cm1 2026-03": False, "tm1 2026-03": False}
    assert "absences" not in indicators.catalogue()["DR4"].requires
