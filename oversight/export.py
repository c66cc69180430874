"""Figures that leave the service: CSV and Excel bytes, made safe to open and to share.

Two protections apply to everything exported:

* formula injection: free text (case note text, names of teams) can start with ``=``, ``+``,
  ``-``, ``@``, a tab or a carriage return, which a spreadsheet would run as a formula; such
  cells get a leading ``'`` so they open as text (OWASP CSV injection advice);
* small-number suppression: callers pass figures through ``oversight.figures.suppress`` (when
  the policy asks for it, counts from 1 to ``suppression_max`` show as ``c`` and so does any
  rate in the same row, since the rate would give the count back).

In a workbook, numbers stay numbers: a rate is a fraction with a percent format, a count a whole
number, and a column that suppression turned into text (``c`` beside numbers) is written back as
numbers with its ``c`` cells as text (oversight.figures.numbers_back), so a negative change is
never escaped into text and the counts still add up.
"""

from __future__ import annotations

import io
import re

import polars as pl

from oversight import figures

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def escape_formulas(frame: pl.DataFrame) -> pl.DataFrame:
    """Every text cell that a spreadsheet would read as a formula gets a leading ``'``."""
    pattern = "^[" + re.escape("".join(FORMULA_STARTS)) + "]"
    # a column of suppressed figures holds only "c" and plain numbers ("-3.2" is no formula)
    text_columns = [
        name
        for name, dtype in frame.schema.items()
        if dtype in (pl.String, pl.Categorical, pl.Enum) and not figures.is_suppressed_text(frame[name])
    ]
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
    """One workbook, one sheet per frame, formulas escaped, header row frozen; rates formatted as
    percentages, points as signed numbers, suppressed cells as ``c`` among numbers."""
    import xlsxwriter

    buffer = io.BytesIO()
    taken: set[str] = set()
    # strings_to_formulas off as a second guard: even an unescaped "=" cell stays text.
    with xlsxwriter.Workbook(buffer, {"strings_to_formulas": False, "strings_to_urls": False}) as workbook:
        if not sheets:
            workbook.add_worksheet("Empty")
        for name, frame in sheets.items():
            numbers, suppressed = figures.numbers_back(frame)
            title = sheet_name(name, taken)
            escape_formulas(numbers).write_excel(
                workbook=workbook,
                worksheet=title,
                autofit=True,
                freeze_panes=(1, 0),
                dtype_formats={pl.Date: "yyyy-mm-dd", pl.Datetime: "yyyy-mm-dd hh:mm"},
                column_formats=_number_formats(numbers),
            )
            sheet = workbook.get_worksheet_by_name(title)
            for column, rows in suppressed.items():
                at = numbers.columns.index(column)
                for row in rows:
                    sheet.write_string(row + 1, at, figures.SUPPRESSED)  # + 1: the header row
    return buffer.getvalue()


def _number_formats(frame: pl.DataFrame) -> dict[str, str]:
    """Rates as "70.4%", differences in points as "+3.2": the columns oversight.figures names."""
    formats = {}
    for name, dtype in frame.schema.items():
        if not dtype.is_numeric():
            continue
        if name in figures.RATE_COLUMNS:
            formats[name] = figures.PERCENT_FORMAT
        elif name in figures.POINTS_COLUMNS:
            formats[name] = figures.POINTS_FORMAT
    return formats
