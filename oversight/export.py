"""Figures that leave the service: CSV and Excel bytes, made safe to open and to share.

Two protections apply to everything exported:

* formula injection: free text (case note text, names of teams) can start with ``=``, ``+``,
  ``-``, ``@``, a tab or a carriage return, which a spreadsheet would run as a formula; such
  cells get a leading ``'`` so they open as text (OWASP CSV injection advice);
* small-number suppression: when the policy asks for it, counts from 1 to ``suppression_max``
  show as ``c`` and so does any rate in the same row, since the rate would give the count back.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

import polars as pl

from oversight.policy import Policy

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SUPPRESSED = "c"
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


def suppressing(policy: Policy) -> bool:
    """Whether figures that leave the service are suppressed. Then lists of cases are not
    exported at all: a list of cases identifies children's cases whatever counts it hides."""
    return bool(policy.values.get("suppress_small_numbers"))


def suppress(
    frame: pl.DataFrame,
    policy: Policy,
    count_columns: Sequence[str],
    rate_columns: Sequence[str] = (),
) -> pl.DataFrame:
    """Counts 1..suppression_max become ``c``, and so does every rate in a row holding one.

    Off unless the policy's ``suppress_small_numbers`` is true. Zero is not suppressed: an
    empty cell discloses no one. When on, the named columns become text.
    """
    if not suppressing(policy):
        return frame
    top = policy.values["suppression_max"]
    missing = [c for c in (*count_columns, *rate_columns) if c not in frame.columns]
    if missing:
        raise ValueError(f"suppress: no such columns: {', '.join(missing)}")
    small = {c: pl.col(c).is_between(1, top) for c in count_columns}
    any_small = pl.any_horizontal(list(small.values())) if small else pl.lit(False)
    return frame.with_columns(
        *(
            pl.when(small[c].fill_null(False)).then(pl.lit(SUPPRESSED)).otherwise(pl.col(c).cast(pl.String)).alias(c)
            for c in count_columns
        ),
        *(
            pl.when(any_small.fill_null(False)).then(pl.lit(SUPPRESSED)).otherwise(pl.col(c).cast(pl.String)).alias(c)
            for c in rate_columns
        ),
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
