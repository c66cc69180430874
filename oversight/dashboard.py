"""The glue every dashboard page shares: the database, cached results, the global filters,
the banner, RAG and the list behind a figure.

Pages lay out what these functions return; the numbers come from ``queries.indicators`` and
``queries.explorer``. Results are cached by the database file's stamp (inode and mtime: a new
load is a new key), the policy digest and the filters, so a warm page does no SQL at all.
"""

from __future__ import annotations

import datetime as dt
import os
import runpy
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import streamlit as st

from oversight import charts
from oversight.db import Database, db_path
from oversight.export import suppress, to_csv_bytes, to_excel_bytes
from oversight.policy import Policy, load_policy
from queries import explorer
from queries import indicators as ind
from queries.indicators import Filters, Indicator, Window

TTL = dt.timedelta(hours=1)
APP = Path(__file__).resolve().parent.parent / "app.py"
HISTORY_MONTHS = 24
PAGES_DIR = Path(__file__).resolve().parent.parent / "pages"
EXPLORER_PAGE = "pages/case_explorer.py"

FAMILY_TITLES = {
    "footprint": "Footprint",
    "timeliness": "Timeliness",
    "risk_coverage": "Risk coverage",
    "drift": "Drift and actions",
    "quality": "Quality of recording",
    "judgement": "Case judgement",
}
BREAKDOWN_LABELS = {
    "team": "Team",
    "line_manager": "Line manager",
    "case_manager": "Case manager",
    "rosh": "RoSH rating",
    "swb": "Safety and wellbeing rating",
    "risk_group": "Risk group",
    "disposal": "Disposal",
    "sex": "Sex",
    "ethnicity": "Ethnicity",
    "looked_after": "Looked after",
    "age_band": "Age band at D",
    "month": "Month",
}
STAFF_BREAKDOWNS = ("line_manager", "case_manager")
RISK_GROUPS = {"raised": "raised risk", "not_raised": "not raised", "unrated": "unrated"}

# session_state keys of the global filters (bound to the sidebar widgets in app.py)
K_AS_OF, K_START = "f_as_of", "f_start"
K_FILTERS = {name: f"f_{name}" for name in ind.FILTERS}
K_CASE = "explorer_case"


# --- every page goes through app.py -----------------------------------------------------


def through_app() -> None:
    """Make sure app.py (page config, demo build, sidebar filters, navigation) runs first.

    With a ``pages/`` folder beside app.py, Streamlit also keeps its older multipage mode: a URL
    naming a page directly (a bookmark, a browser refresh) runs ``pages/<name>.py`` on its own,
    without app.py. Then its page list still holds app.py itself; in that case run app.py, whose
    navigation runs this page again properly, and stop this bare run.
    """
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None:
        return
    pages = ctx.pages_manager.get_pages().values()
    if any(Path(str(p.get("script_path", ""))).resolve() == APP for p in pages):
        runpy.run_path(str(APP), run_name="__main__")
        st.stop()


# --- the database ------------------------------------------------------------------------


@st.cache_resource(show_spinner=False)
def _database(path: str) -> Database:
    return Database(Path(path))


def database_path() -> Path:
    return db_path()


def has_database() -> bool:
    return database_path().exists()


def connection():
    """The shared read-only connection (callers' queries take their own cursor)."""
    return _database(str(database_path())).connection()


def stamp() -> str:
    """The database file's identity: a reload swaps in a new inode, so cached results lapse."""
    s = os.stat(database_path())
    return f"{database_path()}:{s.st_ino}:{s.st_mtime_ns}"


def clear_caches() -> None:
    st.cache_data.clear()


def ensure_data() -> bool:
    """On first run with no database, build the synthetic demo with a progress bar.

    Returns whether a database is there to read. A missing demo builder is not an error: the
    Data page can load an extract instead.
    """
    if has_database():
        return True
    try:
        from oversight.demo import ensure_demo_database
    except ImportError:
        return False
    bar = st.progress(0.0, text="No data yet: building the synthetic demo database (first run only)...")

    def progress(message: str, fraction: float) -> None:
        bar.progress(min(max(float(fraction), 0.0), 1.0), text=f"Building the synthetic demo: {message}")

    try:
        ensure_demo_database(database_path(), progress)
    except Exception as exc:  # the page says what went wrong instead of a stack trace
        bar.empty()
        st.error(f"Could not build the demo database at {database_path()}: {exc}")
        return False
    bar.empty()
    clear_caches()
    return has_database()


