"""The indicator catalogue and how every indicator is computed.

Each indicator is one SQL file under ``queries/<family>/<id>.sql`` whose header (``-- key:
value`` lines, continued by indented ``--`` lines) states its definition, population,
threshold and policy source; pages show that header. The query returns one row per item of the
denominator for each window (as-of date D and period start), with these columns:

- ``as_of_date`` (the window's D), ``case_id`` (null for staff-level items), ``staff_id``
  (staff-level items only, else null), ``item_id``, ``item_date`` (the date its breakdown
  attributes are taken on: D for case-level indicators, the item's own date otherwise),
- ``in_numerator`` (met; for a lower-is-better indicator, flagged),
- ``gap`` (what is missing, null when met) and ``since_date`` (since when), then any detail.

Windows arrive as the bound lists ``$as_of_dates`` and ``$from_dates``; policy values as
``$<setting>``. From those rows come every figure: overall, by breakdown, month by month and
the list behind it, so each rule is written once.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import duckdb
import polars as pl

from oversight import families, figures
from oversight.policy import DEFAULT_POLICY, Policy, load_policy
from queries.explorer import load_meta
from queries.runner import QUERIES_DIR, execute, parameters_of, run, run_small

FAMILIES = families.NAMES  # the folders under queries/, in order (oversight.families)
ORDER = (
    "FP1", "FP2", "FP3", "FP4",
    "TL1", "TL2", "TL3", "TL4", "TL5", "TL6", "TL7",
    "RC1", "RC2", "RC3", "RC4", "RC5",
    "DR1", "DR2", "DR3", "DR4",
    "QL1", "QL2",
    "QA1", "QA2", "QA3",
    "ES1", "ES2",
    "SC1", "SC2", "SC3",
    "VC1", "VC2", "VC3",
    "JG1",
)  # fmt: skip
BREAKDOWNS = (
    "team",
    "line_manager",
    "case_manager",
    "rosh",
    "swb",
    "risk_group",
    "disposal",
    "sex",
    "ethnicity",
    "looked_after",
    "age_band",
    "month",
)
# the breakdowns a staff-level item (DR4, SC1, SC3) falls in: the person's own; the others describe
# a child or a case, and give a staff-level indicator only its overall row
STAFF_BREAKDOWNS = ("team", "line_manager", "case_manager", "month")
HEADER_KEYS = (
    "id", "title", "question", "definition", "population", "met", "threshold", "source",
    "level", "direction", "requires",
)  # fmt: skip
WINDOW_PARAMS = ("as_of_dates", "from_dates")
# The columns of an indicator's rows that counting them, overall or by any breakdown, reads.
COUNTING_COLUMNS = ("as_of_date", "case_id", "staff_id", "item_id", "item_date", "in_numerator")
DEFAULT_PERIOD_DAYS = 90


@dataclass(frozen=True)
class Window:
    as_of: dt.date
    start: dt.date


def period(as_of: dt.date, start: dt.date | None = None) -> Window:
    """The period ``start <= date <= as_of``; by default the 90 days ending on D."""
    return Window(as_of, start or as_of - dt.timedelta(days=DEFAULT_PERIOD_DAYS - 1))


def month_ends(as_of: dt.date, months: int = 24) -> list[Window]:
    """The month ends up to D, oldest first, each with its month as the period.

    When D is not itself a month end, D closes the list (the month so far), so a trend ends
    on the headline figure.
    """
    windows: list[Window] = []
    end = as_of
    if (as_of + dt.timedelta(days=1)).day != 1:
        windows.append(Window(as_of, as_of.replace(day=1)))
        months -= 1
        end = as_of.replace(day=1) - dt.timedelta(days=1)
    for _ in range(months):
        windows.append(Window(end, end.replace(day=1)))
        end = end.replace(day=1) - dt.timedelta(days=1)
    return sorted(windows, key=lambda w: w.as_of)


FILTERS = ("team", "line_manager", "case_manager", "risk_group", "disposal")


@dataclass(frozen=True)
class Filters:
    """The dashboard's global filters; None means all. Values are bound, never formatted."""

    team: str | None = None
    line_manager: str | None = None
    case_manager: str | None = None
    risk_group: str | None = None
    disposal: str | None = None
    # Who may be seen: the staff ids whose cases (and, for staff-level items, whose own rows) are
    # in the signed-in person's scope (oversight.access); None is the whole service. Not a
    # sidebar filter: the gate in app.py sets it and no page can widen it.
    allowed_staff: tuple[str, ...] | None = None

    def params(self) -> dict[str, object]:
        allowed = None if self.allowed_staff is None else list(self.allowed_staff)
        return {**{f"filter_{name}": getattr(self, name) for name in FILTERS}, "allowed_staff": allowed}

    def key(self) -> tuple[object, ...]:
        """A hashable identity (a cache key): every filter and the scope."""
        return (*(getattr(self, name) for name in FILTERS), self.allowed_staff)

    def scoped(self) -> Filters:
        """The scope alone, without the sidebar's filters."""
        return Filters(allowed_staff=self.allowed_staff)

    def __bool__(self) -> bool:
        return self.allowed_staff is not None or any(getattr(self, name) is not None for name in FILTERS)


