"""The page of one indicator family: its headline tiles, then one indicator's trend,
breakdown, the list behind it and its definition."""

from __future__ import annotations

import polars as pl
import streamlit as st

from oversight import charts, figures
from oversight.families import FAMILIES
from oversight.ui import data, state, widgets
from queries.indicators import Indicator, Window

# --- a page per family ---------------------------------------------------------------------

FAMILY_BREAKDOWNS = ("team", "line_manager", "case_manager", "risk_group", "rosh", "swb")


def indicator_detail(indicator: Indicator, v: state.View, key: str) -> None:
    """Trend, breakdown, the list behind it and its definition, for one indicator."""
    missing = data.missing_tables(indicator)
    if missing:
        st.info(state.unavailable_message(missing))
        widgets.definition(indicator, v.policy)
        return
    target = v.policy.target(indicator.id)
    trend_tab, breakdown_tab, list_tab, definition_tab = st.tabs(
        ["Trend (24 months)", "Breakdown", "List behind the figure", "Definition and policy"]
    )
    with trend_tab:
        history = data.summary(indicator, v.history, v)
        st.caption(widgets.trend_caption(indicator, v))
        picked = widgets.clickable_chart(charts.trend(history, target, indicator.direction), f"{key}_trend")
        st.caption("Click a point to list the items behind that month.")
        if picked and picked.get("point_index") is not None and picked["point_index"] < history.height:
            row = history.sort("as_of_date").row(picked["point_index"], named=True)
            widgets.drilldown(indicator, Window(row["as_of_date"], row["from_date"]), v, key=f"{key}_trendlist")
        with st.expander("Numbers in this chart"):
            st.dataframe(
                widgets.readable(data.numbers_table(history), indicator, v.policy),
                hide_index=True,
                column_config=widgets._pct_config(),
            )
            export = figures.suppress_summary(data.numbers_table(history), v.policy)
            widgets.download_buttons(
                export,
                {f"{indicator.id} trend": export},
                f"{indicator.id}_trend_{v.as_of}",
                f"{key}_tdl",
                what="these numbers",
            )
        extra = data.extras(indicator, v.window, v)
        if extra is not None and extra.height:
            st.markdown("**Companion figures at D**")
            extra = extra.with_columns(pl.col(c).cast(pl.Date) for c, t in extra.schema.items() if t == pl.Datetime)
            labels = [c for c, t in extra.schema.items() if t == pl.String]
            counts = [c for c in ("cases", "count", "items") if c in extra.columns]
            if len(labels) == 1 and counts and extra.height > 1:
                # a distribution (DR1's bands): drawn, with its table below
                st.caption(
                    f"Chart: {counts[0]} by {labels[0].replace('_', ' ')} at D; the numbers are in the table below."
                )
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
            "Break down by", FAMILY_BREAKDOWNS, key=f"{key}_by", format_func=lambda b: state.BREAKDOWN_LABELS[b]
        )
        widgets.breakdown_view(indicator, v, by, key=f"{key}_{by}")
    with list_tab:
        widgets.drilldown(indicator, v.window, v, key=f"{key}_main")
    with definition_tab:
        widgets.definition(indicator, v.policy)


def family_page(name: str) -> None:
    """The whole page of the family ``name`` (oversight.families)."""
    family = FAMILIES[name]
    v = widgets.page_header(family.title, family.intro)
    # its own indicators, then those of other families it shows too (counted in their own)
    applicable = {i.id: i for i in data.applicable()}
    inds = data.family(name) + [applicable[i] for i in family.also_shows if i in applicable]
    off = data.switched_off(name)
    if off:
        st.info(state.switched_off_message(off), icon="ℹ️")
    if not inds:
        if not off:
            st.info("No indicators in this family yet.")
        return
    hs = data.headlines(inds, v)
    cols = st.columns(min(len(hs), 4))
    for k, h in enumerate(hs):
        widgets.headline_tile(h, cols[k % len(cols)])
    choice = st.segmented_control(
        "Indicator",
        [i.id for i in inds],
        key=f"fam_{name}_choice",
        default=inds[0].id,
        format_func=lambda i: f"{i} · {data.catalogue()[i].title}",
    )
    indicator = data.catalogue()[choice or inds[0].id]
    st.header(f"{indicator.id}: {indicator.question}")
    indicator_detail(indicator, v, key=f"fam_{name}_{indicator.id}")
