"""What the user chose and how things are named: session keys, the View, labels.

The sidebar (app.py) keeps the global filters in ``st.session_state`` under the ``K_*`` keys;
:func:`view` reads them back as a :class:`View` (D, the period, the filters, the policy in
force), which every page passes to ``oversight.ui.data``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import streamlit as st

from oversight.policy import SWITCHED_OFF, Policy
from oversight.ui import data
from queries import indicators as ind
from queries.indicators import Filters, Indicator, Window

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
HISTORY_MONTHS = 24
EXPLORER_PAGE = "pages/case_explorer.py"


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


# session_state keys of the global filters (bound to the sidebar widgets in app.py). The
# period's start is kept only when the user chose one, with the D it was chosen for
# (K_START_FOR): otherwise the period is derived from D, so nothing has to catch up when D moves.
K_AS_OF, K_START, K_START_FOR = "f_as_of", "f_start", "f_start_for"
K_FILTERS = {name: f"f_{name}" for name in ind.FILTERS}
K_CASE = "explorer_case"  # the case the explorer shows; only while the explorer is the page shown
K_CASE_LIST = "explorer_list"  # the list a case was opened from: its cases in order, the page it is on
K_PAGE = "current_page"  # the page this run shows (app.py), so a list can lead back to its page


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
            opts = data.filter_options()
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


def chosen_start(as_of: dt.date) -> dt.date | None:
    """The period start the user chose for this D, or None: the period then follows D. A start
    chosen for another D lapses, so a new D always brings its own 90 days."""
    state = st.session_state
    start = state.get(K_START)
    if start is None or state.get(K_START_FOR, as_of) != as_of:
        return None
    return start


def period_start(as_of: dt.date) -> dt.date:
    """The period's first day for D: the user's choice for this D, else the 90 days ending on D."""
    start = chosen_start(as_of)
    if start is None or start > as_of:
        return ind.period(as_of).start
    return start


def view() -> View:
    """The global filters as the sidebar (app.py) left them in session_state."""
    state = st.session_state
    as_of = state.get(K_AS_OF) or data.default_as_of()
    start = period_start(as_of)
    filters = Filters(**{name: state.get(key) for name, key in K_FILTERS.items()}, allowed_staff=data.allowed_staff())
    return View(as_of, start, filters, data.policy())


def unavailable_message(missing: tuple[str, ...] | list[str]) -> str:
    return f"Load {' and '.join(missing)} to see this."


def switched_off_message(indicators: Indicator | list[Indicator]) -> str:
    """What a page says where local policy switched indicators off (never "no data")."""
    chosen = indicators if isinstance(indicators, list) else [indicators]
    names = ", ".join(f"{i.id} ({i.title})" for i in chosen)
    verb = "is" if len(chosen) == 1 else "are"
    return (
        f"Switched off by local policy: {names} {verb} left out, as the service's policy does not apply "
        f"{'it' if len(chosen) == 1 else 'them'} (setting {SWITCHED_OFF} on the Policy page)."
    )


# --- how columns and values read on a page --------------------------------------------------
# Frames keep their column names and codes (CSV and Excel downloads, the command line and the
# tests read those); a page shows these labels over them through column_config.

COLUMN_LABELS = {
    "case_id": "Case",
    "child_id": "Child",
    "team": "Team",
    "case_manager": "Case manager",
    "case_manager_id": "Case manager",
    "line_manager": "Line manager",
    "staff_id": "Staff",
    "item_id": "Item",
    "risk_group": "Risk group",
    "rosh": "RoSH",
    "swb": "Safety and wellbeing",
    "disposal": "Disposal",
    "judgement": "Judgement",
    "days_since_management_entry": "Days since a management entry",
    "latest_entry_date": "Last management entry",
    "failed_checks": "Checks failed",
    "reasons": "Why",
    "strengths": "Strengths",
    "start_date": "Started",
    "end_date": "Ended",
    "item_date": "Date",
    "since_date": "Since",
    "days_since": "Days since",
    "gap": "What is missing",
    "indicator": "Indicator",
    "group": "Group",
    "numerator": "Met",
    "denominator": "Items",
    "value": "Rate",
    "small": "Small group",
    "rank": "Rank",
    "as_of_date": "D",
    "from_date": "From",
    "reason_text": "Check failed",
    "critical": "Critical",
    "cases": "Cases",
    "critical_cases": "Of them critical",
    "window_start": "Review from",
    "window_end": "Review to",
    "audit_judgement": "Auditor's judgement",
    "audit_date": "Audited",
    "auditor": "Auditor",
    "grade": "Audit grade",
    "event_date": "Date",
    "lane": "Kind",
    "what": "What",
    "detail": "Detail",
    "rating": "Ratings",
    "staff_name": "Who",
    # supervision preparation (oversight.supervision)
    "order": "#",
    "last_entry_date": "Last management entry",
    "last_entry_kind": "Kind of entry",
    "last_supervision_date": "Last supervision record",
    "last_assessment_date": "Last assessment",
    "assessment_age_days": "Assessment age (days)",
    "actions_open": "Actions open",
    "actions_overdue": "Actions overdue",
    "actions_unconfirmed": "Actions to confirm",
    "events_since": "Events since the session",
    "event_types": "Events",
    "to_discuss": "To discuss",
}

# codes a page shows in words (the risk groups' words are oversight.ui.data.RISK_GROUPS)
VALUE_WORDS = {"not_raised": "not raised", "raised": "raised risk", "unrated": "unrated", "not_yet": "not yet"}
EMPTY = "–"


def column_labels(frame: pl.DataFrame, **overrides: object) -> dict[str, object]:
    """st.dataframe's column_config for a frame: each column it has under its label (a column
    with no label keeps its own name, with spaces); ``overrides`` win (a column type, a label)."""
    config: dict[str, object] = {c: COLUMN_LABELS.get(c, c.replace("_", " ")) for c in frame.columns}
    config.update(overrides)
    return config


def readable(frame: pl.DataFrame, reasons: tuple[str, ...] = ("reasons",), dates: bool = False) -> pl.DataFrame:
    """A frame as a page shows it: JG1 reasons (the ``reasons`` columns) in plain words, coded
    values in words, an empty text cell as a dash rather than "None"; with ``dates``, dates as
    "26 Oct 2026" (and a dash for none). Only for the screen: downloads keep the codes."""
    from queries.judgement import checks, split_reasons  # the one home of a reason's words

    out = frame
    for column in (c for c in reasons if c in out.columns and out.schema[c] == pl.String):
        out = out.with_columns(
            pl.col(column).map_elements(
                lambda r: "; ".join(checks.describe(x) for x in split_reasons(r)), return_dtype=pl.String
            )
        )
    coded = [
        c
        for c in ("risk_group", "judgement", "audit_judgement", "disposal", "rosh", "swb", "grade")
        if c in out.columns and out.schema[c] == pl.String
    ]
    out = out.with_columns(pl.col(c).cast(pl.String).replace(VALUE_WORDS).str.replace_all("_", " ") for c in coded)
    if dates:
        out = out.with_columns(pl.col(c).dt.strftime("%d %b %Y") for c, t in out.schema.items() if t == pl.Date)
    return out.with_columns(pl.col(c).fill_null(EMPTY) for c, t in out.schema.items() if t == pl.String)
