"""How a figure is shown: rate, percent, RAG, small-number suppression and small groups.

Every place that shows or exports a figure (the pages, the CSV and Excel downloads, the pack's
workbook and PDF) reads these rules from here, so they cannot drift apart:

- a rate is numerator / denominator, and there is no rate (None, never 0 %) when the
  denominator is 0 or unknown;
- RAG compares a rate with the policy's green and amber targets (at or better than the target;
  "better" is lower for a lower-is-better indicator); no rate, no RAG (None);
- when the policy's ``suppress_small_numbers`` is on, a count from 1 to ``suppression_max``
  shows as ``c``, and so does every rate (or figure that gives a rate back) beside it; 0 is
  never suppressed, an empty cell discloses no one;
- a group with fewer items than ``small_group_cases`` is small: shown, marked, never ranked;
  a filtered view (a team, a manager, a signed-in person's own cases) is such a group too, so
  its figures from fewer items are marked the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import polars as pl

from oversight.policy import Policy

SUPPRESSED = "c"
# RAG as a shape, for a trend's markers on screen (oversight.charts) and in the pack's PDF alike:
# never colour alone
RAG_SHAPES = {"green": "circle", "amber": "diamond", "red": "cross"}


# --- rates and percent ---------------------------------------------------------------------


def rate(numerator: Any, denominator: Any) -> float | None:
    """numerator / denominator; None when the denominator is 0 or unknown."""
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def rate_expr(numerator: str = "numerator", denominator: str = "denominator") -> pl.Expr:
    """The same rule as :func:`rate` over columns: null where the denominator is 0 or null."""
    return pl.when(pl.col(denominator) > 0).then(pl.col(numerator) / pl.col(denominator))


def percent(value: float | None) -> str:
    """A rate as the pack and the exports write it: "83.3%"; "" without a value."""
    return "" if value is None else f"{value:.1%}"


def short_percent(value: float | None) -> str:
    """A rate as a tile shows it: "83.3%", but "0%" and "100%" whole; "–" without a value."""
    return "–" if value is None else f"{value:.0%}" if value in (0, 1) else f"{value:.1%}"


def percent_points(value: float | None) -> float | None:
    """A rate in percent, to the tile's one decimal (0.83636 -> 83.6); None without a value.
    On screen tables hold this, not the fraction: a screen reader reads a cell's value, not the
    format drawn over it."""
    return None if value is None else round(value * 100, 1) + 0.0  # + 0.0: no "-0.0"


def percent_points_expr(column: str | pl.Expr = "value") -> pl.Expr:
    """:func:`percent_points` over a column of rates (or of differences between rates)."""
    points = ((pl.col(column) if isinstance(column, str) else column) * 100).round(1)
    # as percent_points: no "-0.0" (Polars folds away percent_points' "+ 0.0", so say it)
    points = pl.when(points == 0).then(0.0).otherwise(points)
    return points.alias(column) if isinstance(column, str) else points


def percent_expr(column: str = "value") -> pl.Expr:
    """:func:`percent` over a column of rates (null without a value)."""
    return pl.col(column).map_elements(percent, return_dtype=pl.String, skip_nulls=True)


# --- RAG -----------------------------------------------------------------------------------


def rag(value: float | None, target: dict[str, float], direction: str = "higher") -> str | None:
    """green, amber or red against ``target`` ({"green": .., "amber": ..}); None without a value."""
    if value is None:
        return None
    if direction == "lower":
        return "green" if value <= target["green"] else "amber" if value <= target["amber"] else "red"
    return "green" if value >= target["green"] else "amber" if value >= target["amber"] else "red"


def indicator_rag(value: float | None, indicator_id: str, direction: str, policy: Policy) -> str | None:
    """:func:`rag` against the policy's target for this indicator."""
    return rag(value, policy.target(indicator_id), direction)


# --- small-number suppression --------------------------------------------------------------


