"""Oversight: the dashboard. Run with ``./scripts/run``.

This script is the entry point on every page: it builds the demo database on first run, draws
the global filters in the sidebar (their values live in st.session_state, so they stay set as
the user moves between pages) and hands over to the chosen page.
"""

from __future__ import annotations

import datetime as dt

# pandas and pyarrow are imported here, first, once: Streamlit and Plotly import them lazily,
# and two sessions' first renders importing them at once in their own threads could meet a
# half-initialised module. The first session imports them whole; the others wait for it.
import pandas  # noqa: F401
import pyarrow  # noqa: F401
import streamlit as st

from oversight import dashboard as dash
from queries import indicators as ind

st.set_page_config(page_title="Oversight", page_icon=":material/visibility:", layout="wide")

PAGES = {
    "Oversight": [
        st.Page("pages/overview.py", title="Overview", icon=":material/home:", default=True),
    ],
    "Indicator families": [
        st.Page("pages/footprint.py", title="Footprint", icon=":material/footprint:"),
        st.Page("pages/timeliness.py", title="Timeliness", icon=":material/schedule:"),
        st.Page("pages/risk_coverage.py", title="Risk coverage", icon=":material/shield:"),
        st.Page("pages/drift.py", title="Drift and actions", icon=":material/explore:"),
        st.Page("pages/quality.py", title="Quality of recording", icon=":material/edit_note:"),
    ],
    "People and cases": [
        st.Page("pages/teams.py", title="Teams and managers", icon=":material/groups:"),
        st.Page("pages/case_explorer.py", title="Case explorer", icon=":material/search:"),
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


def _keep_as_of() -> None:
    """A new D moves the period with it (the 90 days ending on D), as users expect."""
    _keep(dash.K_AS_OF)
    as_of = st.session_state.get(dash.K_AS_OF)
    if as_of:
        st.session_state[dash.K_START] = ind.period(as_of).start


def _clear_filters() -> None:
    for key in dash.K_FILTERS.values():
        st.session_state[key] = None
    st.session_state[dash.K_AS_OF] = dash.default_as_of()
    st.session_state[dash.K_START] = ind.period(st.session_state[dash.K_AS_OF]).start


FILTER_LABELS = {
    "team": "Team",
    "line_manager": "Line manager",
    "case_manager": "Case manager",
    "risk_group": "Risk group",
    "disposal": "Disposal",
}


def sidebar() -> None:
    state = st.session_state
    default = dash.default_as_of()
    if state.pop("reset_view", False):
        # a new load: its latest day becomes D
        state[dash.K_AS_OF] = default
        state[dash.K_START] = ind.period(default).start
    if state.get(dash.K_AS_OF) is None:
        state[dash.K_AS_OF] = default
    if state.get(dash.K_START) is None:
        state[dash.K_START] = ind.period(state[dash.K_AS_OF]).start
    options = dash.filter_options(state.get(dash.K_FILTERS["team"]), state.get(dash.K_FILTERS["line_manager"]))
    for name, key in dash.K_FILTERS.items():
        # a value the new data no longer holds (after a reload) falls back to all
        if state.get(key) is not None and state[key] not in options.get(name, {}):
            state[key] = None
    for key in (dash.K_AS_OF, dash.K_START):
        state[_widget(key)] = state.get(key)
    for key in dash.K_FILTERS.values():
        state[_widget(key)] = ALL if state.get(key) is None else state[key]

    bar = st.sidebar
    bar.markdown("### Filters")
    bar.caption("These stay set on every page.")
    earliest = dt.date(2000, 1, 1)
    latest = max(default, dt.date.today())
    bar.date_input(
        "As-of date (D)",
        key=_widget(dash.K_AS_OF),
        min_value=earliest,
        max_value=latest,
        on_change=_keep_as_of,
        format="DD/MM/YYYY",
        help=f"The extract read as it stood at the end of this day. Latest data: {default:%d %b %Y}.",
    )
    bar.date_input(
        "Period from",
        key=_widget(dash.K_START),
        min_value=earliest,
        max_value=latest,
        on_change=_keep,
        args=(dash.K_START,),
        format="DD/MM/YYYY",
        help="Items dated from this day to D are counted (default: the 90 days ending on D).",
    )
    if state[dash.K_START] > state[dash.K_AS_OF]:
        bar.error("The period starts after D: using the 90 days ending on D instead.")
    for name, key in dash.K_FILTERS.items():
        values = options.get(name, {})
        bar.selectbox(
            FILTER_LABELS[name],
            [ALL, *values],
            key=_widget(key),
            on_change=_keep,
            args=(key,),
            format_func=lambda v, values=values: "All" if v == ALL else values.get(v, v),
        )
    bar.button("Clear filters", on_click=_clear_filters, width="stretch")


page = st.navigation(PAGES, expanded=True)
if dash.ensure_data():
    sidebar()
else:
    st.sidebar.info("No data loaded yet: use the Data page.")
page.run()
