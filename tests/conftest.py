from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from oversight.db import Database
from oversight.policy import Policy, load_policy
from queries import indicators
from tests.builder import Extract, standard_staff


@pytest.fixture
def policy() -> Policy:
    """The default policy, whatever local file the developer has."""
    return load_policy(Path("/nonexistent/policy.toml"))


@pytest.fixture
def extract() -> Extract:
    return standard_staff(Extract())


@pytest.fixture
def open_db(tmp_path: Path):
    """Build an extract into a real DuckDB file and open it read-only as the app does."""
    opened: list[Database] = []

    def _open(extract: Extract) -> duckdb.DuckDBPyConnection:
        db = Database(extract.build(tmp_path / f"fixture{len(opened)}.duckdb"))
        opened.append(db)
        return db.connection()

    yield _open
    for db in opened:
        db.close()


@pytest.fixture
def measure(open_db, policy):
    """measure(extract, "FP1", "2026-03-31") -> the indicator's items for that one D."""

    def _measure(extract: Extract, indicator_id: str, as_of: str, start: str | None = None, **overrides):
        con = open_db(extract)
        pol = policy
        if overrides:
            from dataclasses import replace

            pol = replace(
                policy,
                settings={
                    k: replace(s, value=overrides.get(k, s.value)) for k, s in policy.settings.items()
                },
            )
        d = dt.date.fromisoformat(as_of)
        window = indicators.period(d, dt.date.fromisoformat(start) if start else None)
        ind = indicators.catalogue()[indicator_id]
        return indicators.items(con, ind, [window], pol)

    return _measure
