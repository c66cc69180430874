"""Reading and validating an extract against the data contract (docs/data-contract.md).

Everything is checked before anything is written, and every problem is reported at once. The
checks are Polars expressions over whole columns (a national extract holds millions of case
notes); Python loops only decode bytes and turn the first few offending rows of each kind into
messages. Row numbers are those a spreadsheet shows: the header is row 1, and a record whose
free text holds line breaks is still one row.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import errno
import io
import re
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import polars as pl

from oversight.notetypes import categorise, normalise_heading
from oversight.profiles import DEFAULT_DATETIMES, Profile, ProfileError, load_profile
from oversight.schema import CHILD_IDENTIFYING, CHILD_IDENTIFYING_PARTS, TABLES, Table, stored_columns

# Stored problems per (kind, file, column): enough to fix a pattern, few enough to read. The
# rest are counted in one closing line, so "all problems at once" never means a million lines.
LIMIT = 50
# Headings listed as read as practitioner contact: a service maps its few real headings; a list of
# hundreds means the column holds something else.
CONTACT_LIMIT = 30
# A heading is shown in a message up to this many characters (a header line can be any length).
HEADING_SHOWN = 80

# The csv module's default field limit (128 KiB) would misreport a long header or note as a quoting
# fault; Polars reads the data itself, the csv module only the header and the rare faulty file.
csv.field_size_limit(1 << 30)

ROW = "__row"  # spreadsheet row number carried through every frame
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls")


TRUE_WORDS = ("true", "yes", "y", "t", "1")
FALSE_WORDS = ("false", "no", "n", "f", "0")

# Dates in one row that should come in order: (table, earlier, later); a later one before the
# earlier one is a warning. Datetimes with no time are compared by day.
DATE_ORDER_WARNINGS = (
    ("case_notes", "event_date", "recorded_at"),
    ("assessments", "started_date", "completed_date"),
    ("assessments", "completed_date", "countersigned_date"),
    ("actions", "set_date", "completed_date"),
    ("events", "occurred_at", "notified_at"),
)
DATE_ORDER_ERRORS = (
    ("cases", "start_date", "end_date"),
    ("allocations", "from_date", "to_date"),
    ("absences", "from_date", "to_date"),
)
NOT_FUTURE_EXEMPT = {("actions", "due_date")}

KINDS = {
    # errors
    "unreadable": "file cannot be read",
    "missing_table": "required table missing",
    "missing_column": "required column missing",
    "duplicate_column": "two columns for one field",
    "duplicate_file": "two files or sheets for one table",
    "child_identifying_column": "child or victim name or address column",
    "empty_table": "required table empty",
    "missing_value": "required value empty",
    "duplicate_id": "duplicate id",
    "duplicate_email": "one sign-in email for two staff",
    "dangling_reference": "reference to an id that does not exist",
    "bad_date": "date not readable",
    "bad_value": "value outside the allowed values",
    "bad_number": "not a number",
    "out_of_range": "number outside its range",
    "end_before_start": "end before start",
    "profile": "profile cannot be used",
    "internal": "the load failed",
    # warnings
    "contact_heading": "note heading read as practitioner contact",
    "dangling_optional_reference": "reference to an id that does not exist (optional)",
    "dates_out_of_order": "dates out of order within a row",
    "future_date": "date after the day of the load",
    "unknown_column": "column not in the contract (kept aside, not used)",
    "unknown_file": "file or sheet not in the contract (not used)",
    "numeric_id": "ids stored as numbers in a workbook",
    "staff_no_team": "staff member with no team",
    "empty_optional_table": "optional table empty",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the extract, located as a spreadsheet user would look for it."""

    kind: str
    file: str
    row: int | None
    column: str | None
    value: str | None
    expected: str
    severity: str = "error"

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        text = ", ".join(where)
        if self.value is not None:
            text += f": {self.value!r}"
        return f"{text}: {self.expected}"


@dataclass
class LoadReport:
    source: str
    profile: str
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    row_counts: dict[str, int] = field(default_factory=dict)
    encodings: dict[str, str] = field(default_factory=dict)  # file (or "book.xlsx [sheet]") -> encoding
    files: dict[str, str] = field(default_factory=dict)  # table -> the file or sheet it came from
    unknown_columns: dict[str, list[str]] = field(default_factory=dict)
    categories: dict[str, int] = field(default_factory=dict)
    db: str | None = None
    outcome: str = "validated"  # validated | refused | loaded | failed | interrupted
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors

    def render(self) -> str:
        lines: list[str] = []
        if self.outcome == "loaded":
            lines.append(f"Loaded {self.source} into {self.db} ({self.seconds:.1f} s).")
        elif self.ok:
            lines.append(f"{self.source} is valid: nothing wrong that stops a load.")
        else:
            lines.append(
                f"Refused {self.source}: {len(self.errors)} problem(s) to fix. Nothing was loaded; "
                "the data already loaded is unchanged."
            )
        lines.append(f"Profile: {self.profile}")
        if self.row_counts:
            lines.append("Rows: " + ", ".join(f"{t} {n:,}" for t, n in self.row_counts.items()))
        if self.encodings:
            lines.append("Read as: " + ", ".join(f"{f} {e}" for f, e in self.encodings.items()))
        if self.categories:
            lines.append("Note categories: " + ", ".join(f"{c} {n:,}" for c, n in self.categories.items()))
        for title, problems in (("Errors", self.errors), ("Warnings", self.warnings)):
            if not problems:
                continue
            lines.append("")
            lines.append(f"{title} ({len(problems)}):")
            kind = None
            for p in problems:
                if p.kind != kind:
                    kind = p.kind
                    lines.append(f"  {KINDS.get(kind, kind)}:")
                lines.append(f"    {p}")
        return "\n".join(lines)


FREE_TEXT_SHOWN = "(free text, not shown)"


# Sentence punctuation (". " inside, or a closing full stop after a letter): notes have it; ids,
# dates, flags and headings do not.
_SENTENCE = r"[.!?;]\s|[A-Za-z][.!?]$"


def looks_like_prose(value: str, *, heading: bool = False) -> bool:
    """A value shaped like a note's words rather than an id, a date, a flag or a heading."""
    if re.search(r"[\r\n]", value) or re.search(_SENTENCE, value.strip()):
        return True
    length, words = (60, 8) if heading else (32, 3)
    return len(value) > length or len(value.split()) > words


