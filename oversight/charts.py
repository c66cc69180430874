"""Pure chart functions: a Polars frame in, a Plotly figure out.

Colours come from the Okabe-Ito palette, which stays distinct for the common colour-vision
deficiencies; RAG is never carried by colour alone (a marker's shape, labels and hover say it
too). Every hover shows the counts behind a rate, and every rate chart draws the policy's
target lines.

This module is the one home of the app's colours: chart marks use Okabe-Ito, and text takes
the darker shades below, which keep WCAG 2.1 AA contrast (4.5:1) where Okabe-Ito's own do not
(amber on white is 2.25:1).
"""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
import polars as pl

# the charts colour points by the one RAG rule
from oversight.figures import RAG_SHAPES, is_small
from oversight.figures import rag as rag_of

OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
RAG_COLOURS = {"green": "#009E73", "amber": "#E69F00", "red": "#D55E00"}
RAG_LABELS = {"green": "Green", "amber": "Amber", "red": "Red"}
GREY = "#999999"
# RAG as text (a figure's value, a label) on white, and a badge's pale ground with that text on
# it: each pair at least 5.4:1. Okabe-Ito's own shades are for marks, not text.
RAG_TEXT = {"green": "#006B4E", "amber": "#7A4F00", "red": "#933F00"}
RAG_PALE = {"green": "#D9F2EA", "amber": "#FBECCC", "red": "#F7DCCC"}
NO_VALUE_TEXT = "#595959"  # the "no value" dash and other muted text: 7:1 on white
SMALL_PALE = "#EEEEEE"  # a small group's badge, NO_VALUE_TEXT on it: 6.0:1
# the Inspection page's bands, as text on white (at least 7:1)
BAND_TEXT = {"outstanding": "#006B4E", "good": "#005A9C", "requires_improvement": "#7A4F00", "inadequate": "#933F00"}
# RAG on a trend's markers is a shape as well as a colour (and a word in the hover and legend)
# (oversight.figures.RAG_SHAPES, in Plotly's names: its "cross" is a plus, its "x" the cross)
RAG_SYMBOLS = {level: {"cross": "x"}.get(shape, shape) for level, shape in RAG_SHAPES.items()} | {None: "circle-open"}
# Okabe-Ito less its yellow, which is too faint for a small marker on white
MARKERS = tuple(c for c in OKABE_ITO if c != "#F0E442")
FONT = dict(family="Source Sans Pro, sans-serif", size=13)


def _layout(fig: go.Figure, title: str | None, height: int) -> go.Figure:
    fig.update_layout(
        title=dict(text=title, x=0, font=dict(size=15)) if title else None,
        height=height,
        margin=dict(l=10, r=10, t=40 if title else 10, b=10),
        font=FONT,
        plot_bgcolor="white",
        hoverlabel=dict(bgcolor="white"),
        legend=dict(orientation="h", y=-0.15),
    )
    fig.update_xaxes(showgrid=False, linecolor="#cccccc")
    fig.update_yaxes(gridcolor="#eeeeee")
    return fig


def _target_lines(fig: go.Figure, target: dict[str, float], direction: str, axis: str = "y") -> None:
    sign = "≤" if direction == "lower" else "≥"
    for level, dash in (("green", "dash"), ("amber", "dot")):
        kwargs = dict(
            line=dict(color=RAG_COLOURS[level], dash=dash, width=1.5),
            annotation=dict(text=f"{level} {sign} {target[level]:.0%}", font=dict(size=11, color="#444444")),
        )
        if axis == "y":
            fig.add_hline(y=target[level], annotation_position="top left", **kwargs)
        else:
            fig.add_vline(x=target[level], annotation_position="top", **kwargs)