def require_data() -> None:
    """Stop the page with a plain message when there is nothing to show yet."""
    if not has_database():
        st.info(f"No data loaded yet (looked for {database_path()}). Load an extract on the **Data** page.")
        st.stop()


# --- policy, meta and filters ------------------------------------------------------------


def policy() -> Policy:
    return load_policy()


@st.cache_data(ttl=TTL, show_spinner=False)
def _meta(key: str) -> dict[str, object]:
    return explorer.load_meta(connection())


def meta() -> dict[str, object]:
    return _meta(stamp())


def tables_present() -> tuple[str, ...]:
    return tuple(meta().get("tables_present", []))  # type: ignore[arg-type]


@st.cache_data(ttl=TTL, show_spinner=False)
def _default_as_of(key: str) -> dt.date:
    return ind.default_as_of(connection())


def default_as_of() -> dt.date:
    return _default_as_of(stamp())


@st.cache_data(ttl=TTL, show_spinner=False)
def _filter_options(key: str) -> pl.DataFrame:
    return explorer.filter_options(connection())


def filter_options(team: str | None = None, line_manager: str | None = None) -> dict[str, dict[str, str]]:
    """For each filter, value -> label. With a team or line manager chosen, only the managers
    and case managers under it are offered (a team manager picks from their own team)."""
    frame = _filter_options(stamp())
    out: dict[str, dict[str, str]] = {"team": {}, "line_manager": {}, "case_manager": {}, "disposal": {}}
    for row in frame.iter_rows(named=True):
        if row["filter"] in ("line_manager", "case_manager"):
            if team is not None and row["team"] != team:
                continue
            if row["filter"] == "case_manager" and line_manager is not None and row["line_manager"] != line_manager:
                continue
        out.setdefault(row["filter"], {})[row["value"]] = row["label"]
    return {**out, "risk_group": RISK_GROUPS}


@st.cache_data(ttl=TTL, show_spinner=False)
def _staff_labels(key: str) -> dict[str, str]:
    frame = explorer.staff_names(connection())
    return {r["staff_id"]: f"{r['name']} ({r['staff_id']})" for r in frame.iter_rows(named=True)}


def staff_labels() -> dict[str, str]:
    return _staff_labels(stamp())


@dataclass(frozen=True)
class View:
    """What the sidebar chose: D, the period, the filters, and the policy in force."""

    as_of: dt.date
    start: dt.date
    filters: Filters
    policy: Policy

    @property
    def window(self) -> Window:
        return Window(self.as_of, self.start)

    @property
    def previous(self) -> Window:
        """The same-length period ending a month before D: what "month on month" compares with."""
        as_of = _month_back(self.as_of)
        return Window(as_of, as_of - (self.as_of - self.start))

    @property
    def history(self) -> list[Window]:
        return ind.month_ends(self.as_of, HISTORY_MONTHS)

    def describe(self) -> str:
        parts = [f"D = {self.as_of:%d %b %Y}", f"period {self.start:%d %b %Y} to {self.as_of:%d %b %Y}"]
        chosen = {name: getattr(self.filters, name) for name in ind.FILTERS if getattr(self.filters, name)}
        if chosen:
            opts = filter_options()
            parts.append(
                "; ".join(
                    f"{BREAKDOWN_LABELS.get(k, k).lower()}: {opts.get(k, {}).get(v, v)}" for k, v in chosen.items()
                )
            )
        else:
            parts.append("all cases")
        return " · ".join(parts)


def _month_back(day: dt.date) -> dt.date:
    """The same day a month earlier (the month's last day when it has fewer days)."""
    first = day.replace(day=1)
    prev_last = first - dt.timedelta(days=1)
    # a month end maps to the previous month end, so month-end D compares month ends
    if (day + dt.timedelta(days=1)).day == 1:
        return prev_last
    return prev_last.replace(day=min(day.day, prev_last.day))