def _prose_expr(col: pl.Expr, heading: bool) -> pl.Expr:
    """looks_like_prose over a column (the same rule, vectorised)."""
    length, words = (60, 8) if heading else (32, 3)
    return (
        col.str.contains(r"[\r\n]")
        | col.str.strip_chars().str.contains(_SENTENCE)
        | (col.str.len_chars() > length)
        | (col.str.strip_chars().str.count_matches(r"\s+") + 1 > words)
    )


class _Collector:
    """Gathers problems; in a table holding free text, no message quotes what may be its words.

    Columns swap (a ``text`` heading over the ``significant`` column): so in such a table a value
    is quoted only when it is shaped like an id, date or flag, and never from a column any of
    whose cells looks like prose. The message then gives the row and column and says free text.
    """

    def __init__(self, report: LoadReport) -> None:
        self.report = report
        self.free_text_files: set[str] = set()
        self.hidden: set[tuple[str, str | None]] = set()  # (file, column) never quoted
        self.headings: dict[tuple[str, str | None], bool] = {}  # (file, column) holding note headings

    def watch(self, file: str, table: str) -> None:
        if any(c.free_text for c in TABLES[table].columns):
            self.free_text_files.add(file)

    def add(
        self, severity: str, kind: str, file: str, row: int | None, column: str | None, value: object, expected: str
    ) -> None:
        value_text = None if value is None else str(value)
        if value_text is not None and file in self.free_text_files:
            heading = self.headings.get((file, column), False)
            if (file, column) in self.hidden or looks_like_prose(value_text, heading=heading):
                value_text = None
                expected = f"{FREE_TEXT_SHOWN}: {expected}"
        problem = Problem(kind, file, row, column, value_text, expected, severity)
        (self.report.errors if severity == "error" else self.report.warnings).append(problem)

    def rows(
        self,
        severity: str,
        kind: str,
        frame: pl.DataFrame,
        mask: pl.Expr,
        file: str,
        column: str,
        value: pl.Expr,
        expected: str | Callable[[dict], str],
    ) -> int:
        """One problem per row of ``frame`` where ``mask`` holds (the first LIMIT, then a count)."""
        bad = frame.filter(mask.fill_null(False))
        n = bad.height
        if not n:
            return 0
        shown = bad.head(LIMIT).with_columns(value.cast(pl.String).alias("__value"))
        for r in shown.iter_rows(named=True):
            text = expected(r) if callable(expected) else expected
            self.add(severity, kind, file, r[ROW], column, r["__value"], text)
        if n > LIMIT:
            self.add(severity, kind, file, None, column, None, f"and {n - LIMIT:,} more rows like this")
        return n


# ---------------------------------------------------------------------------------------------
# Reading


@dataclass
class _Source:
    """One table as read: text cells under positional names h0.., plus typed Excel dates."""

    table: str
    file: str
    headings: list[str]
    frame: pl.DataFrame  # String columns h0..hn and ROW
    typed: dict[int, pl.Series] = field(default_factory=dict)  # heading index -> Excel date cells


def to_utf8(data: bytes, encoding: str | None) -> tuple[bytes, str]:
    """A CSV file's bytes as UTF-8 with no BOM, and the encoding that read it.

    UnicodeDecodeError when neither the profile's encoding nor UTF-8 / Windows-1252 reads it.
    UTF-8 (nearly every file) is only checked, not copied into a Python string and back.
    """
    if encoding and codecs.lookup(encoding).name != "utf-8":
        return data.decode(encoding).encode("utf-8"), encoding
    name = "utf-8"
    if data.startswith(codecs.BOM_UTF8):
        data, name = data[len(codecs.BOM_UTF8) :], "utf-8 (with BOM)"  # a BOM is never data
    try:
        data.decode("utf-8")
        return data, name
    except UnicodeDecodeError:
        if encoding:
            raise
    # What Excel in UK councils writes; bytes 0x80-0x9F are curly quotes, dashes, the euro sign.
    return data.decode("cp1252").encode("utf-8"), "windows-1252"


def file_problem(path: Path) -> str | None:
    """Why ``path`` cannot be read as a file, in words a user can act on; None when it can."""
    try:
        info = path.stat()  # follows links
    except FileNotFoundError:
        if path.is_symlink():
            return "is a link to a file that does not exist; put the file itself in the folder"
        return "is no longer there"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "is a link that leads back to itself (a loop of links); put the file itself in the folder"
        return f"cannot be opened ({exc.strerror or exc}); expected a CSV file"
    if stat.S_ISDIR(info.st_mode):
        return "is a folder, not a file; expected a CSV file"
    if not stat.S_ISREG(info.st_mode):
        return "is not an ordinary file (a device, pipe or socket); expected a CSV file"
    return None


def _read_header(payload: bytes) -> list[str]:
    """The header record, however long: read record by record, never cut at a fixed size."""
    stream = io.TextIOWrapper(io.BytesIO(payload), encoding="utf-8", errors="replace", newline="")
    return next(csv.reader(stream))


