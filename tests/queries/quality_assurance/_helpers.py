"""A reader shared by the quality-assurance and escalation tests, whose items' ids (audit ids)
the builder numbers itself: each case holds one item, so the case names the item."""

from __future__ import annotations

import polars as pl


def met_by_case(rows: pl.DataFrame) -> dict[str, bool]:
    """case_id -> met, for one window's items (one item per case)."""
    assert rows["case_id"].n_unique() == rows.height, "one item per case in these fixtures"
    return {r["case_id"]: r["in_numerator"] for r in rows.iter_rows(named=True)}
