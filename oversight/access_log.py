"""The access log: who signed in or was refused, opened which case, downloaded what, loaded data
or saved the policy, and when.

One JSON object per line in ``<db stem>.access-log.jsonl`` beside the database, like the load
log: a load swaps the database file and leaves the log alone, so it outlives every reload.
Records are only ever appended (one ``write`` in append mode, so two sessions cannot interleave
within a record). Every field is checked before it is written: an event from a fixed list, a
count, and short identifiers (a case id, a download's name, a reason code), never free text
such as a case note, a filter typed by a user or an error message.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
from pathlib import Path

import polars as pl

log = logging.getLogger("oversight.access_log")

EVENTS = {
    "sign_in": "signed in",
    "sign_out": "signed out",
    "refusal": "refused (signed in but no access, or an action they may not take)",
    "case_opened": "opened a case",
    "download": "downloaded a file",
    "pack": "built a meeting pack",
    "load": "loaded an extract",
    "policy_save": "saved the policy",
}
# Identifiers only, so no sentence fits: a download's name or a reason code is letters, digits
# and . _ : / @ + - ; who is any address (O'Brien's too) with no spaces; a case id is the
# extract's own reference, which may hold one space ("YJ 1234"), and is short.
_PATTERNS = {
    "what": re.compile(r"[A-Za-z0-9._:/@+\-]{1,120}"),
    "reason": re.compile(r"[A-Za-z0-9._:/@+\-]{1,120}"),
    "who": re.compile(r"[!-~]{1,254}"),
    "case_id": re.compile(r"(?=.{1,64}$)[!-~]+(?: [!-~]+)?"),
}

SCHEMA = {
    "when": pl.Datetime("us", "UTC"),
    "who": pl.String,
    "event": pl.String,
    "case_id": pl.String,
    "what": pl.String,
    "rows": pl.Int64,
    "reason": pl.String,
}


class AccessLogError(ValueError):
    """A record that would put something other than identifiers in the log (a programming error)."""


def log_path(db: Path) -> Path:
    """The access log of the database at ``db``: beside it, so the swap of the file leaves it alone."""
    db = Path(db)
    return db.with_name(f"{db.stem}.access-log.jsonl")


def _token(field: str, value: str | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _PATTERNS[field].fullmatch(value):
        raise AccessLogError(f"access log field {field}: an identifier (no spaces or free text)")
    return value


def make_record(
    who: str,
    event: str,
    *,
    case_id: str | None = None,
    what: str | None = None,
    rows: int | None = None,
    reason: str | None = None,
    when: dt.datetime | None = None,
) -> dict[str, object]:
    """One checked record. ``what`` names a download or pack (``FP1.csv``, ``pack.pdf``), ``rows``
    how many rows it held, ``reason`` a refusal's code (``no_match``, ``not_administrator``)."""
    if event not in EVENTS:
        raise AccessLogError(f"access log event: one of {', '.join(EVENTS)}")
    if rows is not None and (not isinstance(rows, int) or isinstance(rows, bool) or rows < 0):
        raise AccessLogError("access log field rows: a count")
    record: dict[str, object] = {
        "when": (when or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).isoformat(timespec="seconds"),
        "who": _token("who", who),
        "event": event,
    }
    for field, value in (("case_id", case_id), ("what", what), ("reason", reason)):
        if value is not None:
            record[field] = _token(field, value)
    if rows is not None:
        record["rows"] = rows
    return record


def append(db: Path, record: dict[str, object]) -> None:
    """Append one record made by :func:`make_record` to the log of ``db``."""
    path = log_path(db)
    path.parent.mkdir(parents=True, exist_ok=True)
    line = (json.dumps(record, sort_keys=True) + "\n").encode("utf-8")
    # Owner-only: the log says which children's records each person opened.
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, line)
    finally:
        os.close(fd)


def record(db: Path, who: str, event: str, **fields: object) -> bool:
    """Check and append one event; False (and a server log line) when the file cannot be written.

    A bad field raises :class:`AccessLogError` before anything is written.
    """
    entry = make_record(who, event, **fields)  # type: ignore[arg-type]
    try:
        append(db, entry)
    except OSError:
        log.exception("could not append to the access log %s", log_path(db))
        return False
    return True


def read(db: Path) -> pl.DataFrame:
    """Every record of the log of ``db``, newest first (an empty frame when there is none)."""
    path = log_path(db)
    rows = []
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            try:
                r = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line cut short by a crash; the others still count
            rows.append({**{k: r.get(k) for k in SCHEMA}, "when": dt.datetime.fromisoformat(r["when"])})
    return pl.DataFrame(rows[::-1], schema=SCHEMA, orient="row")