def _read_csv(path: Path, table: str, profile: Profile, out: _Collector) -> _Source | None:
    file = path.name
    out.watch(file, table)
    problem = file_problem(path)
    if problem is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            problem = f"cannot be read ({exc.strerror or type(exc).__name__}); expected a CSV file"
    if problem is not None:
        out.add("error", "unreadable", file, None, None, None, problem)
        return None
    try:
        payload, encoding = to_utf8(data, profile.encoding)
    except (UnicodeDecodeError, UnicodeError) as exc:
        tried = profile.encoding or "UTF-8 or Windows-1252"
        at = f" (byte {exc.start})" if isinstance(exc, UnicodeDecodeError) else ""
        out.add(
            "error",
            "unreadable",
            file,
            None,
            None,
            None,
            f"cannot be decoded as {tried}{at}; save it as UTF-8 or name its encoding in the profile",
        )
        return None
    out.report.encodings[file] = encoding
    if not payload.strip():
        return _Source(table, file, [], pl.DataFrame({ROW: []}, schema={ROW: pl.Int64}))
    if b"\x00" in payload:
        # Polars and the csv module both stop at a NUL byte; a text export never holds one.
        at = payload.index(b"\x00")
        line = payload[:at].count(b"\n") + 1
        out.add(
            "error",
            "unreadable",
            file,
            None,
            None,
            None,
            f"holds a NUL byte (byte {at}, on line {line} of the file): not a text file as saved; "
            "export it again as CSV",
        )
        return None
    if b"\r" in payload and b"\n" not in payload.rstrip(b"\r"):
        # Lines ended by a carriage return alone (classic Mac OS): Polars reads one long line.
        out.add(
            "error",
            "unreadable",
            file,
            None,
            None,
            None,
            "its lines end with a carriage return alone (an old Mac format); save it as CSV with Windows "
            "(CR LF) or Unix (LF) line endings",
        )
        return None
    try:
        headings = _read_header(payload)
    except (csv.Error, StopIteration) as exc:
        out.add("error", "unreadable", file, 1, None, None, f"header row cannot be read as CSV ({exc})")
        return None
    names = [f"h{i}" for i in range(len(headings))]
    try:
        frame = pl.read_csv(
            io.BytesIO(payload),
            has_header=True,
            new_columns=names,
            infer_schema=False,  # every cell as text: ids keep leading zeros, nothing is guessed
            quote_char='"',
        )
    except pl.exceptions.PolarsError:
        _locate_bad_csv_rows(payload.decode("utf-8"), len(headings), file, out)
        return None
    if frame.width != len(names):
        # Polars read another header than the csv module did (a quirk of quoting): say so plainly.
        out.add("error", "unreadable", file, 1, None, None, "header row cannot be read as CSV (quoting)")
        return None
    frame = frame.with_row_index(ROW, offset=2).with_columns(pl.col(ROW).cast(pl.Int64))
    return _Source(table, file, headings, frame)


def _locate_bad_csv_rows(text: str, width: int, file: str, out: _Collector) -> None:
    """Polars refused the file; find the records at fault with the csv module (rare path).

    Messages give the row and its first field (the id) only: free text may name a child, so
    neither it nor the reader's own message (which quotes the text) is repeated; in a table that
    holds free text not even the first field is shown (a column order may put the text first).
    """
    found = 0
    number = 0
    show_first = file not in out.free_text_files
    try:
        for number, record in enumerate(csv.reader(io.StringIO(text, newline=""), strict=True), start=1):
            if len(record) > width:
                found += 1
                if found <= LIMIT:
                    out.add(
                        "error",
                        "unreadable",
                        file,
                        number,
                        None,
                        (record[0][:40] if record else "") if show_first else None,
                        f"{len(record)} fields where the header has {width}; quote text that holds commas",
                    )
    except csv.Error:
        out.add(
            "error",
            "unreadable",
            file,
            number + 1,
            None,
            None,
            "a quote that is not closed or stands alone in this row or below: text holding quotes, commas or "
            'line breaks goes in double quotes, with each quote inside it doubled ("")',
        )
        return
    if found > LIMIT:
        out.add("error", "unreadable", file, None, None, None, f"and {found - LIMIT:,} more rows like this")
    if not found:
        out.add("error", "unreadable", file, None, None, None, "not readable as comma-separated values")


def _read_workbook(path: Path, profile: Profile, out: _Collector) -> list[_Source] | None:
    """One source per sheet that names a table (two sheets may name one: the caller refuses)."""
    problem = file_problem(path)
    if problem is not None:
        out.add("error", "unreadable", path.name, None, None, None, problem.replace("a CSV file", "a workbook"))
        return None
    try:
        sheets = pl.read_excel(
            path,
            sheet_id=0,
            engine="calamine",
            infer_schema_length=0,  # every cell as text: ids keep their leading zeros
            raise_if_empty=False,
            drop_empty_rows=False,  # keeps row numbers those of the sheet
            drop_empty_cols=False,
        )
    except Exception as exc:  # noqa: BLE001 - any reader failure is the file's problem, reported
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        out.add("error", "unreadable", path.name, None, None, None, f"not readable as an Excel workbook ({reason})")
        return None
    wanted = {profile.source_name(t).strip().casefold(): t for t in TABLES}
    found: list[_Source] = []
    for sheet, frame in sheets.items():
        table = wanted.get(sheet.strip().casefold())
        label = f"{path.name} [{sheet}]"
        if table is None:
            out.add(
                "warning",
                "unknown_file",
                label,
                None,
                None,
                None,
                f"sheet not in the contract (tables: {', '.join(TABLES)}); not used",
            )
            continue
        out.watch(label, table)
        headings = list(frame.columns)
        names = [f"h{i}" for i in range(len(headings))]
        frame = frame.rename(dict(zip(headings, names, strict=True)))
        frame = frame.with_row_index(ROW, offset=2).with_columns(pl.col(ROW).cast(pl.Int64))
        source = _Source(table, label, headings, frame)
        try:
            source.typed, numeric = _typed_cells(path, sheet, table, headings, profile)
        except Exception as exc:  # noqa: BLE001 - the sheet's problem, reported with the sheet named
            reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
            out.add("error", "unreadable", label, None, None, None, f"cells cannot be read by type ({reason})")
            continue
        for i, rows in numeric.items():
            first = int(rows[0]) + 2
            out.add(
                "warning",
                "numeric_id",
                label,
                first,
                _shown_heading(headings[i]),
                None,
                f"{len(rows):,} id cell(s) in this column are numbers, not text: a spreadsheet turns 00057 into "
                "57, so these ids may not match the case management system's. Format the column as text "
                "before saving the workbook, or export the table as CSV",
            )
        out.report.encodings[label] = path.suffix.lower().lstrip(".")
        found.append(source)
    return found


