"""The self-assessment pack: an Excel workbook and a PDF report for one as-of date.

- :mod:`oversight.pack.build`: every figure gathered once into a ``PackData``;
- :mod:`oversight.pack.workbook` and :mod:`oversight.pack.pdf`: the same figures laid out
  (they read ``build``; ``build`` reads neither);
- :func:`write_pack`: both files, what ``python -m oversight pack`` calls.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb

from oversight.db import Database, db_path
from oversight.pack.build import (
    BAND_NOTE,
    PACK_BREAKDOWNS,
    QUESTIONS,
    REASON_QUESTION,
    REASON_TEXT,
    STEPS,
    PackData,
    Progress,
    build_pack,
    file_stem,
    no_progress,
    rag,
    reason_code,
    reason_counts,
    reasons_by_question,
    split_reasons,
)
from oversight.pack.pdf import pdf_bytes
from oversight.pack.workbook import workbook_bytes, workbook_sheets
from oversight.policy import Policy
from queries.indicators import NO_FILTERS, Filters
from queries.judgement import band

__all__ = [
    "BAND_NOTE",
    "PACK_BREAKDOWNS",
    "QUESTIONS",
    "REASON_QUESTION",
    "REASON_TEXT",
    "STEPS",
    "PackData",
    "Prepared",
    "Progress",
    "band",
    "build_pack",
    "file_stem",
    "pdf_bytes",
    "prepare_pack",
    "rag",
    "reason_code",
    "reason_counts",
    "reasons_by_question",
    "split_reasons",
    "workbook_bytes",
    "workbook_sheets",
    "write_pack",
]


@dataclass(frozen=True)
class Prepared:
    """A pack ready to download: its figures, its file name stem and both files' bytes."""

    data: PackData
    stem: str
    workbook: bytes
    pdf: bytes


def prepare_pack(
    con: duckdb.DuckDBPyConnection,
    as_of: dt.date | None = None,
    policy: Policy | None = None,
    seed: int = 0,
    start: dt.date | None = None,
    filters: Filters = NO_FILTERS,
    progress: Progress = no_progress,
) -> Prepared:
    """The figures, the workbook and the PDF, ``progress`` told as each step of STEPS starts."""
    data = build_pack(con, as_of, policy, seed=seed, start=start, filters=filters, progress=progress)
    progress(STEPS[4], "", 0.8)
    workbook = workbook_bytes(data)
    progress(STEPS[5], "", 0.9)
    report = pdf_bytes(data)
    progress("Done", "", 1.0)
    return Prepared(data, file_stem(data), workbook, report)


def write_pack(db: Path | str | None = None, as_of: dt.date | None = None, out: Path | str = ".") -> list[Path]:
    """Write the workbook and the PDF for D = ``as_of`` into ``out``; return their paths."""
    path = Path(db) if db is not None else db_path()
    if not path.exists():
        raise FileNotFoundError(f"no database at {path}: load an extract first (python -m oversight load)")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    database = Database(path)
    try:
        ready = prepare_pack(database.connection(), as_of)
    finally:
        database.close()
    xlsx = out / f"{ready.stem}.xlsx"
    pdf = out / f"{ready.stem}.pdf"
    contents = ((xlsx, ready.workbook), (pdf, ready.pdf))
    # write beside and rename, so a scheduled job never leaves a half-written file under the real name
    for target, content in contents:
        partial = target.with_suffix(target.suffix + ".partial")
        partial.write_bytes(content)
        partial.replace(target)
    return [xlsx, pdf]
