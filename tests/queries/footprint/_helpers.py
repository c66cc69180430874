"""Small readers shared by the footprint and timeliness indicator tests."""

from __future__ import annotations

import datetime as dt

import duckdb
import polars as pl

from oversight.policy import Policy
from queries import indicators

CORE = ["as_of_date", "item_id", "item_date", "in_numerator", "gap", "since_date"]


def met(rows: pl.DataFrame) -> dict[str, bool]:
    """item_id -> met, for one window's items."""
    return {r["item_id"]: r["in_numerator"] for r in rows.iter_rows(named=True)}


def row(rows: pl.DataFrame, item_id: str) -> dict:
    return rows.filter(pl.col("item_id") == item_id).row(0, named=True)


def month_end_answers(
    con: duckdb.DuckDBPyConnection, policy: Policy, indicator_id: str, as_of: str, months: int
) -> dict[str, dict[str, bool]]:
    """Run the month-end trend as ONE query, check each window against running it alone, and
    return {month end: {item_id: met}}."""
    ind = indicators.catalogue()[indicator_id]
    windows = indicators.month_ends(dt.date.fromisoformat(as_of), months)
    together = indicators.items(con, ind, windows, policy)
    answers: dict[str, dict[str, bool]] = {}
    for window in windows:
        alone = indicators.items(con, ind, [window], policy).select(CORE).sort("item_id")
        part = together.filter(pl.col("as_of_date") == window.as_of).select(CORE).sort("item_id")
        assert part.equals(alone), f"{indicator_id} at {window.as_of}: trend differs from a single window"
        answers[window.as_of.isoformat()] = met(part)
    return answers


def overall(con: duckdb.DuckDBPyConnection, policy: Policy, indicator_id: str, as_of: str, start: str | None = None):
    """(numerator, denominator, value) for one window."""
    ind = indicators.catalogue()[indicator_id]
    window = indicators.period(dt.date.fromisoformat(as_of), dt.date.fromisoformat(start) if start else None)
    first = indicators.summary(con, ind, [window], policy).row(0, named=True)
    return first["numerator"], first["denominator"], first["value"]
