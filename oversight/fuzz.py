"""Loader fuzzer: seeded mutations of a small extract, each checked, a sample fully loaded.

``python -m oversight.fuzz --extracts 5000 [--seed 1] [--full-every 10]`` prints counts; the test
suite runs a bounded number (tests/oversight/test_fuzz.py). Each extract is a copy of a small
extract cut from the bundled demo (every table, a few cases), with one to three mutations of the
kinds a hostile or careless export produces: odd files (folders, broken links, loops, pipes,
duplicates), encodings, quoting, line endings, NUL bytes, huge fields, truncation, formulas, odd
dates, swapped, deleted and duplicated headers, name columns, bad profiles, workbooks.

Every outcome must be a load or a refusal in which each problem names its file (and its row and
column where it is about a cell); no exception, no internal failure, no note's words in any
message or in the load log; and, for the sample loaded in full, a refusal leaves the previous
database byte for byte as it was and adds exactly one record to the load log.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import logging
import os
import random
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from oversight.demo import DEMO_DIR
from oversight.load import load_extract, load_log_path, read_load_log
from oversight.schema import TABLES
from oversight.validate import validate_extract

CASES = 12  # cases cut from the demo: every table has rows, and a check takes a few milliseconds
# Kinds whose problem is about one cell: it must name the row and the column.
CELL_KINDS = {
    "missing_value",
    "duplicate_id",
    "dangling_reference",
    "bad_date",
    "bad_value",
    "bad_number",
    "out_of_range",
    "end_before_start",
}
COLUMN_KINDS = {"missing_column", "duplicate_column", "child_identifying_column"}
FREE_TEXT_MIN = 12  # notes' texts at least this long are searched for in every message


# ---------------------------------------------------------------------------------------------
# The base extract


def cut_extract(out: Path, source: Path = DEMO_DIR, cases: int = CASES) -> Path:
    """A small extract: the first ``cases`` cases of ``source`` and every row that belongs to them."""
    out.mkdir(parents=True, exist_ok=True)
    read = {n: pl.read_csv(source / f"{n}.csv", infer_schema=False) for n in TABLES if (source / f"{n}.csv").exists()}
    kept = read["cases"].head(cases)
    ids = kept.get_column("case_id").implode()
    tables = {"cases": kept, "staff": read["staff"]}
    tables["children"] = read["children"].filter(pl.col("child_id").is_in(kept.get_column("child_id").implode()))
    for name, frame in read.items():
        if name in tables:
            continue
        if "case_id" in frame.columns:
            tables[name] = frame.filter(pl.col("case_id").is_in(ids))
        else:
            tables[name] = frame.head(40)
    for name, frame in tables.items():
        frame.write_csv(out / f"{name}.csv")
    return out


def free_texts(folder: Path) -> list[str]:
    notes = pl.read_csv(folder / "case_notes.csv", infer_schema=False)
    return sorted({t for t in notes.get_column("text").drop_nulls().to_list() if len(t) >= FREE_TEXT_MIN})


# ---------------------------------------------------------------------------------------------
# Mutations: each changes the extract in ``folder`` and says what it did


@dataclass
class Case:
    folder: Path
    source: Path
    profile: Path | None = None
    labels: list[str] = field(default_factory=list)


def _csvs(case: Case) -> list[Path]:
    return sorted(p for p in case.folder.glob("*.csv") if p.is_file() and not p.is_symlink())


def _pick(rng: random.Random, case: Case) -> Path | None:
    files = _csvs(case)
    return rng.choice(files) if files else None


def _rows(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8", errors="replace") as f:
        return list(csv.reader(f))


def _write(path: Path, rows: list[list[str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)


def _cell(rng: random.Random, case: Case, value: Callable[[random.Random, str, str], str]) -> str:
    path = _pick(rng, case)
    if path is None:
        return "no file"
    rows = _rows(path)
    if len(rows) < 2 or not rows[0]:
        return "no rows"
    r = rng.randrange(1, len(rows))
    c = rng.randrange(len(rows[r])) if rows[r] else 0
    if not rows[r]:
        return "blank row"
    rows[r][c] = value(rng, rows[0][c] if c < len(rows[0]) else "", rows[r][c])
    _write(path, rows)
    return f"{path.name} r{r + 1} c{c}"


def _replace_file(rng: random.Random, case: Case, replacement, label: str) -> str:
    """Put ``replacement(path)`` where one table's file was: the odd corners of a file system."""
    path = _pick(rng, case)
    if path:
        path.unlink()
        replacement(path)
    return label


