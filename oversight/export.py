"""Figures that leave the service: CSV and Excel bytes, made safe to open and to share.

Two protections apply to everything exported:

* formula injection: free text (case note text, names of teams) can start with ``=``, ``+``,
  ``-``, ``@``, a tab or a carriage return, which a spreadsheet would run as a formula; such
  cells get a leading ``'`` so they open as text (OWASP CSV injection advice);
* small-number suppression: callers pass figures through ``oversight.figures.suppress`` (when
  the policy asks for it, counts from 1 to ``suppression_max`` show as ``c`` and so does any
  rate in the same row, since the rate would give the count back).
"""

from __future__ import annotations

import io
import re

import polars as pl

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def escape_formulas(frame: pl.DataFrame) -> pl.DataFrame:
    """Every text cell that a spreadsheet would read as a formula gets a leading ``'``."""
    pattern = "^[" + re.escape("".join(FORMULA_STARTS)) + "]"
    text_columns = [name for name, dtype in frame.schema.items() if dtype in (pl.String, pl.Categorical, pl.Enum)]
    if not text_columns:
        return frame
    return frame.with_columns(
        pl.when(pl.col(name).cast(pl.String).str.contains(pattern))
        .then(pl.lit("'") + pl.col(name).cast(pl.String))
        .otherwise(pl.col(name).cast(pl.String))
        .alias(name)
        for name in text_columns
    )


def to_csv_bytes(frame: pl.DataFrame) -> bytes:
    """UTF-8 CSV with a BOM so Excel in UK councils reads the pound sign and dashes right."""
    return b"\xef\xbb\xbf" + escape_formulas(frame).write_csv().encode("utf-8")


def sheet_name(name: str, taken: set[str]) -> str:
    """Excel allows 31 characters, no ``[]:*?/\\``, and no two sheets alike (ignoring case)."""
    base = _SHEET_BAD.sub("_", name).strip("'") or "Sheet"
    base = base[:31]
    candidate, n = base, 2
    while candidate.casefold() in taken:
        suffix = f" ({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(candidate.casefold())
    return candidate


def to_excel_bytes(sheets: dict[str, pl.DataFrame]) -> bytes:
    """One workbook, one sheet per frame, formulas escaped, header row frozen."""
    import xlsxwriter

    buffer = io.BytesIO()
    taken: set[str] = set()
    # strings_to_formulas off as a second guard: even an unescaped "=" cell stays text.
    with xlsxwriter.Workbook(buffer, {"strings_to_formulas": False, "strings_to_urls": False}) as workbook:
        if not sheets:
            workbook.add_worksheet("Empty")
        for name, frame in sheets.items():
            escape_formulas(frame).write_excel(
                workbook=workbook,
                worksheet=sheet_name(name, taken),
                autofit=True,
                freeze_panes=(1, 0),
                dtype_formats={pl.Date: "yyyy-mm-dd", pl.Datetime: "yyyy-mm-dd hh:mm"},
            )
    return buffer.getvalue()