def view() -> View:
    """The global filters as the sidebar (app.py) left them in session_state."""
    state = st.session_state
    as_of = state.get(K_AS_OF) or default_as_of()
    start = state.get(K_START) or ind.period(as_of).start
    if start > as_of:
        start = ind.period(as_of).start
    filters = Filters(**{name: state.get(key) for name, key in K_FILTERS.items()})
    return View(as_of, start, filters, policy())


# --- cached results ----------------------------------------------------------------------

_HASH = {Policy: lambda p: p.digest, Filters: lambda f: tuple(sorted(f.params().items()))}


def _windows_key(windows: list[Window]) -> tuple[tuple[dt.date, dt.date], ...]:
    return tuple((w.as_of, w.start) for w in windows)


@st.cache_data(ttl=TTL, show_spinner=False, hash_funcs=_HASH, max_entries=2000)
def _summary(key: str, indicator_id: str, windows, pol: Policy, by: str | None, filters: Filters) -> pl.DataFrame:
    wins = [Window(a, s) for a, s in windows]
    return ind.summary(connection(), ind.catalogue()[indicator_id], wins, pol, by=by, filters=filters)


def summary(indicator: Indicator, windows: list[Window], v: View, by: str | None = None) -> pl.DataFrame:
    """as_of_date, from_date, group, numerator, denominator, value (null when nothing to count)."""
    return _summary(stamp(), indicator.id, _windows_key(windows), v.policy, by, v.filters)


@st.cache_data(ttl=TTL, show_spinner=False, hash_funcs=_HASH, max_entries=300)
def _items(key: str, indicator_id: str, windows, pol: Policy, filters: Filters) -> pl.DataFrame:
    wins = [Window(a, s) for a, s in windows]
    return ind.items(connection(), ind.catalogue()[indicator_id], wins, pol, filters=filters)


def items(indicator: Indicator, window: Window, v: View) -> pl.DataFrame:
    return _items(stamp(), indicator.id, _windows_key([window]), v.policy, v.filters)


@st.cache_data(ttl=TTL, show_spinner=False, hash_funcs=_HASH, max_entries=200)
def _extras(key: str, indicator_id: str, windows, pol: Policy) -> pl.DataFrame | None:
    wins = [Window(a, s) for a, s in windows]
    return ind.extras(connection(), ind.catalogue()[indicator_id], wins, pol)


def extras(indicator: Indicator, window: Window, v: View) -> pl.DataFrame | None:
    return _extras(stamp(), indicator.id, _windows_key([window]), v.policy)


@st.cache_data(ttl=TTL, show_spinner=False, hash_funcs=_HASH, max_entries=50)
def _case_table(key: str, as_of: dt.date, start: dt.date, pol: Policy) -> pl.DataFrame | None:
    try:
        from queries.judgement import case_table
    except ImportError:
        return None
    return case_table(connection(), Window(as_of, start), pol)


def case_table(v: View) -> pl.DataFrame | None:
    """JG1's per-case judgement for D, or None while queries.judgement is not there."""
    return _case_table(stamp(), v.as_of, v.start, v.policy)


@st.cache_data(ttl=TTL, show_spinner=False, max_entries=200)
def _timeline(key: str, case_id: str, as_of: dt.date) -> pl.DataFrame:
    return explorer.timeline(connection(), case_id, as_of)


def timeline(case_id: str, as_of: dt.date) -> pl.DataFrame:
    return _timeline(stamp(), case_id, as_of)


@st.cache_data(ttl=TTL, show_spinner=False, max_entries=200)
def _case_facts(key: str, case_id: str, as_of: dt.date) -> dict[str, object] | None:
    return explorer.case_facts(connection(), case_id, as_of)


def case_facts(case_id: str, as_of: dt.date) -> dict[str, object] | None:
    return _case_facts(stamp(), case_id, as_of)


@st.cache_data(ttl=TTL, show_spinner=False, max_entries=200)
def _find_cases(key: str, text: str) -> pl.DataFrame:
    return explorer.find_cases(connection(), text)


def find_cases(text: str) -> pl.DataFrame:
    return _find_cases(stamp(), text)