def m_folder(rng, case):
    return _replace_file(rng, case, Path.mkdir, "table file is a folder")


def m_dangling(rng, case):
    return _replace_file(rng, case, lambda p: p.symlink_to("/nonexistent/extract.csv"), "dangling link")


def m_loop(rng, case):
    return _replace_file(rng, case, lambda p: p.symlink_to(p), "link loop")


def m_pipe(rng, case):
    return _replace_file(rng, case, os.mkfifo, "named pipe")


def m_delete_file(rng, case):
    return _replace_file(rng, case, lambda _p: None, "file deleted")


def m_duplicate_file(rng, case):
    path = _pick(rng, case)
    if path:
        shutil.copy(path, path.with_name(path.name.upper()))
    return "same table twice (case)"


def m_csv_and_sheet(rng, case):
    import xlsxwriter

    path = _pick(rng, case)
    if path is None:
        return "no file"
    rows = _rows(path)[:5]
    wb = xlsxwriter.Workbook(str(case.folder / "extra.xlsx"))
    ws = wb.add_worksheet(path.stem)
    for r, row in enumerate(rows):
        ws.write_row(r, 0, row)
    wb.close()
    return "a CSV and a sheet for one table"


def m_empty(rng, case):
    path = _pick(rng, case)
    if path:
        path.write_bytes(rng.choice([b"", b"\n", b"   \r\n", b"\xef\xbb\xbf"]))
    return "empty file"


def m_header_only(rng, case):
    path = _pick(rng, case)
    if path:
        path.write_bytes(path.read_bytes().split(b"\n", 1)[0] + b"\n")
    return "header only"


def m_truncate(rng, case):
    path = _pick(rng, case)
    if path:
        data = path.read_bytes()
        path.write_bytes(data[: rng.randrange(len(data) + 1)])
    return "truncated"


def m_nul(rng, case):
    path = _pick(rng, case)
    if path:
        data = path.read_bytes()
        i = rng.randrange(len(data) + 1)
        path.write_bytes(data[:i] + b"\x00" * rng.randint(1, 3) + data[i:])
    return "NUL bytes"


def m_encoding(rng, case):
    path = _pick(rng, case)
    if path is None:
        return "no file"
    text = path.read_text(encoding="utf-8", errors="replace")
    how = rng.choice(["cp1252", "utf-16", "utf-8-sig", "latin-1 bytes", "random bytes", "mac_roman"])
    if how == "random bytes":
        data = bytearray(path.read_bytes())
        for _ in range(rng.randint(1, 8)):
            if data:
                data[rng.randrange(len(data))] = rng.randrange(128, 256)
        path.write_bytes(bytes(data))
    elif how == "latin-1 bytes":
        path.write_bytes(text.replace("e", "\u00e9").replace("a", "\u0080", 1).encode("utf-8").replace(b"\xc2", b""))
    else:
        path.write_bytes(text.replace("e", rng.choice(["\u00e9", "\u2019", "\u20ac", "e"])).encode(how, "replace"))
    return f"encoding {how}"


def m_line_endings(rng, case):
    path = _pick(rng, case)
    if path:
        data = path.read_bytes().replace(b"\r\n", b"\n")
        path.write_bytes(data.replace(b"\n", rng.choice([b"\r\n", b"\r", b"\n\n", b"\r\r\n"])))
    return "line endings"


