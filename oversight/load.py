"""Loading an extract: validate everything, build a new database beside the old one, swap it in.

``python -m oversight load PATH [--profile FILE] [--db FILE]`` and the Data page both call
:func:`load_extract`. Nothing is half-loaded: the new file is written to ``<db>.new-<pid>`` and
moved onto the database path with one ``os.replace``, so a refused, failed or killed load leaves
the previous file byte for byte as it was, and the app (oversight/db.py) notices the new inode.
Every attempt is recorded in a load log beside the database, which the swap does not touch: a
line when it starts and a line with its outcome when it ends, joined by an attempt id, so a load
killed at any point still shows, once, as interrupted.

Uploads from the Data page are staged and removed by oversight.uploads.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import logging
import os
import socket
import sys
import time
import traceback
import uuid
from collections.abc import Callable
from pathlib import Path

import polars as pl

from oversight.db import db_path
from oversight.schema import SYNTHETIC_MARKER, TABLES
from oversight.store import write_database
from oversight.validate import LoadReport, Problem, validate_extract

__all__ = [
    "LoadReport",
    "Problem",
    "load_extract",
    "load_log_path",
    "read_load_log",
    "validate_extract",
]

log = logging.getLogger("oversight.load")

# Test hook: seconds to wait after the new file is written and before the swap, so a test can
# kill the process at the worst moment.
PAUSE_ENV = "OVERSIGHT_LOAD_PAUSE_BEFORE_SWAP"
# The same while the extract is being checked (after the attempt is logged as started).
PAUSE_VALIDATE_ENV = "OVERSIGHT_LOAD_PAUSE_IN_VALIDATION"

# An upload larger than this is refused before it is written anywhere. A large service's five
# years of case notes are about 300 MB as CSV; the loader holds an extract in memory a few
# times over while it checks it.
LOG_PROBLEMS = 200  # problems kept per log record; the counts are always complete

LOG_SCHEMA = {
    "when": pl.Datetime("us", "UTC"),
    "who": pl.String,
    "source": pl.String,
    "profile": pl.String,
    "db": pl.String,
    "outcome": pl.String,
    "rows": pl.Int64,
    "errors": pl.Int64,
    "warnings": pl.Int64,
    "seconds": pl.Float64,
    "row_counts": pl.String,
    "problems": pl.String,
}


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (containers): say so rather than fail the load
        return f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"


def load_log_path(db: Path) -> Path:
    """The load log of the database at ``db``: beside it, so the swap of the file leaves it alone."""
    db = Path(db)
    return db.with_name(f"{db.stem}.load-log.jsonl")


def _append_log(db: Path, record: dict[str, object]) -> None:
    path = load_log_path(db)
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(record, default=str) + "\n"
    # One write of one line in append mode: concurrent loads cannot interleave within a record.
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line.encode("utf-8"))
    finally:
        os.close(fd)


def read_load_log(db: Path | None = None) -> pl.DataFrame:
    """Every load attempt recorded for ``db``, newest first (an empty frame when none)."""
    path = load_log_path(Path(db) if db else db_path())
    rows = []
    for r in _attempts(path):
        rows.append(
            {
                "when": dt.datetime.fromisoformat(r["when"]).astimezone(dt.UTC),
                "who": r.get("who"),
                "source": r.get("source"),
                "profile": r.get("profile"),
                "db": r.get("db"),
                "outcome": r.get("outcome"),
                "rows": sum((r.get("row_counts") or {}).values()),
                "errors": r.get("error_count", 0),
                "warnings": r.get("warning_count", 0),
                "seconds": r.get("seconds"),
                "row_counts": json.dumps(r.get("row_counts") or {}),
                "problems": "\n".join(r.get("errors", []) + r.get("warnings", [])),
            }
        )
    # The file is in the order the attempts happened (two can share a second): newest first.
    return pl.DataFrame(rows[::-1], schema=LOG_SCHEMA, orient="row")


WHO_LABEL = "account (operating system)"
WHO_HELP = (
    "The operating-system account the load ran under: for a load from the Data page, the server's own "
    "account, not the person signed in (the access log says who that was)."
)


# the load history's columns before the one column per table
HISTORY_COLUMNS = ("when", WHO_LABEL, "extract", "profile", "outcome", "rows in all", "errors", "warnings", "seconds")


def history_table(log: pl.DataFrame) -> pl.DataFrame:
    """:func:`read_load_log` as a person reads it: the extract's name (not where it sat on the
    server), "who" as the operating-system account it is, and the rows of each table as a column
    of its own (in the data contract's order; empty where a load had no such table)."""
    counts = [json.loads(text or "{}") for text in log["row_counts"]]
    found = {name for c in counts for name in c}
    tables = [t for t in TABLES if t in found] + sorted(found - set(TABLES))
    per_table = pl.DataFrame({t: [c.get(t) for c in counts] for t in tables}, schema=dict.fromkeys(tables, pl.Int64))
    readable = log.select(
        "when",
        pl.col("who").alias(WHO_LABEL),
        pl.col("source").map_elements(lambda s: Path(s).name, return_dtype=pl.String).alias("extract"),
        "profile",
        "outcome",
        pl.col("rows").alias("rows in all"),
        "errors",
        "warnings",
        "seconds",
    )
    return pl.concat([readable, per_table], how="horizontal")


def _proc_start(pid: int) -> str | None:
    """When process ``pid`` started (clock ticks since boot), to tell it from a later one given its id."""
    try:
        stat_line = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat_line.rsplit(")", 1)[-1].split()[19]


def _attempts(path: Path) -> list[dict]:
    """One record per attempt, in the order they started: its outcome line where it has one.

    An attempt with only its start line is still running or was killed: which, its process says.
    """
    if not path.exists():
        return []
    records: list[dict] = []
    by_attempt: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip():
            continue
        try:
            r = json.loads(line)
        except json.JSONDecodeError:
            continue  # a line cut short by a crash; the others still count
        if not isinstance(r, dict) or "when" not in r:
            continue
        attempt = r.get("attempt")
        if attempt is None:
            records.append(r)
        elif attempt in by_attempt:
            records[by_attempt[attempt]] = {**records[by_attempt[attempt]], **r}
        else:
            by_attempt[attempt] = len(records)
            records.append(r)
    host = socket.gethostname()
    for r in records:
        if r.get("outcome") == "started" and r.get("host") == host:
            pid = r.get("pid")
            running = isinstance(pid, int) and _alive(pid) and _proc_start(pid) == r.get("pid_start")
            if not running:
                r["outcome"] = "interrupted"
                r.setdefault("errors", [])
                r["errors"] = [*r["errors"], "stopped before it finished; the data was left unchanged"]
                r["error_count"] = max(r.get("error_count") or 0, 1)
    return records


def _log_start(db: Path, attempt: str, source: Path, profile: Path | None, started: dt.datetime, user: str) -> None:
    record = {
        "attempt": attempt,
        "when": started.isoformat(timespec="seconds"),
        "who": user,
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "pid_start": _proc_start(os.getpid()),
        "source": str(source),
        "profile": str(profile) if profile else "canonical (built in)",
        "db": str(db),
        "outcome": "started",
    }
    try:
        _append_log(db, record)
    except OSError:
        log.error("could not append to the load log %s", load_log_path(db))


def _log_attempt(db: Path, report: LoadReport, started: dt.datetime, user: str, attempt: str | None = None) -> None:
    record = {
        "attempt": attempt,
        "when": started.isoformat(timespec="seconds"),
        "who": user,
        "source": report.source,
        "profile": report.profile,
        "db": str(db),
        "outcome": report.outcome,
        "row_counts": report.row_counts,
        "encodings": report.encodings,
        "error_count": len(report.errors),
        "warning_count": len(report.warnings),
        "errors": [str(p) for p in report.errors[:LOG_PROBLEMS]],
        "warnings": [str(p) for p in report.warnings[:LOG_PROBLEMS]],
        "seconds": round(report.seconds, 2),
    }
    try:
        _append_log(db, record)
    except OSError:
        # The load itself stands or falls on its own; an unwritable log is said, not fatal.
        log.error("could not append to the load log %s", load_log_path(db))


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_stale(db: Path) -> None:
    """Half-written files (``<db>.new-<pid>`` and its ``.wal``) of loads whose process is gone.

    Run at the start of every load. The killed attempt is already in the log (its start line);
    removing its files adds nothing there.
    """
    try:
        leftovers = list(db.parent.glob(f"{db.name}.new-*"))
    except OSError:
        return
    for leftover in leftovers:
        pid = leftover.name[len(f"{db.name}.new-") :].split(".")[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            try:
                leftover.unlink(missing_ok=True)
            except OSError:
                log.error("could not remove %s, left by a stopped load", leftover)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def load_extract(
    source: Path,
    profile: Path | None = None,
    db: Path | None = None,
    *,
    synthetic: bool = False,
    progress: Callable[[str, float], None] | None = None,
) -> LoadReport:
    """Validate the extract at ``source`` and, if nothing is wrong, replace the database with it.

    Returns the report in every case; ``report.ok`` says whether it was loaded. A folder holding
    the demo generator's marker file is synthetic whatever ``synthetic`` says.
    """
    db = Path(db) if db else db_path()
    source = Path(source)
    step = progress or (lambda _m, _f: None)
    started = dt.datetime.now().astimezone()
    clock = time.perf_counter()
    user = _user()
    attempt = uuid.uuid4().hex
    report = LoadReport(source=str(source), profile=str(profile) if profile else "canonical (built in)", db=str(db))
    new = db.with_name(f"{db.name}.new-{os.getpid()}")
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(db)
        _log_start(db, attempt, source, profile, started, user)
        synthetic = synthetic or (source.is_dir() and (source / SYNTHETIC_MARKER).exists())
        frames, report = validate_extract(source, profile, progress=_pausing(step))
        report.db = str(db)
        if frames is None:
            report.outcome = "refused"
            return report
        step("writing the new database", 0.85)
        new.unlink(missing_ok=True)
        Path(f"{new}.wal").unlink(missing_ok=True)
        meta = {
            "source": str(source.resolve()),
            "loaded_at": started.isoformat(timespec="seconds"),
            "loaded_by": user,
            "load_date": started.date().isoformat(),
            "synthetic": synthetic,
            "profile": report.profile,
            "row_counts": report.row_counts,
            "encodings": report.encodings,
            "warnings": len(report.warnings),
        }
        write_database(new, frames, meta)
        _fsync(new)
        pause = float(os.environ.get(PAUSE_ENV, "0") or 0)
        if pause:
            print(f"written {new}; pausing {pause} s before the swap", file=sys.stderr, flush=True)
            time.sleep(pause)
        step("swapping it in", 0.98)
        os.replace(new, db)
        _fsync(db.parent)  # the rename itself survives a power cut
        report.outcome = "loaded"
        step("loaded", 1.0)
        return report
    except BaseException as exc:
        new.unlink(missing_ok=True)
        Path(f"{new}.wal").unlink(missing_ok=True)
        if isinstance(exc, Exception):
            # The exception's own message may quote a cell (free text): the log and the report
            # name its type and where it arose, never its words.
            frames_text = "".join(traceback.format_tb(exc.__traceback__))
            log.error("load of %s failed: %s\n%s", source, type(exc).__name__, frames_text)
            report.errors.append(
                Problem(
                    "internal",
                    str(source),
                    None,
                    None,
                    None,
                    f"the load failed and changed nothing ({type(exc).__name__}); the data already loaded is unchanged",
                )
            )
            report.outcome = "failed"
            return report
        report.outcome = "interrupted"
        raise
    finally:
        report.seconds = time.perf_counter() - clock
        _log_attempt(db, report, started, user, attempt)


def _pausing(step: Callable[[str, float], None]) -> Callable[[str, float], None]:
    """The progress callback, pausing once mid-check when a test asks (to kill the load there)."""
    pause = float(os.environ.get(PAUSE_VALIDATE_ENV, "0") or 0)
    if not pause:
        return step
    paused = []

    def wrapped(message: str, fraction: float) -> None:
        if message.startswith("checking") and not paused:
            paused.append(True)
            print(f"checking; pausing {pause} s", file=sys.stderr, flush=True)
            time.sleep(pause)
        step(message, fraction)

    return wrapped