NO_FILTERS = Filters()

_SCOPE = """
with enriched as (
{dimensions}
)
-- a scoped person sees no manager above their scope, not even as a case's line manager
select * replace (
    case
        when $allowed_staff::varchar[] is null or list_contains($allowed_staff::varchar[], line_manager)
            then line_manager
    end as line_manager
)
from enriched
where ($filter_team is null or team = $filter_team)
    and ($filter_line_manager is null or line_manager = $filter_line_manager)
    and ($filter_case_manager is null or case_manager = $filter_case_manager)
    and ($filter_risk_group is null or risk_group = $filter_risk_group)
    and ($filter_disposal is null or disposal = $filter_disposal)
    -- the scope: the case manager on the item's date (a staff-level item's own staff member)
    and ($allowed_staff::varchar[] is null or list_contains($allowed_staff::varchar[], case_manager))
"""


@dataclass(frozen=True)
class Indicator:
    id: str
    family: str
    title: str
    question: str
    definition: str
    population: str
    met: str
    threshold: str
    source: str
    level: str  # case | item | staff
    direction: str  # higher | lower (is better)
    requires: tuple[str, ...]
    path: Path
    sql: str
    # the header's text fields as written, with {setting} placeholders (see render)
    templates: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    def rendered(self, name: str, policy: Policy) -> str:
        """A header field (definition, threshold, ...) with the values of ``policy`` in it."""
        return render(dict(self.templates)[name], policy)

    @property
    def header(self) -> str:
        """The SQL file's header comment, as written: what the page shows under a figure."""
        lines = []
        for line in self.sql.splitlines():
            if not line.startswith("--"):
                break
            lines.append(line[2:].removeprefix(" "))
        return "\n".join(lines)

    def policy_settings(self, policy: Policy) -> dict[str, object]:
        """The policy values this indicator's query binds."""
        names = parameters_of(self.sql) - set(WINDOW_PARAMS)
        # QL2's phrases are bound too, but they come from their own file, not the policy
        return {name: policy.values[name] for name in sorted(names) if name in policy.values}


# Header fields that may hold {setting} placeholders; the Indicator's own attributes hold them
# rendered with the default policy, and ``Indicator.rendered`` renders them with the policy in force.
TEXT_FIELDS = ("title", "question", "definition", "population", "met", "threshold", "source")
_PLACEHOLDER = re.compile(r"\{(\w+)(?::(\w+))?\}")


