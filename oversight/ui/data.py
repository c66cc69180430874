"""Cached data access for the pages: the database, the figures, the case judgements.

One read-only connection per database file (``st.cache_resource``); every query takes its own
cursor (``queries.*`` do), since Streamlit runs each session in its own thread. Results are
cached (``st.cache_data``) by the database file's stamp (inode and mtime: a new load is a new
key), the policy digest and the filters, so a warm page does no SQL at all. The rules are
elsewhere: the figures in ``queries.indicators``, the judgements in ``queries.judgement``, how
a figure is shown in ``oversight.figures``; this module only fetches and caches them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl
import streamlit as st
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

from oversight import access_log, figures, sample, store, supervision
from oversight.access import Scope
from oversight.charts import RAG_LABELS
from oversight.db import Database, db_path
from oversight.policy import Policy, load_policy, policy_path
from oversight.supervision import Preparation
from queries import explorer, judgement
from queries import indicators as ind
from queries.indicators import Filters, Indicator, Window
from queries.judgement import AuditAgreement, Judgements

if TYPE_CHECKING:  # state reads this module; this one needs only the View's type
    from oversight.ui import state

TTL = dt.timedelta(hours=1)


STAFF_BREAKDOWNS = ("line_manager", "case_manager")
RISK_GROUPS = {"raised": "raised risk", "not_raised": "not raised", "unrated": "unrated"}


# --- the database ------------------------------------------------------------------------


@st.cache_resource(show_spinner=False)
def _database(path: str) -> Database:
    return Database(Path(path))


def database_path() -> Path:
    return db_path()


def has_database() -> bool:
    """A database this version of Oversight can read (oversight.store.is_current)."""
    return database_path().exists() and store.is_current(meta())


def stale_database() -> bool:
    """A database built by another version of Oversight: it must be loaded again."""
    return database_path().exists() and not store.is_current(meta())


def connection():
    """The shared read-only connection (callers' queries take their own cursor)."""
    return _database(str(database_path())).connection()


def stamp() -> str:
    """The database file's identity: a reload swaps in a new inode, so cached results lapse."""
    s = os.stat(database_path())
    return f"{database_path()}:{s.st_ino}:{s.st_mtime_ns}"


def clear_caches() -> None:
    st.cache_data.clear()


# --- who is looking ----------------------------------------------------------------------

K_SCOPE = "access_scope"  # the Scope the gate (oversight.ui.gate) resolved for this session


def scope() -> Scope | None:
    return st.session_state.get(K_SCOPE)


def allowed_staff() -> tuple[str, ...] | None:
    """The staff ids whose cases this session may see; None for the whole service. Deny by
    default: a session the gate has not resolved sees nothing."""
    s = scope()
    if s is None:
        return ()
    return None if s.whole_service else s.staff_ids


def is_administrator() -> bool:
    s = scope()
    return bool(s and s.administrator)


def who() -> str:
    s = scope()
    return s.who if s else "unknown"


def log_event(event: str, **fields: object) -> None:
    """One access-log record for this session's person (oversight.access_log). A field the log
    cannot hold (a case reference with characters outside its identifiers) is left out, and the
    event is still recorded: a look is never lost for the sake of its detail."""
    try:
        access_log.record(database_path(), who(), event, **fields)
    except access_log.AccessLogError:
        kept = {k: v for k, v in fields.items() if k == "rows"}
        access_log.record(database_path(), who(), event, reason="detail_not_recordable", **kept)


NOT_ADMINISTRATOR = (
    "Only the administrators named in the access file may do this; ask the person who runs Oversight for your service."
)


# --- policy, meta and filters ------------------------------------------------------------


_POLICIES: dict[tuple[str | None, bytes | None], Policy] = {}


def policy() -> Policy:
    """The policy in force, parsed again only when its file's content changes: pages ask for it
    for every indicator they list."""
    path = policy_path()
    content = path.read_bytes() if path is not None and path.exists() else None
    key = (str(path) if path is not None else None, content)
    found = _POLICIES.get(key)
    if found is None:
        found = load_policy(path)
        _POLICIES.clear()  # only the file as it is now is wanted again
        _POLICIES[key] = found
    return found


@st.cache_data(ttl=TTL, show_spinner=False)
def _meta(key: str) -> dict[str, object]:
    return explorer.load_meta(connection())


def meta() -> dict[str, object]:
    return _meta(stamp())


def tables_present() -> tuple[str, ...]:
    """The tables loaded, then each column of theirs holding a value (queries.indicators.tables_present)."""
    m = meta()
    return (*m.get("tables_present", []), *m.get("columns_present", []))  # type: ignore[misc]


@st.cache_data(ttl=TTL, show_spinner=False)
def _default_as_of(key: str) -> dt.date:
    return ind.default_as_of(connection())


def default_as_of() -> dt.date:
    return _default_as_of(stamp())


@st.cache_data(ttl=TTL, show_spinner=False)
def _filter_options(key: str, allowed: tuple[str, ...] | None) -> pl.DataFrame:
    return explorer.filter_options(connection(), allowed)


def filter_options(team: str | None = None, line_manager: str | None = None) -> dict[str, dict[str, str]]:
    """For each filter, value -> label. With a team or line manager chosen, only the managers
    and case managers under it are offered (a team manager picks from their own team)."""
    frame = _filter_options(stamp(), allowed_staff())
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
    return explorer.staff_labels(connection())


def staff_labels() -> dict[str, str]:
    return _staff_labels(stamp())


# --- cached results ----------------------------------------------------------------------

# the scope is part of Filters, so of every cached result's key
_HASH = {Policy: lambda p: p.digest, Filters: lambda f: f.key()}


def _windows_key(windows: list[Window]) -> tuple[tuple[dt.date, dt.date], ...]:
    return tuple((w.as_of, w.start) for w in windows)


@st.cache_data(ttl=TTL, show_spinner=False, hash_funcs=_HASH, max_entries=500)
def _rows(key: str, indicator_id: str, windows, pol: Policy) -> pl.DataFrame:
    # an indicator's rows depend on D, the period and the policy, never on the filters: computed
    # once, then every filter, scope and breakdown only counts them (queries.indicators.summary)
    wins = [Window(a, s) for a, s in windows]
    return ind.counting_rows(connection(), ind.catalogue()[indicator_id], wins, pol)


@st.cache_data(ttl=TTL, show_spinner=False, hash_funcs=_HASH, max_entries=2000)
def _summary(key: str, indicator_id: str, windows, pol: Policy, by: str | None, filters: Filters) -> pl.DataFrame:
    wins = [Window(a, s) for a, s in windows]
    rows = _rows(key, indicator_id, windows, pol)
    return ind.summary(connection(), ind.catalogue()[indicator_id], wins, pol, by=by, filters=filters, rows=rows)


def summary(indicator: Indicator, windows: list[Window], v: state.View, by: str | None = None) -> pl.DataFrame:
    """as_of_date, from_date, group, numerator, denominator, value (null when nothing to count)."""
    return _summary(stamp(), indicator.id, _windows_key(windows), v.policy, by, v.filters)


@st.cache_data(ttl=TTL, show_spinner=False, hash_funcs=_HASH, max_entries=300)
def _items(key: str, indicator_id: str, windows, pol: Policy, filters: Filters) -> pl.DataFrame:
    wins = [Window(a, s) for a, s in windows]
    return ind.items(connection(), ind.catalogue()[indicator_id], wins, pol, filters=filters)


def items(indicator: Indicator, window: Window, v: state.View) -> pl.DataFrame:
    return _items(stamp(), indicator.id, _windows_key([window]), v.policy, v.filters)


@st.cache_data(ttl=TTL, show_spinner=False, hash_funcs=_HASH, max_entries=200)
def _extras(key: str, indicator_id: str, windows, pol: Policy, filters: Filters) -> pl.DataFrame | None:
    wins = [Window(a, s) for a, s in windows]
    return ind.extras(connection(), ind.catalogue()[indicator_id], wins, pol, filters)


def extras(indicator: Indicator, window: Window, v: state.View) -> pl.DataFrame | None:
    return _extras(stamp(), indicator.id, _windows_key([window]), v.policy, v.filters.scoped())


@st.cache_data(ttl=TTL, show_spinner=False, hash_funcs=_HASH, max_entries=50)
def _judgements(key: str, as_of: dt.date, start: dt.date, pol: Policy, scoped: Filters) -> Judgements:
    return judgement.judgements(connection(), Window(as_of, start), pol, scoped)


def judgements(v: state.View) -> Judgements:
    """JG1 for D over the caseload in scope (queries.judgement.judgements): whether it could
    judge, and every case with its judgement. Pages filter the cases with :func:`cases_within`."""
    return _judgements(stamp(), v.as_of, v.start, v.policy, v.filters.scoped())


def cases_within(v: state.View) -> pl.DataFrame:
    """The case table within the sidebar's filters (no row when JG1 could not judge)."""
    return judgement.within(judgements(v).cases, v.filters)


def cases_to_act_on(v: state.View) -> pl.DataFrame | None:
    """Insufficient cases within the filters, most failed checks first, then longest without
    oversight (queries.judgement.to_act_on); None when JG1 could not judge."""
    judged = judgements(v)
    if not judged.available:
        return None
    out = judgement.to_act_on(judgement.within(judged.cases, v.filters))
    return out.with_columns(pl.col("case_manager_id").replace(staff_labels())).rename(
        {"case_manager_id": "case_manager"}
    )


@st.cache_data(ttl=TTL, show_spinner=False, hash_funcs=_HASH, max_entries=50)
def _agreement(key: str, as_of: dt.date, start: dt.date, pol: Policy, scoped: Filters) -> AuditAgreement | None:
    judged = _judgements(key, as_of, start, pol, scoped)  # the judgements already made for D, not JG1 again
    return judgement.audit_agreement(connection(), Window(as_of, start), pol, judged, scoped)


def agreement(v: state.View) -> AuditAgreement | None:
    """JG1 beside the auditors' judgements, each as of its audit's date, cases in scope; None
    without audits or judgements."""
    return _agreement(stamp(), v.as_of, v.start, v.policy, v.filters.scoped())


@st.cache_data(ttl=TTL, show_spinner=False, hash_funcs=_HASH, max_entries=50)
def _evidence(key: str, as_of: dt.date, start: dt.date, pol: Policy, allowed: tuple[str, ...] | None) -> pl.DataFrame:
    return sample.evidence(connection(), Window(as_of, start), pol, allowed)


def evidence(v: state.View) -> pl.DataFrame:
    """The audit sample's population (in scope) with the evidence each case holds (oversight.sample)."""
    return _evidence(stamp(), v.as_of, v.start, v.policy, v.filters.allowed_staff)


@st.cache_data(ttl=TTL, show_spinner=False, max_entries=200)
def _timeline(key: str, case_id: str, as_of: dt.date, allowed: tuple[str, ...] | None) -> pl.DataFrame:
    return explorer.timeline(connection(), case_id, as_of, allowed)


def timeline(case_id: str, as_of: dt.date) -> pl.DataFrame:
    return _timeline(stamp(), case_id, as_of, allowed_staff())


@st.cache_data(ttl=TTL, show_spinner=False, max_entries=200)
def _case_facts(key: str, case_id: str, as_of: dt.date, allowed: tuple[str, ...] | None) -> dict[str, object] | None:
    return explorer.case_facts(connection(), case_id, as_of, allowed)


def case_facts(case_id: str, as_of: dt.date) -> dict[str, object] | None:
    """None for a case that does not exist and for one outside the scope alike."""
    return _case_facts(stamp(), case_id, as_of, allowed_staff())


@st.cache_data(ttl=TTL, show_spinner=False, max_entries=200)
def _find_cases(key: str, text: str, allowed: tuple[str, ...] | None) -> pl.DataFrame:
    return explorer.find_cases(connection(), text, allowed_staff=allowed)


def find_cases(text: str) -> pl.DataFrame:
    return _find_cases(stamp(), text, allowed_staff())


def catalogue() -> dict[str, Indicator]:
    """Every indicator, its title, question and definition worded with the policy in force."""
    return ind.in_force(policy())


def family(name: str) -> list[Indicator]:
    """The family's indicators that apply under local policy (see :func:`switched_off`)."""
    return [i for i in applicable() if i.family == name]


def status(indicator: Indicator) -> str:
    """ok, not_available or switched_off: queries.indicators.status, for the data loaded and the
    policy in force."""
    return ind.status(indicator, tables_present(), policy())


def applicable() -> list[Indicator]:
    """Every indicator local policy does not switch off (computed or not): what pages show."""
    return [i for i in catalogue().values() if status(i) != ind.SWITCHED_OFF]


def switched_off(family_name: str | None = None) -> list[Indicator]:
    """The indicators local policy switches off (of one family, with ``family_name``): pages
    leave them out and say so."""
    return [
        i
        for i in catalogue().values()
        if status(i) == ind.SWITCHED_OFF and (family_name is None or i.family == family_name)
    ]


def missing_tables(indicator: Indicator) -> list[str]:
    present = tables_present()
    return [t for t in indicator.requires if t not in present]


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
    switched_off: bool = False  # by local policy: not computed, and the page says so
    # a filtered view's figure from fewer items than small_group_cases: marked, as the family
    # pages' breakdowns mark a small group (oversight.figures.small_view)
    small: bool = False

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    @property
    def worse(self) -> bool:
        """Moved the wrong way by at least one percentage point (smaller moves are noise); never
        a small group's figure (one case more or less moves it tens of points)."""
        change = self.change
        if change is None or self.small:
            return False
        return change <= -0.01 if self.indicator.direction == "higher" else change >= 0.01


def headline(indicator: Indicator, v: state.View, frame: pl.DataFrame | None = None) -> Headline:
    """``frame``: its summary for the period and a month earlier, when already fetched."""
    if status(indicator) == ind.SWITCHED_OFF:
        return Headline(indicator, False, (), switched_off=True)
    missing = tuple(missing_tables(indicator))
    if missing:
        return Headline(indicator, False, missing)
    if frame is None:
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
        rag=figures.indicator_rag(value, indicator.id, indicator.direction, v.policy),
        small=figures.small_view(int(now["denominator"][0]) if now.height else 0, v.filters, v.policy),
    )