def m_quote(rng, case):
    path = _pick(rng, case)
    if path:
        data = path.read_bytes()
        i = rng.randrange(len(data) + 1)
        path.write_bytes(data[:i] + rng.choice([b'"', b'""', b'"x"y', b'\\"', b",", b",,"]) + data[i:])
    return "stray quote or comma"


def m_huge_field(rng, case):
    size = rng.choice([70_000, 200_000, 1_100_000])
    return "huge field " + _cell(rng, case, lambda r, _h, _v: rng.choice(["x", "a b. ", "9"]) * size)


def m_long_header(rng, case):
    path = _pick(rng, case)
    if path is None:
        return "no file"
    rows = _rows(path)
    if rows:
        rows[0].insert(rng.randrange(len(rows[0]) + 1), "h" * 70_000)
        for row in rows[1:]:
            row.insert(0, "") if row else None
    _write(path, rows)
    return "header over 64 KiB"


FORMULAS = ["=1+1", '=HYPERLINK("http://x","y")', "+44 20", "-2+3", "@SUM(A1)", "=cmd|'/c calc'!A1", "\t=1"]


def m_formula(rng, case):
    return "formula " + _cell(rng, case, lambda r, _h, _v: r.choice(FORMULAS))


ODD_DATES = [
    "31/02/2026",
    "2026-02-30",
    "2026-13-01",
    "0000-00-00",
    "99999-01-01",
    "1899-12-31",
    "2026-03-02T25:00",
    "2026-03-02 24:00",
    "NaN",
    "  ",
    "2026/03/02",
    "03/04/26",
    "2026-3-2",
    "45000",
    "2026-03-02 14:30:00+01:00",
    "20260302",
    "\u0662\u0660\u0662\u0666-03-02",
    "2099-01-01",
    "1066-10-14",
]


def m_odd_date(rng, case):
    return "odd date " + _cell(rng, case, lambda r, _h, _v: r.choice(ODD_DATES))


ODD_VALUES = ["", " ", "N/A", "null", "\u00a0", "99999999999", "-1", "1e3", "\U0001f600", "true ", "Y", "maybe"]


def m_odd_value(rng, case):
    return "odd value " + _cell(rng, case, lambda r, _h, _v: r.choice(ODD_VALUES))


def m_text_into_cell(rng, case):
    """A note's words in another cell of case_notes: what a shifted column does."""
    path = case.folder / "case_notes.csv"
    if not path.is_file() or path.is_symlink():
        return "no notes"
    rows = _rows(path)
    if len(rows) < 2 or "text" not in rows[0]:
        return "no notes"
    t = rows[0].index("text")
    r = rng.randrange(1, len(rows))
    c = rng.randrange(len(rows[0]))
    if len(rows[r]) > max(t, c):
        rows[r][c] = rows[rng.randrange(1, len(rows))][t]
    _write(path, rows)
    return f"note text into {rows[0][c]}"


def _headers(rng, case, change: Callable[[list[str]], None], what: str) -> str:
    path = _pick(rng, case)
    if path is None:
        return "no file"
    rows = _rows(path)
    if not rows or not rows[0]:
        return "no header"
    change(rows[0])
    _write(path, rows)
    return f"{what} {path.name}"


def m_swap_headers(rng, case):
    path = case.folder / "case_notes.csv"
    if rng.random() < 0.6 and path.is_file() and not path.is_symlink():
        rows = _rows(path)
        if rows and "text" in rows[0]:
            other = rng.choice(["significant", "note_type", "note_id", "case_id", "event_date", "author_id"])
            if other in rows[0]:
                a, b = rows[0].index("text"), rows[0].index(other)
                rows[0][a], rows[0][b] = rows[0][b], rows[0][a]
                _write(path, rows)
                return f"swap text and {other}"

    def swap(h):
        if len(h) > 1:
            a, b = rng.sample(range(len(h)), 2)
            h[a], h[b] = h[b], h[a]

    return _headers(rng, case, swap, "swap two headers")