def placeholders(text: str) -> set[str]:
    """The policy settings a header field names as ``{setting}``."""
    return {m.group(1) for m in _PLACEHOLDER.finditer(text)}


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def render(text: str, policy: Policy) -> str:
    """``text`` with each placeholder replaced by the policy's value.

    ``{name}`` is the value (a list reads "a, b and c" with spaces for underscores),
    ``{name:unit}`` the value with its unit, singular for 1 ("1 working day", "5 working days"),
    ``{name:th}`` the ordinal ("the {countersign_working_days:th} working day": "the 5th working
    day"). A placeholder naming no setting is an error, never left in the text.
    """

    def value(match: re.Match[str]) -> str:
        name, form = match.group(1), match.group(2)
        setting = policy.settings.get(name)
        if setting is None:
            raise ValueError(f"{{{name}}} names no policy setting")
        v = setting.value
        if form == "th":
            return _ordinal(int(v))
        if form == "unit":
            unit = setting.unit.removesuffix("s") if v == 1 else setting.unit
            return f"{v} {unit}".strip()
        if form is not None:
            raise ValueError(f"{{{name}:{form}}}: unknown form {form!r} (unit or th)")
        if isinstance(v, list):
            words = [str(x).replace("_", " ") for x in v]
            return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else "".join(words)
        return str(v)

    return _PLACEHOLDER.sub(value, text)


_KEY_LINE = re.compile(r"^-- (\w+):\s?(.*)$")


def parse_header(sql: str) -> dict[str, str]:
    header: dict[str, str] = {}
    key = None
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        match = _KEY_LINE.match(line)
        if match:
            key = match.group(1)
            header[key] = match.group(2).strip()
        elif key and line.startswith("--  "):
            header[key] = (header[key] + " " + line[2:].strip()).strip()
    return header


@cache
def catalogue() -> dict[str, Indicator]:
    """Every indicator found under queries/<family>/, in the catalogue's order (ORDER)."""
    found: dict[str, Indicator] = {}
    defaults = load_policy(DEFAULT_POLICY.with_suffix(".none"))
    for family in FAMILIES:
        for path in sorted((QUERIES_DIR / family).glob("*.sql")):
            if path.name.count(".") > 1:  # ID.extra.sql: a companion, not an indicator
                continue
            sql = path.read_text()
            if family == "judgement":
                from queries.judgement.checks import assemble  # JG1's checks, in their catalogue's order

                sql = assemble(sql)
            h = parse_header(sql)
            missing = [k for k in HEADER_KEYS if k not in h]
            if missing:
                raise ValueError(f"{path}: header lacks {', '.join(missing)}")
            try:
                text = {k: render(h[k], defaults) for k in TEXT_FIELDS}
            except ValueError as e:
                raise ValueError(f"{path}: {e}") from None
            found[h["id"]] = Indicator(
                id=h["id"],
                family=family,
                **text,
                level=h["level"],
                direction=h["direction"],
                requires=tuple(t.strip() for t in h["requires"].split(",") if t.strip()),
                path=path,
                sql=sql,
                templates=tuple((k, h[k]) for k in TEXT_FIELDS),
            )
    return {i: found[i] for i in ORDER if i in found} | {i: ind for i, ind in found.items() if i not in ORDER}


# the policy's digest -> (the catalogue worded, that catalogue worded with that policy): a
# catalogue read again (a test's, after cache_clear) is never answered from an older one
_IN_FORCE: dict[str, tuple[dict[str, Indicator], dict[str, Indicator]]] = {}


def in_force(policy: Policy) -> dict[str, Indicator]:
    """:func:`catalogue` with every header text field (title, question, definition, ...) rendered
    with ``policy``'s values: what the pages, the pack and the command line show. A service that
    records oversight within 72 hours reads "within 72 hours" in TL1's title, not the default."""
    indicators = catalogue()
    worded, found = _IN_FORCE.get(policy.digest, (None, None))
    if worded is not indicators or found is None:
        found = {
            i: replace(ind, **{name: ind.rendered(name, policy) for name in TEXT_FIELDS})
            for i, ind in indicators.items()
        }
        if len(_IN_FORCE) >= 32:  # a few policies per process: the default, each edit being tried
            _IN_FORCE.clear()
        _IN_FORCE[policy.digest] = (indicators, found)
    return found


