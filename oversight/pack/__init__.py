"""The self-assessment pack: an Excel workbook and a PDF report for one as-of date.

- :mod:`oversight.pack.build`: every figure gathered once into a ``PackData``;
- :mod:`oversight.pack.workbook` and :mod:`oversight.pack.pdf`: the same figures laid out
  (they read ``build``; ``build`` reads neither);
- :func:`write_pack`: both files, what ``python -m oversight pack`` calls.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from oversight.db import Database, db_path
from oversight.pack.build import (
    BAND_NOTE,
    PACK_BREAKDOWNS,
    QUESTIONS,
    REASON_QUESTION,
    REASON_TEXT,
    PackData,
    build_pack,
    file_stem,
    rag,
    reason_code,
    reason_counts,
    reasons_by_question,
    split_reasons,
)
from oversight.pack.pdf import pdf_bytes
from oversight.pack.workbook import workbook_bytes, workbook_sheets
from queries.judgement import band

__all__ = [
    "BAND_NOTE",
    "PACK_BREAKDOWNS",
    "QUESTIONS",
    "REASON_QUESTION",
    "REASON_TEXT",
    "PackData",
    "band",
    "build_pack",
    "file_stem",
    "pdf_bytes",
    "rag",
    "reason_code",
    "reason_counts",
    "reasons_by_question",
    "split_reasons",
    "workbook_bytes",
    "workbook_sheets",
    "write_pack",
]


def write_pack(db: Path | str | None = None, as_of: dt.date | None = None, out: Path | str = ".") -> list[Path]:
    """Write the workbook and the PDF for D = ``as_of`` into ``out``; return their paths."""
    path = Path(db) if db is not None else db_path()
    if not path.exists():
        raise FileNotFoundError(f"no database at {path}: load an extract first (python -m oversight load)")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    database = Database(path)
    try:
        data = build_pack(database.connection(), as_of)
    finally:
        database.close()
    xlsx = out / f"{file_stem(data)}.xlsx"
    pdf = out / f"{file_stem(data)}.pdf"
    contents = ((xlsx, workbook_bytes(data)), (pdf, pdf_bytes(data)))
    # write beside and rename, so a scheduled job never leaves a half-written file under the real name
    for target, content in contents:
        partial = target.with_suffix(target.suffix + ".partial")
        partial.write_bytes(content)
        partial.replace(target)
    return [xlsx, pdf]
