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
judged = [h for h in hs if not h.small]  # a small group's figure is shown, marked, never counted
c1, c2, c3, c4 = st.columns(4)
c1.metric("Indicators green", sum(h.rag == "green" for h in judged), border=True)
c2.metric("Indicators amber", sum(h.rag == "amber" for h in judged), border=True)
c3.metric("Indicators red", sum(h.rag == "red" for h in judged), border=True)
c4.metric("Got worse on a month ago", len(worse), border=True)
small = [h for h in hs if h.small and h.value is not None]
if small:
    st.caption(
        f"{len(small)} figure(s) count fewer than {figures.small_group_limit(v.policy)} items for this selection: "
        "marked '(small)', not counted as green, amber, red or worse (too few to judge on)."
    )

if worse:
    st.header("What got worse")
    st.caption("The largest moves the wrong way first; every indicator is in the table below.")
    cols = st.columns(4)
    for k, h in enumerate(worse[:4]):
        widgets.headline_tile(h, cols[k])
    if len(worse) > 4:
        st.caption(f"…and {len(worse) - 4} more marked 'worse' in the table.")
else:
    st.success("Nothing got worse by a percentage point or more on a month ago.")

st.header("Every indicator")
history = {h.indicator.id: data.summary(h.indicator, v.history, v)["value"].to_list() for h in hs if h.available}
table = pl.DataFrame(
    {
        "id": [h.indicator.id for h in hs],
        "indicator": [h.indicator.title for h in hs],
        "RAG": [(widgets.rag_word(h.rag, h.small) if h.available else "not loaded") for h in hs],
        "rate": [h.value for h in hs],
        "met": [h.numerator for h in hs],
        "of": [h.denominator for h in hs],
        "a month ago": [h.previous for h in hs],
        "change (points)": [figures.percent_points(h.change) for h in hs],
        "worse": ["worse" if h.worse else "" for h in hs],
        # months with nothing to count are left out, never drawn as 0 % (the column cannot draw gaps)
        "24-month trend": [
            [figures.percent_points(x) for x in history.get(h.indicator.id, []) if x is not None] for h in hs
        ],
        "family": [FAMILIES[h.indicator.family].title for h in hs],
        "note": [
            state.unavailable_message(h.missing)
            if not h.available
            else ("lower is better" if h.indicator.direction == "lower" else "")
            for h in hs
        ],
    },
    schema_overrides={"24-month trend": pl.List(pl.Float64)},
)
# on screen: rates in percent to the tiles' one decimal (what a screen reader reads too)
shown = table.with_columns(figures.percent_points_expr("rate"), figures.percent_points_expr("a month ago"))
BADGE = {charts.RAG_LABELS[r]: charts.RAG_PALE[r] for r in charts.RAG_PALE}


def _colour(row):
    return [f"background-color: {BADGE.get(row['RAG'], '')}" if c == "RAG" else "" for c in row.index]


st.caption(
    "Rates in percent. Each row's trend is its last 24 months (each month's own rate; the last is the month so "
    "far), scaled to its own range so a change shows; the exact figures are on the family's page."
)
event = st.dataframe(
    shown.to_pandas().style.apply(_colour, axis=1),
    key="overview_table",
    hide_index=True,
    on_select="rerun",
    selection_mode="single-row",
    height=38 + 35 * table.height,
    # narrow enough that every column, the family and the note ("lower is better") included,
    # shows without scrolling on a laptop's screen
    column_config={
        "id": st.column_config.TextColumn(width=40, pinned=True),
        "indicator": st.column_config.TextColumn(width=170),
        "RAG": st.column_config.TextColumn(width=100),
        "rate": st.column_config.NumberColumn("rate", format=widgets.PERCENT, width=55),
        "met": st.column_config.NumberColumn(width=45),
        "of": st.column_config.NumberColumn(width=45),
        "a month ago": st.column_config.NumberColumn(format=widgets.PERCENT, width=80),
        "change (points)": st.column_config.NumberColumn(
            "change", format="%+.1f", width=55, help="Change on a month ago, in percentage points"
        ),
        "worse": st.column_config.TextColumn(width=45),
        # each row on its own scale and in the charts' neutral blue: on a shared 0-100 % axis every
        # line looked flat, and a red line read as a red RAG
        "24-month trend": st.column_config.LineChartColumn("trend", width=80, color=charts.OKABE_ITO[4]),
        "family": st.column_config.TextColumn(width=115),
        "note": st.column_config.TextColumn(width=130),
    },
)
export = figures.suppress_summary(
    table.drop("24-month trend").rename({"met": "numerator", "of": "denominator", "rate": "value"}), v.policy
)
widgets.download_buttons(export, {"Overview": export}, f"overview_{v.as_of}", "overview_all", what="every indicator")
rows = event.selection.rows if event else []
if rows:
    chosen = hs[rows[0]]
    st.subheader(f"{chosen.indicator.id}: {chosen.indicator.title}")
    if chosen.available:
        widgets.drilldown(chosen.indicator, v.window, v, key="overview")
    else:
        st.info(state.unavailable_message(chosen.missing))