def _typed_cells(
    path: Path, sheet: str, table: str, headings: list[str], profile: Profile
) -> tuple[dict[int, pl.Series], dict[int, list[int]]]:
    """Cells typed as dates in Excel (whatever their display format), and id cells that are numbers.

    Read as datetimes, text cells come back null and number cells as a day: so the same read gives
    the typed dates of date columns and, in id columns, the rows where the cell is a number.
    """
    columns = {c.name: c for c in TABLES[table].columns}
    dated: dict[int, str] = {}
    ids: dict[int, str] = {}
    for i, h in enumerate(headings):
        column = columns.get(profile.canonical_column(table, h) or "")
        if column is None:
            continue
        if column.type in ("date", "datetime"):
            dated[i] = h
        elif column.is_id:
            ids[i] = h
    if not dated and not ids:
        return {}, {}
    frame = pl.read_excel(
        path,
        sheet_name=sheet,
        engine="calamine",
        read_options={"dtypes": {h: "datetime" for h in (*dated.values(), *ids.values())}},
        raise_if_empty=False,
        drop_empty_rows=False,
        drop_empty_cols=False,
    )
    out: dict[int, pl.Series] = {}
    for i in dated:
        series = frame.to_series(i)
        if series.dtype == pl.Date:
            series = series.cast(pl.Datetime("us"))
        out[i] = series.cast(pl.Datetime("us"))
    numeric: dict[int, list[int]] = {}
    for i in ids:
        rows = frame.to_series(i).is_not_null().arg_true().to_list()
        if rows:
            numeric[i] = rows
    return out, numeric


def _read_sources(
    source: Path, profile: Profile, out: _Collector, step: Callable[[str, float], None]
) -> tuple[dict[str, _Source], set[str] | None]:
    """The tables read, and the tables whose file or sheet was there (None: no extract at all).

    A table given twice (``assessments.csv`` and ``ASSESSMENTS.CSV``, or a CSV and a sheet of the
    same name) is refused naming both: which of them is the extract is not the loader's to guess.
    """
    wanted = {profile.source_name(t).strip().casefold(): t for t in TABLES}
    # table -> its candidates: a CSV path to read, or a sheet already read
    given: dict[str, list[Path | _Source]] = {}
    if source.is_dir():
        try:
            entries = sorted(source.iterdir())
        except OSError as exc:
            out.add("error", "unreadable", source.name, None, None, None, f"folder cannot be read ({exc.strerror})")
            return {}, None
        for path in entries:
            suffix = path.suffix.lower()
            if suffix in WORKBOOK_SUFFIXES and not path.name.startswith("~$"):  # ~$: Excel's lock file
                for sheet in _read_workbook(path, profile, out) or []:
                    given.setdefault(sheet.table, []).append(sheet)
            elif suffix == ".csv":
                table = wanted.get(path.stem.strip().casefold())
                if table is None:
                    out.add(
                        "warning",
                        "unknown_file",
                        path.name,
                        None,
                        None,
                        None,
                        f"file not in the contract (tables: {', '.join(TABLES)}); not used",
                    )
                    continue
                given.setdefault(table, []).append(path)
    elif source.suffix.lower() in WORKBOOK_SUFFIXES and source.is_file():
        sheets = _read_workbook(source, profile, out)
        if sheets is None:
            return {}, None
        for sheet in sheets:
            given.setdefault(sheet.table, []).append(sheet)
    else:
        if not source.exists():
            out.add("error", "unreadable", str(source), None, None, None, "no such file or folder")
        else:
            out.add(
                "error",
                "unreadable",
                source.name,
                None,
                None,
                None,
                "expected a folder of <table>.csv files or an .xlsx workbook",
            )
        return {}, None

    sources: dict[str, _Source] = {}
    for n, table in enumerate(t for t in TABLES if t in given):
        candidates = given[table]
        names = [c.name if isinstance(c, Path) else c.file for c in candidates]
        if len(candidates) > 1:
            out.add(
                "error",
                "duplicate_file",
                names[0],
                None,
                None,
                None,
                f"{' and '.join(names)} all give the table {table}; keep one of them",
            )
            continue
        chosen = candidates[0]
        if isinstance(chosen, Path):
            step(f"reading {chosen.name}", 0.1 * (n + 1) / len(TABLES))
            read = _read_csv(chosen, table, profile, out)
        else:
            read = chosen
        if read is not None:
            sources[table] = read
    return sources, set(given)


# ---------------------------------------------------------------------------------------------
# One table


def _letters(name: str, keep_digits: bool) -> str:
    return re.sub(r"[^a-z0-9]" if keep_digits else r"[^a-z]", "", name.casefold())


def is_child_identifying(name: str) -> bool:
    """The contract's exact list: the name, casefolded and reduced to letters, is a refused one."""
    return _letters(name, True) in CHILD_IDENTIFYING or _letters(name, False) in CHILD_IDENTIFYING


def refused_part(name: str) -> str | None:
    """The contract's pattern: the part of a refused word an unmapped column's reduced name holds."""
    letters = _letters(name, False)
    return next((part for part in CHILD_IDENTIFYING_PARTS if part in letters), None)


def _shown_heading(heading: str) -> str:
    """A heading as a message shows it: a header line can be any length."""
    heading = heading.strip()
    if len(heading) <= HEADING_SHOWN:
        return heading
    return f"{heading[:HEADING_SHOWN]}... ({len(heading):,} characters)"


def human_format(fmt: str) -> str:
    """``%d/%m/%Y`` as a person writes it: DD/MM/YYYY."""
    for code, text in (
        ("%.f", "[.fff]"),
        ("%Y", "YYYY"),
        ("%m", "MM"),
        ("%d", "DD"),
        ("%H", "HH"),
        ("%M", "MM"),
        ("%S", "SS"),
    ):
        fmt = fmt.replace(code, text)
    return fmt


def _enum_key(expr: pl.Expr) -> pl.Expr:
    """The enumeration reading of a value (profiles.value_key, as an expression)."""
    return expr.str.to_lowercase().str.replace_all(r"[\s\-_]+", "_").str.strip_chars("_")


@dataclass
class _Table:
    """A validated table: canonical stored columns plus ROW, and how to name its columns."""

    name: str
    file: str
    frame: pl.DataFrame
    labels: dict[str, str]  # canonical column -> how the file calls it

    def label(self, column: str) -> str:
        return self.labels.get(column, column)


