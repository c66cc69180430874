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


def with_rag(numbers: pl.DataFrame) -> pl.DataFrame:
    """The heatmap's numbers as the screen shows them, with each cell's RAG in words."""
    words = [
        widgets.rag_word(
            figures.rag(
                r["value"], targets.get(r["indicator"], targets["default"]), directions.get(r["indicator"], "higher")
            ),
            r["small"],
        )
        for r in numbers.iter_rows(named=True)
    ]
    return widgets.readable(numbers.insert_column(numbers.columns.index("value") + 1, pl.Series("RAG", words)))


heat_tab, league_tab, dispro_tab = st.tabs(["Heatmap", "League table", "Disproportionality"])
HEAT_PAGE = 25  # groups per page of the heatmap: every name and figure readable at 100 staff

with heat_tab:
    if matrix.height:
        st.caption(
            f"Chart: every indicator (rows) by {state.BREAKDOWN_LABELS[by].lower()} (columns) for the period to "
            f"{v.as_of:%d %b %Y}, each cell its rate and counts coloured by RAG, small groups grey and marked *; "
            "every figure and its RAG are in the numbers below the chart."
        )
        heat = matrix
        order = charts.heatmap_group_order(matrix, targets, directions, limit)
        if len(order) > charts.HEATMAP_MAX_COLUMNS:
            sort_col, page_col = st.columns([2, 1])
            sort = sort_col.segmented_control(
                "Order", ["Most red first", "By name"], default="Most red first", key="teams_heat_sort"
            )
            if sort == "By name":
                order = sorted(order)
            pages = (len(order) + HEAT_PAGE - 1) // HEAT_PAGE
            page = page_col.selectbox(
                f"{state.BREAKDOWN_LABELS[by]}s shown",
                range(pages),
                key=f"teams_heat_page_{by}",
                format_func=lambda k: f"{k * HEAT_PAGE + 1}–{min((k + 1) * HEAT_PAGE, len(order))} of {len(order)}",
            )
            order = order[(page or 0) * HEAT_PAGE : ((page or 0) + 1) * HEAT_PAGE]
            heat = matrix.filter(pl.col("group").is_in(order))
        fig = charts.heatmap(heat, targets, directions, limit, group_order=order)
        clicked = widgets.clickable_chart(fig, "teams_heat")
        if clicked:
            # the chart turns with many groups: the indicator is whichever axis holds its id
            x, y = clicked.get("x"), clicked.get("y")
            indicator_id, group = (x, y) if x in data.catalogue() else (y, x)
            cell = matrix.filter((pl.col("indicator") == indicator_id) & (pl.col("group") == group))
            if cell.height:
                chosen = data.catalogue()[cell["indicator"][0]]
                st.subheader(f"{chosen.id} for {cell['group'][0]}")
                widgets.drilldown(chosen, v.window, v, key="teams_heat_list", group=(by, cell["raw_group"][0]))
        else:
            st.caption(
                "Click a cell to list its items. A figure marked * is a small group (grey): too few to judge on."
            )
        numbers = figures.mark_small(matrix.drop("raw_group"), v.policy)
        with st.expander("Numbers in this chart"):
            st.dataframe(
                state.readable(with_rag(numbers)),
                hide_index=True,
                column_config=state.column_labels(
                    numbers,
                    group=state.BREAKDOWN_LABELS[by],
                    value=st.column_config.NumberColumn("Rate", format=widgets.PERCENT),
                ),
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
        widgets.readable(
            table.select("rank", "group", "RAG", "value", "numerator", "denominator", "small").with_columns(
                # a small group's RAG is marked, as everywhere (widgets.rag_word)
                RAG=pl.when(pl.col("small") & (pl.col("RAG") != "–"))
                .then(pl.col("RAG") + " (small)")
                .otherwise(pl.col("RAG"))
            )
        ),
        key="teams_league",
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        column_config={
            "rank": "Rank",
            "group": state.BREAKDOWN_LABELS[by],
            "value": st.column_config.NumberColumn("Rate", format=widgets.PERCENT),
            "numerator": st.column_config.NumberColumn("Flagged" if not better_high else "Met"),
            "denominator": st.column_config.NumberColumn("Items"),
            "small": st.column_config.CheckboxColumn("Small group"),
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
            st.caption(
                f"Chart: every case-level indicator (rows) by {state.BREAKDOWN_LABELS[dim].lower()} (columns), each "
                "cell its rate and counts coloured by RAG, small groups grey and marked *."
            )
            st.plotly_chart(
                charts.heatmap(dgrid, targets, directions, limit),
                key="dispro_heat",
                config={"displayModeBar": False},
            )
