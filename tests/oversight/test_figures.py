"""The rules every figure is shown by: rate, percent, RAG, suppression and small groups."""

from __future__ import annotations

from dataclasses import replace

import polars as pl
import pytest

from oversight import figures
from oversight.figures import suppress


def with_settings(policy, **values):
    return replace(policy, settings={k: replace(s, value=values.get(k, s.value)) for k, s in policy.settings.items()})


def test_suppress_is_off_by_default(policy):
    frame = pl.DataFrame({"numerator": [3], "denominator": [10], "rate": [0.3]})
    assert suppress(frame, policy, ["numerator", "denominator"], ["rate"]).equals(frame)


def test_suppress_hides_counts_1_to_max_and_rates_from_them(policy):
    pol = with_settings(policy, suppress_small_numbers=True, suppression_max=5)
    frame = pl.DataFrame(
        {
            "team": ["A", "B", "C", "D"],
            # boundaries: 0 shown (discloses no one), 1 and 5 hidden, 6 shown
            "numerator": [0, 1, 5, 6],
            "denominator": [4, 20, 20, 20],
            "rate": [0.0, 0.05, 0.25, 0.30],
        }
    )
    out = suppress(frame, pol, ["numerator", "denominator"], ["rate"])
    assert out["numerator"].to_list() == ["0", "c", "c", "6"]
    # team A: numerator 0 but denominator 4 is small, so its count and rate go too
    assert out["denominator"].to_list() == ["c", "20", "20", "20"]
    assert out["rate"].to_list() == ["c", "c", "c", "0.3"]
    assert out["team"].to_list() == ["A", "B", "C", "D"]


def test_suppress_names_a_missing_column(policy):
    pol = with_settings(policy, suppress_small_numbers=True)
    with pytest.raises(ValueError, match="nope"):
        suppress(pl.DataFrame({"n": [1]}), pol, ["n", "nope"])


# --- rates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [(1, 4, 0.25), (0, 4, 0.0), (0, 0, None), (3, 0, None), (None, 4, None), (None, None, None), (2, None, None)],
)
def test_rate_is_none_without_a_denominator_never_zero(numerator, denominator, expected):
    assert figures.rate(numerator, denominator) == expected


def test_rate_expr_follows_the_same_rule():
    frame = pl.DataFrame({"numerator": [1, 0, 3, None], "denominator": [4, 4, 0, None]})
    assert frame.select(figures.rate_expr().alias("v"))["v"].to_list() == [0.25, 0.0, None, None]


def test_percent_forms():
    assert (figures.percent(None), figures.percent(0.0), figures.percent(1 / 3), figures.percent(1.0)) == (
        "", "0.0%", "33.3%", "100.0%",
    )  # fmt: skip
    assert (figures.short_percent(None), figures.short_percent(0), figures.short_percent(1.0)) == ("–", "0%", "100%")
    assert figures.short_percent(0.5) == "50.0%"
    frame = pl.DataFrame({"value": [0.25, None]}, schema={"value": pl.Float64})
    assert frame.select(figures.percent_expr())["value"].to_list() == ["25.0%", None]


# --- RAG -----------------------------------------------------------------------------------

TARGET = {"green": 0.9, "amber": 0.75}
LOWER = {"green": 0.05, "amber": 0.15}


@pytest.mark.parametrize(
    ("value", "target", "direction", "expected"),
    [
        (0.9, TARGET, "higher", "green"),  # at the target is green
        (0.8999, TARGET, "higher", "amber"),
        (0.75, TARGET, "higher", "amber"),
        (0.7499, TARGET, "higher", "red"),
        (0.0, TARGET, "higher", "red"),  # 0 % is a value: red, not "no RAG"
        (None, TARGET, "higher", None),  # no value, no RAG
        (0.05, LOWER, "lower", "green"),
        (0.0, LOWER, "lower", "green"),
        (0.0501, LOWER, "lower", "amber"),
        (0.15, LOWER, "lower", "amber"),
        (0.1501, LOWER, "lower", "red"),
        (None, LOWER, "lower", None),
    ],
)
def test_rag_boundaries_and_null(value, target, direction, expected):
    assert figures.rag(value, target, direction) == expected


def test_indicator_rag_reads_the_policy_target(policy):
    target = policy.target("FP1")
    assert figures.indicator_rag(target["green"], "FP1", "higher", policy) == "green"
    assert figures.indicator_rag(None, "FP1", "higher", policy) is None


# --- suppression of single figures (the PDF) -----------------------------------------------


def test_counts_are_suppressed_from_1_to_the_maximum_only_when_on(policy):
    on = with_settings(policy, suppress_small_numbers=True, suppression_max=5)
    assert [figures.is_suppressed(n, on) for n in (None, 0, 1, 5, 6)] == [False, False, True, True, False]
    assert [figures.count_text(n, on) for n in (None, 0, 1, 5, 6, 1234)] == ["-", "0", "c", "c", "6", "1,234"]
    off = with_settings(policy, suppress_small_numbers=False)
    assert [figures.count_text(n, off) for n in (0, 1, 5)] == ["0", "1", "5"]