def trend(
    frame: pl.DataFrame,
    target: dict[str, float],
    direction: str = "higher",
    title: str | None = None,
    height: int = 320,
) -> go.Figure:
    """Rate by month, each point coloured and shaped by its RAG, with the target lines.

    ``frame``: as_of_date, numerator, denominator, value, and from_date where there is one
    (from queries.indicators.summary over month windows). The ticks are the points' own dates,
    labelled by their month: a date axis's own ticks fall on the 1st, so a point dated 31 Oct sat
    beside the "Nov" tick. The hover gives each point's dates. The first trace is the data (clicks
    read its point index); the others are legend entries for the RAG shapes.
    """
    data = frame.sort("as_of_date")
    values = data["value"].to_list()
    ends = data["as_of_date"].to_list()
    starts = data["from_date"].to_list() if "from_date" in data.columns else [None] * len(ends)
    rags = [rag_of(x, target, direction) for x in values]
    spans = [
        f"{e.day} {e:%b %Y}" if s is None else f"{s.day} {s:%b} to {e.day} {e:%b %Y}"
        for s, e in zip(starts, ends, strict=True)
    ]
    fig = go.Figure(
        go.Scatter(
            x=ends,
            y=values,
            mode="lines+markers",
            line=dict(color=OKABE_ITO[4], width=2),
            marker=dict(
                size=10,
                color=[RAG_COLOURS.get(r or "", GREY) for r in rags],
                symbol=[RAG_SYMBOLS.get(r, RAG_SYMBOLS[None]) for r in rags],
                line=dict(color="white", width=1),
            ),
            customdata=list(
                zip(
                    data["numerator"].to_list(),
                    data["denominator"].to_list(),
                    [RAG_LABELS.get(r or "", "no value") for r in rags],
                    spans,
                    strict=True,
                )
            ),
            hovertemplate="%{customdata[3]}<br><b>%{y:.1%}</b> (%{customdata[0]:,} of %{customdata[1]:,})"
            "<br>%{customdata[2]}<extra></extra>",
            connectgaps=False,
            name="rate",
            showlegend=False,
        )
    )
    for level in ("green", "amber", "red"):
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker=dict(size=10, color=RAG_COLOURS[level], symbol=RAG_SYMBOLS[level]),
                name=RAG_LABELS[level],
                hoverinfo="skip",
            )
        )
    _target_lines(fig, target, direction)
    fig.update_yaxes(tickformat=".0%", range=[0, 1.05], title=None)
    # every third month over a long trend, counted back from the last point so that it is labelled
    ticks = ends[::-1][:: 3 if len(ends) > 12 else 1][::-1]
    fig.update_xaxes(title=None, tickmode="array", tickvals=ticks, ticktext=[f"{e:%b %Y}" for e in ticks])
    return _layout(fig, title, height)


def breakdown(
    frame: pl.DataFrame,
    target: dict[str, float],
    direction: str = "higher",
    *,
    small_limit: int,
    title: str | None = None,
) -> go.Figure:
    """One bar per group (rate), RAG-coloured, labelled 'n / d'; small groups hatched and pale.

    ``frame``: group, numerator, denominator, value. Groups with no value show no bar but keep
    their label, so an empty group is seen, not hidden.
    """
    data = frame.sort(["value", "group"], nulls_last=True, descending=[direction == "lower", False])
    groups = data["group"].cast(pl.String).fill_null("unknown").to_list()
    values = data["value"].to_list()
    nums, dens = data["numerator"].to_list(), data["denominator"].to_list()
    small = [is_small(d, small_limit) for d in dens]
    rags = [rag_of(x, target, direction) for x in values]
    labels = [
        f"{'–' if x is None else f'{x:.0%}'}  ({n:,}/{d:,}){' small' if s else ''}"
        for x, n, d, s in zip(values, nums, dens, small, strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            y=groups,
            x=[x if x is not None else 0 for x in values],
            orientation="h",
            marker=dict(
                color=[GREY if s else RAG_COLOURS.get(r or "", GREY) for r, s in zip(rags, small, strict=True)],
                pattern=dict(shape=["/" if s else "" for s in small]),
            ),
            text=labels,
            textposition="outside",
            cliponaxis=False,
            customdata=list(
                zip(
                    nums,
                    dens,
                    [RAG_LABELS.get(r or "", "no value") for r in rags],
                    ["small group: do not judge on this" if s else "" for s in small],
                    strict=True,
                )
            ),
            hovertemplate="<b>%{y}</b><br>%{x:.1%} (%{customdata[0]:,} of %{customdata[1]:,})"
            "<br>%{customdata[2]} %{customdata[3]}<extra></extra>",
        )
    )
    _target_lines(fig, target, direction, axis="x")
    fig.update_xaxes(tickformat=".0%", range=[0, 1.3])
    fig.update_yaxes(autorange="reversed", type="category")
    return _layout(fig, title, max(220, 60 + 28 * len(groups)))


