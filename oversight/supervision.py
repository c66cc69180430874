"""Supervision preparation: one case manager's open cases on D, ordered by what needs
discussing first at the next formal one-to-one supervision.

001 asks the line manager to prepare each monthly session by reviewing every open case of the
supervisee (seen, assessed, planned, reviewed, and whether the actions from last time were
done), so the session's time goes on reflective discussion. :func:`prepare` gathers, for each
case, what that review looks at (queries/supervision/caseload.sql) beside the case's JG1 checks
(queries.judgement), and :func:`order` is the one rule of what comes first. Pages, the CSV and
the PDF (:func:`pdf_bytes`, on the pack's PDF machinery) all read a :class:`Preparation`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import duckdb
import polars as pl

from oversight.policy import Policy
from queries import supervision as queries
from queries.indicators import Window
from queries.judgement import Judgements, checks, reason_code, split_reasons

# the optional tables a column reads; without one the column says "not loaded", never 0
COLUMN_TABLES = {
    "last_assessment_date": "assessments",
    "assessment_age_days": "assessments",
    "rosh": "assessments",
    "swb": "assessments",
    "actions_open": "actions",
    "actions_overdue": "actions",
    "actions_unconfirmed": "actions",
    "events_since": "events",
    "event_types": "events",
}

# the columns of the CSV, codes kept (a script reads them); the page and PDF show them in words
COLUMNS = (
    "order",
    "case_id",
    "child_id",
    "disposal",
    "rosh",
    "swb",
    "last_entry_date",
    "last_entry_kind",
    "days_since_management_entry",
    "last_supervision_date",
    "last_assessment_date",
    "assessment_age_days",
    "actions_open",
    "actions_overdue",
    "actions_unconfirmed",
    "events_since",
    "event_types",
    "judgement",
    "failed_checks",
    "reasons",
    "to_discuss",
)


@dataclass(frozen=True)
class Preparation:
    """One case manager's caseload on D, prepared for their next supervision."""

    case_manager_id: str
    case_manager: str  # name (id)
    window: Window
    last_session: dt.date | None  # their latest formal one-to-one session up to D
    supervisor: str | None  # who held it
    since: dt.date  # what "since the last session" counts from (a month before D without one)
    cases: pl.DataFrame  # COLUMNS, in the order to discuss them
    not_loaded: tuple[str, ...] = ()  # optional tables the columns would read
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def since_session(self) -> bool:
        return self.last_session is not None


def month_before(day: dt.date) -> dt.date:
    """The same day a calendar month earlier (the month's last day when it has fewer)."""
    first = day.replace(day=1)
    prev_last = first - dt.timedelta(days=1)
    return prev_last.replace(day=min(day.day, prev_last.day))


ORDER_TEXT = (
    "a JG1 check failing critically, then events since the last session, then the most JG1 checks failing, "
    "then raised risk, then the longest without a management entry"
)


def order(cases: pl.DataFrame) -> pl.DataFrame:
    """What needs discussing first: a critical failure of a JG1 check (the case is unsafe
    until a manager acts); then something that happened since the last session (an event to
    respond to); then the most JG1 checks failing; then raised risk; then the longest without a
    management entry. The case reference breaks ties, so the order is the same every time."""
    return cases.sort(
        by=[
            pl.col("any_critical").fill_null(False),
            pl.col("events_since").fill_null(0) > 0,
            pl.col("failed_checks").fill_null(0),
            pl.col("raised_risk").fill_null(False),
            pl.col("days_since_management_entry").fill_null(0),
            pl.col("case_id"),
        ],
        descending=[True, True, True, True, True, False],
    ).with_row_index("order", offset=1)