def headlines(indicators: list[Indicator], v: state.View) -> list[Headline]:
    """Each indicator's headline, computed side by side; their 24-month trends then follow in the
    background, so a page draws its figures first and finds the trends cached when it asks."""
    shown = [i for i in indicators if status(i) == ind.OK]
    frames = _in_parallel([(i, [v.previous, v.window], None) for i in shown], v, wait=True)
    _in_parallel([(i, v.history, None) for i in shown], v, wait=False)
    return [headline(i, v, frames.get(i.id)) for i in indicators]


_WORKERS = 2  # the machines have two cores; DuckDB's own threads share them


def _in_parallel(
    jobs: list[tuple[Indicator, list[Window], str | None]], v: state.View, wait: bool
) -> dict[str, pl.DataFrame]:
    """Each (indicator, windows, breakdown)'s summary, two at a time, by indicator id (empty when
    not waiting). A job that fails is left out, for the page's own call to raise as it would
    have. ``wait=False`` only fills the cache and returns at once: a page asking for one of them
    meanwhile waits for that one (the cache locks each key)."""
    ctx = get_script_run_ctx()

    def one(job: tuple[Indicator, list[Window], str | None]) -> pl.DataFrame | None:
        add_script_run_ctx(threading.current_thread(), ctx)
        with contextlib.suppress(Exception):  # the page's own call reports it
            return summary(job[0], job[1], v, by=job[2])
        return None

    pool = ThreadPoolExecutor(max_workers=_WORKERS, thread_name_prefix="oversight-figures")
    futures = {job[0].id: pool.submit(one, job) for job in jobs}
    pool.shutdown(wait=wait)
    if not wait:
        return {}
    return {i: f.result() for i, f in futures.items() if f.result() is not None}