def is_available(indicator: Indicator, tables_present: list[str] | tuple[str, ...]) -> bool:
    """Whether everything the header's ``requires`` names is in ``tables_present``: a table the
    load supplied, or a ``table.column`` with at least one value (see :func:`tables_present`)."""
    return all(t in tables_present for t in indicator.requires)


# An indicator's status (the `status` column of the indicators command): computed, its data not
# loaded, or switched off by local policy.
OK, NOT_AVAILABLE, SWITCHED_OFF = "ok", "not_available", "switched_off"


def status(indicator: Indicator, tables_present: list[str] | tuple[str, ...], policy: Policy) -> str:
    """Whether ``indicator`` applies and can be computed: the one rule every page, total, chart,
    the pack and the command line ask.

    Local policy comes first: an indicator the service has switched off is ``switched_off``
    whether or not its data is loaded, so it never shows as a gap in the data.
    """
    if indicator.id in policy.switched_off:
        return SWITCHED_OFF
    return OK if is_available(indicator, tables_present) else NOT_AVAILABLE


def _window_params(windows: list[Window]) -> dict[str, object]:
    return {
        "as_of_dates": [w.as_of for w in windows],
        "from_dates": [w.start for w in windows],
    }


def _phrase_params(indicator: Indicator) -> dict[str, object]:
    """The signal phrases (queries/quality/ql2_phrases.toml) a query binds: QL2's, VC1's victim."""
    names = tuple(sorted(n.removesuffix("_pattern") for n in parameters_of(indicator.sql) if n.endswith("_pattern")))
    if not names:
        return {}
    from queries.quality.signals import phrase_params

    return dict(phrase_params(names=names))


def _params(indicator: Indicator, windows: list[Window], policy: Policy) -> dict[str, object]:
    return {**policy.values, **_phrase_params(indicator), **_window_params(windows)}


def _create_windows(cur: duckdb.DuckDBPyConnection, windows: list[Window]) -> None:
    execute(cur, "create or replace temp table windows as "
            "select unnest($as_of_dates) as as_of_date, unnest($from_dates) as from_date",
            _window_params(windows), name="windows")  # fmt: skip


def _create_items(
    cur: duckdb.DuckDBPyConnection,
    indicator: Indicator,
    windows: list[Window],
    policy: Policy,
    rows: pl.DataFrame | None = None,
    counting: bool = False,
) -> None:
    """The temp table ``items``: the indicator's rows for these windows.

    ``rows`` are the indicator's rows already computed for these windows (JG1's, materialised
    once per D by queries.judgement): they are counted as they are, not computed again.
    ``counting``: only the columns a count and its breakdowns read, so DuckDB need not build
    what is missing, since when, or the detail (JG1's reasons and strengths, above all).
    """
    _create_windows(cur, windows)
    if rows is not None:
        cur.register("given_items", rows)
        try:
            execute(cur, "create or replace temp table items as select * from given_items", name=f"{indicator.id} rows")
        finally:
            cur.unregister("given_items")
        return
    params = _params(indicator, windows, policy)
    sql = f"select {', '.join(COUNTING_COLUMNS)} from ({indicator.sql}\n)" if counting else indicator.sql
    execute(cur, f"create or replace temp table items as {sql}", params, name=indicator.id)


def _scope_sql() -> str:
    """The items with their breakdown attributes (queries/dimensions.sql), under the filters."""
    return _SCOPE.format(dimensions=(QUERIES_DIR / "dimensions.sql").read_text())


def _create_scope(cur: duckdb.DuckDBPyConnection, filters: Filters, enrich: bool) -> None:
    """The temp table ``scope``: the items, with breakdown attributes and filters when asked."""
    if not enrich and not filters:
        execute(cur, "create or replace temp view scope as select * from items", name="scope")
        return
    # a table, not a view: DuckDB cannot bind parameters inside a view definition
    execute(cur, f"create or replace temp table scope as {_scope_sql()}", filters.params(),
            name="dimensions and filters")  # fmt: skip