CASE_FILTER_COLUMNS = {
    "team": "team",
    "line_manager": "line_manager",
    "case_manager": "case_manager_id",
    "risk_group": "risk_group",
    "disposal": "disposal",
}


def cases_to_act_on(v: View) -> pl.DataFrame | None:
    """Insufficient cases within the filters, most failed checks first, then longest without oversight."""
    table = case_table(v)
    if table is None or missing_tables(catalogue()["JG1"]):  # JG1 not loaded: no case is judged
        return None
    for name, column in CASE_FILTER_COLUMNS.items():
        value = getattr(v.filters, name)
        if value is not None and column in table.columns:
            table = table.filter(pl.col(column) == value)
    wanted = [
        c
        for c in (
            "case_id",
            "team",
            "case_manager_id",
            "risk_group",
            "days_since_management_entry",
            "failed_checks",
            "reasons",
        )
        if c in table.columns
    ]
    order = [c for c in ("failed_checks", "days_since_management_entry") if c in table.columns]
    out = table.filter(pl.col("judgement") == "insufficient").sort(order, descending=True, nulls_last=True)
    out = out.select(wanted)
    if "case_manager_id" in out.columns:
        labels = staff_labels()
        out = out.with_columns(pl.col("case_manager_id").replace(labels)).rename({"case_manager_id": "case_manager"})
    return out


def catalogue() -> dict[str, Indicator]:
    return ind.catalogue()


def family(name: str) -> list[Indicator]:
    return [i for i in catalogue().values() if i.family == name]


def missing_tables(indicator: Indicator) -> list[str]:
    present = tables_present()
    return [t for t in indicator.requires if t not in present]


# --- RAG and the headline ----------------------------------------------------------------


def rag(indicator_id: str, value: float | None, pol: Policy, direction: str = "higher") -> str | None:
    """green, amber or red against the policy target; None when there is no value."""
    return charts.rag_of(value, pol.target(indicator_id), direction)


def fmt_pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}" if value in (0, 1) else f"{value:.1%}"


@dataclass(frozen=True)
class Headline:
    indicator: Indicator
    available: bool
    missing: tuple[str, ...]
    numerator: int | None = None
    denominator: int | None = None
    value: float | None = None
    previous: float | None = None
    rag: str | None = None

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    @property
    def worse(self) -> bool:
        """Moved the wrong way by at least one percentage point (smaller moves are noise)."""
        change = self.change
        if change is None:
            return False
        return change <= -0.01 if self.indicator.direction == "higher" else change >= 0.01


def headline(indicator: Indicator, v: View) -> Headline:
    missing = tuple(missing_tables(indicator))
    if missing:
        return Headline(indicator, False, missing)
    frame = summary(indicator, [v.previous, v.window], v)
    now = frame.filter(pl.col("as_of_date") == v.as_of)
    before = frame.filter(pl.col("as_of_date") == v.previous.as_of)
    value = now["value"][0] if now.height else None
    return Headline(
        indicator,
        True,
        (),
        numerator=int(now["numerator"][0]) if now.height else 0,
        denominator=int(now["denominator"][0]) if now.height else 0,
        value=value,
        previous=before["value"][0] if before.height else None,
        rag=rag(indicator.id, value, v.policy, indicator.direction),
    )


def headlines(indicators: list[Indicator], v: View) -> list[Headline]:
    return [headline(i, v) for i in indicators]


def unavailable_message(missing: tuple[str, ...] | list[str]) -> str:
    return f"Load {' and '.join(missing)} to see this."