# --- labels ------------------------------------------------------------------------------


def label_groups(frame: pl.DataFrame, by: str | None, column: str = "group") -> pl.DataFrame:
    """Staff ids in a breakdown become 'name (id)'; other groups read with spaces."""
    if by in STAFF_BREAKDOWNS:
        labels = staff_labels()
        return frame.with_columns(pl.col(column).replace(labels).alias(column))
    return frame.with_columns(pl.col(column).str.replace_all("_", " ").alias(column))


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


def side_by_side(indicators: list[Indicator], v: state.View, by: str) -> pl.DataFrame:
    """Every indicator's figure for each group of ``by`` at D, groups labelled (``raw_group`` keeps
    the value the filters and lists take)."""
    frames = _in_parallel([(i, [v.window], by) for i in indicators], v, wait=True)
    parts = [
        (frames.get(i.id) if i.id in frames else summary(i, [v.window], v, by=by)).select(
            pl.lit(i.id).alias("indicator"), "group", "numerator", "denominator", "value"
        )
        for i in indicators
    ]
    if not parts:
        return pl.DataFrame()
    return label_groups(pl.concat(parts).with_columns(raw_group=pl.col("group")), by)


def league(indicator: Indicator, v: state.View, by: str) -> pl.DataFrame:
    """One indicator by ``by`` at D, ranked best first with its RAG; small groups unranked, last
    (oversight.figures.ranked)."""
    raw = figures.mark_small(summary(indicator, [v.window], v, by=by), v.policy)
    groups = label_groups(raw.with_columns(raw_group=pl.col("group")), by)
    return figures.ranked(groups, indicator.direction).with_columns(
        RAG=pl.col("value").map_elements(
            lambda x: RAG_LABELS.get(figures.indicator_rag(x, indicator.id, indicator.direction, v.policy) or "", "–"),
            return_dtype=pl.String,
        )
    )


