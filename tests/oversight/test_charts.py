"""The chart functions: RAG colours, counts in hover, target lines, small groups marked."""

from __future__ import annotations

import datetime as dt

import polars as pl

from oversight import charts

TARGET = {"green": 0.9, "amber": 0.75}


def test_rag_boundaries_both_directions():
    # at the target is green (or better than it); a target reads "at or better than"
    assert charts.rag_of(0.9, TARGET) == "green"
    assert charts.rag_of(0.8999, TARGET) == "amber"
    assert charts.rag_of(0.75, TARGET) == "amber"
    assert charts.rag_of(0.7499, TARGET) == "red"
    assert charts.rag_of(None, TARGET) is None
    low = {"green": 0.10, "amber": 0.25}
    assert charts.rag_of(0.10, low, "lower") == "green"
    assert charts.rag_of(0.25, low, "lower") == "amber"
    assert charts.rag_of(0.26, low, "lower") == "red"


def test_trend_colours_points_by_rag_and_draws_both_target_lines():
    frame = pl.DataFrame(
        {
            "as_of_date": [dt.date(2026, 1, 31), dt.date(2026, 2, 28), dt.date(2026, 3, 31)],
            "numerator": [9, 8, 0],
            "denominator": [10, 10, 0],
            "value": [0.9, 0.8, None],
        }
    )
    fig = charts.trend(frame, TARGET)
    trace = fig.data[0]
    assert list(trace.marker.color) == [charts.RAG_COLOURS["green"], charts.RAG_COLOURS["amber"], charts.GREY]
    # the counts behind each rate are in the hover
    assert [tuple(c[:2]) for c in trace.customdata] == [(9, 10), (8, 10), (0, 0)]
    assert "%{customdata[0]:,} of %{customdata[1]:,}" in trace.hovertemplate
    lines = sorted(s.y0 for s in fig.layout.shapes)
    assert lines == [0.75, 0.9]


def test_trend_points_sit_on_their_own_month_and_say_rag_by_shape():
    frame = pl.DataFrame(
        {
            "as_of_date": [dt.date(2026, 10, 31), dt.date(2026, 11, 24)],
            "from_date": [dt.date(2026, 10, 1), dt.date(2026, 11, 1)],
            "numerator": [9, 1],
            "denominator": [10, 2],
            "value": [0.9, 0.5],
        }
    )
    fig = charts.trend(frame, TARGET)
    trace = fig.data[0]
    # each point on a tick of its own, labelled by its month: 31 Oct is "Oct 2026", not by "Nov"
    assert list(fig.layout.xaxis.tickvals) == list(trace.x) == [dt.date(2026, 10, 31), dt.date(2026, 11, 24)]
    assert list(fig.layout.xaxis.ticktext) == ["Oct 2026", "Nov 2026"]
    # the exact dates are in the hover
    assert [c[3] for c in trace.customdata] == ["1 Oct to 31 Oct 2026", "1 Nov to 24 Nov 2026"]
    assert "%{customdata[3]}" in trace.hovertemplate
    # green a circle, red a cross: not colour alone; and a legend names each shape
    assert list(trace.marker.symbol) == [charts.RAG_SYMBOLS["green"], charts.RAG_SYMBOLS["red"]]
    assert len(set(charts.RAG_SYMBOLS.values())) == len(charts.RAG_SYMBOLS)
    legend = [(t.name, t.marker.symbol) for t in fig.data[1:] if t.showlegend is not False]
    assert legend == [("Green", "circle"), ("Amber", "diamond"), ("Red", "x")]


