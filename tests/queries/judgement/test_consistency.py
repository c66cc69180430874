"""JG1's checks read the same rules as the indicators they are named after.

On a synthetic extract, for every case open on D whose review window is the full 182 days,
each of these checks must fail exactly when the indicator, run over the window as its period,
has an unmet item for the case: TL6 (events), DR2 (actions), FP4 (countersigned) and TL4
(countersigned in time, over the countersigned stages: a stage never countersigned fails FP4
only).
"""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from oversight.db import Database
from oversight.load import load_extract
from oversight.synth import generate
from queries import indicators


@pytest.fixture(scope="module")
def demo_con(tmp_path_factory):
    folder = tmp_path_factory.mktemp("jg1_demo")
    generate(scale="yot", seed=3, out=folder / "extract")
    report = load_extract(folder / "extract", db=folder / "demo.duckdb", synthetic=True)
    assert report.ok
    db = Database(folder / "demo.duckdb")
    yield db.connection()
    db.close()


def _statuses(frame: pl.DataFrame) -> pl.DataFrame:
    per_case = frame.group_by("case_id").agg(failed=(~pl.col("in_numerator")).any())
    return per_case.select(
        "case_id", expected=pl.when(pl.col("failed")).then(pl.lit("fail")).otherwise(pl.lit("pass"))
    )


@pytest.mark.parametrize(("indicator_id", "check"), [
    ("TL6", "events"), ("DR2", "actions"), ("FP4", "countersigned"), ("TL4", "countersign_time"),
])  # fmt: skip
def test_checks_agree_with_their_indicators(demo_con, policy, indicator_id, check):
    catalogue = indicators.catalogue()
    as_of = indicators.default_as_of(demo_con)
    window_start = as_of - dt.timedelta(days=181)
    judged = indicators.items(demo_con, catalogue["JG1"], [indicators.period(as_of)], policy).filter(
        (pl.col("window_start") == window_start) & (pl.col("window_end") == as_of)
    )
    items = indicators.items(demo_con, catalogue[indicator_id], [indicators.Window(as_of, window_start)], policy)
    if indicator_id == "TL4":
        items = items.filter(pl.col("countersigned_date").is_not_null())
    compared = (
        judged.select("case_id", got=pl.col(check).replace({"critical": "fail"}))
        .join(_statuses(items), on="case_id", how="left")
        .with_columns(pl.col("expected").fill_null("n/a"))
    )
    assert compared.height >= 40  # enough cases for the comparison to mean something (49 here)
    assert compared.filter(pl.col("got") == "fail").height > 0
    assert compared.filter(pl.col("got") != pl.col("expected")).to_dicts() == []