def _count_in_scope(cur: duckdb.DuckDBPyConnection, sql: str, params: dict[str, object], filters: Filters,
                    name: str) -> pl.DataFrame:  # fmt: skip
    """Run a count that reads ``scope`` (the items with their attributes, under the filters) with
    the scope as a common table expression of the same query, not a table built first: DuckDB
    then joins only the attributes the count reads (a breakdown by risk needs no team)."""
    return run_small(cur, f"with scope as (\n{_scope_sql()}\n)\n{sql}", {**params, **filters.params()}, name=name)


def items(
    con: duckdb.DuckDBPyConnection,
    indicator: Indicator,
    windows: list[Window],
    policy: Policy,
    filters: Filters = NO_FILTERS,
) -> pl.DataFrame:
    """The list behind a figure: every item of the denominator with its breakdown attributes.

    Not met first (flagged first where lower is better), then by case.
    """
    cur = con.cursor()
    try:
        _create_items(cur, indicator, windows, policy)
        _create_scope(cur, filters, enrich=True)
        first = "in_numerator" if indicator.direction == "higher" else "not in_numerator"
        return run(cur, f"select * from scope order by as_of_date, {first}, case_id, item_id",
                   name=f"{indicator.id} items")  # fmt: skip
    finally:
        cur.close()


def counting_rows(
    con: duckdb.DuckDBPyConnection,
    indicator: Indicator,
    windows: list[Window],
    policy: Policy,
) -> pl.DataFrame:
    """The indicator's rows for these windows with only the columns counting reads
    (:data:`COUNTING_COLUMNS`), for the whole service: what :func:`summary` takes as ``rows`` to
    count under any filters, scope or breakdown without computing the indicator again."""
    cur = con.cursor()
    try:
        _create_items(cur, indicator, windows, policy, counting=True)
        return run(cur, "select * from items", name=f"{indicator.id} rows")
    finally:
        cur.close()


_OVERALL = """
select
    windows.as_of_date,
    windows.from_date,
    cast(null as varchar) as "group",
    count(items.item_id) filter (where items.in_numerator) as numerator,
    count(items.item_id) as denominator
from windows
left join {items} as items on windows.as_of_date = items.as_of_date
group by all
order by windows.as_of_date
"""

_BY_GROUP = """
select
    scope.as_of_date,
    windows.from_date,
    coalesce(cast(case $by
        when 'team' then team
        when 'line_manager' then line_manager
        when 'case_manager' then case_manager
        when 'rosh' then rosh
        when 'swb' then swb
        when 'risk_group' then risk_group
        when 'disposal' then disposal
        when 'sex' then sex
        when 'ethnicity' then ethnicity
        when 'looked_after' then looked_after
        when 'age_band' then age_band
        when 'month' then month
    end as varchar), 'unknown') as "group",
    count(*) filter (where in_numerator) as numerator,
    count(*) as denominator
from scope
inner join windows on scope.as_of_date = windows.as_of_date
-- a staff-level item (DR4, SC1, SC3) has no child or case: it falls in no group of a breakdown
-- that describes one, only in the overall row
where scope.staff_id is null or list_contains($staff_breakdowns, $by)
group by all
order by scope.as_of_date, "group"
"""


def _by_params(by: str) -> dict[str, object]:
    return {"by": by, "staff_breakdowns": list(STAFF_BREAKDOWNS)}