def _contrast(a: str, b: str) -> float:
    def lum(h: str) -> float:
        rgb = [int(h.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_text_colours_meet_wcag_aa_contrast():
    # WCAG 2.1 AA: 4.5:1 for text. Okabe-Ito amber as text on white is 2.25:1, which is why
    # text takes the darker shades
    assert _contrast(charts.RAG_COLOURS["amber"], "#FFFFFF") < 4.5
    for rag in ("green", "amber", "red"):
        assert _contrast(charts.RAG_TEXT[rag], "#FFFFFF") >= 4.5
        assert _contrast(charts.RAG_TEXT[rag], charts.RAG_PALE[rag]) >= 4.5
        assert _contrast("#111111", charts.RAG_PALE[rag]) >= 4.5  # the overview's RAG cells
    for colour in (*charts.BAND_TEXT.values(), charts.NO_VALUE_TEXT):
        assert _contrast(colour, "#FFFFFF") >= 4.5
    assert _contrast(charts.NO_VALUE_TEXT, charts.SMALL_PALE) >= 4.5


def test_breakdown_marks_small_groups_grey_and_hatched():
    frame = pl.DataFrame(
        {"group": ["Court", "Prevention"], "numerator": [18, 1], "denominator": [20, 4], "value": [0.9, 0.25]}
    )
    fig = charts.breakdown(frame, TARGET, small_limit=5)
    bar = fig.data[0]
    # worst first (top of the chart), where a manager's eye starts
    assert list(bar.y) == ["Prevention", "Court"]
    # Prevention has 4 items, under the limit of 5: grey, hatched, labelled small
    assert list(bar.marker.color) == [charts.GREY, charts.RAG_COLOURS["green"]]
    assert list(bar.marker.pattern.shape) == ["/", ""]
    assert bar.text[0] == "25%  (1/4) small"
    assert bar.text[1] == "90%  (18/20)"


def test_heatmap_scores_cells_and_greys_small_ones():
    frame = pl.DataFrame(
        {
            "indicator": ["FP1", "FP1", "RC4"],
            "group": ["A", "B", "A"],
            "numerator": [9, 1, 3],
            "denominator": [10, 2, 10],
            "value": [0.9, 0.5, 0.3],
        }
    )
    fig = charts.heatmap(frame, {"default": TARGET, "RC4": {"green": 0.05, "amber": 0.15}}, {"RC4": "lower"}, 5)
    heat = fig.data[0]
    # FP1/A green (2), FP1/B small (3, grey), RC4/A 30 % flagged where lower is better: red (0)
    assert [list(r) for r in heat.z] == [[2, 3], [0, None]]
    assert heat.text[0][1] == "50%*<br>1/2"
    assert heat.text[1][1] == ""


def test_timeline_one_trace_per_lane_in_a_fixed_order():
    frame = pl.DataFrame(
        {
            "event_date": [dt.date(2026, 1, 1), dt.date(2026, 1, 5), dt.date(2026, 2, 1)],
            "lane": ["event", "case", "management: oversight"],
            "what": ["arrest", "case started", "Management Oversight"],
            "detail": [None, "yro", "recorded"],
            "rating": [None, None, None],
            "staff_name": [None, None, "Staff tm1"],
        }
    )
    fig = charts.timeline(frame, dt.date(2026, 3, 31))
    assert [t.name for t in fig.data] == ["case", "management: oversight", "event"]
    assert fig.data[1].customdata[0][3] == "Staff tm1"
    # the palette is Okabe-Ito throughout
    assert {t.marker.color for t in fig.data} <= set(charts.OKABE_ITO)


def _staff_grid(n: int) -> pl.DataFrame:
    """n case managers by two indicators: s000 all red, s001 one red, s002 one amber, the rest green."""
    rows = []
    for k in range(n):
        for ind in ("FP1", "FP2"):
            value = 0.95
            if k == 0 or (k == 1 and ind == "FP1"):
                value = 0.5
            elif k == 2 and ind == "FP2":
                value = 0.8
            rows.append({"indicator": ind, "group": f"s{k:03}", "numerator": round(value * 10), "denominator": 10,
                         "value": value})  # fmt: skip
    return pl.DataFrame(rows)


def test_a_heatmap_of_many_groups_turns_them_into_rows_with_rates_alone():
    frame = _staff_grid(100)
    heat = charts.heatmap(frame, {"default": TARGET}, {}, 5).data[0]
    # 100 groups down the side, the two indicators across the top: every name reads across
    assert list(heat.y) == [f"s{k:03}" for k in range(100)] and list(heat.x) == ["FP1", "FP2"]
    assert list(heat.text[0]) == ["50%", "50%"]  # no counts crowding the cell (they are in the hover)
    assert list(heat.z[2]) == [2, 1]  # s002: FP1 green, FP2 amber
    few = charts.heatmap(_staff_grid(3), {"default": TARGET}, {}, 5).data[0]
    assert list(few.x) == ["s000", "s001", "s002"] and few.text[0][0] == "50%<br>5/10"


def test_heatmap_group_order_puts_the_most_red_first_then_amber_then_names():
    order = charts.heatmap_group_order(_staff_grid(5), {"default": TARGET}, {}, 5)
    assert order == ["s000", "s001", "s002", "s003", "s004"]
    reversed_names = _staff_grid(5).with_columns(pl.col("group").replace({"s000": "z", "s003": "a"}))
    assert charts.heatmap_group_order(reversed_names, {"default": TARGET}, {}, 5) == ["z", "s001", "s002", "a", "s004"]