# beyond this many groups the heatmap turns: groups as rows (their names read across), indicators
# as columns, and each cell shows its rate alone (the counts are in its hover and the table)
HEATMAP_MAX_COLUMNS = 12


def _cell_rag(row: dict | None, targets: dict[str, dict[str, float]], directions: dict[str, str], small_limit: int):
    """A cell's RAG, "small" for a small group, None with nothing to count."""
    if row is None or row["value"] is None:
        return None
    if is_small(row["denominator"], small_limit):
        return "small"
    return rag_of(
        row["value"], targets.get(row["indicator"], targets["default"]), directions.get(row["indicator"], "higher")
    )


def heatmap_group_order(
    frame: pl.DataFrame, targets: dict[str, dict[str, float]], directions: dict[str, str], small_limit: int
) -> list[str]:
    """Groups with the most red cells first, then the most amber, then by name: who to look at
    first when there are too many to see at once."""
    tally: dict[str, list[int]] = {}
    for row in frame.iter_rows(named=True):
        group = row["group"] or "unknown"
        counts = tally.setdefault(group, [0, 0])
        rag = _cell_rag(row, targets, directions, small_limit)
        if rag == "red":
            counts[0] += 1
        elif rag == "amber":
            counts[1] += 1
    return sorted(tally, key=lambda g: (-tally[g][0], -tally[g][1], g))


def heatmap(
    frame: pl.DataFrame,
    targets: dict[str, dict[str, float]],
    directions: dict[str, str],
    small_limit: int,
    title: str | None = None,
    group_order: list[str] | None = None,
    groups_as_rows: bool | None = None,
) -> go.Figure:
    """Indicator by group, each cell coloured by its RAG, text the rate (and counts, when there
    is room). A small group's cell is grey with its figure marked ``*`` so no one is judged on a
    handful of cases.

    ``frame``: indicator, group, numerator, denominator, value. ``group_order``: the groups in
    the order to draw (default: by name). ``groups_as_rows``: groups down the side rather than
    across the top; by default when there are more than HEATMAP_MAX_COLUMNS of them.
    """
    indicators = list(dict.fromkeys(frame["indicator"].to_list()))
    groups = group_order or sorted(set(frame["group"].cast(pl.String).fill_null("unknown").to_list()))
    turned = len(groups) > HEATMAP_MAX_COLUMNS if groups_as_rows is None else groups_as_rows
    cells = {(r["indicator"], r["group"] or "unknown"): r for r in frame.iter_rows(named=True)}
    score = {"red": 0, "amber": 1, "green": 2, "small": 3}
    z, text, hover = [], [], []
    for i in indicators:
        zr, tr, hr = [], [], []
        for g in groups:
            row = cells.get((i, g))
            rag = _cell_rag(row, targets, directions, small_limit)
            if rag is None:
                zr.append(None)
                tr.append("")
                hr.append(f"{i} · {g}: nothing to count")
                continue
            small = rag == "small"
            real = rag_of(row["value"], targets.get(i, targets["default"]), directions.get(i, "higher"))
            zr.append(score[rag])
            rate = f"{row['value']:.0%}{'*' if small else ''}"
            tr.append(rate if turned else f"{rate}<br>{row['numerator']}/{row['denominator']}")
            hr.append(
                f"{i} · {g}: {row['value']:.1%} ({row['numerator']:,} of {row['denominator']:,}), "
                f"{RAG_LABELS[real]}{'; small group' if small else ''}"
            )
        z.append(zr)
        text.append(tr)
        hover.append(hr)
    if turned:  # one row per group
        z, text, hover = (list(map(list, zip(*m, strict=True))) for m in (z, text, hover))
        xs, ys = indicators, groups
    else:
        xs, ys = groups, indicators
    colours = [RAG_COLOURS["red"], RAG_COLOURS["amber"], RAG_COLOURS["green"], "#dddddd"]
    scale = []
    for k, c in enumerate(colours):
        scale += [[k / 4, c], [(k + 1) / 4, c]]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=xs,
            y=ys,
            text=text,
            texttemplate="%{text}",
            textfont=dict(size=11),
            hoverinfo="skip",
            colorscale=scale,
            zmin=0,
            zmax=4,
            showscale=False,
            xgap=2,
            ygap=2,
        )
    )
    # Heatmap cells cannot be selected; an invisible marker on each cell with a figure can, so a
    # click on a cell leads to the list behind it (and carries the hover text).
    cells_x = [x for row in z for x, zz in zip(xs, row, strict=True) if zz is not None]
    cells_y = [y for y, row in zip(ys, z, strict=True) for zz in row if zz is not None]
    cells_hover = [h for hr, row in zip(hover, z, strict=True) for h, zz in zip(hr, row, strict=True) if zz is not None]
    fig.add_trace(
        go.Scatter(
            x=cells_x,
            y=cells_y,
            mode="markers",
            # transparent by colour, not opacity: Plotly's click selection works through opacity
            marker=dict(symbol="square", size=24 if turned else 30, color="rgba(0,0,0,0)"),
            selected=dict(marker=dict(color="rgba(0,0,0,0)")),
            unselected=dict(marker=dict(color="rgba(0,0,0,0)")),
            hovertext=cells_hover,
            hovertemplate="%{hovertext}<br>click for the list<extra></extra>",
            showlegend=False,
        )
    )
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(side="top", type="category", tickangle=0 if turned else -30)
    rows = len(groups) if turned else len(indicators)
    fig = _layout(fig, title, max(260, 90 + (30 if turned else 44) * rows))
    fig.update_layout(plot_bgcolor="#f7f7f7")
    return fig