# _BY_GROUP for several breakdowns at once: each item once per breakdown (unpivoted), grouped
# once; in the order of $bys, then as _BY_GROUP orders, with _BY_GROUP's rule for staff-level items
_BY_EACH = """
select
    long.breakdown,
    long.as_of_date,
    windows.from_date,
    coalesce(long."group", 'unknown') as "group",
    count(*) filter (where long.in_numerator) as numerator,
    count(*) as denominator
from (
    from (select as_of_date, staff_id, in_numerator, {casts} from scope)
    unpivot include nulls ("group" for breakdown in ({columns}))
) as long
inner join windows on long.as_of_date = windows.as_of_date
-- a staff-level item (DR4, SC1, SC3) has no child or case: it falls in no group of a breakdown
-- that describes one, only in the overall row
where long.staff_id is null or list_contains($staff_breakdowns, long.breakdown)
group by 1, 2, 3, 4
order by list_position($bys::varchar[], breakdown), as_of_date, "group"
"""


def summary(
    con: duckdb.DuckDBPyConnection,
    indicator: Indicator,
    windows: list[Window],
    policy: Policy,
    by: str | None = None,
    filters: Filters = NO_FILTERS,
    rows: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Numerator, denominator and value for each window (and group, with ``by``).

    Columns: as_of_date, from_date, group, numerator, denominator, value; value is null where
    the denominator is 0, never 0 % or 100 %. ``rows``: the indicator's rows for these windows,
    already computed (see :func:`_create_items`).
    """
    if by is not None and by not in BREAKDOWNS:
        raise ValueError(f"unknown breakdown {by!r}; choose one of {', '.join(BREAKDOWNS)}")
    cur = con.cursor()
    try:
        if by is None and not filters and rows is None:
            # the figure alone: count straight over the indicator's query, so DuckDB computes only
            # what a count needs (no gap text, no detail columns)
            _create_windows(cur, windows)
            sql = _OVERALL.format(items=f"({indicator.sql})")
            frame = run_small(cur, sql, _params(indicator, windows, policy), name=f"{indicator.id} overall")
        else:
            _create_items(cur, indicator, windows, policy, rows, counting=True)
            if by is None:
                frame = _count_in_scope(cur, _OVERALL.format(items="scope"), {}, filters, f"{indicator.id} overall")
            else:
                frame = _count_in_scope(cur, _BY_GROUP, _by_params(by), filters, f"{indicator.id} by {by}")
    finally:
        cur.close()
    return frame.with_columns(value=figures.rate_expr())


def breakdowns(
    con: duckdb.DuckDBPyConnection,
    indicator: Indicator,
    window: Window,
    policy: Policy,
    bys: tuple[str, ...] | list[str],
    rows: pl.DataFrame | None = None,
    filters: Filters = NO_FILTERS,
) -> pl.DataFrame:
    """:func:`summary` by each of ``bys`` for one window, from one run of the indicator.

    Columns: breakdown, then summary's (as_of_date, from_date, group, numerator, denominator,
    value). The items and their attributes are computed once and grouped once per breakdown,
    which keeps a pack of every breakdown quick on a large extract.
    """
    unknown = [by for by in bys if by not in BREAKDOWNS]
    if unknown:
        raise ValueError(f"unknown breakdown {unknown[0]!r}; choose one of {', '.join(BREAKDOWNS)}")
    schema = {"breakdown": pl.String, "as_of_date": pl.Date, "from_date": pl.Date, "group": pl.String,
              "numerator": pl.Int64, "denominator": pl.Int64}  # fmt: skip
    if not bys:
        return pl.DataFrame(schema=schema).with_columns(value=figures.rate_expr())
    cur = con.cursor()
    try:
        _create_items(cur, indicator, [window], policy, rows, counting=True)
        # one query for every breakdown, not one each: the names are checked against BREAKDOWNS above
        sql = _BY_EACH.format(casts=", ".join(f'cast("{by}" as varchar) as "{by}"' for by in bys),
                              columns=", ".join(f'"{by}"' for by in bys))  # fmt: skip
        params = {"bys": list(bys), "staff_breakdowns": list(STAFF_BREAKDOWNS)}
        out = _count_in_scope(cur, sql, params, filters, f"{indicator.id} by {', '.join(bys)}")
    finally:
        cur.close()
    return out.with_columns(value=figures.rate_expr())


def extras(
    con: duckdb.DuckDBPyConnection,
    indicator: Indicator,
    windows: list[Window],
    policy: Policy,
    filters: Filters = NO_FILTERS,
) -> pl.DataFrame | None:
    """An indicator's companion figures (TL4's median, DR1's bands, DR2's counts), if it has any.

    ``queries/<family>/<ID>.extra.sql`` reads the temporary table ``items`` (the indicator's
    rows for these windows) and returns one or more rows per as_of_date.
    """
    path = indicator.path.with_name(f"{indicator.id}.extra.sql")
    if not path.exists():
        return None
    cur = con.cursor()
    try:
        _create_items(cur, indicator, windows, policy)
        if filters.allowed_staff is not None:
            # the companion figures read `items`: narrow it to the scope first
            _create_scope(cur, filters.scoped(), enrich=True)
            execute(cur, "create or replace temp table items as select items.* from items "
                    "semi join scope using (as_of_date, item_id)", name="items in scope")  # fmt: skip
        # a companion listing staff (DR4's excused months) narrows itself to the scope
        params = {**policy.values, "allowed_staff": filters.params()["allowed_staff"]}
        return run(cur, path.read_text(), params, name=f"{indicator.id} extra")
    finally:
        cur.close()


def default_as_of(con: duckdb.DuckDBPyConnection) -> dt.date:
    """D by default: the latest recorded_at date in case_notes, never after the day of the load."""
    sql = (QUERIES_DIR / "default_as_of.sql").read_text()
    cur = con.cursor()
    try:
        frame = run(cur, sql, name="default_as_of")
    finally:
        cur.close()
    value = frame.item(0, 0)
    return value or dt.date.today()


def tables_present(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The tables the load supplied (an optional table not supplied is not available), then each
    column of theirs holding a value, as ``table.column`` (oversight.store records both)."""
    meta = load_meta(con)
    return [*meta.get("tables_present", []), *meta.get("columns_present", [])]  # type: ignore[misc]


