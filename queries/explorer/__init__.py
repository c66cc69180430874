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
Allowed = tuple[str, ...] | None  # a scope's staff ids (oversight.access); None: the whole service


def _allowed(allowed_staff: Allowed) -> list[str] | None:
    return None if allowed_staff is None else list(allowed_staff)


def _run(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, object] | None = None) -> pl.DataFrame:
    cur = con.cursor()
    try:
        return run(cur, (HERE / f"{name}.sql").read_text(), params or {}, name=name)
    finally:
        cur.close()


def filter_options(con: duckdb.DuckDBPyConnection, allowed_staff: Allowed = None) -> pl.DataFrame:
    """filter, value, label, and for staff their team and line manager; in label order. With a
    scope, only the teams and staff within it."""
    return _run(con, "filter_options", {"allowed_staff": _allowed(allowed_staff)})


def staff_names(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return _run(con, "staff_names")


def staff_labels(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """staff_id -> "name (staff_id)": how the dashboard and the pack show a member of staff (the
    id kept, since two staff can share a name)."""
    frame = staff_names(con)
    return {r["staff_id"]: f"{r['name']} ({r['staff_id']})" for r in frame.iter_rows(named=True)}


def timeline(
    con: duckdb.DuckDBPyConnection, case_id: str, as_of: dt.date, allowed_staff: Allowed = None
) -> pl.DataFrame:
    """Every dated happening on one case up to the end of D, oldest first (nothing for a case
    outside the scope, as for one that does not exist)."""
    return _run(con, "timeline", {"case_id": case_id, "as_of_date": as_of, "allowed_staff": _allowed(allowed_staff)})


def case_facts(
    con: duckdb.DuckDBPyConnection, case_id: str, as_of: dt.date, allowed_staff: Allowed = None
) -> dict[str, object] | None:
    """The case's header; None when it does not exist or is outside the scope (the same answer)."""
    params = {"case_id": case_id, "as_of_date": as_of, "allowed_staff": _allowed(allowed_staff)}
    frame = _run(con, "case_facts", params)
    return frame.row(0, named=True) if frame.height else None


def find_cases(
    con: duckdb.DuckDBPyConnection, text: str, limit: int = 50, allowed_staff: Allowed = None
) -> pl.DataFrame:
    params = {"text": text.strip(), "limit": limit, "allowed_staff": _allowed(allowed_staff)}
    return _run(con, "find_cases", params)


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
