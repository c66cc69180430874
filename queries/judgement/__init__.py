"""The case judgement (JG1), the service band and the comparison with auditors' judgements.

JG1 itself is an indicator like any other (``queries/judgement/JG1.sql``, one row per judged
case per window), so it gets breakdowns and the monthly trend from ``queries.indicators``.
This module adds what only the judgement needs:

- :func:`judgements`: the one place that decides whether JG1 can judge at all (without the
  tables it requires, assessments, no case is judged) and runs it once for a D; the ``cases``
  command, the pages and the pack all read its result, and so does the comparison with
  auditors;
- :func:`case_table`: the ``cases`` command's fixed columns, one row per case open on D or closed
  in the period, judged ``sufficient`` / ``insufficient`` or ``not_yet``, with reasons and
  strengths and each check's status for the pages;
- :func:`band`: the service's share of sufficient cases as an inspection-style band;
- :func:`audit_agreement`: JG1 beside the auditors' own oversight judgements, each audit against
  JG1 as of the audit's own date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb
import polars as pl

from oversight.policy import Policy
from queries import indicators
from queries.indicators import NO_FILTERS, Filters, Window
from queries.judgement import checks
from queries.runner import QUERIES_DIR, execute, run

CASES_DIR = QUERIES_DIR / "judgement" / "cases"

# The columns of `python -m oversight cases`, fixed: a service's own scripts read them by name.
SPEC_COLUMNS = (
    "case_id",
    "child_id",
    "team",
    "case_manager_id",
    "rosh",
    "swb",
    "risk_group",
    "days_since_management_entry",
    "judgement",
    "reasons",
)

# Each check's status column in JG1's rows, from the one list of checks (queries/judgement/checks.py).
CHECK_COLUMNS = checks.CHECK_COLUMNS

# A check whose table was not loaded has nothing to look at; it says so rather than "n/a".
_CHECK_TABLES = {c.column: c.requires for c in checks.CHECKS if c.requires}

_JUDGEMENT_ORDER = {"insufficient": 0, "sufficient": 1, "not_yet": 2}


def _jg1() -> indicators.Indicator:
    return indicators.catalogue()["JG1"]


def _window_values(windows: list[Window]) -> dict[str, object]:
    return {"as_of_dates": [w.as_of for w in windows], "from_dates": [w.start for w in windows]}


def _create_windows(cur: duckdb.DuckDBPyConnection, windows: list[Window]) -> None:
    execute(
        cur,
        "create or replace temp table windows as "
        "select unnest($as_of_dates) as as_of_date, unnest($from_dates) as from_date",
        _window_values(windows),
        name="windows",
    )


def _create_judged(cur: duckdb.DuckDBPyConnection, window: Window, policy: Policy) -> None:
    """The temp table ``judged``: JG1's rows for one window."""
    _create_windows(cur, [window])
    execute(cur, f"create or replace temp table judged as {_jg1().sql}", policy.values, name="JG1")


@dataclass(frozen=True)
class Judgements:
    """JG1 for one D: whether it could judge, its rows, and every case with its judgement."""

    window: Window
    missing: tuple[str, ...]  # tables JG1 needs that were not loaded: then no case is judged
    rows: pl.DataFrame  # JG1's own rows, one per judged case: what its figures count
    cases: pl.DataFrame  # the case table (see case_table); no row when JG1 cannot judge
    # queries.indicators.status for JG1: ok, not_available (``missing``) or switched_off by local
    # policy, when no case is judged either
    status: str = indicators.OK

    @property
    def available(self) -> bool:
        return self.status == indicators.OK

    @property
    def switched_off(self) -> bool:
        return self.status == indicators.SWITCHED_OFF

    def counts(self) -> dict[str, int | None]:
        """Cases by judgement; None for each when JG1 could not judge (blank, not 0)."""
        return judgement_counts(self.cases, self.available)


def judgement_counts(cases: pl.DataFrame, judged: bool = True) -> dict[str, int | None]:
    """Rows of a case table by judgement (0 for a judgement no case has); None for each when
    no case could be judged."""
    found = dict(cases.group_by("judgement").len().iter_rows()) if cases.height else {}
    return {j: found.get(j, 0 if judged else None) for j in _JUDGEMENT_ORDER}