def test_rate_text_says_not_loaded_no_items_or_c(policy):
    on = with_settings(policy, suppress_small_numbers=True, suppression_max=5)
    assert figures.rate_text(None, None, None, on) == "not loaded"
    assert figures.rate_text(0, 0, None, on) == "no items"
    assert figures.rate_text(5, 20, 0.25, on) == "c"  # numerator at the maximum
    assert figures.rate_text(0, 5, 0.0, on) == "c"  # denominator at the maximum
    assert figures.rate_text(6, 20, 0.3, on) == "30.0% (6/20)"
    assert figures.rate_text(0, 6, 0.0, on) == "0.0% (0/6)"  # 0 discloses no one
    assert figures.rate_text(1, 2, 0.5, with_settings(policy, suppress_small_numbers=False)) == "50.0% (1/2)"


def test_summary_suppression_covers_every_column_that_gives_a_rate_back(policy):
    on = with_settings(policy, suppress_small_numbers=True, suppression_max=5)
    frame = pl.DataFrame(
        {"group": ["A", "B"], "numerator": [3, 15], "denominator": [20, 20], "value": [0.15, 0.75],
         "percent": ["15.0%", "75.0%"], "difference": [-30.0, 30.0]}
    )  # fmt: skip
    out = figures.suppress_summary(frame, on)
    assert out.row(0) == ("A", "c", "20", "c", "c", "c")
    assert out.row(1) == ("B", "15", "20", "0.75", "75.0%", "30.0")
    assert figures.suppress_summary(frame, policy).equals(frame)  # off by default


def test_plotted_rates_are_hidden_where_their_counts_would_be_suppressed(policy):
    on = with_settings(policy, suppress_small_numbers=True, suppression_max=5)
    frame = pl.DataFrame({"numerator": [0, 1, 6, 0], "denominator": [3, 10, 10, 0], "value": [0.0, 0.1, 0.6, None]})
    assert figures.hide_suppressed_rates(frame, on)["value"].to_list() == [None, None, 0.6, None]
    assert figures.hide_suppressed_rates(frame, policy).equals(frame)


# --- small groups --------------------------------------------------------------------------


def test_small_groups_are_under_the_limit_not_at_it(policy):
    pol = with_settings(policy, small_group_cases=5)
    assert figures.small_group_limit(pol) == 5
    assert [figures.is_small_group(n, pol) for n in (None, 0, 4, 5, 6)] == [False, True, True, False, False]
    frame = figures.mark_small(pl.DataFrame({"denominator": [0, 4, 5]}), pol)
    assert frame["small"].to_list() == [True, True, False]


def test_league_ranks_groups_with_a_rate_best_first_and_lists_small_ones_unranked():
    frame = pl.DataFrame(
        {"group": ["a", "b", "c", "d", "e"], "value": [0.5, 0.9, 0.7, None, 1.0],
         "small": [False, False, False, False, True]}
    )  # fmt: skip
    higher = figures.ranked(frame, "higher")
    assert higher.select("rank", "group").rows() == [(1, "b"), (2, "c"), (3, "a"), (None, "d"), (None, "e")]
    lower = figures.ranked(frame, "lower")
    assert lower.select("rank", "group").rows()[:3] == [(1, "a"), (2, "c"), (3, "b")]


def test_percent_points_are_the_tiles_rounding():
    assert figures.percent_points(0.8363636363636363) == 83.6
    assert figures.percent_points(None) is None
    assert figures.percent_points(-0.0001) == 0.0 and str(figures.percent_points(-0.0001)) == "0.0"
    frame = pl.DataFrame({"value": [0.8363636363636363, None]})
    assert frame.select(figures.percent_points_expr())["value"].to_list() == [83.6, None]


def test_a_filtered_view_of_few_items_is_a_small_group(policy):
    from queries.indicators import Filters

    policy = with_settings(policy, small_group_cases=5)
    assert figures.small_view(2, Filters(team="Court"), policy)
    assert not figures.small_view(5, Filters(team="Court"), policy)
    # the whole service's own figure is not a group's; a signed-in scope is one
    assert not figures.small_view(2, Filters(), policy)
    assert figures.small_view(2, Filters(allowed_staff=("cm1",)), policy)


def test_percent_points_of_a_column_or_a_difference_read_alike():
    frame = pl.DataFrame({"value": [-0.0001, 0.8363636363636363, None]})
    got = frame.select(figures.percent_points_expr(), gap=figures.percent_points_expr(pl.col("value") - 0.5))
    assert [str(x) for x in got["value"]] == ["0.0", "83.6", "None"]  # no "-0.0", as percent_points
    assert got["gap"].to_list() == [-50.0, 33.6, None]
