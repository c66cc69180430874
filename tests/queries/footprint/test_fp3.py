"""FP3: cases allocated in the period (and at least 1 working day before D) need a management
entry from the allocated date to the 1st working day after it. Christmas 2026: Friday 25 and
the substitute Boxing Day, Monday 28 December, are bank holidays."""

from tests.queries.footprint._helpers import met, month_end_answers, overall, row

D = "2026-12-31"


def test_the_working_day_after_christmas_eve_is_tuesday_29_december(extract, measure):
    extract.case("answered_29th", "2026-11-02", allocated_date="2026-12-24").note("answered_29th", "2026-12-29")
    extract.case("answered_30th", "2026-11-02", allocated_date="2026-12-24").note("answered_30th", "2026-12-30")
    extract.case("answered_same_day", "2026-11-02", allocated_date="2026-12-24")
    extract.note("answered_same_day", "2026-12-24 16:00")
    rows = measure(extract, "FP3", D)
    assert met(rows) == {"answered_29th": True, "answered_30th": False, "answered_same_day": True}
    assert row(rows, "answered_30th")["deadline_date"].isoformat() == "2026-12-29"
    assert row(rows, "answered_30th")["since_date"].isoformat() == "2026-12-24"


def test_population_is_allocations_in_the_period_at_least_one_working_day_before_d(extract, measure):
    extract.case("allocated_30th", "2026-12-30")  # allocated_date defaults to the start: due 31 Dec = D
    extract.case("allocated_on_d", "2026-12-31")  # due 4 January, after D
    extract.case("allocated_before_period", "2026-09-01", allocated_date="2026-10-01")  # period from 3 Oct
    extract.case("reallocated_in_period", "2026-06-01", allocated_date="2026-12-01")
    assert set(met(measure(extract, "FP3", D))) == {"allocated_30th", "reallocated_in_period"}


def test_an_entry_before_the_allocation_does_not_count(extract, measure):
    extract.case("c1", "2026-11-02", allocated_date="2026-12-14").note("c1", "2026-12-11")
    assert met(measure(extract, "FP3", D)) == {"c1": False}


def test_an_entry_recorded_after_d_does_not_exist_yet(extract, measure):
    extract.case("c1", "2026-12-29").note("c1", "2026-12-30", recorded_at="2027-01-04")
    assert met(measure(extract, "FP3", D)) == {"c1": False}
    assert met(measure(extract, "FP3", "2027-01-04")) == {"c1": True}


def test_a_practitioners_note_counts_only_when_policy_accepts_any_author(extract, measure):
    extract.case("c1", "2026-12-01").note("c1", "2026-12-01", author_id="cm2")
    assert met(measure(extract, "FP3", D)) == {"c1": False}
    assert met(measure(extract, "FP3", D, any_author_counts=True)) == {"c1": True}


def test_a_countersignature_on_the_day_is_oversight_at_allocation(extract, measure):
    extract.case("c1", "2026-12-01").assessment("c1", "2026-11-20", "2026-11-30", "2026-12-02")
    assert met(measure(extract, "FP3", D)) == {"c1": True}


def test_zero_denominator_has_no_value(extract, open_db, policy):
    extract.case("c1", "2026-12-31").note("c1", "2026-12-31")
    assert overall(open_db(extract), policy, "FP3", D) == (0, 0, None)


def test_month_ends_in_one_query_match_each_month_alone(extract, open_db, policy):
    extract.case("nov", "2026-11-27").note("nov", "2026-11-30")  # Friday; Monday is the 1st working day
    extract.case("nov_last", "2026-11-30")  # due 1 December: not yet on 30 November
    extract.case("dec", "2026-12-24").note("dec", "2026-12-29", recorded_at="2027-01-05")
    answers = month_end_answers(open_db(extract), policy, "FP3", D, 2)
    assert answers == {
        "2026-11-30": {"nov": True},
        # nov_last was allocated in November, outside December's period
        "2026-12-31": {"dec": False},
    }