def m_delete_column(rng, case):
    path = _pick(rng, case)
    if path is None:
        return "no file"
    rows = _rows(path)
    if rows and rows[0]:
        c = rng.randrange(len(rows[0]))
        rows = [row[:c] + row[c + 1 :] for row in rows]
    _write(path, rows)
    return f"column deleted {path.name}"


def m_duplicate_column(rng, case):
    path = _pick(rng, case)
    if path is None:
        return "no file"
    rows = _rows(path)
    if rows and rows[0]:
        c = rng.randrange(len(rows[0]))
        rows = [[*row, row[c]] if len(row) > c else row for row in rows]
    _write(path, rows)
    return f"column duplicated {path.name}"


NAME_HEADINGS = ["Child's Name", "Address Line 2", "NHS No", "Forename(s)", "Alias", "Postcode (home)", "surname"]


def m_name_column(rng, case):
    heading = rng.choice([*NAME_HEADINGS, "Court Area", "Notes 2", "\u00a0team", " case_id "])
    path = _pick(rng, case)
    if path is None:
        return "no file"
    rows = _rows(path)
    if rows:
        rows = [[*row, heading if i == 0 else "Sam Example"] for i, row in enumerate(rows)]
    _write(path, rows)
    return f"column {heading!r}"


def m_drop_header(rng, case):
    path = _pick(rng, case)
    if path:
        data = path.read_bytes()
        path.write_bytes(data.split(b"\n", 1)[1] if b"\n" in data else b"")
    return "header line lost"


def m_duplicate_rows(rng, case):
    path = _pick(rng, case)
    if path is None:
        return "no file"
    rows = _rows(path)
    if len(rows) > 1:
        rows.append(list(rng.choice(rows[1:])))
    _write(path, rows)
    return "row duplicated"


def m_extra_field(rng, case):
    path = _pick(rng, case)
    if path is None:
        return "no file"
    rows = _rows(path)
    if len(rows) > 1:
        rows[rng.randrange(1, len(rows))].append("extra")
    _write(path, rows)
    return "extra field"


def m_delimiter(rng, case):
    path = _pick(rng, case)
    if path is None:
        return "no file"
    rows = _rows(path)
    buf = io.StringIO()
    csv.writer(buf, delimiter=rng.choice([";", "\t", "|"])).writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return "delimiter"


def m_blank_lines(rng, case):
    path = _pick(rng, case)
    if path:
        lines = path.read_bytes().split(b"\n")
        for _ in range(rng.randint(1, 4)):
            lines.insert(rng.randrange(1, len(lines) + 1), rng.choice([b"", b",,,", b"  "]))
        path.write_bytes(b"\n".join(lines))
    return "blank lines"


BAD_PROFILES = [
    'encoding = "zlib"\n',
    'encoding = "rot13"\n',
    'encoding = "utf-16"\n',
    "[tables.cases]\ncolumns = 5\n",
    '[dates]\ndate = "%Q-%Y"\n',
    '[dates]\ndate = "%d/%m/%Y"\n',
    '[dates]\ndatetime = ["%d/%m/%Y"]\n',
    "note_types = 5\n",
    "[[note_types]]\nheadings = [1]\ncategory = 3\n",
    "encoding = [\n",
    '[tables.cases.values.disposal]\n"YRO" = 5\n',
    "\xff\xfe",
    '[tables.children.columns]\n"Full Name" = "sex"\n',
    'description = "fine"\n',
]


def m_profile(rng, case):
    text = rng.choice(BAD_PROFILES)
    case.profile = case.folder.parent / "profile.toml"
    if rng.random() < 0.1:
        case.profile.mkdir()
        return "profile is a folder"
    case.profile.write_bytes(text.encode("latin-1") if text.startswith("\xff") else text.encode("utf-8"))
    return f"profile {text.splitlines()[0][:30]!r}"


