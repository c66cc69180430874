"""The read-only database under reloads: readers never see an error, and see the new data."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from oversight.db import Database
from tests.builder import Extract, standard_staff


def _build(path: Path, cases: int) -> Path:
    e = standard_staff(Extract())
    for n in range(cases):
        e.case(f"c{n}", "2026-01-01")
    return e.build(path)


def _swap(db: Path, cases: int) -> None:
    """What the loader does: write a whole new file beside the database, then one rename."""
    new = db.with_name(db.name + ".new")
    _build(new, cases)
    os.replace(new, db)


def _count(database: Database) -> int:
    cur = database.connection().cursor()
    try:
        return cur.sql("select count(*) from cases").fetchall()[0][0]
    finally:
        cur.close()


def _open_files(path: Path) -> int:
    """How many of this process's descriptors point at ``path`` (or at it replaced: deleted)."""
    n = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target in (str(path), f"{path} (deleted)"):
            n += 1
    return n


def test_a_swap_is_seen_by_the_next_query(tmp_path):
    db = _build(tmp_path / "o.duckdb", 1)
    database = Database(db)
    try:
        assert _count(database) == 1
        _swap(db, 2)
        assert _count(database) == 2
    finally:
        database.close()


def test_a_handle_taken_before_a_swap_keeps_working_on_its_own_load(tmp_path):
    """A page takes the handle, a load lands, the page's next query must still run."""
    db = _build(tmp_path / "o.duckdb", 1)
    database = Database(db)
    try:
        handle = database.connection()
        cur = handle.cursor()
        _swap(db, 3)
        assert _count(database) == 3  # someone else's query reattaches
        # the older handle and its cursor still answer, from the load they started with
        assert cur.sql("select count(*) from cases").fetchall() == [(1,)]
        assert handle.cursor().sql("select count(*) from cases").fetchall() == [(1,)]
        cur.close()
    finally:
        database.close()


def test_a_query_running_during_the_swap_finishes(tmp_path):
    db = _build(tmp_path / "o.duckdb", 1)
    database = Database(db)
    started, done = threading.Event(), {}

    def slow() -> None:
        cur = database.connection().cursor()
        started.set()
        try:
            done["rows"] = cur.sql("select count(*) from range(100000000) a, (select 1 from cases)").fetchall()
        except Exception as exc:  # noqa: BLE001 - the test reports whatever it was
            done["error"] = repr(exc)
        finally:
            cur.close()

    try:
        thread = threading.Thread(target=slow)
        thread.start()
        started.wait()
        _swap(db, 2)
        assert _count(database) == 2
        thread.join()
        assert done == {"rows": [(100000000,)]}
    finally:
        database.close()


def test_the_replaced_file_is_released_when_its_last_reader_is_done(tmp_path):
    db = _build(tmp_path / "o.duckdb", 1)
    database = Database(db)
    try:
        handle = database.connection()
        cur = handle.cursor()
        old = os.stat(db).st_ino
        _swap(db, 2)
        assert _count(database) == 2
        # the old file (now unlinked) is still open: a reader holds it
        deleted = [fd for fd in os.listdir("/proc/self/fd") if _points_at_deleted(fd, db)]
        assert deleted, "the replaced file should stay open while a cursor uses it"
        assert cur.sql("select count(*) from cases").fetchall() == [(1,)]
        cur.close()
        del cur, handle
        assert not [fd for fd in os.listdir("/proc/self/fd") if _points_at_deleted(fd, db)]
        assert os.stat(db).st_ino != old
    finally:
        database.close()
    assert _open_files(db) == 0


def _points_at_deleted(fd: str, db: Path) -> bool:
    try:
        return os.readlink(f"/proc/self/fd/{fd}") == f"{db} (deleted)"
    except OSError:
        return False


def test_readers_in_threads_see_no_error_while_loads_swap_the_file(tmp_path):
    """Four readers query in a loop (each query its own cursor, as the pages do) while the file
    is swapped twenty times; every answer is one of the loads, never an exception, and after the
    last swap every reader sees the last load."""
    db = _build(tmp_path / "o.duckdb", 1)
    database = Database(db)
    stop = threading.Event()
    errors: list[str] = []
    seen: list[set[int]] = [set() for _ in range(4)]
    queries = [0]

    def reader(n: int) -> None:
        while not stop.is_set():
            try:
                handle = database.connection()
                # two cursors from one handle, as a page with two figures: both the same load
                counts = []
                for _ in range(2):
                    time.sleep(0.01)  # the page lays out between its queries
                    cur = handle.cursor()
                    try:
                        counts.append(cur.sql("select count(*) from cases").fetchall()[0][0])
                    finally:
                        cur.close()
                assert counts[0] == counts[1], counts
                seen[n].add(counts[0])
                queries[0] += 1
            except Exception as exc:  # noqa: BLE001 - any error at all fails the test
                errors.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    try:
        for cases in range(2, 22):
            _swap(db, cases)
            # the loader's own page reads the new data at once, while readers hold handles
            assert _count(database) == cases
        stop.set()
        for t in threads:
            t.join()
        assert errors == []
        assert queries[0] > 20
        assert all(s <= set(range(1, 22)) for s in seen)
        assert _count(database) == 21
    finally:
        stop.set()
        database.close()
