"""QA2: audits graded inadequate, dated in the period and at least 10 working days before D,
need a management-category note on the case by a head-of-service role (default head_of_service,
assistant_director) from the audit date to the 10th working day after it. Monday 31 August 2026
is a bank holiday, so the 10th working day after Thursday 20 August is Friday 4 September and the
11th is Monday 7 September. D is Wednesday 30 September 2026."""

import datetime as dt

from tests.queries.quality_assurance._helpers import met_by_case

D = "2026-09-30"


def _inadequate(extract, case_id, audit_date="2026-08-20"):
    return extract.case(case_id, "2026-01-05").audit(case_id, audit_date, grade="inadequate")


def test_the_tenth_working_day_with_a_bank_holiday_inside(extract, measure):
    _inadequate(extract, "tenth").note("tenth", "2026-09-04 16:00", author_id="hos1")
    _inadequate(extract, "eleventh").note("eleventh", "2026-09-07 09:00", author_id="hos1")
    rows = measure(extract, "QA2", D)
    assert met_by_case(rows) == {"tenth": True, "eleventh": False}
    assert set(rows["deadline_date"].to_list()) == {dt.date(2026, 9, 4)}
    late = rows.filter(rows["case_id"] == "eleventh").row(0, named=True)
    assert late["gap"] == "no note by a head of service after the inadequate audit by 04 Sep 2026"


def test_only_a_head_of_service_role_sets_the_plan(extract, measure):
    extract.staff("om1", role="operational_manager", team="Management", line_manager_id="hos1")
    extract.staff("ad1", role="assistant_director", team="Management")
    _inadequate(extract, "team_manager").note("team_manager", "2026-08-21", author_id="tm1")
    _inadequate(extract, "operational_manager").note("operational_manager", "2026-08-21", author_id="om1")
    _inadequate(extract, "head_of_service").note("head_of_service", "2026-08-21", author_id="hos1")
    _inadequate(extract, "assistant_director").note("assistant_director", "2026-08-21", author_id="ad1")
    assert met_by_case(measure(extract, "QA2", D)) == {
        "team_manager": False,
        "operational_manager": False,
        "head_of_service": True,
        "assistant_director": True,
    }
    # the roles are policy: a service whose team managers set the plan says so
    wider = measure(extract, "QA2", D, head_of_service_roles=["team_manager", "head_of_service"])
    assert met_by_case(wider) == {
        "team_manager": True,
        "operational_manager": False,
        "head_of_service": True,
        "assistant_director": False,
    }


def test_on_the_same_case_as_it_stood_on_d_and_not_a_countersignature(extract, measure):
    _inadequate(extract, "audited")
    extract.case("sibling", "2026-01-05").note("sibling", "2026-08-21", author_id="hos1")
    _inadequate(extract, "signed").assessment(
        "signed", "2026-08-01", "2026-08-10", "2026-08-24", countersigned_by="hos1"
    )
    # audited Wednesday 16 September: the 10th working day is D itself; the note is recorded after D
    _inadequate(extract, "recorded_late", "2026-09-16").note(
        "recorded_late", "2026-09-29", "2026-10-01 10:00", author_id="hos1"
    )
    assert met_by_case(measure(extract, "QA2", D)) == {"audited": False, "signed": False, "recorded_late": False}
    assert met_by_case(measure(extract, "QA2", "2026-10-01"))["recorded_late"] is True


def test_population_is_inadequate_audits_at_least_ten_working_days_before_d(extract, measure):
    _inadequate(extract, "due_on_d", "2026-09-16")  # 10th working day: 30 September
    _inadequate(extract, "due_after_d", "2026-09-17")  # 10th working day: 1 October
    _inadequate(extract, "before_period", "2026-07-02")
    extract.case("good", "2026-01-05").audit("good", "2026-08-20", grade="good")
    extract.case("ungraded", "2026-01-05").audit("ungraded", "2026-08-20")
    assert set(met_by_case(measure(extract, "QA2", D))) == {"due_on_d"}
    assert set(met_by_case(measure(extract, "QA2", D, inadequate_audit_plan_working_days=9))) == {
        "due_on_d",
        "due_after_d",
    }
