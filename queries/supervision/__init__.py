"""Supervision preparation's queries: the case manager's last formal session and their caseload
on D with what a line manager reviews before the next one (oversight.supervision orders it).

Each function takes a connection, takes its own cursor and returns Polars; the SQL lives beside
this file, values bound, never formatted in.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import polars as pl

from oversight.policy import Policy
from queries.runner import run

HERE = Path(__file__).parent


def _run(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, object]) -> pl.DataFrame:
    cur = con.cursor()
    try:
        return run(cur, (HERE / f"{name}.sql").read_text(), params, name=f"supervision {name}")
    finally:
        cur.close()


def last_session(con: duckdb.DuckDBPyConnection, case_manager_id: str, as_of: dt.date) -> dict[str, object] | None:
    """The latest formal one-to-one session of the case manager up to D, or None."""
    frame = _run(con, "last_session", {"case_manager_id": case_manager_id, "as_of_date": as_of})
    return frame.row(0, named=True) if frame.height else None


def caseload(
    con: duckdb.DuckDBPyConnection,
    case_manager_id: str,
    as_of: dt.date,
    since: dt.date | None,
    policy: Policy,
    allowed_staff: tuple[str, ...] | None = None,
) -> pl.DataFrame:
    """Every case open on D that the case manager holds on D, one row each (see caseload.sql)."""
    params = {
        **policy.values,
        "case_manager_id": case_manager_id,
        "as_of_date": as_of,
        "since_date": since,
        "allowed_staff": None if allowed_staff is None else list(allowed_staff),
    }
    return _run(con, "caseload", params)


def holders(
    con: duckdb.DuckDBPyConnection, as_of: dt.date, allowed_staff: tuple[str, ...] | None = None
) -> dict[str, int]:
    """Staff id -> the number of cases open on D they hold, for everyone holding one (holders.sql)."""
    params = {"as_of_date": as_of, "allowed_staff": None if allowed_staff is None else list(allowed_staff)}
    return dict(_run(con, "holders", params).iter_rows())
