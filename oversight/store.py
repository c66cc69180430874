"""Writing a database file from validated canonical tables.

The loader validates an extract and hands the tables here; tests hand hand-built tables here
directly. Either way the file holds the canonical tables, the working-day calendar, the
staging tables (queries/staging/), the policy-free intermediate models built on them and the
macros over both (queries/intermediate/), which indicators read, and ``load_meta``. Writing always
goes to a new file: swapping it in is the loader's job (oversight/load.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from functools import cache
from pathlib import Path

import duckdb
import polars as pl

from oversight.schema import MANAGEMENT_CATEGORIES, MANAGER_ROLES, TABLES, create_table_sql, stored_columns
from oversight.workdays import calendar_frame
from queries.quality.signals import SIGNALS, phrase_params
from queries.runner import INTERMEDIATE_DIR, STAGING_DIR, execute, run_script

# Built in this order; each file is one model (create table <name> as <file>).
STAGING_MODELS = ("keyed_cases", "management_entries", "rating_history", "allocation_history")
# Built after staging, in this order; they read staging and take no policy value.
INTERMEDIATE_MODELS = (
    "rating_spans", "allocation_spans", "holder_spans", "stage_facts", "first_stages", "event_facts", "entry_delays",
    "latest_entry_spans", "absence_spans", "panel_reviews",
)  # fmt: skip


@cache
def build_id() -> str:
    """What this version of Oversight builds into a file: a digest of the tables' definitions and
    of every staging and intermediate model and macro. A file built by another version lacks
    models or columns the indicators read, so it is loaded again rather than read (is_current)."""
    digest = hashlib.sha256()
    for table in TABLES.values():
        digest.update(create_table_sql(table).encode())
    for folder in (STAGING_DIR, INTERMEDIATE_DIR):
        for sql in sorted(folder.glob("*.sql")):
            digest.update(sql.name.encode() + b"\0" + sql.read_bytes())
    return digest.hexdigest()[:16]


def is_current(meta: dict[str, object]) -> bool:
    """Whether a database's load_meta says this version of Oversight built it."""
    return meta.get("build") == build_id()


STALE_MESSAGE = (
    "The database at {path} was built by another version of Oversight, so its figures cannot be "
    "read: load the extract again (the Data page, or python -m oversight load PATH --db {path})."
)


def connect_for_writing(path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path), config={"autoinstall_known_extensions": False})
    con.sql("load icu")
    return con


def write_database(path: Path, tables: dict[str, pl.DataFrame], meta: dict[str, object]) -> None:
    """Create ``path`` (which must not exist) holding ``tables`` and everything derived from them.

    ``tables`` maps canonical table names to frames with the stored columns
    (oversight.schema.stored_columns); a missing optional table is created empty and
    recorded as absent in load_meta, so indicators that need it say "not available".
    """
    if path.exists():
        raise FileExistsError(path)
    con = connect_for_writing(path)
    try:
        for name, table in TABLES.items():
            con.sql(create_table_sql(table))
            frame = tables.get(name)
            if frame is not None and frame.height:
                columns = [c for c, _ in stored_columns(table)]
                arrow = frame.select(columns).to_arrow()  # noqa: F841 (read by name below)
                con.sql(f"insert into {name} select * from arrow")
        _write_calendar(con)
        _write_staging(con)
        _write_intermediate(con)
        present = sorted(n for n in TABLES if n in tables)
        full_meta = {
            **meta,
            "tables_present": present,
            "columns_present": _columns_present(con, present),
            "build": build_id(),
        }
        con.sql("create table load_meta (key varchar, value varchar)")
        con.executemany(
            "insert into load_meta values (?, ?)",
            [(k, json.dumps(v, default=str)) for k, v in full_meta.items()],
        )
        con.sql("checkpoint")
    finally:
        con.close()


def _columns_present(con: duckdb.DuckDBPyConnection, present: list[str]) -> list[str]:
    """Each contract column of a supplied table holding at least one value, as ``table.column``.

    An indicator that needs an optional column (``requires: panels.recorded_date``) is not
    available when the extract never fills it: every row empty says the system does not export
    it, not that every meeting's minutes are missing.
    """
    found: list[str] = []
    for name in present:
        columns = TABLES[name].column_names
        counts = con.sql(f"select {', '.join(f'count({c})' for c in columns)} from {name}").fetchall()[0]
        found.extend(f"{name}.{c}" for c, n in zip(columns, counts, strict=True) if n)
    return sorted(found)


def _write_calendar(con: duckdb.DuckDBPyConnection) -> None:
    bounds = con.sql(
        """
        select min(d), max(d) from (
            select min(start_date) as d from cases union all select max(coalesce(end_date, start_date)) from cases
            union all select min(cast(event_date as date)) from case_notes
            union all select max(cast(recorded_at as date)) from case_notes
            union all select min(started_date) from assessments
            union all select min(session_date) from supervisions
            union all select min(set_date) from actions
            union all select max(due_date) from actions
        )
        """
    ).fetchall()[0]
    today = dt.date.today()
    first = (bounds[0] or today) - dt.timedelta(days=400)
    last = max(bounds[1] or today, today) + dt.timedelta(days=800)
    days = calendar_frame(first, last).to_arrow()  # noqa: F841 (read by name below)
    con.sql("create table calendar as select * from days")
    run_script(con, STAGING_DIR / "macros.sql")


def _write_staging(con: duckdb.DuckDBPyConnection) -> None:
    params = {
        "manager_roles": list(MANAGER_ROLES),
        "management_categories": list(MANAGEMENT_CATEGORIES),
        **_phrases_at_load(),
    }
    for model in STAGING_MODELS:
        sql = (STAGING_DIR / f"{model}.sql").read_text()
        execute(con, f"create table {model} as {sql}", params, name=model)


def _phrases_at_load() -> dict[str, str]:
    """QL2's patterns for management_entries to match once (queries/quality/signals.py). A broken
    phrase file matches nothing here, under a digest no phrases have; QL2 then says what is wrong."""
    try:
        return phrase_params()
    except ValueError:
        return {"phrases_digest": "", **{f"{name}_pattern": "$^" for name in SIGNALS}}


def _write_intermediate(con: duckdb.DuckDBPyConnection) -> None:
    for model in INTERMEDIATE_MODELS:
        sql = (INTERMEDIATE_DIR / f"{model}.sql").read_text()
        execute(con, f"create table {model} as {sql}", name=model)
    # the table macros read the temporary table `windows` that each query creates; creating them
    # needs one to exist, and it goes with this connection
    execute(con, "create temp table windows (as_of_date date, from_date date)", name="windows")
    run_script(con, INTERMEDIATE_DIR / "macros.sql")
