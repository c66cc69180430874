"""Opening the database for reading, and noticing when a load has swapped in a new file.

DuckDB keeps one database instance per path inside a process, so after a swap
``duckdb.connect(path, read_only=True)`` could still return the old data. Instead the file is
attached under an in-memory connection and reattached when its inode or mtime changes.
Connections are not thread-safe: take a ``cursor()`` per query.
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


class Database:
    """A read-only view of the database file at ``path`` that follows swaps."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._stamp: tuple[int, int] | None = None

    def _open(self) -> None:
        con = duckdb.connect(config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
        con.sql("load icu")
        con.execute("attach $path as db (read_only)", {"path": str(self.path)}).fetchall()
        con.sql("use db")
        self._con, self._stamp = con, _stamp(self.path)

    def connection(self) -> duckdb.DuckDBPyConnection:
        """The shared connection, reopened if the file was replaced since it was opened.

        Callers take ``.cursor()`` from it for each query (and ``use db`` is set on it)."""
        with self._lock:
            if self._con is None or _stamp(self.path) != self._stamp:
                old = self._con
                self._open()
                if old is not None:
                    old.close()
            assert self._con is not None
            return _UsingDb(self._con)

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None


class _UsingDb:
    """A connection whose cursors start in the attached database."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self._con = con

    def cursor(self) -> duckdb.DuckDBPyConnection:
        cur = self._con.cursor()
        cur.sql("use db")
        return cur

    def sql(self, query: str, params: object = None):  # pragma: no cover - convenience
        return self.cursor().sql(query, params=params)