LANE_ORDER = (
    "case",
    "assessment",
    "countersignature",
    "management: oversight",
    "management: supervision",
    "management: decision",
    "management: panel",
    "management: audit",
    "panel",
    "event",
    "action",
    "contact",
)


def timeline(frame: pl.DataFrame, as_of: dt.date | None = None, height: int = 420) -> go.Figure:
    """One case's journey: a lane per kind of happening, a marker per dated row.

    ``frame``: event_date, lane, what, detail, rating, staff_name (queries.explorer.timeline).
    """
    lanes = [lane for lane in LANE_ORDER if lane in set(frame["lane"].to_list())]
    lanes += sorted(set(frame["lane"].to_list()) - set(lanes))
    fig = go.Figure()
    symbols = ("circle", "diamond", "square", "triangle-up", "star", "x", "cross", "hexagon")
    for k, lane in enumerate(lanes):
        part = frame.filter(pl.col("lane") == lane)
        fig.add_trace(
            go.Scatter(
                x=part["event_date"].to_list(),
                y=[lane] * part.height,
                mode="markers",
                name=lane,
                marker=dict(
                    size=11,
                    color=MARKERS[k % len(MARKERS)],
                    symbol=symbols[k % len(symbols)],
                    line=dict(color="white", width=1),
                ),
                customdata=list(
                    zip(
                        part["what"].to_list(),
                        part["detail"].fill_null("").to_list(),
                        part["rating"].fill_null("").to_list(),
                        part["staff_name"].fill_null("").to_list(),
                        strict=True,
                    )
                ),
                hovertemplate="%{x|%d %b %Y}<br><b>%{customdata[0]}</b><br>%{customdata[1]}"
                "<br>%{customdata[2]}<br>%{customdata[3]}<extra></extra>",
            )
        )
    if as_of is not None:
        # a vline on a date axis takes epoch milliseconds (a date object breaks its annotation)
        fig.add_vline(
            x=dt.datetime.combine(as_of, dt.time()).timestamp() * 1000,
            line=dict(color="#444444", dash="dot"),
            annotation=dict(text="D", font=dict(size=11)),
        )
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=lanes[::-1], title=None)
    fig.update_xaxes(title=None, tickformat="%b %Y")
    fig = _layout(fig, None, max(height, 60 + 34 * len(lanes)))
    fig.update_layout(showlegend=False)
    return fig


def bars(frame: pl.DataFrame, x: str, y: str, title: str | None = None, colour: str = OKABE_ITO[4]) -> go.Figure:
    """A plain count bar chart (bands, counts) with the count on each bar."""
    fig = go.Figure(
        go.Bar(
            x=frame[x].cast(pl.String).to_list(),
            y=frame[y].to_list(),
            marker_color=colour,
            text=frame[y].to_list(),
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: %{y:,}<extra></extra>",
        )
    )
    fig.update_xaxes(type="category")
    return _layout(fig, title, 280)