def _to_discuss(row: dict[str, Any], since: dt.date, since_session: bool, policy: Policy) -> str:
    """The points for the session, in the order of the rule above, in plain words."""
    values = policy.values
    points = []
    if row.get("any_critical"):
        points.append("a JG1 check failing critically")
    if row.get("events_since"):
        word = "event" if row["events_since"] == 1 else "events"
        when = "since the last session" if since_session else f"since {since:%d %b}"
        points.append(f"{row['events_since']} {word} {when} ({row['event_types']})")
    days = row.get("days_since_management_entry")
    if days is not None and days > values["oversight_interval_days"]:
        points.append(f"no management entry for {days} days")
    if row.get("last_supervision_date") is None or row["last_supervision_date"] < since:
        points.append("no supervision record since the last session" if since_session else
                      "no supervision record in the last month")  # fmt: skip
    age = row.get("assessment_age_days")
    if age is not None and age > values["assessment_max_age_days"]:
        points.append(f"assessment {age} days old")
    if row.get("actions_overdue"):
        points.append(f"{row['actions_overdue']} action{'s' if row['actions_overdue'] > 1 else ''} overdue")
    if row.get("actions_unconfirmed"):
        n = row["actions_unconfirmed"]
        points.append(f"{n} completed action{'s' if n > 1 else ''} to confirm")
    return "; ".join(points) if points else "basic check-in: nothing flagged"


def prepare(
    con: duckdb.DuckDBPyConnection,
    case_manager_id: str,
    case_manager: str,
    window: Window,
    policy: Policy,
    judged: Judgements,
    tables_present: tuple[str, ...] | list[str],
    allowed_staff: tuple[str, ...] | None = None,
) -> Preparation:
    """The case manager's caseload on D, each case with its review points and JG1 checks, in
    the order to discuss them. ``judged``: JG1 for D over the scope (queries.judgement), read
    rather than run again; a case it did not judge (open under 91 days) shows "not yet"."""
    as_of = window.as_of
    session = queries.last_session(con, case_manager_id, as_of) if "supervisions" in tables_present else None
    last = session["session_date"] if session else None
    since = last or month_before(as_of)
    cases = queries.caseload(con, case_manager_id, as_of, since, policy, allowed_staff)
    jg1 = judged.cases.select("case_id", "judgement", "failed_checks", "any_critical", "reasons")
    cases = cases.join(jg1, on="case_id", how="left")
    cases = order(cases)
    cases = cases.with_columns(
        to_discuss=pl.Series(
            [_to_discuss(r, since, last is not None, policy) for r in cases.iter_rows(named=True)], dtype=pl.String
        )
    )
    not_loaded = tuple(sorted({t for t in COLUMN_TABLES.values() if t not in tables_present}))
    missing_columns = [c for c, t in COLUMN_TABLES.items() if t in not_loaded]
    cases = cases.with_columns(pl.lit(None).cast(cases.schema[c]).alias(c) for c in missing_columns)
    return Preparation(
        case_manager_id,
        case_manager,
        window,
        last,
        session["supervisor_name"] or session["supervisor_id"] if session else None,
        since,
        cases.select(COLUMNS),
        not_loaded,
    )


def export_frame(prep: Preparation) -> pl.DataFrame:
    """The CSV's rows: one per case, codes kept, with the case manager and D on every row."""
    return prep.cases.select(
        pl.lit(prep.case_manager_id).alias("case_manager_id"),
        pl.lit(prep.window.as_of).alias("as_of_date"),
        pl.lit(prep.last_session).cast(pl.Date).alias("last_formal_session"),
        *COLUMNS,
    )


def plain_reasons(reasons: str | None) -> str:
    """A case's JG1 reasons as sentences (the check catalogue's words)."""
    return "; ".join(checks.describe(r) for r in split_reasons(reasons))


def failing_checks(reasons: str | None) -> str:
    """The JG1 checks a case fails, by their short names: "Evidence of regular oversight, ..."."""
    names = []
    for reason in split_reasons(reasons):
        code, critical = reason_code(reason)
        check = checks.BY_REASON.get(code)
        name = check.label.split(" (")[0] if check else code
        names.append(f"{name} (critical)" if critical else name)
    return ", ".join(names)


# --- the printable sheet ----------------------------------------------------------------


@dataclass(frozen=True)
class _Sheet:
    """What the pack's PDF header and footer read (oversight.pack.pdf.PackPDF)."""

    window: Window
    policy: Policy
    meta: dict[str, Any]

    @property
    def synthetic(self) -> bool:
        return bool(self.meta.get("synthetic"))

    @property
    def source(self) -> str:
        return str(self.meta.get("source") or "unknown source")