def headline_tile(h: Headline, container=None) -> None:
    """One figure: value with RAG, numerator / denominator, change on last month."""
    box = (container or st).container(border=True)
    box.markdown(f"**{h.indicator.id}** · {h.indicator.title}")
    if not h.available:
        box.caption(unavailable_message(h.missing))
        return
    noun = "flagged" if h.indicator.direction == "lower" else "met"
    if h.value is None:
        box.markdown("<span style='font-size:1.9rem;font-weight:600;color:#999999'>–</span>", unsafe_allow_html=True)
        box.caption(f"{h.numerator:,} {noun} of {h.denominator:,}: nothing to count")
        return
    label = charts.RAG_LABELS.get(h.rag or "", "")
    colour = charts.RAG_COLOURS.get(h.rag or "", charts.GREY)
    box.markdown(
        f"<span style='font-size:1.9rem;font-weight:600;color:{colour}'>{fmt_pct(h.value)}</span>"
        f" <span style='background:{colour};color:white;padding:1px 6px;border-radius:4px;"
        f"font-size:0.8rem'>{label}</span>",
        unsafe_allow_html=True,
    )
    box.caption(f"{h.numerator:,} {noun} of {h.denominator:,}")
    if h.change is not None:
        points = round(h.change * 100, 1) + 0.0  # + 0.0: no "-0.0"
        word = " worse" if h.worse else ""
        if points == 0:
            box.caption("= no change on a month ago")
        else:
            box.caption(f"{'▲' if points > 0 else '▼'} {points:+.1f} points on a month ago{word}")


# --- labels ------------------------------------------------------------------------------


def label_groups(frame: pl.DataFrame, by: str | None, column: str = "group") -> pl.DataFrame:
    """Staff ids in a breakdown become 'name (id)'; other groups read with spaces."""
    if by in STAFF_BREAKDOWNS:
        labels = staff_labels()
        return frame.with_columns(pl.col(column).replace(labels).alias(column))
    return frame.with_columns(pl.col(column).str.replace_all("_", " ").alias(column))


def mark_small(frame: pl.DataFrame, pol: Policy) -> pl.DataFrame:
    """Adds ``small``: groups with fewer items than policy small_group_cases."""
    limit = pol.values.get("small_group_cases", 5)
    return frame.with_columns(small=pl.col("denominator") < limit)


# --- the list behind a figure --------------------------------------------------------------

LIST_FIRST = ("case_id", "staff_id", "item_id", "in_numerator", "gap", "since_date", "item_date")
LIST_DROP = ("as_of_date",)


def list_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """The columns a manager reads first: which case, met or not, what is missing, since when.

    Empty or repeated identifiers go (staff-level lists have no case_id, case-level ones no
    staff_id, and a case-level item_id is the case_id again); dates show as dates; staff show
    by name.
    """
    keep_all = not frame.height
    first = [c for c in LIST_FIRST if c in frame.columns and (keep_all or frame[c].null_count() < frame.height)]
    if (
        not keep_all
        and {"item_id", "case_id"} <= set(first)
        and frame.select((pl.col("item_id") == pl.col("case_id")).all()).item()
    ):
        first.remove("item_id")
    rest = [c for c in frame.columns if c not in LIST_FIRST and c not in LIST_DROP]
    out = frame.select(first + rest)
    if "since_date" in out.columns and "item_date" in frame.columns:
        days = (frame["item_date"].cast(pl.Date) - frame["since_date"].cast(pl.Date)).dt.total_days()
        out = out.insert_column(out.columns.index("since_date") + 1, days.alias("days_since"))
    out = out.with_columns(
        pl.col(c).cast(pl.Date) for c, t in out.schema.items() if c.endswith("_date") and isinstance(t, pl.Datetime)
    )
    staff = [c for c in ("case_manager", "line_manager", "staff_id") if c in out.columns]
    if staff and out.height:
        labels = staff_labels()
        out = out.with_columns(pl.col(c).replace(labels) for c in staff)
    return out


def download_buttons(csv_frame: pl.DataFrame, sheets: dict[str, pl.DataFrame], name: str, key: str) -> None:
    """CSV of the main frame, Excel of every sheet; the export module escapes formulas.

    The bytes are made on click (a callable), not on every run: an Excel of a long list takes
    longer than the rest of the page. Callers pass figures already through ``suppress``."""
    cols = st.columns(2)
    cols[0].download_button(
        "Download CSV",
        lambda: to_csv_bytes(csv_frame),
        file_name=f"{name}.csv",
        mime="text/csv",
        key=f"{key}_csv",
        width="stretch",
    )
    cols[1].download_button(
        "Download Excel",
        lambda: to_excel_bytes(sheets),
        file_name=f"{name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx",
        width="stretch",
    )