def _map_headings(src: _Source, table: Table, profile: Profile, out: _Collector) -> dict[str, int] | None:
    """canonical column -> heading index; None when the table cannot be checked further."""
    by_column: dict[str, int] = {}
    usable = True
    unknown: list[str] = []
    if len(src.headings) == 1:
        separator = next((sep for sep in (";", "\t", "|") if sep in src.headings[0]), None)
        if separator:
            shown = "tab" if separator == "\t" else repr(separator)
            expected = f"the columns are separated by {shown}; the contract needs commas (CSV, comma delimited)"
            out.add("error", "unreadable", src.file, 1, None, None, expected)
            return None
    free_text = src.file in out.free_text_files
    for i, heading in enumerate(src.headings):
        canonical = profile.canonical_column(table.name, heading)
        shown = _shown_heading(heading)
        if free_text and looks_like_prose(heading, heading=True):
            # A header row that is really a record (the header line lost): never quote it.
            shown = f"column {i + 1} {FREE_TEXT_SHOWN}"
        if table.name != "staff":
            exact = is_child_identifying(heading) or is_child_identifying(canonical or "")
            part = None if exact or canonical is not None else refused_part(heading)
            if exact or part:
                why = f"its name holds {part!r}" if part else "its name is one the contract refuses"
                out.add(
                    "error",
                    "child_identifying_column",
                    src.file,
                    1,
                    shown,
                    None,
                    f"no column of a child's or victim's name or address ({why}): the contract identifies "
                    "people by reference only; remove the column from the export"
                    + ("" if exact else ", or map it in the profile if it is a contract column"),
                )
                # The column is never read; the rest of the table is still checked, so every
                # other problem is listed at once.
                continue
        if canonical is None:
            blank = not heading.strip() or heading.startswith("__UNNAMED__")
            if blank and not src.frame.get_column(f"h{i}").drop_nulls().str.strip_chars().str.len_chars().sum():
                continue  # an empty spreadsheet column, not data
            unknown.append(shown)
            out.add(
                "warning",
                "unknown_column",
                src.file,
                1,
                shown,
                None,
                f"not a column of {table.name} (nor mapped by the profile); kept aside, not used or stored",
            )
            continue
        if canonical in by_column:
            first = _shown_heading(src.headings[by_column[canonical]])
            out.add(
                "error",
                "duplicate_column",
                src.file,
                1,
                shown,
                None,
                f"{first!r} already gives {canonical}; keep one of them",
            )
            usable = False
            continue
        by_column[canonical] = i
    if unknown:
        out.report.unknown_columns[table.name] = unknown
    for column in table.columns:
        if column.required and column.name not in by_column:
            out.add(
                "error",
                "missing_column",
                src.file,
                1,
                column.name,
                None,
                f"a column {column.name} ({column.type}) is required in {table.name}",
            )
            usable = False
    return by_column if usable else None


def _hide_free_text(frame: pl.DataFrame, table: Table, file: str, labels: dict[str, str], out: _Collector) -> None:
    """Mark the columns of a free-text table whose values no message may quote.

    The free-text column itself, and any column one of whose cells looks like prose: a header
    swapped with ``text`` puts every note under another heading, short notes among them. The
    headings column is judged by its distinct values: one odd heading ("Mgmt. Review") hides only
    itself, while a column of notes (half or more of its headings prose) hides them all.
    """
    checks = []
    for column in table.columns:
        label = labels.get(column.name, column.name)
        heading = column.name == "note_type"
        out.headings[(file, label)] = heading
        if column.free_text:
            out.hidden.add((file, label))
        elif heading:
            distinct = pl.col(column.name).drop_nulls().unique()
            checks.append((label, _prose_expr(distinct, True).mean().fill_null(0.0) >= 0.5))
        else:
            checks.append((label, _prose_expr(pl.col(column.name), False).fill_null(False).any()))
    if not checks or not frame.height:
        return
    found = frame.select(e.alias(label) for label, e in checks).row(0, named=True)
    out.hidden.update((file, label) for label, prose in found.items() if prose)


