"""The pack's PDF report (fpdf2), its trend charts drawn in the PDF itself: a PackData laid out.

Sections: headline figures with RAG; trends as charts (one per indicator family, RAG by marker
shape); the teams side by side with RAG; the case judgement summary and the
audit sample; the definitions, policy values and sources. Every page carries the as-of date,
the data's source and, for synthetic data, a banner saying so in its header and footer.
"""

from __future__ import annotations

import logging
import math
from pathlib import Path
from typing import Any

import polars as pl
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from oversight import figures, sample
from oversight.families import FAMILIES
from oversight.figures import RAG_SHAPES
from oversight.pack.build import (
    BAND_NOTE,
    NO_RAG,
    NOT_LOADED,
    QUESTIONS,
    REASON_QUESTION,
    REASON_TEXT,
    PackData,
    reason_counts,
    switched_off_text,
)
from queries import indicators
from queries.judgement import bands_text

log = logging.getLogger("oversight.pack.pdf")
JG1_SWITCHED_OFF = (
    "The case judgement (JG1) is switched off by local policy (switched_off_indicators): no case is judged, "
    "so there is no band and no agreement with auditors in this pack."
)
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
RAG_FILL = {
    "green": (198, 239, 206),
    "amber": (255, 235, 156),
    "red": (255, 199, 206),
    NO_RAG: (235, 235, 235),
    NOT_LOADED: (235, 235, 235),
}
HEAD_FILL = (31, 56, 100)
SECTION = FontFace(emphasis="BOLD", fill_color=(220, 228, 240))
SYNTHETIC_FILL = (192, 0, 0)
SYNTHETIC_TEXT = "SYNTHETIC DATA: made up for demonstration, not real children"
TEAM_COLUMNS_PER_TABLE = 5
CHART_COLOURS = ("#1f3864", "#c55a11", "#548235", "#7030a0", "#2e75b6", "#bf9000")


# Charts ------------------------------------------------------------------------------------
# Drawn with the PDF's own lines and shapes, not as images: a pack no longer waits seconds for a
# browser to start and render, the labels are real text, and each point sits on its own month.

# RAG is carried by the marker's shape as well as words in the key, never by colour alone:
# the line's colour says which indicator, the shape how the point stands against its targets.
# the shapes are the dashboard's (oversight.figures.RAG_SHAPES), so a trend reads alike on both;
# "worse than", not "below": for DR1 and RC4 a lower rate is the better one
RAG_KEY = {
    "green": "green: at or better than the green target",
    "amber": "amber: at or better than the amber target",
    "red": "red: worse than the amber target",
}
PLOT_HEIGHT = 48  # mm
PLOT_LEFT = 11  # room for "100%"
PLOT_RIGHT = 11  # room for the indicator ids at the lines' ends


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def month_label(day: Any) -> str:
    """A trend point's tick: its own month ("Oct 2026" for 31 October), never the next one's."""
    return f"{day:%b %Y}"


def marker(pdf: FPDF, x: float, y: float, shape: str, size: float = 1.05) -> None:
    """A filled marker centred on (x, y) in the current fill colour, outlined in the draw colour."""
    if shape == "circle":
        pdf.circle(x, y, size, style="DF")
    elif shape == "diamond":
        r = size * 1.35
        pdf.polygon([(x, y - r), (x + r, y), (x, y + r), (x - r, y)], style="DF")
    else:  # a cross, as the dashboard's "x": a plus of two bars turned by 45 degrees
        r, w = size * 1.3, size * 0.42
        plus = [(-w, -r), (w, -r), (w, -w), (r, -w), (r, w), (w, w),
                (w, r), (-w, r), (-w, w), (-r, w), (-r, -w), (-w, -w)]  # fmt: skip
        turn = math.sqrt(0.5)
        pdf.polygon([(x + (a - b) * turn, y + (a + b) * turn) for a, b in plus], style="DF")


def point_shape(value: float, indicator_id: str, direction: str, policy: Any) -> str:
    """The marker of one trend point: its RAG (oversight.figures) as a shape (:data:`RAG_SHAPES`)."""
    return RAG_SHAPES.get(figures.indicator_rag(value, indicator_id, direction, policy) or "", "circle")


