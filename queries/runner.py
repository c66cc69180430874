"""The one place SQL runs.

Every query of the product, staging model or indicator, goes through :func:`run` (or
:func:`run_small` for a count, :func:`run_script` for a file of statements): values are bound
as ``$name`` parameters, only the parameters a query mentions are passed, and a failure is
logged with the query's name and its parameters before it is raised.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import duckdb
import polars as pl

log = logging.getLogger("oversight.queries")

# run_small copies a DB-API result to Arrow, which DuckDB warns of; a few rows make it cheap.
# Set once here, not per call: warnings.catch_warnings() is not safe across threads.
warnings.filterwarnings("ignore", message="Arrow output on a DB-API result", category=UserWarning)

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


@contextmanager
def _logged(kind: str, name: str, bound: Mapping[str, object]) -> Iterator[None]:
    """A DuckDB failure inside is logged with the query's name and parameters, then raised."""
    try:
        yield
    except duckdb.Error:
        log.error("%s %s failed; parameters: %r", kind, name, bound)
        raise


def run(
    con: duckdb.DuckDBPyConnection,
    sql: str,
    params: Mapping[str, object] | None = None,
    *,
    name: str = "query",
) -> pl.DataFrame:
    """Run ``sql`` with bound parameters and return its rows as a Polars frame."""
    bound = bind(sql, params or {})
    with _logged("query", name, bound):
        return con.sql(sql, params=bound).pl()


def run_small(
    con: duckdb.DuckDBPyConnection,
    sql: str,
    params: Mapping[str, object] | None = None,
    *,
    name: str = "query",
) -> pl.DataFrame:
    """:func:`run` for a query that returns a few rows (a count by window and group).

    :func:`run` reads through a DuckDB relation, which binds the query once to describe it and
    again to run it: nothing beside a large result, but for JG1's count, a query of some forty
    thousand characters, a sixth of its time. This runs it once, as a statement, and copies its
    rows to Arrow, which costs more than the relation's read only when there are many rows. Its
    columns need names of their own (a count's have): unlike :func:`run`, it does not rename a
    repeated one.
    """
    bound = bind(sql, params or {})
    with _logged("query", name, bound):
        return pl.from_arrow(con.execute(sql, bound).to_arrow_table())


def execute(
    con: duckdb.DuckDBPyConnection,
    sql: str,
    params: Mapping[str, object] | None = None,
    *,
    name: str = "statement",
) -> None:
    """Run a statement that returns no rows (create, insert) with bound parameters."""
    bound = bind(sql, params or {})
    with _logged("statement", name, bound):
        con.execute(sql, bound).fetchall()


def run_script(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Run a file of parameter-free statements separated by semicolons (staging macros)."""
    for statement in strip_comments(path.read_text()).split(";"):
        if statement.strip():
            execute(con, statement, name=path.name)
