"""Opening the database for reading, and noticing when a load has swapped in a new file.

DuckDB keeps one database instance per path inside a process, so after a swap
``duckdb.connect(path, read_only=True)`` could still return the old data. Instead the file is
attached under an in-memory connection and reattached when its inode or mtime changes.
Connections are not thread-safe: take a ``cursor()`` per query.

A reload must be invisible to someone mid-click, so the connection to the replaced file is never
closed by the swap. Every handle that :meth:`Database.connection` gives out holds its own
connection (its generation), and so does every cursor and result taken from it; the old file is
released by DuckDB when the last of them goes, and not before. Closing it at the swap raised
"connection is busy" in a thread still running a query on it, and "connection has already been
closed" in a page that had taken the handle a moment before.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import duckdb

DEFAULT_DB = Path(__file__).resolve().parent.parent / "data" / "oversight.duckdb"


def db_path() -> Path:
    return Path(os.environ.get("OVERSIGHT_DB", DEFAULT_DB))


def _stamp(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_ino, st.st_mtime_ns


def _attach(path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
    con.sql("load icu")
    con.execute("attach $path as db (read_only)", {"path": str(path)}).fetchall()
    con.sql("use db")
    return con


class Database:
    """A read-only view of the database file at ``path`` that follows swaps."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._stamp: tuple[int, int] | None = None

    def connection(self) -> Connection:
        """A handle on the file as it is now: reattached if a load replaced it since.

        Callers take ``.cursor()`` from it for each query. The handle keeps reading the file it
        was given even if a load swaps in another one meanwhile, so one page's figures all come
        from one load."""
        with self._lock:
            # the stamp is read before attaching: a swap in between then shows as a changed
            # stamp on the next call (and a reattach), never as old data under the new stamp
            stamp = _stamp(self.path)
            if self._con is None or stamp != self._stamp:
                # the previous connection is dropped, not closed: handles, cursors and results
                # still using it keep it open until they finish (see the module docstring)
                self._con, self._stamp = _attach(self.path), stamp
            return Connection(self._con)

    def close(self) -> None:
        """Close the current connection (for tests and commands that are done with the file)."""
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None
                self._stamp = None


class Connection:
    """A connection whose cursors start in the attached database."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self._con = con

    def cursor(self) -> duckdb.DuckDBPyConnection:
        cur = self._con.cursor()
        cur.sql("use db")
        return cur

    def sql(self, query: str, params: object = None) -> duckdb.DuckDBPyRelation:  # pragma: no cover
        return self.cursor().sql(query, params=params)