def _day(value: dt.date | None) -> str:
    return f"{value:%d %b %y}" if value else "–"


def _number(value: object) -> str:
    return "–" if value is None else f"{value}"


SHEET_HEADER = ["#", "Case", "RoSH / SWB", "Last mgmt entry", "Last supervision", "Assessment",
                "Actions open / late / to confirm", "Events since", "JG1 checks failing", "To discuss"]  # fmt: skip
SHEET_WIDTHS = (6.0, 15.0, 17.0, 20.0, 16.0, 20.0, 16.0, 18.0, 64.0, 77.0)


def sheet_rows(prep: Preparation) -> list[list[str]]:
    """The sheet's rows in words: one per case, in the order to discuss them."""
    rows = []
    for r in prep.cases.iter_rows(named=True):
        entry = f"{_day(r['last_entry_date'])} ({r['days_since_management_entry']} d)" if r["last_entry_date"] else (
            f"none ({r['days_since_management_entry']} d)"
        )  # fmt: skip
        assessment = (
            f"{_day(r['last_assessment_date'])} ({r['assessment_age_days']} d)" if r["last_assessment_date"] else "–"
        )
        actions = "–" if r["actions_open"] is None else (
            f"{r['actions_open']} / {r['actions_overdue']} / {r['actions_unconfirmed']}"
        )  # fmt: skip
        events = "–" if r["events_since"] is None else (
            f"{r['events_since']}" + (f" ({r['event_types']})" if r["event_types"] else "")
        )  # fmt: skip
        verdict = failing_checks(r["reasons"]) or str(r["judgement"] or "–").replace("_", " ").replace(
            "sufficient", "none: sufficient"
        ).replace("not yet", "not yet judged")
        rows.append([
            str(r["order"]), r["case_id"], f"{r['rosh'] or '–'} / {r['swb'] or '–'}".replace("_", " "), entry,
            _day(r["last_supervision_date"]), assessment, actions, events, verdict, r["to_discuss"],
        ])  # fmt: skip
    return rows


def pdf_bytes(preps: list[Preparation], meta: dict[str, Any], policy: Policy) -> bytes:
    """The printable preparation: a landscape page per case manager (more when the caseload does
    not fit), on the pack's PDF machinery (its header, synthetic banner, fonts and tables)."""
    from oversight.pack.pdf import PackPDF  # the pack's PDF stack, not a second one

    if not preps:
        raise ValueError("no case manager to prepare")

    class SupervisionPDF(PackPDF):
        heading = "Supervision preparation"

    pdf = SupervisionPDF(_Sheet(preps[0].window, policy, meta))  # type: ignore[arg-type]
    pdf.set_title(f"Supervision preparation, D = {preps[0].window.as_of:%Y-%m-%d}")
    for prep in preps:
        pdf.add_page(orientation="L")
        pdf.h1(f"Supervision preparation: {prep.case_manager}")
        session = (
            f"Last formal one-to-one session {prep.last_session:%d %b %Y}"
            + (f" with {prep.supervisor}" if prep.supervisor else "")
            + "; 'since' counts from it."
            if prep.last_session
            else f"No formal one-to-one session recorded up to D: 'since' counts from {prep.since:%d %b %Y}, "
            "a month before D."
        )
        pdf.para(
            f"{prep.cases.height} open case{'s' if prep.cases.height != 1 else ''} on "
            f"{prep.window.as_of:%d %b %Y}, in the order to discuss them ({ORDER_TEXT}). {session} "
            "d: days before D. Every open case is to be discussed (001)."
            + (f" Not loaded: {', '.join(prep.not_loaded)}." if prep.not_loaded else ""),
            size=8,
        )
        if prep.cases.height:
            pdf.grid(SHEET_HEADER, sheet_rows(prep), SHEET_WIDTHS, size=6.0)
        else:
            pdf.para("No open case held on D.", size=9)
    return bytes(pdf.output())