def m_workbook(rng, case):
    """The extract saved as a workbook by an office suite: digit ids become numbers."""
    import xlsxwriter

    book = case.folder.parent / "extract.xlsx"
    wb = xlsxwriter.Workbook(str(book), {"strings_to_numbers": False})
    for path in _csvs(case):
        name = path.stem if rng.random() > 0.05 else path.stem.upper() + " "
        try:
            ws = wb.add_worksheet(name[:31])
        except Exception:  # noqa: BLE001 - xlsxwriter refuses a repeated sheet name: skip it
            continue
        for r, row in enumerate(_rows(path)):
            for c, value in enumerate(row):
                if r and value.isdigit() and len(value) < 10:
                    ws.write_number(r, c, int(value))
                else:
                    ws.write_string(r, c, value[:32000])
    wb.close()
    case.source = book
    return "workbook"


MUTATIONS: dict[str, Callable[[random.Random, Case], str]] = {
    name[2:]: fn for name, fn in sorted(globals().items()) if name.startswith("m_") and callable(fn)
}
# Rarer: each is slower or ends the extract's life as CSVs
WEIGHTS = {"workbook": 0.3, "pipe": 0.3, "huge_field": 0.5, "long_header": 0.5, "profile": 0.6}


# ---------------------------------------------------------------------------------------------
# Checking one outcome


@dataclass
class Tally:
    extracts: int = 0
    loaded: int = 0
    refused: int = 0
    validated: int = 0  # checked, not loaded (the fast path)
    full_loads: int = 0
    crashes: int = 0
    failures: list[str] = field(default_factory=list)
    kinds: Counter = field(default_factory=Counter)
    problems: Counter = field(default_factory=Counter)

    def fail(self, what: str) -> None:
        self.crashes += 1
        if len(self.failures) < 50:
            self.failures.append(what)


