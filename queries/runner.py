"""The one place SQL runs.

Every query of the product, staging model or indicator, goes through :func:`run` (or
:func:`run_script` for a file of statements): values are bound as ``$name`` parameters, only
the parameters a query mentions are passed, and a failure is logged with the query's name and
its parameters before it is raised.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from pathlib import Path

import duckdb
import polars as pl

log = logging.getLogger("oversight.queries")

QUERIES_DIR = Path(__file__).parent
STAGING_DIR = QUERIES_DIR / "staging"
INTERMEDIATE_DIR = QUERIES_DIR / "intermediate"

_COMMENT = re.compile(r"--[^\n]*")
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def strip_comments(sql: str) -> str:
    return _COMMENT.sub("", sql)


def parameters_of(sql: str) -> set[str]:
    """The ``$name`` parameters a query uses (comments ignored)."""
    return set(_PARAM.findall(strip_comments(sql)))


def bind(sql: str, params: Mapping[str, object]) -> dict[str, object]:
    """The subset of ``params`` that ``sql`` uses; a missing one is an error, not a NULL."""
    wanted = parameters_of(sql)
    missing = wanted - set(params)
    if missing:
        raise KeyError(f"query needs parameters not given: {', '.join(sorted(missing))}")
    return {k: params[k] for k in sorted(wanted)}


def run(
    con: duckdb.DuckDBPyConnection,
    sql: str,
    params: Mapping[str, object] | None = None,
    *,
    name: str = "query",
) -> pl.DataFrame:
    """Run ``sql`` with bound parameters and return its rows as a Polars frame."""
    bound = bind(sql, params or {})
    try:
        return con.sql(sql, params=bound).pl()
    except duckdb.Error:
        log.error("query %s failed; parameters: %r", name, bound)
        raise


def execute(
    con: duckdb.DuckDBPyConnection,
    sql: str,
    params: Mapping[str, object] | None = None,
    *,
    name: str = "statement",
) -> None:
    """Run a statement that returns no rows (create, insert) with bound parameters."""
    bound = bind(sql, params or {})
    try:
        con.execute(sql, bound).fetchall()
    except duckdb.Error:
        log.error("statement %s failed; parameters: %r", name, bound)
        raise


def run_script(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Run a file of parameter-free statements separated by semicolons (staging macros)."""
    for statement in strip_comments(path.read_text()).split(";"):
        if statement.strip():
            execute(con, statement, name=path.name)
