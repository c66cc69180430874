"""Oversight: the dashboard. Run with ``./scripts/run``.

This script is the entry point on every page: it builds the demo database on first run, draws
the global filters in the sidebar (their values live in st.session_state, so they stay set as
the user moves between pages) and hands over to the chosen page.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

# pandas and pyarrow are imported here, first, once: Streamlit and Plotly import them lazily,
# and two sessions' first renders importing them at once in their own threads could meet a
# half-initialised module. The first session imports them whole; the others wait for it.
import pandas  # noqa: F401
import pyarrow  # noqa: F401
import streamlit as st

from oversight.families import FAMILIES
from oversight.ui import data, gate, state, widgets
from queries import indicators as ind

st.set_page_config(page_title="Oversight", page_icon=":material/visibility:", layout="wide")
widgets.print_layout()

PAGES = {
    "Oversight": [
        st.Page("pages/overview.py", title="Overview", icon=":material/home:", default=True),
    ],
    "Indicator families": [
        st.Page("pages/footprint.py", title=FAMILIES["footprint"].title, icon=":material/footprint:"),
        st.Page("pages/timeliness.py", title=FAMILIES["timeliness"].title, icon=":material/schedule:"),
        st.Page("pages/risk_coverage.py", title=FAMILIES["risk_coverage"].title, icon=":material/shield:"),
        st.Page("pages/drift.py", title=FAMILIES["drift"].title, icon=":material/explore:"),
        st.Page("pages/quality.py", title=FAMILIES["quality"].title, icon=":material/edit_note:"),
        st.Page("pages/quality_assurance.py", title=FAMILIES["quality_assurance"].title, icon=":material/task_alt:"),
        st.Page("pages/escalation.py", title=FAMILIES["escalation"].title, icon=":material/escalator_warning:"),
        st.Page("pages/staff.py", title=FAMILIES["staff"].title, icon=":material/badge:"),
        st.Page("pages/victims.py", title=FAMILIES["victims"].title, icon=":material/volunteer_activism:"),
    ],
    "People and cases": [
        st.Page("pages/teams.py", title="Teams and managers", icon=":material/groups:"),
        st.Page("pages/case_explorer.py", title="Case explorer", icon=":material/search:"),
        st.Page("pages/supervision.py", title="Supervision preparation", icon=":material/assignment_ind:"),
    ],
    "Inspection": [
        st.Page("pages/inspection.py", title="Inspection readiness", icon=":material/fact_check:"),
    ],
    "Data and policy": [
        st.Page("pages/data.py", title="Data", icon=":material/database:"),
        st.Page("pages/policy.py", title="Policy", icon=":material/balance:"),
    ],
}


def _widget(key: str) -> str:
    """The widget's own key. Streamlit forgets a widget's state on any run that does not draw it,
    so the chosen value lives under the plain key and the widget is re-seeded from it each run."""
    return f"w_{key}"


ALL = ""  # the selectbox's "All": a None option would show as an empty choice


def _keep(key: str) -> None:
    value = st.session_state[_widget(key)]
    st.session_state[key] = None if value == ALL else value


def _keep_start(as_of: dt.date) -> None:
    """The user's own period start, for the D it was chosen at; the default start is not kept,
    so the period goes on following D."""
    value = st.session_state[_start_widget(as_of)]
    chosen = None if value is None or value == ind.period(as_of).start else value
    st.session_state[state.K_START] = chosen
    st.session_state[state.K_START_FOR] = as_of if chosen else None


def _start_widget(as_of: dt.date) -> str:
    """The period widget's key names its D: a value the browser still holds from before D moved
    (a click sent before the new period reached it) belongs to the old D's widget and lapses
    with it, instead of overwriting the new period."""
    return f"{_widget(state.K_START)}_{as_of.isoformat()}"


def _clear_filters() -> None:
    for key in state.K_FILTERS.values():
        st.session_state[key] = None
    st.session_state[state.K_AS_OF] = data.default_as_of()
    st.session_state[state.K_START] = None


def sidebar() -> None:
    session = st.session_state
    default = data.default_as_of()
    if session.pop("reset_view", False):
        # a new load: its latest day becomes D
        session[state.K_AS_OF] = default
        session[state.K_START] = None
    if session.get(state.K_AS_OF) is None:
        session[state.K_AS_OF] = default
    as_of = session[state.K_AS_OF]
    options = data.filter_options(session.get(state.K_FILTERS["team"]), session.get(state.K_FILTERS["line_manager"]))
    for name, key in state.K_FILTERS.items():
        # a value the new data no longer holds (after a reload) falls back to all
        if session.get(key) is not None and session[key] not in options.get(name, {}):
            session[key] = None
    session[_widget(state.K_AS_OF)] = as_of
    session[_start_widget(as_of)] = state.period_start(as_of)
    for key in state.K_FILTERS.values():
        session[_widget(key)] = ALL if session.get(key) is None else session[key]

    bar = st.sidebar
    # bold, not a heading: the sidebar comes before the page's title, whose h1 opens the page
    bar.markdown("**Filters**")
    bar.caption("These stay set on every page.")
    earliest = dt.date(2000, 1, 1)
    latest = max(default, dt.date.today())
    bar.date_input(
        "As-of date (D)",
        key=_widget(state.K_AS_OF),
        min_value=earliest,
        max_value=latest,
        on_change=_keep,
        args=(state.K_AS_OF,),
        format="DD/MM/YYYY",
        help=f"The extract read as it stood at the end of this day. Latest data: {default:%d %b %Y}.",
    )
    bar.date_input(
        "Period from",
        key=_start_widget(as_of),
        min_value=earliest,
        max_value=latest,
        on_change=_keep_start,
        args=(as_of,),
        format="DD/MM/YYYY",
        help="Items dated from this day to D are counted (default: the 90 days ending on D).",
    )
    chosen = state.chosen_start(as_of)
    if chosen is not None and chosen > as_of:
        bar.error("The period starts after D: using the 90 days ending on D instead.")
    for name, key in state.K_FILTERS.items():
        values = options.get(name, {})
        bar.selectbox(
            state.BREAKDOWN_LABELS[name],
            [ALL, *values],
            key=_widget(key),
            on_change=_keep,
            args=(key,),
            format_func=lambda v, values=values: "All" if v == ALL else values.get(v, v),
        )
    bar.button("Clear filters", on_click=_clear_filters, width="stretch")


# who is looking comes first: in signed-in mode nothing below runs for someone not signed in
# or refused (oversight.ui.gate); the demo is built only for someone let in
scope = gate.enter()
have_data = widgets.ensure_data()
page = st.navigation(PAGES, expanded=True)
st.session_state[state.K_PAGE] = page
if page.url_path != Path(state.EXPLORER_PAGE).stem:
    # a case stays open only while the explorer is shown: coming back to it shows the list
    st.session_state.pop(state.K_CASE, None)
gate.notices(scope)
if have_data:
    sidebar()
else:
    st.sidebar.info("No data loaded yet: use the Data page.")
page.run()