def suppressed(frame: pl.DataFrame, pol: Policy) -> pl.DataFrame:
    """``frame`` with its counts and rates suppressed as the policy says (summary columns)."""
    counts = [c for c in ("numerator", "denominator") if c in frame.columns]
    # a difference from the overall rate or a change on a month ago gives the rate back
    rates = [c for c in ("value", "difference", "a month ago", "change (points)") if c in frame.columns]
    return suppress(frame, pol, counts, rates)


def open_case(case_id: str) -> None:
    st.session_state[K_CASE] = case_id
    st.switch_page(EXPLORER_PAGE)


def selectable_table(frame: pl.DataFrame, key: str, height: int | None = None, **kwargs) -> None:
    """A table in which clicking a row with a case_id opens that case in the explorer."""
    selectable = "case_id" in frame.columns and frame["case_id"].null_count() < frame.height
    event = st.dataframe(
        frame,
        key=key,
        hide_index=True,
        on_select="rerun",  # always: a selectable table keeps its key, which tests find it by
        selection_mode="single-row",
        height=height or "auto",
        **kwargs,
    )
    if selectable and event and event.selection.rows:
        case_id = frame["case_id"][event.selection.rows[0]]
        if case_id:
            open_case(case_id)


def drilldown(indicator: Indicator, window: Window, v: View, key: str, group: tuple[str, str] | None = None) -> None:
    """The list behind a figure: every item of the denominator, not met first, downloadable."""
    frame = items(indicator, window, v)
    caption = f"{indicator.id} at {window.as_of:%d %b %Y}"
    if group is not None:
        by, value = group
        frame = frame.filter(pl.col(by).cast(pl.String).fill_null("unknown") == value)
        caption += f", {BREAKDOWN_LABELS.get(by, by).lower()} {value}"
    met = int(frame["in_numerator"].sum()) if frame.height else 0
    noun = "flagged" if indicator.direction == "lower" else "met"
    first = "flagged" if indicator.direction == "lower" else "not met"
    st.caption(
        f"{caption}: {frame.height:,} items, {met:,} {noun}, {frame.height - met:,} not; {first} first. "
        "Click a row to open the case."
    )
    shown = list_frame(frame)
    selectable_table(
        shown,
        key=f"{key}_list",
        height=min(420, 38 + 35 * max(shown.height, 1)),
        column_config={
            # dates as dates (Streamlit would show a time of midnight)
            **{c: st.column_config.DateColumn(c) for c, t in shown.schema.items() if t == pl.Date},
            "in_numerator": st.column_config.CheckboxColumn("flagged" if indicator.direction == "lower" else "met"),
            "gap": st.column_config.TextColumn("what is missing"),
            "since_date": st.column_config.DateColumn("since"),
        },
    )
    summary_frame = pl.DataFrame(
        {
            "indicator": [indicator.id],
            "as_of_date": [window.as_of],
            "from_date": [window.start],
            "numerator": [met],
            "denominator": [frame.height],
            "value": [met / frame.height if frame.height else None],
        }
    )
    download_buttons(
        shown, {"Summary": suppressed(summary_frame, v.policy), "List": shown}, f"{indicator.id}_{window.as_of}", key
    )


# --- the banner ----------------------------------------------------------------------------


def _when(text: object) -> str:
    """An ISO timestamp as people read it: 24 Nov 2026 05:01."""
    if not text:
        return "at an unknown time"
    try:
        when = dt.datetime.fromisoformat(str(text))
    except ValueError:
        return str(text)
    return f"{when:%d %b %Y %H:%M}" if len(str(text)) > 10 else f"{when:%d %b %Y}"


def banner(v: View | None = None) -> None:
    """What data this is and what policy is in force; said plainly when data is synthetic."""
    if not has_database():
        return
    m = meta()
    synthetic = bool(m.get("synthetic"))
    loaded = _when(m.get("loaded_at") or m.get("load_date"))
    source = m.get("source") or "unknown source"
    pol = v.policy if v else policy()
    text = f"Data: **{source}**, loaded {loaded}. Policy: {pol.label}."
    if v:
        text += f"  \n{v.describe()}"
    if synthetic:
        st.warning(
            "**Synthetic data**: invented for demonstration; no real child or case. " + text, icon=":material/science:"
        )
    else:
        st.caption("Real data (not synthetic). " + text)


