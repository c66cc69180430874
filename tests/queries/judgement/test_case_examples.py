"""Acceptance: the inspectorate's four case examples (002) are judged as the inspector judged
them, for the inspector's reasons."""

from __future__ import annotations

import datetime as dt

import pytest

from oversight.policy import Policy
from queries import indicators
from queries.judgement import case_table
from tests.builder import Extract
from tests.queries.judgement import case_examples


def codes(reasons: str | None) -> set[str]:
    return {r.split(" ")[0] for r in reasons.split("; ")} if reasons else set()


@pytest.fixture
def judged(extract: Extract, open_db, policy: Policy) -> dict[str, dict]:
    ids = case_examples.all_examples(extract)
    con = open_db(extract)
    table = case_table(con, indicators.period(dt.date.fromisoformat(case_examples.AS_OF)), policy)
    rows = {r["case_id"]: r for r in table.to_dicts()}
    return {name: rows[case_id] for name, case_id in ids.items()}


@pytest.mark.parametrize("example", ["one", "two", "three", "four"])
def test_each_example_is_judged_as_the_inspector_did(judged, example):
    judgement, reason_codes = case_examples.EXPECTED[example]
    row = judged[example]
    assert row["judgement"] == judgement
    assert codes(row["reasons"]) == reason_codes


def test_example_one_shows_every_strength(judged):
    # consistent oversight, swift QA, panels, actions followed up, an event answered: all nine
    # checks had something to look at and passed
    strengths = codes(judged["one"]["strengths"])
    assert strengths == {
        "REGULAR_OVERSIGHT", "FIRST_ASSESSMENT_ON_TIME", "ALL_COUNTERSIGNED", "COUNTERSIGNED_ON_TIME",
        "RISK_PANEL_HELD", "EVENTS_ANSWERED", "ACTIONS_FOLLOWED_UP", "ASSESSMENT_UP_TO_DATE",
        "SUBSTANTIVE_ENTRIES",
    }  # fmt: skip
    assert judged["one"]["risk_group"] == "raised"


def test_example_two_outweighs_thin_early_entries(judged):
    # 4 of its 14 entries with text are threadbare: not more than half, so QL1 passes; the
    # MACE entry (a panel note) and the panel meeting cover both high-risk month ends
    row = judged["two"]
    assert row["substantive"] == "pass"
    assert row["risk_panel"] == "pass"
    assert row["actions"] == "n/a"  # no actions were recorded: nothing to look at
    assert "SUBSTANTIVE_ENTRIES (10 of 14)" in row["strengths"]


def test_example_three_reasons_with_dates(judged):
    reasons = judged["three"]["reasons"].split("; ")
    assert reasons == [
        # PSR high, so N = 28: 10 Feb to 20 Apr is the longest of two gaps over 28 days
        "EVIDENCE_GAP 2026-02-10..2026-04-20 (69 days, 1 more)",
        # sentence 5 Jan, first assessment 31 Mar: 61 working days, over the 60 of "about three months"
        "FIRST_ASSESSMENT_LATE_CRITICAL 2026-01-05..2026-03-31 (61 working days)",
        # completed 31 Mar, still not countersigned on D (it is on 31 Jul): 61 working days
        "NOT_COUNTERSIGNED_CRITICAL 2026-03-31..2026-06-30 (initial, 61 working days)",
        # high at the PSR on 31 Jan and 28 Feb (and 28 days before each), never at a panel;
        # from 31 Mar the (underestimated) initial assessment says medium
        "NO_RISK_PANEL 2026-02-28 (1 more)",
        "THREADBARE_ENTRIES 2026-01-05..2026-06-30 (5 of 5 entries under 40 words)",
    ]


def test_example_three_after_the_countersignature(extract, open_db, policy):
    # As of 31 August the countersignature of 31 July has happened: 4 months after completion
    # (84 working days) it is a critical late countersignature, no longer a missing one. The
    # window (3 Mar - 31 Aug) no longer holds the first assessment's deadline (2 Feb).
    case_examples.example_three(extract)
    con = open_db(extract)
    row = case_table(con, indicators.period(dt.date(2026, 8, 31)), policy).row(0, named=True)
    assert row["judgement"] == "insufficient"
    assert "COUNTERSIGN_LATE_CRITICAL 2026-03-31..2026-07-31 (initial, 84 working days)" in row["reasons"]
    assert "NOT_COUNTERSIGNED" not in row["reasons"]
    assert row["first_assessment"] == "n/a"


def test_example_four_reasons_with_dates(judged):
    assert judged["four"]["reasons"].split("; ") == [
        # review completed 8 Apr, countersigned 28 Apr: 14 working days
        "COUNTERSIGN_LATE 2026-04-08..2026-04-28 (review, 14 working days)",
        # high from 8 Apr: checked at 31 May and 30 Jun (high 28 days before each), no meeting
        "NO_RISK_PANEL 2026-06-30 (1 more)",
        # the supervision's action (due 27 Apr, 28 days after it was set) never done; another
        # due 25 May done on 1 Jun
        "ACTIONS_NOT_FOLLOWED_UP 2026-04-27 (not completed by its due date, 1 more)",
    ]
    # frequent entries of 54 words: the footprint is there, QL1 passes
    assert judged["four"]["evidence"] == "pass"
    assert judged["four"]["substantive"] == "pass"
