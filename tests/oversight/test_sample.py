"""The audit sample: its size, its strata, its reproducibility, and the evidence beside each case."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from oversight import sample
from queries.indicators import period

D = dt.date(2026, 3, 31)


def population(strata: dict[tuple[str, str], int]) -> pl.DataFrame:
    rows = []
    for (disposal, risk_group), n in strata.items():
        rows += [{"case_id": f"{disposal}-{risk_group}-{k:03d}", "disposal": disposal, "risk_group": risk_group}
                 for k in range(n)]  # fmt: skip
    return pl.DataFrame(rows)


@pytest.mark.parametrize(
    ("cases", "expected"),
    [
        (0, 0),  # nothing to draw
        (10, 10),  # the minimum of 20 is capped at the 10 cases there are
        (20, 20),
        (99, 20),  # 20 % is 19.8 -> 20, and the minimum is 20 anyway
        (100, 20),  # exactly 20 %; no float drift up to 21
        (101, 21),  # 20.2 rounds up: at least 20 %
        (150, 30),
    ],
)
def test_target_size_is_a_fifth_rounded_up_at_least_twenty_capped_at_the_population(cases, expected):
    assert sample.target_size(cases, 0.20, 20) == expected


def test_target_size_refuses_negative_settings():
    with pytest.raises(ValueError):
        sample.target_size(10, -0.1, 20)


def test_raised_strata_round_up_others_down_and_leftovers_by_largest_remainder():
    # 100 cases, target 20: shares are raised 7 -> 1.4, not_raised 33 -> 6.6, 33 -> 6.6, 27 -> 5.4.
    # Raised rounds up to 2; the others round down to 6, 6, 5 (19 so far); the one place left
    # goes to the largest remainder: the two 0.6s tie on remainder and size, so by name: "a".
    alloc = sample.allocate(
        {("x", "raised"): 7, ("a", "not_raised"): 33, ("b", "not_raised"): 33, ("c", "not_raised"): 27}, 0.2, 20
    )
    assert alloc.target == 20
    assert alloc.strata == {
        ("a", "not_raised"): (33, 7),
        ("b", "not_raised"): (33, 6),
        ("c", "not_raised"): (27, 5),
        ("x", "raised"): (7, 2),
    }
    assert alloc.size == 20


def test_rounding_raised_strata_up_can_make_the_sample_larger_than_the_target():
    # 100 cases, target 20: raised 7 -> 1.4 -> 2 and raised 8 -> 1.6 -> 2; not_raised 85 -> 17.
    # 2 + 2 + 17 = 21: every raised stratum keeps its full share, one more than the target.
    alloc = sample.allocate({("yro", "raised"): 7, ("dto", "raised"): 8, ("yro", "not_raised"): 85}, 0.2, 20)
    assert alloc.target == 20
    assert alloc.size == 21
    assert alloc.strata[("yro", "raised")] == (7, 2)
    assert alloc.strata[("dto", "raised")] == (8, 2)
    assert alloc.strata[("yro", "not_raised")] == (85, 17)


def test_every_stratum_gets_at_least_its_share_rounded_down():
    sizes = {("yro", "raised"): 13, ("yro", "not_raised"): 41, ("referral_order", "unrated"): 9,
             ("referral_order", "raised"): 22, ("prevention", "not_raised"): 61}  # fmt: skip
    alloc = sample.allocate(sizes, 0.2, 20)
    total = sum(sizes.values())  # 146 -> target ceil(29.2) = 30
    assert alloc.target == 30
    for key, (cases, drawn) in alloc.strata.items():
        share = alloc.target * cases / total
        assert drawn >= (int(share) if key[1] != "raised" else -(-alloc.target * cases // total)), key
        assert drawn <= cases


def test_strata_table_lists_a_stratum_too_small_for_a_place():
    # 40 cases, target 20: not_raised 39 -> 19.5 -> 19, prevention/unrated 1 -> 0.5 -> 0, then the one
    # place left goes to the largest remainder (both 0.5): the larger stratum, not_raised.
    table = sample.strata_table(population({("yro", "not_raised"): 39, ("prevention", "unrated"): 1}), 0.5, 20)
    assert table.select("stratum", "cases", "sampled").rows() == [
        ("prevention / unrated", 1, 0),
        ("yro / not_raised", 39, 20),
    ]


def test_a_small_population_is_taken_whole():
    alloc = sample.allocate({("yro", "raised"): 3, ("yro", "not_raised"): 4}, 0.2, 20)
    assert alloc.strata == {("yro", "not_raised"): (4, 4), ("yro", "raised"): (3, 3)}


def test_draw_is_reproducible_from_the_seed_whatever_the_row_order():
    pop = population({("yro", "raised"): 30, ("yro", "not_raised"): 50, ("referral_order", "unrated"): 40})
    first = sample.draw_sample(pop, 0.2, 20, seed=42)
    again = sample.draw_sample(pop.reverse(), 0.2, 20, seed=42)
    assert first["case_id"].to_list() == again["case_id"].to_list()
    other = sample.draw_sample(pop, 0.2, 20, seed=43)
    assert set(other["case_id"]) != set(first["case_id"])  # another seed, another draw


def test_draw_takes_each_strata_allocation_from_that_stratum_without_repeats():
    # 120 cases, target 24: raised 30 -> 6; not_raised 50 -> 10; unrated 40 -> 8.
    pop = population({("yro", "raised"): 30, ("yro", "not_raised"): 50, ("referral_order", "unrated"): 40})
    drawn = sample.draw_sample(pop, 0.2, 20, seed=1)
    assert drawn.height == 24
    assert drawn["case_id"].n_unique() == 24
    assert set(drawn["case_id"]) <= set(pop["case_id"])
    counts = {r["stratum"]: r["sampled"] for r in sample.strata_table(pop, 0.2, 20).iter_rows(named=True)}
    assert counts == {"yro / raised": 6, "yro / not_raised": 10, "referral_order / unrated": 8}
    assert drawn.group_by("stratum").len().sort("stratum").rows() == sorted(counts.items())
    for row in drawn.iter_rows(named=True):
        assert row["case_id"].startswith(f"{row['disposal']}-{row['risk_group']}-")


def test_draw_refuses_a_population_without_strata_or_with_duplicates():
    with pytest.raises(ValueError, match="risk_group"):
        sample.draw_sample(pl.DataFrame({"case_id": ["a"], "disposal": ["yro"]}), 0.2, 20)
    with pytest.raises(ValueError, match="duplicate"):
        sample.draw_sample(
            pl.DataFrame({"case_id": ["a", "a"], "disposal": ["yro", "yro"], "risk_group": ["raised", "raised"]}),
            0.2,
            20,
        )


def evidence_extract(extract):
    # c1: open, raised (medium RoSH), with every kind of evidence in its review window
    extract.case("c1", "2025-06-01")
    extract.assessment("c1", "2025-06-01", "2025-06-20", "2025-06-23", rosh="medium", swb="low")  # before window
    extract.assessment("c1", "2026-01-05", "2026-01-10", None, stage="review", rosh="medium")  # awaiting countersign
    extract.note("c1", "2026-02-01")  # management entry by tm1
    extract.note("c1", "2026-03-20")
    extract.note("c1", "2026-03-30", recorded_at="2026-04-02")  # recorded after D: not there yet
    extract.note("c1", "2026-03-25", note_type="Home Visit", author_id="cm1")  # practitioner contact
    extract.note("c1", "2026-03-10", note_type="Management Oversight by MACE")  # a panel entry
    extract.panel("c1", "2026-03-05")
    extract.event("c1", "2026-03-01 10:00", event_type="arrest")
    extract.event("c1", "2026-03-02 10:00", event_type="court_appearance")  # not a trigger
    extract.action("c1", "2026-02-01", due_date="2026-02-20")  # overdue and open on D
    extract.action("c1", "2026-02-01", due_date="2026-03-01", completed_date="2026-02-25")  # unconfirmed
    extract.audit("c1", "2026-03-15", oversight_judgement="insufficient", grade="requires_improvement")
    # c2: closed in the period; c3 closed before it; c4 starts after D
    extract.case("c2", "2025-01-01", end_date="2026-02-15", disposal="referral_order")
    extract.case("c3", "2025-01-01", end_date="2025-12-01")
    extract.case("c4", "2026-04-10")
    return extract


def test_evidence_counts_what_the_extract_held_on_d_in_the_review_window(extract, open_db, policy):
    con = open_db(evidence_extract(extract))
    ev = sample.evidence(con, period(D), policy)
    assert ev["case_id"].to_list() == ["c1", "c2"]  # open on D or closed in the period only
    c1 = ev.row(0, named=True)
    # review window: 182 days ending on D, start date earlier -> 2025-10-01..2026-03-31
    assert (c1["window_start"], c1["window_end"]) == (dt.date(2025, 10, 1), D)
    assert c1["risk_group"] == "raised"
    assert c1["status"] == "open"
    # notes by tm1 on 02-01, 03-10 (panel) and 03-20; 03-30 was recorded after D; Home Visit is no entry
    assert c1["management_entries"] == 3
    assert c1["latest_management_entry_date"] == dt.date(2026, 3, 20)
    assert c1["countersignatures"] == 0  # the only one (2025-06-23) is before the window
    assert c1["latest_countersignature_date"] == dt.date(2025, 6, 23)
    assert c1["stages_completed"] == 1 and c1["stages_awaiting_countersignature"] == 1
    assert c1["panel_meetings"] == 1 and c1["panel_entries"] == 1
    assert c1["latest_panel_date"] == dt.date(2026, 3, 10)
    assert c1["trigger_events"] == 1  # the court appearance is not a trigger
    assert c1["actions_due"] == 2
    assert c1["actions_overdue_open"] == 1 and c1["actions_completed_unconfirmed"] == 1
    assert c1["auditor_oversight_judgement"] == "insufficient"
    assert c1["days_since_management_entry"] == 11  # 2026-03-20 to D
    c2 = ev.row(1, named=True)
    assert c2["status"] == "closed" and c2["window_end"] == dt.date(2026, 2, 15)
    assert c2["risk_group"] == "unrated"
    assert c2["management_entries"] == 0 and c2["latest_management_entry_date"] is None


def test_audit_list_leaves_evidence_of_unloaded_tables_empty_not_zero(extract, open_db, policy):
    extract.case("c1", "2025-06-01").note("c1", "2026-03-01")
    con = open_db(extract)  # no events, actions, panels, audits or assessments loaded
    listed = sample.audit_list(con, period(D), policy, seed=3, tables_present=["staff", "children", "cases"])
    row = listed.row(0, named=True)
    assert row["management_entries"] == 1
    assert row["trigger_events"] is None and row["actions_due"] is None and row["panel_meetings"] is None
    assert row["seed"] == 3 and row["as_of_date"] == D
    assert listed.columns[:3] == ["case_id", "child_id", "stratum"]


def test_describe_says_when_raised_strata_made_the_sample_larger(policy):
    text = sample.describe(policy, 100, 21, seed=5, as_of=D)
    assert "21 of 100 cases" in text and "1 more than the target of 20" in text and "seed 5" in text
    assert "more than" not in sample.describe(policy, 100, 20, seed=5, as_of=D)