def suppressing(policy: Policy) -> bool:
    return bool(policy.values.get("suppress_small_numbers"))


def suppression_max(policy: Policy) -> int:
    return int(policy.values["suppression_max"])


def is_suppressed(count: Any, policy: Policy) -> bool:
    """Whether this count shows as ``c``: suppression on and 1 <= count <= suppression_max."""
    if count is None or not suppressing(policy):
        return False
    return 1 <= int(count) <= suppression_max(policy)


def small_count_expr(column: str, policy: Policy) -> pl.Expr:
    """True where the column's count would be suppressed (whatever the policy's switch says)."""
    return pl.col(column).is_between(1, suppression_max(policy))


def suppress(
    frame: pl.DataFrame,
    policy: Policy,
    count_columns: Sequence[str],
    rate_columns: Sequence[str] = (),
) -> pl.DataFrame:
    """Counts 1..suppression_max become ``c``, and so does every rate in a row holding one.

    Off unless the policy's ``suppress_small_numbers`` is true. Zero is not suppressed: an
    empty cell discloses no one. When on, the named columns become text.
    """
    if not suppressing(policy):
        return frame
    missing = [c for c in (*count_columns, *rate_columns) if c not in frame.columns]
    if missing:
        raise ValueError(f"suppress: no such columns: {', '.join(missing)}")
    small = {c: small_count_expr(c, policy) for c in count_columns}
    any_small = pl.any_horizontal(list(small.values())) if small else pl.lit(False)
    return frame.with_columns(
        *(
            pl.when(small[c].fill_null(False)).then(pl.lit(SUPPRESSED)).otherwise(pl.col(c).cast(pl.String)).alias(c)
            for c in count_columns
        ),
        *(
            pl.when(any_small.fill_null(False)).then(pl.lit(SUPPRESSED)).otherwise(pl.col(c).cast(pl.String)).alias(c)
            for c in rate_columns
        ),
    )


# Columns of a summary table that give a rate back: the rate itself, its percent text, a
# difference from the overall rate and a change on a month ago (overall + difference = rate).
SUMMARY_COUNTS = ("numerator", "denominator")
SUMMARY_RATES = ("value", "percent", "difference", "a month ago", "change (points)")


def suppress_summary(frame: pl.DataFrame, policy: Policy) -> pl.DataFrame:
    """:func:`suppress` on whichever summary columns ``frame`` has (numerator, denominator, rates)."""
    counts = [c for c in SUMMARY_COUNTS if c in frame.columns]
    rates = [c for c in SUMMARY_RATES if c in frame.columns]
    return suppress(frame, policy, counts, rates)


# --- figures in a spreadsheet --------------------------------------------------------------

# Columns holding a rate as a fraction (0.7037...), which a spreadsheet shows as "70.4%", and
# columns holding a difference in percentage points; the names the pages and the pack use.
RATE_COLUMNS = ("value", "rate", "a month ago", "target_green", "target_amber")
POINTS_COLUMNS = ("difference", "change (points)")
PERCENT_FORMAT = "0.0%"
POINTS_FORMAT = "+0.0;-0.0;0.0"
# what suppress() makes of a number: polars' own text of an int or a float (no thousands
# separator, no leading zero, at most 15 digits before the point, so it reads back exactly)
_PLAIN_NUMBER = r"^-?(0|[1-9][0-9]{0,14})(\.[0-9]+)?(e-?[0-9]+)?$"


def is_suppressed_text(series: pl.Series) -> bool:
    """Whether a text column is figures that went through :func:`suppress`: every cell ``c``, a
    plain number or empty (and not every cell empty). Such a column can hold no formula."""
    if series.dtype != pl.String or series.null_count() == series.len():
        return False
    values = series.drop_nulls()
    return bool(((values == SUPPRESSED) | values.str.contains(_PLAIN_NUMBER)).all())


