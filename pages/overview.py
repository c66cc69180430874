"""Overview: every indicator at a glance, what changed on a month ago, and what got worse."""

import polars as pl
import streamlit as st

from oversight import charts, figures
from oversight.families import FAMILIES
from oversight.ui import data, state, widgets

v = widgets.page_header(
    "Overview",
    "Every indicator for the period, against the policy's targets, and its change on the same period a month "
    "earlier. Click a row for the list behind it.",
)
# an indicator switched off by local policy is left out of every count and table, and said so
inds = data.applicable()
hs = data.headlines(inds, v)
off = data.switched_off()
if off:
    st.info(state.switched_off_message(off), icon="ℹ️")

worse = sorted((h for h in hs if h.worse), key=lambda h: -abs(h.change or 0))
red = [h for h in hs if h.rag == "red"]
c1, c2, c3, c4 = st.columns(4)
c1.metric("Indicators green", sum(h.rag == "green" for h in hs), border=True)
c2.metric("Indicators amber", sum(h.rag == "amber" for h in hs), border=True)
c3.metric("Indicators red", len(red), border=True)
c4.metric("Got worse on a month ago", len(worse), border=True)

if worse:
    st.subheader("What got worse")
    st.caption("The largest moves the wrong way first; every indicator is in the table below.")
    cols = st.columns(4)
    for k, h in enumerate(worse[:4]):
        widgets.headline_tile(h, cols[k])
    if len(worse) > 4:
        st.caption(f"…and {len(worse) - 4} more marked 'worse' in the table.")
else:
    st.success("Nothing got worse by a percentage point or more on a month ago.")

st.subheader("Every indicator")
history = {h.indicator.id: data.summary(h.indicator, v.history, v)["value"].to_list() for h in hs if h.available}
table = pl.DataFrame(
    {
        "id": [h.indicator.id for h in hs],
        "indicator": [h.indicator.title for h in hs],
        "RAG": [(charts.RAG_LABELS.get(h.rag or "", "–") if h.available else "not loaded") for h in hs],
        "rate": [h.value for h in hs],
        "met": [h.numerator for h in hs],
        "of": [h.denominator for h in hs],
        "a month ago": [h.previous for h in hs],
        "change (points)": [None if h.change is None else round(h.change * 100, 1) + 0.0 for h in hs],
        "worse": ["worse" if h.worse else "" for h in hs],
        # months with nothing to count are left out, never drawn as 0 % (the column cannot draw gaps)
        "24-month trend": [[x for x in history.get(h.indicator.id, []) if x is not None] for h in hs],
        "family": [FAMILIES[h.indicator.family].title for h in hs],
        "note": [
            state.unavailable_message(h.missing)
            if not h.available
            else ("lower is better: share flagged" if h.indicator.direction == "lower" else "")
            for h in hs
        ],
    },
    schema_overrides={"24-month trend": pl.List(pl.Float64)},
)


def _colour(row):
    colours = {"Green": "#d9f2ea", "Amber": "#fbeccc", "Red": "#f7dccc"}
    return [f"background-color: {colours.get(row['RAG'], '')}" if c == "RAG" else "" for c in row.index]


event = st.dataframe(
    table.to_pandas().style.apply(_colour, axis=1),
    key="overview_table",
    hide_index=True,
    on_select="rerun",
    selection_mode="single-row",
    height=38 + 35 * table.height,
    column_config={
        "change (points)": st.column_config.NumberColumn(format="%+.1f"),
        "rate": st.column_config.NumberColumn(format="percent"),
        "a month ago": st.column_config.NumberColumn(format="percent"),
        "24-month trend": st.column_config.LineChartColumn(y_min=0.0, y_max=1.0),
    },
)
rows = event.selection.rows if event else []
if rows:
    chosen = hs[rows[0]]
    st.subheader(f"{chosen.indicator.id}: {chosen.indicator.title}")
    if chosen.available:
        widgets.drilldown(chosen.indicator, v.window, v, key="overview")
    else:
        st.info(state.unavailable_message(chosen.missing))
export = figures.suppress_summary(
    table.drop("24-month trend").rename({"met": "numerator", "of": "denominator", "rate": "value"}), v.policy
)
widgets.download_buttons(export, {"Overview": export}, f"overview_{v.as_of}", "overview_all")