def judgements(
    con: duckdb.DuckDBPyConnection,
    window: Window,
    policy: Policy,
    filters: Filters = NO_FILTERS,
) -> Judgements:
    """JG1 run once for ``window``: its rows and the case table (within ``filters``). With a
    scope (``filters.allowed_staff``) the rows are those within ``filters`` too.

    JG1 requires assessments: without a table it requires, a case judged on the checks that
    could run would pass for a judgement, so no case is judged (no rows, ``missing`` says why).
    Switched off by local policy (``status``), no case is judged either, and JG1 is not run.
    """
    present = indicators.tables_present(con)
    missing = tuple(t for t in _jg1().requires if t not in present)
    status = indicators.status(_jg1(), present, policy)
    cur = con.cursor()
    try:
        if status == indicators.SWITCHED_OFF:
            # the same empty shapes as a judgement with no case, without judging any
            _create_windows(cur, [window])
            execute(cur, f"create or replace temp table judged as select * from ({_jg1().sql}\n) limit 0",
                    policy.values, name="JG1 columns")  # fmt: skip
        else:
            _create_judged(cur, window, policy)
        cases = _case_rows(cur, policy, filters)
        if filters.allowed_staff is None:
            rows = run(cur, "select * from judged", name="JG1 rows")
        else:
            # a scoped person's JG1 figure, breakdowns and agreement count their cases only
            rows = run(cur, "select judged.* from judged semi join scope using (as_of_date, item_id)",
                       name="JG1 rows in scope")  # fmt: skip
    finally:
        cur.close()
    for column, table in _CHECK_TABLES.items():
        if table not in present:
            cases = cases.with_columns(
                pl.when(pl.col("judgement") != "not_yet").then(pl.lit("not_loaded")).alias(column)
            )
    cases = (
        cases.with_columns(_order=pl.col("judgement").replace_strict(_JUDGEMENT_ORDER, return_dtype=pl.Int8))
        .sort("_order", "case_id")
        .select(*SPEC_COLUMNS, *_CASE_EXTRA)
    )
    if status != indicators.OK:
        rows, cases = rows.clear(), cases.clear()
    return Judgements(window, missing, rows, cases, status)


_CASE_EXTRA = (
    "strengths",
    "window_start",
    "window_end",
    "raised_in_window",
    "failed_checks",
    "any_critical",
    *CHECK_COLUMNS,
    "latest_entry_date",
    "line_manager",
    "disposal",
    "end_date",
    "as_of_date",
)


def _case_rows(cur: duckdb.DuckDBPyConnection, policy: Policy, filters: Filters) -> pl.DataFrame:
    """The judged cases (temp table ``judged``) with the not-yet ones, their attributes on D."""
    not_yet_sql = (CASES_DIR / "not_yet.sql").read_text()
    execute(
        cur,
        f"create or replace temp table items as select * from judged union all by name ({not_yet_sql}\n)",
        policy.values,
        name="cases not_yet",
    )
    # breakdown attributes on D and the dashboard's filters, exactly as every indicator has them
    indicators._create_scope(cur, filters, enrich=True)
    return run(
        cur,
        """
        select
            scope.*,
            cases.child_id,
            scope.case_manager as case_manager_id
        from scope
        inner join cases on scope.case_id = cases.case_id
        """,
        name="cases",
    )


def case_table(
    con: duckdb.DuckDBPyConnection,
    window: Window,
    policy: Policy,
    filters: Filters = NO_FILTERS,
) -> pl.DataFrame:
    """Every case open on D or closed in the period, with its judgement (the ``cases`` command).

    The first columns are the fixed ones (:data:`SPEC_COLUMNS`): team, case manager and ratings are
    the case's on D. After them: strengths, the review window, whether the case was raised risk
    in it, each check's status (``pass``, ``fail``, ``critical``, ``n/a``, or ``not_loaded``
    when its table was not supplied), and the line manager and disposal the pages filter on.
    Insufficient cases come first. No row when JG1 cannot judge (see :func:`judgements`).
    """
    return judgements(con, window, policy, filters).cases


