"""Queries behind the dashboard that are not indicators: the case explorer's timeline, the
values the global filters offer, staff display names and the load's description.

Each function takes a connection (``Database.connection()``), takes its own cursor and returns
Polars. The SQL lives beside this file; values are bound, never formatted in.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import polars as pl

from queries.runner import run

HERE = Path(__file__).parent


def _run(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, object] | None = None) -> pl.DataFrame:
    cur = con.cursor()
    try:
        return run(cur, (HERE / f"{name}.sql").read_text(), params or {}, name=name)
    finally:
        cur.close()


def filter_options(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """filter, value, label, and for staff their team and line manager; in label order."""
    return _run(con, "filter_options")


def staff_names(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return _run(con, "staff_names")


def timeline(con: duckdb.DuckDBPyConnection, case_id: str, as_of: dt.date) -> pl.DataFrame:
    """Every dated happening on one case up to the end of D, oldest first."""
    return _run(con, "timeline", {"case_id": case_id, "as_of_date": as_of})


def case_facts(con: duckdb.DuckDBPyConnection, case_id: str, as_of: dt.date) -> dict[str, object] | None:
    frame = _run(con, "case_facts", {"case_id": case_id, "as_of_date": as_of})
    return frame.row(0, named=True) if frame.height else None


def find_cases(con: duckdb.DuckDBPyConnection, text: str, limit: int = 50) -> pl.DataFrame:
    return _run(con, "find_cases", {"text": text.strip(), "limit": limit})


def load_meta(con: duckdb.DuckDBPyConnection) -> dict[str, object]:
    """The load's description (source, load_date, synthetic, tables_present, ...)."""
    cur = con.cursor()
    try:
        frame = run(cur, "select key, value from load_meta", name="load_meta")
    finally:
        cur.close()
    out: dict[str, object] = {}
    for key, value in frame.iter_rows():
        try:
            out[key] = json.loads(value)
        except (TypeError, json.JSONDecodeError):
            out[key] = value
    return out