def page_header(title: str, subtitle: str | None = None) -> View:
    """Title, banner and the view; stops the page when there is no data."""
    through_app()
    st.title(title)
    require_data()
    v = view()
    banner(v)
    if subtitle:
        st.caption(subtitle)
    return v


def definition(indicator: Indicator, pol: Policy) -> None:
    """The indicator's SQL header and the policy values its query binds."""
    st.markdown(
        f"**Question.** {indicator.question}  \n"
        f"**Definition.** {indicator.definition}  \n"
        f"**Population (denominator).** {indicator.population}  \n"
        f"**Met (numerator).** {indicator.met}  \n"
        f"**Threshold.** {indicator.threshold}  \n"
        f"**Policy source.** {indicator.source}  \n"
        f"**Direction.** {'higher is better' if indicator.direction == 'higher' else 'lower is better (share flagged)'}"
    )
    settings = indicator.policy_settings(pol)
    if settings:
        st.dataframe(
            pl.DataFrame(
                {
                    "setting": list(settings),
                    "value": [str(x) for x in settings.values()],
                    "source": [pol.settings[k].source for k in settings],
                }
            ),
            hide_index=True,
        )
    target = pol.target(indicator.id)
    st.caption(
        f"RAG target: green {'≤' if indicator.direction == 'lower' else '≥'} {target['green']:.0%}, "
        f"amber {'≤' if indicator.direction == 'lower' else '≥'} {target['amber']:.0%}."
    )
    with st.expander("SQL header as written"):
        st.code(indicator.header, language="sql")


# --- a page per family ---------------------------------------------------------------------

FAMILY_BREAKDOWNS = ("team", "line_manager", "case_manager", "risk_group", "rosh", "swb")


def numbers_table(frame: pl.DataFrame, by: str | None = None) -> pl.DataFrame:
    """A chart's numbers as a table: what a user copies into a report."""
    cols = [
        c
        for c in ("as_of_date", "from_date", "group", "numerator", "denominator", "value", "small")
        if c in frame.columns
    ]
    out = frame.select(cols)
    if by is None and "group" in out.columns:
        out = out.drop("group")
    return out


def _pct_config() -> dict[str, object]:
    return {
        "value": st.column_config.NumberColumn("rate", format="percent"),
        "as_of_date": st.column_config.DateColumn("D"),
        "from_date": st.column_config.DateColumn("from"),
        "small": st.column_config.CheckboxColumn("small group"),
    }


def indicator_detail(indicator: Indicator, v: View, key: str) -> None:
    """Trend, breakdown, the list behind it and its definition, for one indicator."""
    missing = missing_tables(indicator)
    if missing:
        st.info(unavailable_message(missing))
        definition(indicator, v.policy)
        return
    target = v.policy.target(indicator.id)
    trend_tab, breakdown_tab, list_tab, definition_tab = st.tabs(
        ["Trend (24 months)", "Breakdown", "List behind the figure", "Definition and policy"]
    )
    with trend_tab:
        history = summary(indicator, v.history, v)
        picked = clickable_chart(charts.trend(history, target, indicator.direction), f"{key}_trend")
        st.caption("Click a point to list the items behind that month.")
        if picked and picked.get("point_index") is not None and picked["point_index"] < history.height:
            row = history.sort("as_of_date").row(picked["point_index"], named=True)
            drilldown(indicator, Window(row["as_of_date"], row["from_date"]), v, key=f"{key}_trendlist")
        with st.expander("Numbers in this chart"):
            st.dataframe(numbers_table(history), hide_index=True, column_config=_pct_config())
            export = suppressed(numbers_table(history), v.policy)
            download_buttons(export, {f"{indicator.id} trend": export}, f"{indicator.id}_trend_{v.as_of}", f"{key}_tdl")
        extra = extras(indicator, v.window, v)
        if extra is not None and extra.height:
            st.markdown("**Companion figures at D**")
            extra = extra.with_columns(pl.col(c).cast(pl.Date) for c, t in extra.schema.items() if t == pl.Datetime)
            labels = [c for c, t in extra.schema.items() if t == pl.String]
            counts = [c for c in ("cases", "count", "items") if c in extra.columns]
            if len(labels) == 1 and counts and extra.height > 1:
                # a distribution (DR1's bands): drawn, with its table below
                st.plotly_chart(
                    charts.bars(extra, labels[0], counts[0]), key=f"{key}_extra", config={"displayModeBar": False}
                )
            st.dataframe(
                extra,
                hide_index=True,
                column_config={c: st.column_config.DateColumn(c) for c, t in extra.schema.items() if t == pl.Date},
            )
    with breakdown_tab:
        by = st.selectbox(
            "Break down by", FAMILY_BREAKDOWNS, key=f"{key}_by", format_func=lambda b: BREAKDOWN_LABELS[b]
        )
        breakdown_view(indicator, v, by, key=f"{key}_{by}")
    with list_tab:
        drilldown(indicator, v.window, v, key=f"{key}_main")
    with definition_tab:
        definition(indicator, v.policy)