def _sha(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def _located(report) -> list[str]:
    """Problems that do not say where they are (file always; row and column for a cell)."""
    wrong = []
    for p in report.errors:
        counted = p.expected.startswith("and ")
        if not p.file:
            wrong.append(f"no file: {p}")
        elif p.kind in CELL_KINDS and not counted and (p.row is None or not p.column):
            wrong.append(f"cell without row or column: {p}")
        elif p.kind in COLUMN_KINDS and not p.column:
            wrong.append(f"column problem without column: {p}")
    return wrong


def check_one(rng: random.Random, base: Path, work: Path, texts: list[str], db: Path | None, tally: Tally) -> None:
    """Mutate a copy of ``base``, check (or, given ``db``, load) it, and count what happened."""
    if work.exists():
        shutil.rmtree(work)
    folder = work / "extract"
    shutil.copytree(base, folder)
    case = Case(folder, folder)
    names = list(MUTATIONS)
    weights = [WEIGHTS.get(n, 1.0) for n in names]
    for name in rng.choices(names, weights, k=rng.choice([1, 1, 2, 3])):
        try:
            case.labels.append(MUTATIONS[name](rng, case))
        except OSError as exc:  # the mutation itself could not be made (a folder where a file was)
            case.labels.append(f"{name} skipped ({exc.strerror})")
        tally.kinds[name] += 1
    tally.extracts += 1
    label = "; ".join(case.labels)
    captured = io.StringIO()
    handler = logging.StreamHandler(captured)
    handler.setLevel(logging.ERROR)
    logger = logging.getLogger("oversight")
    logger.addHandler(handler)
    try:
        before = _sha(db) if db else None
        attempts = read_load_log(db).height if db else 0
        if db is not None:
            report = load_extract(case.source, case.profile, db=db)
            tally.full_loads += 1
        else:
            frames, report = validate_extract(case.source, case.profile)
            if (frames is None) == report.ok:
                tally.fail(f"{label}: frames given {frames is not None} but ok {report.ok}")
            tally.validated += 1
    except BaseException as exc:  # noqa: BLE001 - the point: nothing may escape
        if isinstance(exc, KeyboardInterrupt):
            raise
        tally.fail(f"{label}: {type(exc).__name__}\n{traceback.format_exc(limit=6)}")
        return
    finally:
        logger.removeHandler(handler)
    rendered = report.render()
    if report.outcome in ("failed", "interrupted") or any(p.kind == "internal" for p in report.errors):
        tally.fail(f"{label}: outcome {report.outcome}: {rendered[:2000]}")
    if captured.getvalue():
        tally.fail(f"{label}: logged an error: {captured.getvalue()[:2000]}")
    if "Traceback" in rendered:
        tally.fail(f"{label}: traceback in the report")
    for wrong in _located(report):
        tally.fail(f"{label}: {wrong}")
    logged = load_log_path(db).read_text(encoding="utf-8", errors="replace") if db else ""
    for t in texts:
        if t in rendered or (logged and t in logged):
            tally.fail(f"{label}: free text in a message: {t[:30]!r}...")
            break
    if report.ok:
        tally.loaded += 1
    else:
        tally.refused += 1
        tally.problems.update(p.kind for p in report.errors)
    if db is not None:
        if not report.ok and _sha(db) != before:
            tally.fail(f"{label}: a refusal changed the database")
        if report.ok and report.outcome != "loaded":
            tally.fail(f"{label}: valid but not loaded ({report.outcome})")
        log = read_load_log(db)
        if log.height != attempts + 1 or log.get_column("outcome")[0] != report.outcome:
            tally.fail(f"{label}: load log holds {log.height} attempts after {attempts} (+1 expected)")


def run(
    extracts: int,
    seed: int = 0,
    full_every: int = 10,
    base: Path | None = None,
    progress: Callable[[Tally], None] | None = None,
) -> Tally:
    """``extracts`` mutated extracts from ``seed``; every ``full_every``-th loaded in full."""
    rng = random.Random(seed)
    tally = Tally()
    with tempfile.TemporaryDirectory(prefix="oversight-fuzz-") as tmp:
        root = Path(tmp)
        base = base or cut_extract(root / "base")
        texts = free_texts(base)
        db = root / "db" / "o.duckdb"
        db.parent.mkdir()
        assert load_extract(base, db=db).ok, "the base extract must load"
        for i in range(extracts):
            full = full_every > 0 and i % full_every == 0
            check_one(random.Random(rng.getrandbits(64)), base, root / "work", texts, db if full else None, tally)
            if progress and (i + 1) % 100 == 0:
                progress(tally)
    return tally


def report_lines(tally: Tally, seconds: float) -> list[str]:
    lines = [
        f"extracts {tally.extracts}  loaded {tally.loaded}  refused {tally.refused}  crashes {tally.crashes}",
        f"checked only {tally.validated}  loaded in full (atomic swap, log, byte-identical check) {tally.full_loads}",
        f"seconds {seconds:.1f}  ({seconds / max(tally.extracts, 1) * 1000:.0f} ms per extract)",
        "mutations: " + ", ".join(f"{k} {n}" for k, n in sorted(tally.kinds.items())),
        "refusal kinds: " + ", ".join(f"{k} {n}" for k, n in tally.problems.most_common()),
    ]
    lines += [f"CRASH {f}" for f in tally.failures]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m oversight.fuzz", description=__doc__.splitlines()[0])
    parser.add_argument("--extracts", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--full-every", type=int, default=10, help="load every Nth extract in full (0: never)")
    args = parser.parse_args(argv)
    clock = time.perf_counter()

    def tick(t: Tally) -> None:
        print(f"... {t.extracts} extracts, {t.crashes} crashes", flush=True)

    tally = run(args.extracts, args.seed, args.full_every, progress=tick)
    print("\n".join(report_lines(tally, time.perf_counter() - clock)), flush=True)
    return 1 if tally.crashes else 0


if __name__ == "__main__":
    sys.exit(main())