def _prepare(src: _Source, profile: Profile, out: _Collector, today: dt.date) -> _Table | None:
    table = TABLES[src.table]
    if not src.headings:
        # A file or sheet with nothing in it, not even a header: an empty table.
        src = _Source(
            src.table,
            src.file,
            [c.name for c in table.columns],
            pl.DataFrame(schema={**{f"h{i}": pl.String for i in range(len(table.columns))}, ROW: pl.Int64}),
        )
    by_column = _map_headings(src, table, profile, out)
    if by_column is None:
        return None
    labels = {}
    for name, i in by_column.items():
        heading = src.headings[i]
        labels[name] = name if heading.strip() == name else f"{_shown_heading(heading)} ({name})"

    heading_cols = [f"h{i}" for i in range(len(src.headings))]
    frame = src.frame
    if heading_cols:
        # A row with nothing in it is a blank line, not a record.
        frame = frame.filter(
            ~pl.all_horizontal([pl.col(c).is_null() | (pl.col(c).str.strip_chars() == "") for c in heading_cols])
        )
    typed_cells = {}
    if src.typed:
        kept = frame.get_column(ROW) - 2
        typed_cells = {i: s.gather(kept) for i, s in src.typed.items()}

    columns: list[pl.Expr] = [pl.col(ROW)]
    for column in table.columns:
        if column.name in by_column:
            raw = pl.col(f"h{by_column[column.name]}")
            # Free text keeps its own spacing; everything else is read trimmed.
            cleaned = raw if column.name == "text" else raw.str.strip_chars()
            columns.append(pl.when(raw.str.strip_chars() == "").then(None).otherwise(cleaned).alias(column.name))
        else:
            columns.append(pl.lit(None, pl.String).alias(column.name))
    frame = frame.select(columns)
    if src.file in out.free_text_files:
        _hide_free_text(frame, table, src.file, labels, out)
    for i, series in typed_cells.items():
        frame = frame.with_columns(series.alias(f"__typed_{i}"))

    if not frame.height:
        if table.required:
            out.add("error", "empty_table", src.file, None, None, None, f"{table.name} is required and has no rows")
            return None
        out.add(
            "warning",
            "empty_optional_table",
            src.file,
            None,
            None,
            None,
            f"{table.name} has no rows: loaded as not given, so indicators that need it show as not available",
        )

    # Value maps come first, read the same forgiving way as enumerations.
    maps = profile.values.get(table.name, {})
    if maps:
        frame = frame.with_columns(
            _enum_key(pl.col(c)).replace_strict(m, default=pl.col(c), return_dtype=pl.String).alias(c)
            for c, m in maps.items()
        )

    for column in table.columns:
        if not column.required:
            continue
        if (table.name, column.name) == ("staff", "team"):
            out.rows(
                "warning",
                "staff_no_team",
                frame,
                pl.col("team").is_null(),
                src.file,
                labels.get("team", "team"),
                pl.lit(None, pl.String),
                lambda r: f"a team for staff_id {r['staff_id']}: with none, their cases count under no team",
            )
            continue
        out.rows(
            "error",
            "missing_value",
            frame,
            pl.col(column.name).is_null(),
            src.file,
            labels.get(column.name, column.name),
            pl.lit(None, pl.String),
            f"a value: {column.name} is required",
        )

    fmt = profile.formats(table.name)
    parsed_dates: dict[str, pl.Series] = {}
    for column in table.columns:
        if column.type == "date":
            parsed_dates[f"__p_{column.name}"] = _parse_dates(frame.get_column(column.name), fmt.date)
        elif column.type == "datetime":
            value, has_time = _parse_datetimes(frame.get_column(column.name), fmt.datetimes, fmt.date)
            parsed_dates[f"__p_{column.name}"] = value
            parsed_dates[f"__p_{column.name}_has_time"] = has_time
    frame = frame.with_columns(**parsed_dates)
    # Every column is typed once, in one pass (parallel across columns); a cell that was given
    # but did not type is then the error, whatever the type.
    typed: dict[str, pl.Expr] = {}
    checks: list[tuple[str, str, pl.Expr, str]] = []  # (column, kind, mask, expected)
    for column in table.columns:
        c = column.name
        col = pl.col(c)
        t = pl.col(f"__t_{c}")
        failed = col.is_not_null() & t.is_null()
        typed_cell = pl.col(f"__typed_{by_column[c]}") if c in by_column and by_column[c] in typed_cells else None
        if column.type == "enum":
            key = _enum_key(col)
            typed[c] = pl.when(key.is_in(column.enum)).then(key)
            checks.append(
                (c, "bad_value", failed, f"one of {', '.join(column.enum)} (or map it in the profile's values)")
            )
        elif column.type == "bool":
            key = col.str.to_lowercase()
            typed[c] = pl.when(key.is_in(TRUE_WORDS)).then(True).when(key.is_in(FALSE_WORDS)).then(False)
            checks.append((c, "bad_value", failed, "true/false, yes/no, y/n, t/f or 1/0"))
        elif column.type == "int":
            ok = col.str.contains(r"^\+?\d{1,9}(\.0+)?$")
            typed[c] = pl.when(ok).then(col.str.replace(r"\.0+$", "").cast(pl.Int32, strict=False))
            checks.append((c, "bad_number", failed, "a whole number, 0 or more"))
        elif column.type == "number":
            number = col.str.strip_chars().cast(pl.Float64, strict=False)
            typed[c] = pl.when(number.is_finite()).then(number)
            checks.append((c, "bad_number", failed, "a number, such as 0.6"))
            in_range = pl.lit(True)
            if column.above is not None:
                in_range = in_range & (number > column.above)
            if column.at_most is not None:
                in_range = in_range & (number <= column.at_most)
            checks.append(
                (
                    c,
                    "out_of_range",
                    number.is_finite() & ~in_range,
                    f"a number more than {column.above:g} and at most {column.at_most:g}",
                )
            )
        elif column.type == "date":
            parsed = pl.col(f"__p_{c}")
            if typed_cell is not None:
                parsed = pl.coalesce(typed_cell.dt.date(), parsed)
            typed[c] = parsed
            checks.append((c, "bad_date", failed, f"a date written {human_format(fmt.date)}"))
        elif column.type == "datetime":
            value, has_time = pl.col(f"__p_{c}"), pl.col(f"__p_{c}_has_time")
            if typed_cell is not None:
                # Excel stores a date and a time of midnight alike: midnight reads as "no time given".
                has_time = (
                    pl.when(typed_cell.is_not_null()).then(typed_cell.dt.time() != dt.time(0)).otherwise(has_time)
                )
                value = pl.coalesce(typed_cell, value)
            typed[c] = value
            typed[f"{c}_has_time"] = has_time
            if fmt.datetimes == DEFAULT_DATETIMES:
                shown = "YYYY-MM-DD HH:MM[:SS]"
            else:
                shown = " or ".join(dict.fromkeys(human_format(f) for f in fmt.datetimes[:3]))
            checks.append(
                (c, "bad_date", failed, f"a date and time written {shown} (or a date, {human_format(fmt.date)})")
            )
        else:
            typed[c] = col
    # Lazy, so the parse shared by a datetime and its _has_time flag runs once.
    frame = frame.lazy().with_columns(e.alias(f"__t_{n}") for n, e in typed.items()).collect()
    for c, kind, mask, expected in checks:
        out.rows("error", kind, frame, mask, src.file, labels.get(c, c), pl.col(c), expected)
    frame = frame.select(pl.col(ROW), *(pl.col(f"__t_{n}").alias(n) for n in typed))

    _check_future(frame, table, src.file, labels, out, today)
    frame = _apply_defaults(frame, table)
    return _Table(table.name, src.file, frame, labels)


def _parse_formats(values: pl.Series, dtype: pl.DataType, formats: tuple[str, ...] | list[str]) -> pl.Series:
    """Each value read by the format that fits it (null when none does).

    The format that fits most of a sample goes first and each further one reads only the values
    still unread, so an extract written one way costs one pass, not one per format.
    """
    sample = values.drop_nulls().head(1000)
    ranked = sorted(formats, key=lambda f: -_strptime(sample, dtype, f).is_not_null().sum())
    result = _strptime(values, dtype, ranked[0])
    for fmt in ranked[1:]:
        todo = (result.is_null() & values.is_not_null()).arg_true()
        if not todo.len():
            break
        result = result.scatter(todo, _strptime(values.gather(todo), dtype, fmt))
    return result