def chart_height(series: int) -> float:
    """The height in mm that :func:`trend_chart` takes for this many lines."""
    return 6 + PLOT_HEIGHT + 7 + 4.2 * ((series + 1) // 2) + 5


def trend_chart(
    pdf: PackPDF,
    trends: pl.DataFrame,
    ids: list[str],
    titles: dict[str, str],
    title: str,
    directions: dict[str, str],
    bands: dict[str, float] | None = None,
) -> None:
    """Month-by-month share (0-100 %) for each indicator in ``ids``, drawn at the current
    position: one line per indicator (colour and the id at its end), one marker per month whose
    shape is the point's RAG (:data:`RAG_SHAPES`), a key of both below. A month without a value
    (nothing to count, or hidden by suppression) leaves a gap, never a 0 %. ``bands``
    (name -> lower bound) draws JG1's band thresholds as dotted lines.

    ``trends``: indicator, as_of_date, value; ``directions``: id -> "higher" or "lower"."""
    d = pdf.data
    rows = trends.filter(pl.col("indicator").is_in(ids))
    months = sorted(set(rows["as_of_date"]))
    x0, y0 = pdf.l_margin, pdf.get_y()
    left, right = x0 + PLOT_LEFT, x0 + pdf.epw - PLOT_RIGHT
    bottom = y0 + 6 + PLOT_HEIGHT
    step = (right - left) / max(len(months) - 1, 1)
    at = {m: left + i * step for i, m in enumerate(months)}

    def y_of(value: float) -> float:
        return bottom - PLOT_HEIGHT * value

    pdf.set_font(pdf.family, "B", 9.5)
    pdf.set_text_color(*HEAD_FILL)
    pdf.text(x0, y0 + 3.5, pdf.text_safe(title))
    pdf.set_font(pdf.family, "", 6.5)
    pdf.set_text_color(90, 90, 90)
    pdf.text(
        right - pdf.get_string_width("% of items met, by month end (D)"), y0 + 3.5, "% of items met, by month end (D)"
    )
    # grid and axes
    pdf.set_line_width(0.15)
    for share in (0, 0.25, 0.5, 0.75, 1):
        pdf.set_draw_color(*((150, 150, 150) if share == 0 else (225, 225, 225)))
        pdf.line(left, y_of(share), right, y_of(share))
        label = f"{share:.0%}"
        pdf.text(left - 1.5 - pdf.get_string_width(label), y_of(share) + 0.9, label)
    for m, x in at.items():
        label = month_label(m)
        pdf.text(x - pdf.get_string_width(label) / 2, bottom + 3.6, label)
    for name, bound in (bands or {}).items():
        pdf.set_draw_color(120, 120, 120)
        with pdf.local_context():
            pdf.set_dash_pattern(dash=0.8, gap=0.8)
            pdf.line(left, y_of(bound), right, y_of(bound))
        pdf.text(left + 1, y_of(bound) - 0.8, pdf.text_safe(f"{name.replace('_', ' ')} from {bound:.0%}"))

    ends: list[tuple[float, str, tuple[int, int, int]]] = []
    for i, ind in enumerate(ids):
        colour = _rgb(CHART_COLOURS[i % len(CHART_COLOURS)])
        points = [
            (at[r["as_of_date"]], r["value"])
            for r in rows.filter(pl.col("indicator") == ind).sort("as_of_date").iter_rows(named=True)
        ]
        pdf.set_draw_color(*colour)
        pdf.set_line_width(0.5)
        run: list[tuple[float, float]] = []
        for x, value in [*points, (None, None)]:  # a month without a value ends a run of line
            if value is None:
                if len(run) > 1:
                    pdf.polyline(run)
                run = []
            else:
                run.append((x, y_of(value)))
        pdf.set_line_width(0.2)
        pdf.set_draw_color(255, 255, 255)
        pdf.set_fill_color(*colour)
        for x, value in points:
            if value is not None:
                marker(pdf, x, y_of(value), point_shape(value, ind, directions.get(ind, "higher"), d.policy))
        shown = [(x, v) for x, v in points if v is not None]
        if shown:
            ends.append((y_of(shown[-1][1]), ind, colour))
    # each line's id at its end, nudged apart where lines end close together
    pdf.set_font(pdf.family, "B", 6.5)
    placed: list[float] = []
    for y, ind, colour in sorted(ends):
        y = max(y, placed[-1] + 2.6) if placed else y
        placed.append(y)
        pdf.set_text_color(*colour)
        pdf.text(right + 1.5, y + 0.9, ind)

    # the key: which line is which indicator, then what each marker shape means
    pdf.set_font(pdf.family, "", 6.8)
    key_y = bottom + 8
    half = (pdf.epw - 4) / 2
    for i, ind in enumerate(ids):
        colour = _rgb(CHART_COLOURS[i % len(CHART_COLOURS)])
        kx, ky = x0 + (i % 2) * half, key_y + (i // 2) * 4.2
        pdf.set_draw_color(*colour)
        pdf.set_line_width(0.5)
        pdf.line(kx, ky, kx + 6, ky)
        pdf.set_text_color(0, 0, 0)
        lower = " (lower is better)" if directions.get(ind) == "lower" else ""
        text = pdf.text_safe(f"{ind} {titles.get(ind, '')}")
        while pdf.get_string_width(text + lower) > half - 9 and len(text) > 10:
            text = text[:-2].rstrip() + "…" if pdf.family == "DejaVu" else text[:-4].rstrip() + "..."
        pdf.text(kx + 7.5, ky + 1, text + lower)
    shapes_y = key_y + 4.2 * ((len(ids) + 1) // 2) + 0.5
    kx = x0
    pdf.set_line_width(0.2)
    pdf.set_draw_color(60, 60, 60)
    pdf.set_fill_color(255, 255, 255)
    pdf.set_text_color(60, 60, 60)
    pdf.text(kx, shapes_y + 1, "Marker shape:")
    kx += pdf.get_string_width("Marker shape:") + 3
    for level, shape in RAG_SHAPES.items():
        marker(pdf, kx, shapes_y, shape)
        pdf.text(kx + 2.2, shapes_y + 1, RAG_KEY[level])
        kx += 2.2 + pdf.get_string_width(RAG_KEY[level]) + 5
    pdf.set_text_color(0, 0, 0)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.2)
    pdf.set_xy(x0, y0 + chart_height(len(ids)))


# Formatting: the rules are oversight.figures'; these read the pack's policy -----------------


def count_text(n: Any, data: PackData) -> str:
    return figures.count_text(n, data.policy)


def rate_text(numerator: Any, denominator: Any, value: Any, data: PackData) -> str:
    """ "83.3% (25/30)"; "no items" where the denominator is 0; "c" when suppressed."""
    return figures.rate_text(numerator, denominator, value, data.policy)


# The document ------------------------------------------------------------------------------


class PackPDF(FPDF):
    heading = "Management oversight self-assessment"  # each page's running head (supervision sheets set theirs)

    def __init__(self, data: PackData) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.data = data
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(14, 22, 14)
        self.alias_nb_pages()
        self.family = "Helvetica"
        if (FONT_DIR / "DejaVuSans.ttf").exists():
            self.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
            self.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
            self.add_font("DejaVu", "I", str(FONT_DIR / "DejaVuSans-Oblique.ttf"))
            self.family = "DejaVu"
        self.set_title(f"Management oversight self-assessment, D = {data.window.as_of:%Y-%m-%d}")
        self.set_creator("Oversight")

    def text_safe(self, text: str) -> str:
        """Core fonts hold Latin-1 only; with DejaVu missing, other characters are replaced."""
        if self.family == "DejaVu":
            return text
        return (
            text.replace("\u2264", "<=")
            .replace("\u2265", ">=")
            .replace("\u2212", "-")
            .encode("latin-1", "replace")
            .decode("latin-1")
        )

    def header(self) -> None:
        d = self.data
        if d.synthetic:
            self.set_fill_color(*SYNTHETIC_FILL)
            self.set_text_color(255, 255, 255)
            self.set_font(self.family, "B", 9)
            self.set_xy(0, 0)
            self.cell(self.w, 7, SYNTHETIC_TEXT, align="C", fill=True)
        self.set_text_color(90, 90, 90)
        self.set_font(self.family, "", 8)
        self.set_xy(self.l_margin, 9)
        self.cell(self.epw / 2, 5, self.heading, new_x=XPos.RIGHT, new_y=YPos.TOP)
        self.cell(
            self.epw / 2,
            5,
            f"As of {d.window.as_of:%d %B %Y} (period {d.window.start:%Y-%m-%d} to {d.window.as_of:%Y-%m-%d})",
            align="R",
        )
        self.set_draw_color(200, 200, 200)
        self.line(self.l_margin, 15, self.w - self.r_margin, 15)
        self.set_text_color(0, 0, 0)
        self.set_y(self.t_margin)

    def footer(self) -> None:
        d = self.data
        self.set_y(-14)
        self.set_font(self.family, "", 7)
        self.set_text_color(90, 90, 90)
        label = "SYNTHETIC DATA. " if d.synthetic else ""
        self.cell(
            self.epw * 0.8,
            4,
            self.text_safe(
                f"{label}Source: {d.source}; loaded {d.meta.get('load_date', '?')}; policy {d.policy.label}"
            )[:150],
        )
        self.cell(self.epw * 0.2, 4, f"Page {self.page_no()} of {{nb}}", align="R")
        self.set_text_color(0, 0, 0)

    # building blocks

    def h1(self, text: str) -> None:
        self.set_font(self.family, "B", 15)
        self.set_text_color(*HEAD_FILL)
        self.multi_cell(0, 8, self.text_safe(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0, 0, 0)
        self.ln(1)

    def h2(self, text: str) -> None:
        if self.get_y() > self.h - 50:
            self.add_page()
        self.set_font(self.family, "B", 11)
        self.set_text_color(*HEAD_FILL)
        self.multi_cell(0, 6, self.text_safe(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0, 0, 0)
        self.ln(0.5)

    def para(self, text: str, size: float = 9, style: str = "") -> None:
        self.set_font(self.family, style, size)
        self.multi_cell(0, size * 0.5, self.text_safe(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def grid(
        self,
        header: list[str],
        rows: list[list[str]],
        widths: tuple[float, ...],
        fills: list[dict[int, tuple[int, int, int]]] | None = None,
        size: float = 7.5,
        align: str = "LEFT",
    ) -> None:
        self.set_font(self.family, "", size)
        heading = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=HEAD_FILL)
        with self.table(
            col_widths=widths,
            # widths that divide the page exactly can add up a hair over it in floating point
            width=min(sum(widths), self.epw),
            align="LEFT",
            text_align=align,
            headings_style=heading,
            line_height=size * 0.55,
            padding=0.8,
            borders_layout="HORIZONTAL_LINES",
        ) as table:
            head = table.row()
            for text in header:
                head.cell(self.text_safe(text))
            for i, values in enumerate(rows):
                row = table.row()
                if len(values) == 1:  # a section heading across the whole table
                    row.cell(self.text_safe(values[0]), colspan=len(header), style=SECTION)
                    continue
                fill = (fills or [{}] * len(rows))[i]
                for j, text in enumerate(values):
                    style = FontFace(fill_color=fill[j]) if j in fill else None
                    row.cell(self.text_safe(str(text)), style=style)
        self.ln(2)


def _headline_page(pdf: PackPDF) -> None:
    d = pdf.data
    pdf.add_page()
    pdf.h1("Management oversight self-assessment")
    pdf.para(
        f"As of {d.window.as_of:%d %B %Y} (D). Period: the {(d.window.as_of - d.window.start).days + 1} days "
        f"from {d.window.start:%d %B %Y} to D. Data: {d.source}, loaded {d.meta.get('load_date', '?')}. "
        f"Policy: {d.policy.label}. Every figure is numerator / denominator for that date; a blank "
        "denominator means the table it needs was not loaded, never 0 %."
        + (f" Small numbers (1 to {d.policy.values['suppression_max']}) are shown as c." if d.suppressing else ""),
    )
    if d.synthetic:
        pdf.para(f"{SYNTHETIC_TEXT}.", style="B")
    off = switched_off_text(d)
    if off:
        pdf.para(off, style="B")

    j = d.jg1
    pdf.h2("Case judgement (JG1)")
    if j.get("switched_off"):
        pdf.para(JG1_SWITCHED_OFF, size=10, style="B")
    elif j.get("value") is not None:
        shown = rate_text(j["numerator"], j["denominator"], j["value"], d)
        band = figures.SUPPRESSED if shown == figures.SUPPRESSED else str(j["band"]).replace("_", " ")
        pdf.para(
            f"Cases judged sufficient: {shown}. "
            f"Band: {band} ({bands_text(d.policy)}). "
            f"{count_text(j['insufficient'], d)} insufficient; {count_text(j['not_yet'], d)} open under "
            f"{d.policy.values['judgement_min_open_days']} days not yet judged.",
            size=10,
            style="B",
        )
    else:
        pdf.para("No case could be judged on this date.", size=10, style="B")
    pdf.para(BAND_NOTE, size=8, style="I")

    pdf.h2("Headline figures")
    rows, fills = [], []
    for family in FAMILIES.values():
        part = d.headline.filter(pl.col("family") == family.name)
        if not part.height:
            continue
        rows.append([family.heading])
        fills.append({})
        for r in part.iter_rows(named=True):
            target = (
                f"<= {r['target_green']:.0%} / {r['target_amber']:.0%}"
                if r["direction"].startswith("lower")
                else f">= {r['target_green']:.0%} / {r['target_amber']:.0%}"
            )
            rag = r["rag"]
            shown = rate_text(r["numerator"], r["denominator"], r["value"], d)
            if shown == figures.SUPPRESSED:
                rag = NO_RAG
            rows.append([r["indicator"], r["title"], shown, target, rag])
            fills.append({4: RAG_FILL.get(rag, RAG_FILL[NO_RAG])})
    pdf.grid(["ID", "Indicator", "Met (numerator/denominator)", "Target green / amber", "RAG"], rows,
             (12, 90, 40, 26, 14), fills)  # fmt: skip
    pdf.para(
        "RAG compares each value with the policy's targets (green at or better than the first, amber "
        "at or better than the second). RC4 and DR1 are shares flagged: lower is better.",
        size=7.5,
        style="I",
    )


def _trend_pages(pdf: PackPDF) -> None:
    d = pdf.data
    if not d.trends.height:
        return
    pdf.add_page()
    pdf.h1("Trends, month by month")
    pdf.para(
        "Each point is one month end taken as D with that month as the period (the latest point is D). "
        "The workbook's Trends sheet gives every point's numerator and denominator."
    )
    titles = dict(zip(d.headline["indicator"], d.headline["title"], strict=True))
    # a plotted share would give back a suppressed count; only well-populated points are drawn
    trends = figures.hide_suppressed_rates(d.trends, d.policy)
    for family in FAMILIES.values():
        ids = [i for i in d.headline.filter(pl.col("family") == family.name)["indicator"]
               if i in set(d.trends["indicator"])]  # fmt: skip
        if not ids:
            continue
        title = family.heading
        bands = d.jg1.get("bands") if family.name == "judgement" else None
        directions = {i: indicators.catalogue()[i].direction for i in ids}
        if pdf.get_y() + chart_height(len(ids)) > pdf.h - 18:
            pdf.add_page()
        trend_chart(pdf, trends, ids, titles, title, directions, bands=bands)
        pdf.ln(3)


def _teams_page(pdf: PackPDF) -> None:
    d = pdf.data
    frames = [f.filter(pl.col("breakdown") == "team") for f in d.breakdowns.values()]
    teams_rows = pl.concat(frames) if frames else pl.DataFrame()
    if not teams_rows.height:
        return
    teams = sorted(set(teams_rows["group"]))
    pdf.add_page(orientation="L")
    pdf.h1("Teams side by side")
    small = figures.small_group_limit(d.policy)
    pdf.para(
        f"Each cell: share met (numerator/denominator) for the team's items on D, then its RAG against the "
        f"indicator's targets (in words; the shading repeats it). * marks a team with fewer than {small} items in "
        "the denominator (small_group_cases): read it with care, no one is judged on a handful, so it has no RAG."
    )
    directions = {i: ind.direction for i, ind in indicators.catalogue().items()}
    ids = [i for i in d.headline["indicator"] if i in set(teams_rows["indicator"])]
    titles = dict(zip(d.headline["indicator"], d.headline["title"], strict=True))
    for start in range(0, len(teams), TEAM_COLUMNS_PER_TABLE):
        chunk = teams[start : start + TEAM_COLUMNS_PER_TABLE]
        rows, fills = [], []
        for ind in ids:
            cells, fill = [ind, titles[ind]], {}
            for team in chunk:
                hit = teams_rows.filter((pl.col("indicator") == ind) & (pl.col("group") == team))
                if not hit.height:
                    cells.append("no items")
                    continue
                r = hit.row(0, named=True)
                text = rate_text(r["numerator"], r["denominator"], r["value"], d)
                if text in (figures.SUPPRESSED, "no items"):
                    cells.append(text)
                elif r["small_group"]:
                    cells.append(f"{text} *")
                else:
                    level = figures.indicator_rag(r["value"], ind, directions[ind], d.policy)
                    cells.append(f"{text} {level}" if level else text)
                    if level:
                        fill[len(cells) - 1] = RAG_FILL[level]
            rows.append(cells)
            fills.append(fill)
        team_w = (pdf.epw - 12 - 70) / len(chunk)
        pdf.grid(["ID", "Indicator", *chunk], rows, (12, 70, *([team_w] * len(chunk))), fills, size=7)


def _judgement_pages(pdf: PackPDF) -> None:
    d = pdf.data
    j = d.jg1
    pdf.add_page()
    pdf.h1("Case judgements")
    if j.get("switched_off"):
        # no judgement, no band and no agreement with auditors: the policy says it does not apply
        pdf.para(JG1_SWITCHED_OFF)
        _sample_section(pdf)
        return
    pdf.para(
        f"Each case open on D for at least {d.policy.values['judgement_min_open_days']} days, and each case "
        f"closed in the period, is judged sufficient or insufficient over its review window "
        f"({d.policy.values['review_window_days']} days ending on D or on its end date) by nine checks "
        "following the inspectorate's three questions."
    )
    pdf.grid(
        ["Judgement", "Cases"],
        [
            ["Sufficient", count_text(j.get("sufficient"), d)],
            ["Insufficient", count_text(j.get("insufficient"), d)],
            ["Not yet (open too briefly to judge)", count_text(j.get("not_yet"), d)],
            ["Share sufficient (JG1)", rate_text(j.get("numerator"), j.get("denominator"), j.get("value"), d)],
            ["Band", str(j.get("band") or "-").replace("_", " ")],
        ],
        (90, 50),
        size=8.5,
    )
    pdf.h2("Why cases were judged insufficient, by the inspectorate's three questions")
    counts = reason_counts(d.reasons)
    if j.get("denominator") is None:
        needs = d.headline.filter(pl.col("indicator") == "JG1")["requires"].to_list()
        pdf.para(f"Not loaded: the case judgement needs {', '.join(needs) or 'tables not'} loaded to judge a case.")
    elif not counts.height:
        pdf.para("No case was judged insufficient.")
    else:
        pdf.para(
            "A case counts once for each reason it has; a case may have several. Critical: a failure serious "
            "enough on its own (see Definitions).",
            size=8,
        )
        rows, fills = [], []
        for question, text in QUESTIONS.items():
            part = counts.filter(pl.col("question") == question)
            rows.append([text])
            fills.append({})
            if not part.height:
                rows.append(["  (no case failed on this question)", "", ""])
                fills.append({})
            for r in part.iter_rows(named=True):
                rows.append([f"  {r['reason_text']} ({r['reason_code']})", count_text(r["cases"], d),
                             count_text(r["critical_cases"], d)])  # fmt: skip
                fills.append({})
        pdf.grid(["Reason", "Cases", "of which critical"], rows, (130, 22, 30), fills, size=8)

    for by, label, column in (("team", "by team", "Team"), ("risk_group", "by risk group on D", "Risk group")):
        part = d.breakdowns.get("judgement")
        if part is None:
            continue
        part = part.filter((pl.col("indicator") == "JG1") & (pl.col("breakdown") == by))
        if not part.height:
            continue
        pdf.h2(f"Share sufficient {label}")
        pdf.grid(
            [column, "Sufficient (numerator/denominator)"],
            [
                [r["group"], rate_text(r["numerator"], r["denominator"], r["value"], d)]
                for r in part.iter_rows(named=True)
            ],
            (60, 60),
            size=8,
        )

    agreement = d.agreement
    if agreement is None and "audits" in d.tables_present and not j.get("available"):
        # the same rule as the case counts above: no case judged, so nothing to set beside the auditors'
        pdf.h2("Agreement with auditors' own judgements")
        pdf.para("Not reported: no case could be judged on this date, so none is set beside the auditors' judgements.")
    if agreement is not None:
        pdf.h2("Agreement with auditors' own judgements")
        if agreement.compared:
            kappa = f"; Cohen's kappa {agreement.kappa:.2f}" if agreement.kappa is not None else ""
            share = figures.percent(agreement.share)
            disagreed = agreement.compared - agreement.agreed
            if any(figures.is_suppressed(n, d.policy) for n in (agreement.compared, agreement.agreed, disagreed)):
                share, kappa = figures.SUPPRESSED, ""  # a share or kappa of a suppressed count would give it back
            pdf.para(
                f"Each audit dated in the 365 days ending on D with an oversight judgement is set beside JG1 for "
                "its case as of the audit's own date (the file as the auditor saw it). "
                f"{count_text(agreement.compared, d)} audits compared: JG1 agreed on "
                f"{count_text(agreement.agreed, d)} ({share}{kappa}); {count_text(agreement.not_yet, d)} audits of "
                "cases too young to judge on their date are left out; "
                f"{count_text(disagreed, d)} "
                + (
                    "disagreements are listed on the Inspection readiness page to learn from."
                    if d.suppressing
                    else "disagreements are listed in the workbook and on the page to learn from."
                )
            )
        else:
            pdf.para(
                "Audits are loaded but none in the 365 days ending on D records an oversight judgement for a case "
                f"judged on the audit's date ({count_text(agreement.not_yet, d)} too young to judge then)."
            )

    _sample_section(pdf)


def _sample_section(pdf: PackPDF) -> None:
    d = pdf.data
    audit = d.audit
    pdf.h2("Audit sample")
    if not audit.height:
        pdf.para("No cases were open on D or closed in the period.")
        return
    pdf.para(sample.describe(d.policy, d.audit_population, audit.height, d.seed, d.window.as_of))
    strata = d.strata
    pdf.grid(
        ["Stratum (disposal / risk group)", "Cases", "Sampled"],
        [[r["stratum"], count_text(r["cases"], d), count_text(r["sampled"], d)] for r in strata.iter_rows(named=True)],
        (90, 25, 25),
        size=8,
    )
    if d.suppressing:
        pdf.para("The sampled cases are listed on the Inspection readiness page for internal use.", size=8)
        return
    rows = []
    for r in audit.iter_rows(named=True):
        rows.append([
            r["case_id"], r["stratum"], r.get("team") or "", str(r.get("judgement") or "-").replace("_", " "),
            str(r.get("management_entries") if r.get("management_entries") is not None else "-"),
            str(r.get("latest_management_entry_date") or "-"),
        ])  # fmt: skip
    pdf.grid(["Case", "Stratum", "Team", "JG1", "Mgmt entries in window", "Latest entry"], rows,
             (24, 52, 30, 22, 26, 26), size=7)  # fmt: skip


def _definitions_pages(pdf: PackPDF) -> None:
    d = pdf.data
    pdf.add_page()
    pdf.h1("Definitions and policy sources")
    pdf.para(
        "Each indicator as computed, the policy values it used and the documents it comes from (000-004 are "
        "the service's policy documents and the inspectorate's principles, named in each source). Thresholds are "
        "local policy."
    )
    for r in d.definitions.iter_rows(named=True):
        if pdf.get_y() > pdf.h - 45:
            pdf.add_page()
        pdf.set_font(pdf.family, "B", 8.5)
        pdf.multi_cell(0, 4.5, pdf.text_safe(f"{r['indicator']}  {r['title']}"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(pdf.family, "", 7.5)
        lines = [
            r["definition"],
            f"Population: {r['population']}",
            f"Met: {r['met']}",
            f"Threshold: {r['threshold']}. Policy values: {r['policy_values'] or '-'}",
            f"Source: {r['source']}" + (f". Needs: {r['requires']}" if r["requires"] else ""),
        ]
        pdf.multi_cell(0, 3.6, pdf.text_safe("\n".join(lines)), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1.5)
    pdf.h2("JG1 reasons and the inspectorate's three questions")
    pdf.grid(
        ["Reason code", "Meaning", "Question"],
        [[code, REASON_TEXT[code], QUESTIONS[q]] for code, q in REASON_QUESTION.items()],
        (48, 62, 72),
        size=7,
    )
    pdf.h2("Policy values in force")
    rows = [
        [r["setting"], r["value"] + (" (changed)" if r["changed"] else ""), r["source"]]
        for r in d.policy_table.iter_rows(named=True)
    ]
    pdf.grid(["Setting", "Value", "Source"], rows, (55, 45, 82), size=7)


def pdf_bytes(data: PackData) -> bytes:
    pdf = PackPDF(data)
    _headline_page(pdf)
    _trend_pages(pdf)
    _teams_page(pdf)
    _judgement_pages(pdf)
    _definitions_pages(pdf)
    return bytes(pdf.output())
