"""Teams and managers side by side, and the disproportionality breakdowns.

Small groups (fewer items than policy small_group_cases) are marked everywhere and left out of
rankings, so no one is judged on a handful of cases.
"""

import polars as pl
import streamlit as st

from oversight import charts, figures
from oversight.ui import data, state, widgets

v = widgets.page_header(
    "Teams and managers",
    "Each indicator by team or manager, a league table, and breakdowns by sex, ethnicity, looked-after status "
    "and age for disproportionality.",
)
limit = figures.small_group_limit(v.policy)
# switched off by local policy: left out of every grid and list, and said so
available = [i for i in data.applicable() if not data.missing_tables(i)]
not_loaded = [i for i in data.applicable() if data.missing_tables(i)]
off = data.switched_off()
if off:
    st.info(state.switched_off_message(off), icon="ℹ️")
if not available:
    st.info("No indicator can be computed from the tables loaded.")
    st.stop()

SIDE_BY_SIDE = ("team", "line_manager", "case_manager")
DISPROPORTIONALITY = ("sex", "ethnicity", "looked_after", "age_band")

by = (
    st.segmented_control(
        "Compare", SIDE_BY_SIDE, default="team", key="teams_by", format_func=lambda b: state.BREAKDOWN_LABELS[b]
    )
    or "team"
)


def grid(dimension: str) -> pl.DataFrame:
    return data.side_by_side(available, v, dimension)


targets = {**v.policy.targets, **{i.id: v.policy.target(i.id) for i in available}}
directions = {i.id: i.direction for i in available}

matrix = grid(by)
heat_tab, league_tab, dispro_tab = st.tabs(["Heatmap", "League table", "Disproportionality"])
with heat_tab:
    if matrix.height:
        clicked = widgets.clickable_chart(charts.heatmap(matrix, targets, directions, limit), "teams_heat")
        if clicked:
            cell = matrix.filter((pl.col("indicator") == clicked.get("y")) & (pl.col("group") == clicked.get("x")))
            if cell.height:
                chosen = data.catalogue()[cell["indicator"][0]]
                st.subheader(f"{chosen.id} for {cell['group'][0]}")
                widgets.drilldown(chosen, v.window, v, key="teams_heat_list", group=(by, cell["raw_group"][0]))
        else:
            st.caption("Click a cell to list its items.")
        numbers = figures.mark_small(matrix.drop("raw_group"), v.policy)
        with st.expander("Numbers in this chart"):
            st.dataframe(
                numbers,
                hide_index=True,
                column_config={"value": st.column_config.NumberColumn("rate", format="percent")},
            )
        export = figures.suppress_summary(numbers, v.policy)
        widgets.download_buttons(export, {f"By {by}": export}, f"indicators_by_{by}_{v.as_of}", "teams_heat_dl")
    else:
        st.info("Nothing to count in this period.")

with league_tab:
    chosen_id = st.selectbox(
        "Indicator",
        [i.id for i in available],
        key="teams_league_ind",
        format_func=lambda i: f"{i} · {data.catalogue()[i].title}",
    )
    indicator = data.catalogue()[chosen_id]
    better_high = indicator.direction == "higher"
    table = data.league(indicator, v, by)
    st.caption(
        f"Ranked best first; groups with fewer than {limit} items are listed last, unranked. "
        "Click a row for the list behind it."
    )
    event = st.dataframe(
        table.select("rank", "group", "RAG", "value", "numerator", "denominator", "small"),
        key="teams_league",
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        column_config={
            "value": st.column_config.NumberColumn("rate", format="percent"),
            "numerator": st.column_config.NumberColumn("flagged" if not better_high else "met"),
            "denominator": st.column_config.NumberColumn("items"),
            "small": st.column_config.CheckboxColumn("small group"),
        },
    )
    rows = event.selection.rows if event else []
    if rows:
        picked = table.row(rows[0], named=True)
        st.subheader(f"{indicator.id} for {picked['group']}")
        widgets.drilldown(indicator, v.window, v, key="teams_league_list", group=(by, picked["raw_group"]))
    export = figures.suppress_summary(table.drop("raw_group"), v.policy)
    widgets.download_buttons(export, {"League": export}, f"{indicator.id}_by_{by}_{v.as_of}", "teams_league_dl")

with dispro_tab:
    st.caption(
        "Whether oversight reaches every group of children equally. A difference in a small group is not "
        "evidence of anything: small groups are hatched and their difference is not shown."
    )
    dim = (
        st.segmented_control(
            "Break down by",
            DISPROPORTIONALITY,
            default="ethnicity",
            key="teams_dispro_by",
            format_func=lambda b: state.BREAKDOWN_LABELS[b],
        )
        or "ethnicity"
    )
    dispro_id = st.selectbox(
        "Indicator",
        [i.id for i in available],
        key="teams_dispro_ind",
        format_func=lambda i: f"{i} · {data.catalogue()[i].title}",
    )
    case_level = [i for i in available if i.level != "staff"]
    widgets.breakdown_view(data.catalogue()[dispro_id], v, dim, key=f"dispro_{dim}_{dispro_id}", compare_overall=True)
    with st.expander(f"Every indicator by {state.BREAKDOWN_LABELS[dim].lower()}"):
        dgrid = grid(dim).drop("raw_group").filter(pl.col("indicator").is_in([i.id for i in case_level]))
        if dgrid.height:
            st.plotly_chart(
                charts.heatmap(dgrid, targets, directions, limit),
                key="dispro_heat",
                config={"displayModeBar": False},
            )