def _strptime(values: pl.Series, dtype: pl.DataType, fmt: str) -> pl.Series:
    """``values`` read by ``fmt``; null where it does not fit.

    %Y accepts any number of digits, so "05/01/26" would read as the year 26: a year before 1000
    is a two-digit (or mistyped) year, not readable by a four-digit format, never guessed.
    """
    parsed = values.str.strptime(dtype, fmt, strict=False)
    return pl.select(pl.when(parsed.dt.year() >= 1000).then(parsed)).to_series().alias(values.name)


def _date_formats(fmt: str) -> tuple[str, ...]:
    # Exports often write a date as the date with a midnight time; any other time is not a date.
    return (fmt, f"{fmt} 00:00:00", f"{fmt} 00:00")


def _parse_dates(values: pl.Series, fmt: str) -> pl.Series:
    return _parse_formats(values, pl.Date(), _date_formats(fmt))


def _parse_datetimes(values: pl.Series, formats: tuple[str, ...], date_fmt: str) -> tuple[pl.Series, pl.Series]:
    """Date-times, and whether each was given a time (a bare date is that day, with no time)."""
    with_time = _parse_formats(values, pl.Datetime("us"), formats)
    has_time = with_time.is_not_null()
    todo = (~has_time & values.is_not_null()).arg_true()
    if todo.len():
        days = _parse_formats(values.gather(todo), pl.Date(), _date_formats(date_fmt)).cast(pl.Datetime("us"))
        with_time = with_time.scatter(todo, days)
    has_time = pl.select(pl.when(has_time).then(True).when(with_time.is_not_null()).then(False)).to_series()
    return with_time, has_time


def _check_future(
    frame: pl.DataFrame, table: Table, file: str, labels: dict[str, str], out: _Collector, today: dt.date
) -> None:
    for column in table.columns:
        if column.type not in ("date", "datetime") or (table.name, column.name) in NOT_FUTURE_EXEMPT:
            continue
        day = pl.col(column.name) if column.type == "date" else pl.col(column.name).dt.date()
        out.rows(
            "warning",
            "future_date",
            frame,
            day > today,
            file,
            labels.get(column.name, column.name),
            _shown(table, column.name),
            f"a date on or before the day of the load ({today.isoformat()})",
        )


def _apply_defaults(frame: pl.DataFrame, table: Table) -> pl.DataFrame:
    exprs = []
    for column in table.columns:
        if column.default:
            exprs.append(pl.coalesce(column.name, column.default).alias(column.name))
            if column.type == "datetime":
                has = f"{column.name}_has_time"
                exprs.append(
                    pl.when(pl.col(column.name).is_null())
                    .then(pl.col(f"{column.default}_has_time"))
                    .otherwise(pl.col(has))
                    .alias(has)
                )
    if table.name == "supervisions":
        exprs.append(pl.col("kind").fill_null("formal_1to1"))
    return frame.with_columns(exprs) if exprs else frame


# ---------------------------------------------------------------------------------------------
# Across tables


def _check_duplicates(t: _Table, out: _Collector) -> None:
    key = TABLES[t.name].key
    if not key:
        return
    k = key[0]
    # Duplicates are rare: find them with one hash pass, and join only those to their first row.
    repeated = t.frame.select(ROW, k).filter(pl.col(k).is_not_null() & pl.col(k).is_duplicated())
    if not repeated.height:
        return
    first = repeated.group_by(k).agg(pl.col(ROW).min().alias("__first"))
    joined = repeated.join(first, on=k, how="left").sort(ROW)
    out.rows(
        "error",
        "duplicate_id",
        joined,
        pl.col(ROW) != pl.col("__first"),
        t.file,
        t.label(k),
        pl.col(k),
        lambda r: f"a unique {k}: row {r['__first']} has it already",
    )


def _check_emails(t: _Table, out: _Collector) -> None:
    """Store staff emails casefolded (a sign-in matches them casefolded) and refuse one address
    given to two people: whoever signed in with it would see the other's cases."""
    t.frame = t.frame.with_columns(pl.col("email").map_elements(str.casefold, return_dtype=pl.String))
    email = pl.col("email")
    first = pl.col(ROW).min().over("email")
    out.rows(
        "error",
        "duplicate_email",
        t.frame.with_columns(first.alias("__first")),
        email.is_not_null() & (pl.col(ROW) != pl.col("__first")),
        t.file,
        t.label("email"),
        email,
        lambda r: f"an email no other staff member has (casefolded): row {r['__first']} has it already",
    )


def _check_references(tables: dict[str, _Table], out: _Collector) -> None:
    for t in tables.values():
        for column in TABLES[t.name].columns:
            if not column.ref:
                continue
            target_table, target_column = column.ref.split(".")
            target = tables.get(target_table)
            if target is None:
                continue  # the target could not be read; that is already an error
            ids = target.frame.get_column(target_column).drop_nulls().unique()
            col = pl.col(column.name)
            severity = "error" if column.ref_required else "warning"
            kind = "dangling_reference" if column.ref_required else "dangling_optional_reference"
            out.rows(
                severity,
                kind,
                t.frame,
                col.is_not_null() & ~col.is_in(ids.implode()),
                t.file,
                t.label(column.name),
                col,
                f"a {target_column} that is in {target.file}",
            )


def _shown(table: Table, column: str) -> pl.Expr:
    """A typed value as a message shows it: a datetime with no time given shows as its day."""
    kind = table.column(column).type
    if kind == "date":
        return pl.col(column).dt.to_string("%Y-%m-%d")
    if kind == "datetime":
        return (
            pl.when(pl.col(f"{column}_has_time"))
            .then(pl.col(column).dt.to_string("%Y-%m-%d %H:%M"))
            .otherwise(pl.col(column).dt.to_string("%Y-%m-%d"))
        )
    return pl.col(column)


def _before(table: Table, earlier: str, later: str) -> pl.Expr:
    """``later`` falls before ``earlier``; a datetime with no time is compared by its day."""
    a, b = pl.col(earlier), pl.col(later)
    if table.column(earlier).type == "datetime":
        both_timed = pl.col(f"{earlier}_has_time") & pl.col(f"{later}_has_time")
        return pl.when(both_timed).then(b < a).otherwise(b.dt.date() < a.dt.date())
    return b < a


def _after_message(label: str, row: dict) -> str:
    return f"on or after {label} ({row['__earlier']})"


