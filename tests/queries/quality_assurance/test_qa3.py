"""QA3: stages countersigned in the period whose yet_to_clarify is given, met when it is at most
yet_to_clarify_max (default 0); not available when no stage in the extract has a yet_to_clarify.
D is Wednesday 30 September 2026; the period starts 3 July."""

import datetime as dt

from queries import indicators
from tests.queries.footprint._helpers import met, row

D = "2026-09-30"


def _stages(extract):
    extract.case("c1", "2026-01-05")
    extract.assessment("c1", "2026-08-01", "2026-08-10", "2026-08-12", yet_to_clarify=0, assessment_id="none_open")
    extract.assessment(
        "c1", "2026-08-01", "2026-08-10", "2026-08-13", yet_to_clarify=1, returned_count=2,
        countersigned_by="hos1", assessment_id="one_open",
    )  # fmt: skip
    extract.assessment("c1", "2026-08-01", "2026-08-10", "2026-08-14", yet_to_clarify=3, assessment_id="three_open")
    extract.assessment("c1", "2026-08-01", "2026-08-10", "2026-08-14", assessment_id="not_given")
    extract.assessment("c1", "2026-06-01", "2026-06-10", "2026-07-02", yet_to_clarify=0, assessment_id="before")
    extract.assessment("c1", "2026-09-01", "2026-09-10", "2026-10-01", yet_to_clarify=0, assessment_id="after_d")
    extract.assessment("c1", "2026-09-01", "2026-09-10", None, yet_to_clarify=0, assessment_id="unsigned")
    return extract


def test_none_left_to_clarify_is_met_one_is_not(extract, measure):
    rows = measure(_stages(extract), "QA3", D)
    assert met(rows) == {"none_open": True, "one_open": False, "three_open": False}
    one = row(rows, "one_open")
    assert one["gap"] == "countersigned with 1 answer yet to clarify (at most 0)"
    assert (one["returned_count"], one["countersigned_by"], one["item_date"]) == (2, "hos1", dt.date(2026, 8, 13))
    assert row(rows, "three_open")["gap"] == "countersigned with 3 answers yet to clarify (at most 0)"
    # the most a countersignature may accept is policy
    assert met(measure(extract, "QA3", D, yet_to_clarify_max=1)) == {
        "none_open": True,
        "one_open": True,
        "three_open": False,
    }


def test_beside_it_the_total_and_the_mean_per_stage(extract, open_db, policy):
    con = open_db(_stages(extract))
    extra = indicators.extras(con, indicators.catalogue()["QA3"], [indicators.period(dt.date.fromisoformat(D))], policy)
    # 0 + 1 + 3 over three stages
    assert extra.select("yet_to_clarify_total", "yet_to_clarify_mean", "stages").rows() == [(4, 1.33, 3)]


def test_not_available_when_no_stage_has_yet_to_clarify(extract, open_db, policy):
    extract.case("c1", "2026-01-05").assessment("c1", "2026-08-01", "2026-08-10", "2026-08-12")
    window = indicators.period(dt.date.fromisoformat(D))
    con = open_db(extract)
    assert "assessments" in indicators.tables_present(con)
    assert "assessments.yet_to_clarify" not in indicators.tables_present(con)
    assert indicators.indicator_table(con, window, policy, ids=["QA3"]).rows() == [
        ("QA3", None, None, None, None, "not_available")
    ]
    # one stage anywhere in the extract with a value makes it available, here with 0 of 0 in the period
    extract.assessment("c1", "2025-01-01", "2025-01-10", "2025-01-12", yet_to_clarify=0)
    assert indicators.indicator_table(open_db(extract), window, policy, ids=["QA3"]).rows() == [
        ("QA3", None, 0, 0, None, "ok")
    ]
