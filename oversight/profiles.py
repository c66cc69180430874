"""Mapping profiles: how one service's export differs from the canonical extract.

A profile is a small TOML file (see profiles/canonical.toml and profiles/example-uk.toml):

- ``encoding``: the CSV encoding, when the export's is known (otherwise UTF-8, else Windows-1252);
- ``[dates]`` ``date`` / ``datetime``: strftime formats (``datetime`` may be a list); a
  ``[tables.<name>.dates]`` section overrides them for one table;
- ``[tables.<name>]`` ``source``: the file stem or sheet name holding that table;
- ``[tables.<name>.columns]``: export heading = canonical column;
- ``[tables.<name>.values.<column>]``: export value = canonical value;
- ``[[note_types]]``: rules (``match`` exact or prefix, ``headings``, ``category``) tried before
  the default note-type map.

Nothing is guessed: a profile that names an unknown table, column, category or encoding is
refused with a message saying which key is wrong.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from oversight.notetypes import DEFAULT_RULES, Rule, normalise_heading
from oversight.schema import CATEGORIES, TABLES

PROFILES_DIR = Path(__file__).resolve().parent.parent / "profiles"
CANONICAL = PROFILES_DIR / "canonical.toml"

DEFAULT_DATE = "%Y-%m-%d"
# Seconds optional; a "T" separator is what many systems and Python's isoformat write.
DEFAULT_DATETIMES = (
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
)

_TOP_KEYS = {"description", "encoding", "dates", "tables", "note_types"}
_TABLE_KEYS = {"source", "columns", "values", "dates"}
_DATE_KEYS = {"date", "datetime"}
_RULE_KEYS = {"match", "headings", "category"}


class ProfileError(ValueError):
    """A profile that cannot be used; the message names the file and the key."""


def heading_key(name: str) -> str:
    """How export headings are matched: case and surrounding space do not matter."""
    return re.sub(r"\s+", " ", name.strip()).casefold()


def value_key(value: str) -> str:
    """The enumeration reading of a value: casefolded, runs of spaces, hyphens, underscores as one _."""
    return re.sub(r"[\s\-_]+", "_", value.strip().casefold()).strip("_")


@dataclass(frozen=True)
class DateFormats:
    date: str = DEFAULT_DATE
    datetimes: tuple[str, ...] = DEFAULT_DATETIMES


@dataclass(frozen=True)
class Profile:
    path: Path | None = None
    description: str = "canonical"
    encoding: str | None = None
    dates: DateFormats = field(default_factory=DateFormats)
    table_dates: dict[str, DateFormats] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # table -> file stem / sheet name
    columns: dict[str, dict[str, str]] = field(default_factory=dict)  # table -> heading_key -> canonical
    values: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)  # table -> column -> key -> value
    rules: tuple[Rule, ...] = ()

    @property
    def name(self) -> str:
        return str(self.path) if self.path else "canonical (built in)"

    def formats(self, table: str) -> DateFormats:
        return self.table_dates.get(table, self.dates)

    def source_name(self, table: str) -> str:
        return self.sources.get(table, table)

    def canonical_column(self, table: str, heading: str) -> str | None:
        """The canonical column an export heading stands for, or None when it is unknown."""
        key = heading_key(heading)
        mapped = self.columns.get(table, {}).get(key)
        if mapped:
            return mapped
        names = TABLES[table].column_names
        return key if key in names else None

    def note_rules(self) -> tuple[Rule, ...]:
        return self.rules + DEFAULT_RULES


def _fail(path: Path | None, where: str, message: str) -> ProfileError:
    return ProfileError(f"profile {path or '(inline)'}: {where}: {message}")


def _check_keys(path: Path | None, where: str, got: dict, allowed: set[str]) -> None:
    unknown = sorted(set(got) - allowed)
    if unknown:
        raise _fail(path, where, f"unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}")


# A moment with every field distinct (day 3, month 4, 14:30:15.123): a format that reads it back
# as written names the day, month and year, and the time where it is a datetime format.
_PROBE = dt.datetime(2025, 4, 3, 14, 30, 15, 123000)


def _check_format(path: Path | None, where: str, fmt: object, *, with_time: bool = False) -> str:
    """A format the loader can both write and read back: the same parser the data goes through.

    Python's strftime passes unknown directives such as ``%Q`` through unchanged, so a format is
    tried the way the loader uses it (Polars), on a probe moment, and must give that moment back.
    """
    if not isinstance(fmt, str) or "%" not in fmt:
        raise _fail(path, where, f"{fmt!r} is not a strftime format such as '%d/%m/%Y'")
    try:
        written = pl.Series([_PROBE]).dt.to_string(fmt)
        dtype = pl.Datetime("us") if with_time else pl.Date()
        read = written.str.strptime(dtype, fmt, strict=False).item()
    except (pl.exceptions.PolarsError, ValueError, OverflowError) as exc:
        raise _fail(path, where, f"{fmt!r} is not a usable format ({str(exc).splitlines()[0]})") from exc
    if with_time:
        good = isinstance(read, dt.datetime) and read.replace(second=0, microsecond=0) == _PROBE.replace(
            second=0, microsecond=0
        )
        what = "a date and time (day, month, year, hour and minute; a bare date is read by the date format)"
    else:
        good = read == _PROBE.date()
        what = "a date (day, month and year)"
    if not good:
        raise _fail(
            path,
            where,
            f"{fmt!r} does not read back {what}: {_PROBE:%d/%m/%Y %H:%M} written with it is "
            f"{written.item()!r}, read back as {read}; use directives such as %d, %m, %Y, %H, %M",
        )
    return fmt


def _dates(path: Path | None, where: str, raw: object, base: DateFormats) -> DateFormats:
    if not isinstance(raw, dict):
        raise _fail(path, where, "must be a table with keys date and datetime")
    _check_keys(path, where, raw, _DATE_KEYS)
    date = _check_format(path, f"{where}.date", raw["date"]) if "date" in raw else base.date
    if "datetime" in raw:
        value = raw["datetime"]
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items:
            raise _fail(path, f"{where}.datetime", "must be a format or a list of formats")
        datetimes = tuple(_check_format(path, f"{where}.datetime", f, with_time=True) for f in items)
    elif "date" in raw:
        # A profile that changes the date format writes datetimes the same way, with a time.
        datetimes = (f"{date} %H:%M:%S", f"{date} %H:%M")
    else:
        datetimes = base.datetimes
    return DateFormats(date, datetimes)


def _encoding(path: Path | None, raw: object) -> str:
    """A codec that turns bytes into text: zlib, base64 or rot13 are codecs, not text encodings."""
    expected = "the name of a text encoding such as 'utf-8' or 'cp1252'"
    if not isinstance(raw, str):
        raise _fail(path, "encoding", f"{raw!r}: expected {expected}")
    try:
        info = codecs.lookup(raw)
    except LookupError as exc:
        raise _fail(path, "encoding", f"{raw!r} is not an encoding Python knows; expected {expected}") from exc
    # _is_text_encoding is how Python itself refuses b"".decode("zlib")
    if not getattr(info, "_is_text_encoding", True):
        raise _fail(path, "encoding", f"{raw!r} is a codec, not a text encoding; expected {expected}")
    try:
        b"abc,1\n".decode(info.name)
    except (UnicodeError, LookupError, TypeError) as exc:
        raise _fail(path, "encoding", f"{raw!r} cannot read text; expected {expected}") from exc
    return info.name


def _mapping(path: Path | None, where: str, raw: object, what: str) -> dict:
    if not isinstance(raw, dict):
        raise _fail(path, where, f"must be a table of {what}, not {type(raw).__name__} {raw!r}")
    return raw


def parse_profile(data: dict, path: Path | None = None) -> Profile:
    """A Profile from parsed TOML; raises ProfileError naming the offending key."""
    _check_keys(path, "top level", data, _TOP_KEYS)
    encoding = data.get("encoding")
    if encoding is not None:
        encoding = _encoding(path, encoding)
    dates = _dates(path, "dates", data["dates"], DateFormats()) if "dates" in data else DateFormats()

    sources: dict[str, str] = {}
    columns: dict[str, dict[str, str]] = {}
    values: dict[str, dict[str, dict[str, str]]] = {}
    table_dates: dict[str, DateFormats] = {}
    tables = data.get("tables", {})
    if not isinstance(tables, dict):
        raise _fail(path, "tables", "must be a table of tables")
    for table, spec in tables.items():
        where = f"tables.{table}"
        if table not in TABLES:
            raise _fail(path, where, f"no such table; tables are {', '.join(TABLES)}")
        if not isinstance(spec, dict):
            raise _fail(path, where, "must be a table")
        _check_keys(path, where, spec, _TABLE_KEYS)
        names = TABLES[table].column_names
        if "source" in spec:
            if not isinstance(spec["source"], str) or not spec["source"].strip():
                raise _fail(path, f"{where}.source", f"{spec['source']!r}: expected the file stem or sheet name")
            sources[table] = spec["source"]
        renames: dict[str, str] = {}
        column_map = _mapping(path, f"{where}.columns", spec.get("columns", {}), "export heading = column")
        for heading, canonical in column_map.items():
            if not isinstance(canonical, str) or canonical not in names:
                raise _fail(path, f"{where}.columns.{heading!r}", f"{canonical!r} is not a column of {table}")
            renames[heading_key(heading)] = canonical
        columns[table] = renames
        maps: dict[str, dict[str, str]] = {}
        value_maps = _mapping(path, f"{where}.values", spec.get("values", {}), "column = value map")
        for column, mapping in value_maps.items():
            if column not in names:
                raise _fail(path, f"{where}.values.{column}", f"{column!r} is not a column of {table}")
            if not isinstance(mapping, dict):
                raise _fail(path, f"{where}.values.{column}", "must map export values to canonical values")
            maps[column] = {value_key(str(k)): str(v) for k, v in mapping.items()}
        values[table] = maps
        if "dates" in spec:
            table_dates[table] = _dates(path, f"{where}.dates", spec["dates"], dates)

    rules: list[Rule] = []
    note_types = data.get("note_types", [])
    if not isinstance(note_types, list):
        raise _fail(path, "note_types", "must be a list of [[note_types]] rules with match, headings, category")
    for i, rule in enumerate(note_types, start=1):
        where = f"note_types[{i}]"
        if not isinstance(rule, dict):
            raise _fail(path, where, "must be a table with match, headings, category")
        _check_keys(path, where, rule, _RULE_KEYS)
        match = rule.get("match", "exact")
        if match not in ("exact", "prefix"):
            raise _fail(path, f"{where}.match", f"{match!r}: use 'exact' or 'prefix'")
        headings = rule.get("headings")
        if isinstance(headings, str):
            headings = [headings]
        if not headings or not isinstance(headings, list) or not all(isinstance(h, str) for h in headings):
            raise _fail(path, f"{where}.headings", "give one heading or a list of headings")
        category = rule.get("category")
        if category not in CATEGORIES:
            raise _fail(path, f"{where}.category", f"{category!r}; categories are {', '.join(CATEGORIES)}")
        rules.append(Rule(match, tuple(normalise_heading(str(h)) for h in headings), category))

    return Profile(
        path=path,
        description=str(data.get("description", path.stem if path else "canonical")),
        encoding=encoding,
        dates=dates,
        table_dates=table_dates,
        sources=sources,
        columns=columns,
        values=values,
        rules=tuple(rules),
    )


def load_profile(path: Path | None) -> Profile:
    """The profile at ``path``; None means the canonical one (no renames, ISO dates)."""
    if path is None:
        return Profile()
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ProfileError(f"profile {path}: file not found") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ProfileError(f"profile {path}: not valid TOML ({exc})") from exc
    except IsADirectoryError as exc:
        raise ProfileError(f"profile {path}: is a folder; expected a .toml file") from exc
    except OSError as exc:
        raise ProfileError(f"profile {path}: cannot be read ({exc.strerror or exc}); expected a .toml file") from exc
    return parse_profile(data, path)