def clickable_chart(fig, key: str) -> dict | None:
    """A Plotly chart whose clicked point (or None) is returned, kept in session_state.

    The click is stored by a callback under a key of our own: Streamlit identifies a chart by
    its figure as well as its key, and the pick must survive the rerun the click causes.
    """
    store = f"{key}_picked"

    def remember() -> None:
        event = st.session_state.get(key) or {}
        points = (event.get("selection") or {}).get("points") or []
        st.session_state[store] = dict(points[0]) if points else None

    st.plotly_chart(fig, key=key, on_select=remember, selection_mode="points", config={"displayModeBar": False})
    return st.session_state.get(store)


def breakdown_view(indicator: Indicator, v: View, by: str, key: str, compare_overall: bool = False) -> None:
    """A breakdown chart (click a bar for its list) and its numbers, small groups marked."""
    raw = mark_small(summary(indicator, [v.window], v, by=by), v.policy)
    if not raw.height:
        st.info("Nothing to count in this period.")
        return
    shown = label_groups(raw.with_columns(raw_group=pl.col("group")), by)
    limit = v.policy.values.get("small_group_cases", 5)
    fig = charts.breakdown(shown, v.policy.target(indicator.id), indicator.direction, limit)
    picked = clickable_chart(fig, f"{key}_chart")
    st.caption(
        f"Groups with fewer than {limit} items are hatched grey and marked small: too few to judge anyone on. "
        "Click a bar to list its items."
    )
    table = numbers_table(shown, by)
    if compare_overall:
        overall = summary(indicator, [v.window], v)["value"][0]
        table = table.with_columns(
            difference=pl.when(pl.col("small")).then(None).otherwise((pl.col("value") - overall) * 100).round(1)
        )
        st.caption(f"Overall: {fmt_pct(overall)}. 'difference' is in percentage points; not shown for small groups.")
    with st.expander("Numbers in this chart", expanded=compare_overall):
        st.dataframe(table, hide_index=True, column_config=_pct_config())
        export = suppressed(table, v.policy)
        download_buttons(export, {f"{indicator.id} by {by}": export}, f"{indicator.id}_by_{by}_{v.as_of}", f"{key}_dl")
    if picked:
        label = picked.get("y")
        match = shown.filter(pl.col("group") == label)
        if match.height:
            drilldown(indicator, v.window, v, key=f"{key}_list", group=(by, match["raw_group"][0]))


def family_page(name: str, intro: str) -> None:
    v = page_header(FAMILY_TITLES[name], intro)
    inds = family(name)
    if not inds:
        st.info("No indicators in this family yet.")
        return
    hs = headlines(inds, v)
    cols = st.columns(min(len(hs), 4))
    for k, h in enumerate(hs):
        headline_tile(h, cols[k % len(cols)])
    choice = st.segmented_control(
        "Indicator",
        [i.id for i in inds],
        key=f"fam_{name}_choice",
        default=inds[0].id,
        format_func=lambda i: f"{i} · {catalogue()[i].title}",
    )
    indicator = catalogue()[choice or inds[0].id]
    st.subheader(f"{indicator.id}: {indicator.question}")
    indicator_detail(indicator, v, key=f"fam_{name}_{indicator.id}")
