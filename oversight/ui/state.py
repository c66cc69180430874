"""What the user chose and how things are named: session keys, the View, labels.

The sidebar (app.py) keeps the global filters in ``st.session_state`` under the ``K_*`` keys;
:func:`view` reads them back as a :class:`View` (D, the period, the filters, the policy in
force), which every page passes to ``oversight.ui.data``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

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


# session_state keys of the global filters (bound to the sidebar widgets in app.py)
K_AS_OF, K_START = "f_as_of", "f_start"
K_FILTERS = {name: f"f_{name}" for name in ind.FILTERS}
K_CASE = "explorer_case"


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


def view() -> View:
    """The global filters as the sidebar (app.py) left them in session_state."""
    state = st.session_state
    as_of = state.get(K_AS_OF) or data.default_as_of()
    start = state.get(K_START) or ind.period(as_of).start
    if start > as_of:
        start = ind.period(as_of).start
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