def numbers_back(frame: pl.DataFrame) -> tuple[pl.DataFrame, dict[str, list[int]]]:
    """The frame with each suppressed-figure column (:func:`is_suppressed_text`) back as numbers,
    its ``c`` cells empty, and for each such column the rows holding ``c``: so a spreadsheet gets
    numbers it can add up, and the writer marks the suppressed cells again."""
    marks: dict[str, list[int]] = {}
    columns = []
    for name in frame.columns:
        series = frame[name]
        if not is_suppressed_text(series):
            continue
        marks[name] = (series == SUPPRESSED).fill_null(False).arg_true().to_list()
        numbers = series.replace(SUPPRESSED, None)
        whole = numbers.drop_nulls().str.contains(r"^-?[0-9]+$").all()
        columns.append(numbers.cast(pl.Int64 if whole else pl.Float64).alias(name))
    return (frame.with_columns(columns) if columns else frame), marks


def hide_suppressed_rates(frame: pl.DataFrame, policy: Policy, value: str = "value") -> pl.DataFrame:
    """Rates nulled where their counts would be suppressed: a plotted share would give them back."""
    if not suppressing(policy):
        return frame
    hidden = small_count_expr("numerator", policy) | small_count_expr("denominator", policy)
    return frame.with_columns(pl.when(hidden).then(None).otherwise(pl.col(value)).alias(value))


def count_text(count: Any, policy: Policy) -> str:
    """A count as a report writes it: "1,234"; "c" when suppressed; "-" when unknown."""
    if count is None:
        return "-"
    if is_suppressed(count, policy):
        return SUPPRESSED
    return f"{int(count):,}"


def rate_text(numerator: Any, denominator: Any, value: Any, policy: Policy) -> str:
    """ "83.3% (25/30)"; "not loaded" without a denominator; "no items" where it is 0; "c" when
    either count is suppressed."""
    if denominator is None:
        return "not loaded"
    if denominator == 0:
        return "no items"
    if is_suppressed(numerator, policy) or is_suppressed(denominator, policy):
        return SUPPRESSED
    return f"{percent(value)} ({numerator:,}/{denominator:,})"


# --- small groups --------------------------------------------------------------------------


def small_group_limit(policy: Policy) -> int:
    """Groups with fewer items than this are small (policy ``small_group_cases``)."""
    return int(policy.values["small_group_cases"])


def is_small(denominator: Any, limit: int) -> bool:
    """The small-group rule: fewer items than ``limit`` (:func:`small_group_limit`)."""
    return denominator is not None and denominator < limit


def is_small_group(denominator: Any, policy: Policy) -> bool:
    return is_small(denominator, small_group_limit(policy))


def small_view(denominator: Any, filters: Any, policy: Policy) -> bool:
    """Whether a headline figure is a small group's: the view is filtered (``filters`` truthy:
    a sidebar filter or a signed-in scope) and the figure counts fewer than small_group_cases
    items. The whole service's own figure is not a group's."""
    return bool(filters) and is_small_group(denominator, policy)


def small_group_expr(policy: Policy, denominator: str = "denominator") -> pl.Expr:
    return pl.col(denominator) < small_group_limit(policy)


def mark_small(frame: pl.DataFrame, policy: Policy, column: str = "small") -> pl.DataFrame:
    """Adds ``small``: groups with fewer items than policy small_group_cases."""
    return frame.with_columns(small_group_expr(policy).alias(column))


def ranked(frame: pl.DataFrame, direction: str) -> pl.DataFrame:
    """A league table: groups with a rate and not small ranked best first (``rank`` from 1),
    then small groups and groups with nothing to count, unranked. Needs ``small`` and ``value``."""
    rankable = ~pl.col("small") & pl.col("value").is_not_null()
    top = frame.filter(rankable).sort("value", descending=direction == "higher").with_row_index("rank", offset=1)
    rest = frame.filter(~rankable).with_columns(rank=pl.lit(None, dtype=pl.UInt32))
    return pl.concat([top, rest.select(top.columns)])
