"""RC3: open AssetPlus cases at least 20 working days old on D, met by a stage countersigned by
D that rates both RoSH and safety and wellbeing. D is Tuesday 31 March 2026: the 20th working
day after Tuesday 3 March is 31 March, after Wednesday 4 March it is 1 April."""

import datetime as dt

from tests.queries.footprint._helpers import met, month_end_answers, overall, row

D = "2026-03-31"


def _rated(extract, case_id, countersigned="2026-03-10", **stage):
    return extract.assessment(
        case_id, "2026-03-04", "2026-03-06", countersigned, **({"rosh": "low", "swb": "low"} | stage)
    )


def test_population_waits_20_working_days_and_asks_assetplus(extract, measure):
    extract.case("started_3_march", "2026-03-03")
    extract.case("started_4_march", "2026-03-04")
    extract.case("prevention", "2026-01-05", disposal="prevention")
    extract.case("community_resolution", "2026-01-05", disposal="community_resolution")
    extract.case("referral_order", "2026-01-05", disposal="referral_order")
    extract.case("closed_mid_month", "2026-01-05", end_date="2026-03-16")
    rows = measure(extract, "RC3", D)
    assert set(met(rows)) == {"started_3_march", "referral_order"}
    assert row(rows, "started_3_march")["first_assessment_due_date"] == dt.date(2026, 3, 31)


def test_a_bank_holiday_inside_the_20_working_days_pushes_the_wait(extract, measure):
    # Monday 25 May 2026 is a bank holiday: the 20th working day after 5 May is 3 June, after
    # 6 May it is 4 June (counting weekdays alone it would be 3 June)
    extract.case("started_5_may", "2026-05-05")
    extract.case("started_6_may", "2026-05-06")
    assert set(met(measure(extract, "RC3", "2026-06-03"))) == {"started_5_may"}


def test_met_needs_a_countersigned_stage_rating_both(extract, measure):
    _rated(extract.case("both_rated", "2026-01-05"), "both_rated")
    _rated(extract.case("no_swb", "2026-01-05"), "no_swb", swb=None)
    _rated(extract.case("not_countersigned", "2026-01-05"), "not_countersigned", countersigned=None)
    _rated(extract.case("countersigned_after_d", "2026-01-05"), "countersigned_after_d", countersigned="2026-04-01")
    extract.case("no_stage", "2026-01-05")
    extract.case("started_only", "2026-01-05").assessment("started_only", "2026-01-06")
    # an earlier countersigned stage with both ratings is enough, whatever came later
    _rated(extract.case("earlier_stage", "2026-01-05"), "earlier_stage").assessment(
        "earlier_stage", "2026-03-20", "2026-03-25", stage="review"
    )
    rows = measure(extract, "RC3", D)
    assert met(rows) == {
        "both_rated": True,
        "no_swb": False,
        "not_countersigned": False,
        "countersigned_after_d": False,
        "no_stage": False,
        "started_only": False,
        "earlier_stage": True,
    }
    assert row(rows, "no_swb")["gap"] == "no countersigned stage rates both RoSH and safety and wellbeing"
    assert row(rows, "not_countersigned")["gap"] == "no stage countersigned"
    assert row(rows, "countersigned_after_d")["gap"] == "no stage countersigned"
    assert row(rows, "no_stage")["gap"] == "no stage completed"
    assert row(rows, "started_only")["gap"] == "no stage completed"
    assert row(rows, "both_rated")["since_date"] == dt.date(2026, 3, 10)


def test_several_windows_at_once_match_each_alone(extract, open_db, policy):
    extract.case("c1", "2026-01-02")
    extract.assessment("c1", "2026-01-05", "2026-02-10", "2026-03-02", rosh="medium", swb="low")
    answers = month_end_answers(open_db(extract), policy, "RC3", D, 3)
    # the 20th working day after 2 Jan is 30 Jan (1 Jan is a bank holiday, 2 Jan the start);
    # countersigned on 2 March
    assert answers == {"2026-01-31": {"c1": False}, "2026-02-28": {"c1": False}, "2026-03-31": {"c1": True}}


def test_zero_denominator_has_no_value(extract, open_db, policy):
    extract.case("c1", "2026-03-20").include("assessments")
    assert overall(open_db(extract), policy, "RC3", D) == (0, 0, None)