def indicator_table(
    con: duckdb.DuckDBPyConnection,
    window: Window,
    policy: Policy,
    by: str | None = None,
    ids: list[str] | None = None,
    filters: Filters = NO_FILTERS,
    rows: dict[str, pl.DataFrame] | None = None,
) -> pl.DataFrame:
    """Every indicator for one window: the overall row, then one row per group with ``by``.

    Columns: indicator, group, numerator, denominator, value, status (:func:`status`). An
    indicator whose table is not loaded, or which local policy switches off, has one row with
    null counts and its status. This is what the ``indicators`` command prints and what pages and
    exports read. ``rows``: indicator id -> its rows for this window, already computed (JG1's case
    judgements), counted as they are.
    """
    given = rows or {}
    present = tables_present(con)
    frames: list[pl.DataFrame] = []
    for ind in catalogue().values():
        if ids is not None and ind.id not in ids:
            continue
        state = status(ind, present, policy)
        if state != OK:
            frames.append(_empty_row(ind.id, state))
            continue
        mine = given.get(ind.id)
        parts = [summary(con, ind, [window], policy, filters=filters, rows=mine)]
        if by is not None:
            parts.append(summary(con, ind, [window], policy, by=by, filters=filters, rows=mine))
        for part in parts:
            frames.append(
                part.select(
                    pl.lit(ind.id).alias("indicator"),
                    pl.col("group"),
                    pl.col("numerator"),
                    pl.col("denominator"),
                    pl.col("value"),
                    pl.lit(OK).alias("status"),
                )
            )
    return pl.concat(frames) if frames else _empty_row("", OK).clear()


def _empty_row(indicator_id: str, state: str) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "indicator": [indicator_id],
            "group": [None],
            "numerator": [None],
            "denominator": [None],
            "value": [None],
            "status": [state],
        },
        schema={
            "indicator": pl.String,
            "group": pl.String,
            "numerator": pl.Int64,
            "denominator": pl.Int64,
            "value": pl.Float64,
            "status": pl.String,
        },
    )