def _check_date_order(tables: dict[str, _Table], out: _Collector) -> None:
    for rules, severity, kind in (
        (DATE_ORDER_ERRORS, "error", "end_before_start"),
        (DATE_ORDER_WARNINGS, "warning", "dates_out_of_order"),
    ):
        for name, earlier, later in rules:
            t = tables.get(name)
            if t is None:
                continue
            table = TABLES[name]
            frame = t.frame.with_columns(_shown(table, earlier).alias("__earlier"))
            out.rows(
                severity,
                kind,
                frame,
                _before(table, earlier, later),
                t.file,
                t.label(later),
                _shown(table, later),
                partial(_after_message, t.label(earlier)),
            )


def _categorise(t: _Table, profile: Profile, out: _Collector) -> None:
    headings = t.frame.get_column("note_type").drop_nulls().unique().to_list()
    rules = profile.note_rules()
    mapping = {h: categorise(h, rules) for h in headings}
    t.frame = t.frame.with_columns(
        pl.col("note_type").replace_strict(mapping, default=None, return_dtype=pl.String).alias("category")
    )
    counts = t.frame.group_by("category").len().sort(["len", "category"], descending=[True, False])
    out.report.categories = {c: n for c, n in counts.iter_rows() if c is not None}
    # Spellings of one heading ("Home Visit", "home  visit") are one heading to map: list it once,
    # as it is most often written.
    keys = {h: normalise_heading(h) for h in headings if mapping[h] == "contact"}
    contact = (
        t.frame.filter(pl.col("category") == "contact")
        .group_by("note_type")
        .len()
        .with_columns(pl.col("note_type").replace_strict(keys, return_dtype=pl.String).alias("__key"))
        .sort(["len", "note_type"], descending=[True, False])
        .group_by("__key", maintain_order=True)
        .agg(pl.col("note_type").first(), pl.col("len").sum())
        .sort(["len", "note_type"], descending=[True, False])
        .select("note_type", "len")
    )
    column = t.label("note_type")
    if (t.file, column) in out.hidden:
        # The column holds what looks like notes' words (its heading swapped with text's, say):
        # one warning, no heading quoted.
        out.add(
            "warning",
            "contact_heading",
            t.file,
            None,
            column,
            None,
            f"{FREE_TEXT_SHOWN}: {contact.height:,} headings ({contact.get_column('len').sum():,} notes) read as "
            "practitioner contact, some shaped like free text rather than headings: check that this "
            "column is the note heading and not the note's text",
        )
        return
    for heading, n in contact.head(CONTACT_LIMIT).iter_rows():
        out.add(
            "warning",
            "contact_heading",
            t.file,
            None,
            column,
            heading,
            f"{n:,} note(s) with this heading read as practitioner contact, not management "
            "oversight; if it is a management entry, map it in the profile's note_types",
        )
    if contact.height > CONTACT_LIMIT:
        rest = contact.slice(CONTACT_LIMIT)
        out.add(
            "warning",
            "contact_heading",
            t.file,
            None,
            column,
            None,
            f"and {rest.height:,} more headings ({rest.get_column('len').sum():,} notes) read as practitioner "
            "contact; so many suggest the column holds something other than headings",
        )


def _stored(t: _Table) -> pl.DataFrame:
    dtypes = {
        "VARCHAR": pl.String,
        "DATE": pl.Date,
        "TIMESTAMP": pl.Datetime("us"),
        "BOOLEAN": pl.Boolean,
        "INTEGER": pl.Int32,
        "DOUBLE": pl.Float64,
    }
    return t.frame.select(pl.col(c).cast(dtypes[s]) for c, s in stored_columns(TABLES[t.name]))


def validate_extract(
    source: Path,
    profile: Path | None = None,
    *,
    progress: Callable[[str, float], None] | None = None,
    today: dt.date | None = None,
) -> tuple[dict[str, pl.DataFrame] | None, LoadReport]:
    """Read and check an extract; the frames (stored columns) are given only when nothing is wrong.

    Nothing is written anywhere: the Data page shows this report before it offers to load.
    """
    source = Path(source)
    today = today or dt.date.today()
    report = LoadReport(source=str(source), profile=str(profile) if profile else "canonical (built in)")
    out = _Collector(report)
    step = progress or (lambda _m, _f: None)
    try:
        prof = load_profile(profile)
    except ProfileError as exc:
        out.add("error", "profile", str(profile), None, None, None, str(exc))
        return None, report
    report.profile = prof.name

    step("reading the extract", 0.0)
    sources, attempted = _read_sources(source, prof, out, step)
    if attempted is not None:
        for name, table in TABLES.items():
            if table.required and name not in attempted:
                if source.is_dir():
                    where, what = f"{source.name}/", f"a file {prof.source_name(name)}.csv"
                else:
                    where, what = source.name, f"a sheet named {prof.source_name(name)}"
                out.add("error", "missing_table", where, None, None, None, f"{what}: {name} is a required table")

    tables: dict[str, _Table] = {}
    for i, (name, src) in enumerate(sources.items()):
        step(f"checking {name}", 0.1 + 0.6 * i / max(len(sources), 1))
        prepared = _prepare(src, prof, out, today)
        if prepared is not None:
            tables[name] = prepared
            report.row_counts[name] = prepared.frame.height
            report.files[name] = prepared.file

    step("checking ids and references", 0.75)
    for t in tables.values():
        _check_duplicates(t, out)
    if "staff" in tables:
        _check_emails(tables["staff"], out)
    _check_references(tables, out)
    _check_date_order(tables, out)
    if "case_notes" in tables:
        _categorise(tables["case_notes"], prof, out)
    report.errors.sort(key=_order)
    report.warnings.sort(key=_order)
    step("checked", 0.8)
    if report.errors:
        report.outcome = "refused"
        return None, report
    # An empty optional table counts as not loaded: its indicators say "not available" rather
    # than show 0 % for want of data.
    return {name: _stored(t) for name, t in tables.items() if t.frame.height or TABLES[name].required}, report


_KIND_ORDER = {k: i for i, k in enumerate(KINDS)}


def _order(p: Problem) -> tuple:
    return (_KIND_ORDER.get(p.kind, 99), p.file, p.column or "", p.row if p.row is not None else sys.maxsize)