def band(share: float | None, policy: Policy) -> str | None:
    """The band for a share of cases judged sufficient; None when no case was judged.

    At or above band_outstanding: outstanding; band_good: good; band_requires_improvement:
    requires_improvement; below: inadequate.
    """
    if share is None:
        return None
    values = policy.values
    if share >= values["band_outstanding"]:
        return "outstanding"
    if share >= values["band_good"]:
        return "good"
    if share >= values["band_requires_improvement"]:
        return "requires_improvement"
    return "inadequate"


def bands_text(policy: Policy) -> str:
    """:func:`band`'s thresholds in words, as the Inspection page and the pack state them."""
    v = policy.values
    return (
        f"outstanding from {v['band_outstanding']:.0%}, good from {v['band_good']:.0%}, "
        f"requires improvement from {v['band_requires_improvement']:.0%}, inadequate below"
    )


@dataclass(frozen=True)
class AuditAgreement:
    """JG1 beside the auditors' judgements, each audit against JG1 as of the audit's own date."""

    compared: int  # audits in the 365 days ending on D whose case JG1 judged on the audit date
    agreed: int
    counts: pl.DataFrame  # judgement (JG1) x audit_judgement -> audits
    cases: pl.DataFrame  # every compared audit, disagreements first
    kappa: float | None  # Cohen's kappa: agreement beyond what chance would give
    not_yet: int = 0  # audits of a case too young for JG1 on the audit date: left out
    not_open: int = 0  # audits dated before the case started: nothing JG1 could judge

    @property
    def share(self) -> float | None:
        return self.agreed / self.compared if self.compared else None

    @property
    def disagreements(self) -> pl.DataFrame:
        return self.cases.filter(~pl.col("agrees"))


def audit_agreement(
    con: duckdb.DuckDBPyConnection,
    window: Window,
    policy: Policy,
    judged: Judgements | None = None,
    filters: Filters = NO_FILTERS,
) -> AuditAgreement | None:
    """How far JG1 agrees with the auditors' own oversight judgements; None without audits, or
    when JG1 does not judge (not available or switched off: nothing to compare).

    Each audit dated in the 365 days ending on D that records an oversight judgement is compared
    with JG1 for its case **as of the audit's date**: the file as the auditor saw it, never the
    judgement of today. JG1 runs once, set-based, with the audit dates as its as-of dates (as the
    month-end trend runs it). On each audit date every case that has closed counts as closed in
    the period, so a closed file an auditor reads is judged as it stood at its close. An audit of
    a case too young on its date (``not_yet``) is left out and counted apart, as is one dated
    before its case started. ``judged``: JG1's result for D, when the caller has it (it says
    whether JG1 judges at all). ``filters.allowed_staff``: only cases whose case manager on the
    audit date is in scope.
    """
    if "audits" not in indicators.tables_present(con):
        return None
    judged = judged or judgements(con, window, policy, filters)
    if not judged.available:
        return None
    cur = con.cursor()
    try:
        _create_windows(cur, [window])
        execute(cur, "create or replace temp table audits_compared as "
                + (CASES_DIR / "audits_compared.sql").read_text(), name="audits compared")  # fmt: skip
        # JG1 judges each case from that case's own records only, so narrowing the cases it reads
        # to the audited ones narrows the work, never a judgement. This temporary table stands
        # in for `cases` on this cursor alone, and goes with it.
        execute(cur, "create or replace temp table cases as "
                "select * from cases semi join audits_compared using (case_id)", name="audited cases")  # fmt: skip
        execute(cur, "create or replace temp table windows as "
                "select distinct audit_date as as_of_date, (select min(start_date) from cases) as from_date "
                "from audits_compared", name="audit dates")  # fmt: skip
        execute(cur, f"create or replace temp table judged as {_jg1().sql}", policy.values, name="JG1 at audit dates")
        not_yet_sql = (CASES_DIR / "not_yet.sql").read_text()
        execute(cur, "create or replace temp table items as select as_of_date, case_id, staff_id, item_id, item_date, "
                "judgement, reasons, strengths from judged union all by name (select as_of_date, case_id, "
                f"staff_id, item_id, item_date, judgement from ({not_yet_sql}\n))", policy.values,
                name="not yet at audit dates")  # fmt: skip
        if filters.allowed_staff is not None:
            # the case manager on the audit date decides the scope, as for any item on its own date
            indicators._create_scope(cur, filters.scoped(), enrich=True)
            execute(cur, "create or replace temp table items as select items.* from items "
                    "semi join scope using (as_of_date, item_id)", name="audits in scope")  # fmt: skip
            execute(cur, "create or replace temp table audits_compared as select * from audits_compared "
                    "semi join items on audits_compared.case_id = items.case_id "
                    "and audits_compared.audit_date = items.as_of_date", name="audits compared in scope")  # fmt: skip
        execute(cur, "create or replace temp table judged_at_audit as select * from items", name="judged at audit")
        rows = run(cur, (CASES_DIR / "audit_agreement.sql").read_text(), name="audit_agreement")
    finally:
        cur.close()
    cases = rows.filter(pl.col("judgement").is_in(["sufficient", "insufficient"]))
    counts = cases.group_by("judgement", "audit_judgement").len("cases").sort("judgement", "audit_judgement")
    compared = cases.height
    agreed = int(cases["agrees"].sum()) if compared else 0
    not_yet = rows.filter(pl.col("judgement") == "not_yet").height
    not_open = rows.filter(pl.col("judgement").is_null()).height
    return AuditAgreement(compared, agreed, counts, cases, _kappa(cases), not_yet, not_open)