# --- supervision preparation -------------------------------------------------------------


@st.cache_data(ttl=TTL, show_spinner=False, hash_funcs=_HASH, max_entries=100)
def _supervision(
    key: str, case_manager_id: str, label: str, as_of: dt.date, start: dt.date, pol: Policy, scoped: Filters
) -> Preparation:
    judged = _judgements(key, as_of, start, pol, scoped)  # JG1 already run for D, not again
    return supervision.prepare(
        connection(), case_manager_id, label, Window(as_of, start), pol, judged, tables_present(), scoped.allowed_staff
    )


@st.cache_data(ttl=TTL, show_spinner=False, hash_funcs=_HASH, max_entries=100)
def _holders(key: str, as_of: dt.date, allowed: tuple[str, ...] | None) -> dict[str, int]:
    from queries import supervision as supervision_queries

    return supervision_queries.holders(connection(), as_of, allowed)


def open_caseloads(v: state.View) -> dict[str, int]:
    """Staff id -> cases open on D they hold, within the signed-in scope (queries.supervision)."""
    return _holders(stamp(), v.as_of, v.filters.allowed_staff)


def supervision_preparation(case_manager_id: str, v: state.View) -> Preparation:
    """One case manager's open cases on D, ordered for their next supervision (oversight.supervision);
    within the scope, whatever the sidebar's other filters."""
    label = staff_labels().get(case_manager_id, case_manager_id)
    return _supervision(stamp(), case_manager_id, label, v.as_of, v.start, v.policy, v.filters.scoped())