def _kappa(cases: pl.DataFrame) -> float | None:
    n = cases.height
    if n == 0:
        return None
    observed = cases["agrees"].sum() / n
    expected = sum(
        (cases["judgement"] == label).sum() / n * (cases["audit_judgement"] == label).sum() / n
        for label in ("sufficient", "insufficient")
    )
    if expected == 1:
        return None  # both sides gave one label to every case: kappa is undefined
    return float((observed - expected) / (1 - expected))


# The case table's column for each of the dashboard's global filters.
CASE_FILTER_COLUMNS = {
    "team": "team",
    "line_manager": "line_manager",
    "case_manager": "case_manager_id",
    "risk_group": "risk_group",
    "disposal": "disposal",
}


def within(cases: pl.DataFrame, filters: Filters) -> pl.DataFrame:
    """The case table's rows within ``filters`` (its columns carry the same attributes on D)."""
    for name, column in CASE_FILTER_COLUMNS.items():
        chosen = getattr(filters, name)
        if chosen is not None and column in cases.columns:
            cases = cases.filter(pl.col(column) == chosen)
    return cases


def to_act_on(cases: pl.DataFrame) -> pl.DataFrame:
    """Insufficient cases, most failed checks first, then the longest without a management entry."""
    return (
        cases.filter(pl.col("judgement") == "insufficient")
        .sort("failed_checks", "days_since_management_entry", descending=True, nulls_last=True)
        .select(
            "case_id", "team", "case_manager_id", "risk_group", "days_since_management_entry", "failed_checks",
            "reasons",
        )
    )  # fmt: skip


_REASON_SPLIT = re.compile(r";\s+(?=[A-Z][A-Z_]+(?:\s|$))")


def split_reasons(reasons: object) -> list[str]:
    """A case's reasons, each starting with its code; a detail's own "; " (as in "(41 days; 4
    more)") does not split, only one followed by the next code."""
    if reasons is None:
        return []
    if isinstance(reasons, list | tuple | pl.Series):
        return [str(r).strip() for r in reasons if r]
    return [part.strip() for part in _REASON_SPLIT.split(str(reasons)) if part.strip()]


def reason_code(reason: str) -> tuple[str, bool]:
    """The base code of one reason ("EVENT_UNANSWERED_CRITICAL 2026-03-02 ...") and whether critical."""
    code = reason.strip().split(" ", 1)[0]
    return code.removesuffix("_CRITICAL"), code.endswith("_CRITICAL")
