"""The pieces pages are laid out with: header and banner, figure tiles, tables a case opens
from, downloads, charts that answer a click, the list behind a figure and a breakdown.

Each widget draws what ``oversight.ui.data`` returns for the ``View``; none computes a rule of
its own (figures' rules are in ``oversight.figures``).
"""

from __future__ import annotations

import datetime as dt
import re
import runpy
from pathlib import Path

import polars as pl
import streamlit as st

from oversight import charts, figures
from oversight.demo import ensure_demo_database, outdated_demo
from oversight.export import to_csv_bytes, to_excel_bytes
from oversight.policy import Policy
from oversight.sources import cite
from oversight.store import STALE_MESSAGE
from oversight.ui import data, state
from queries.indicators import STAFF_BREAKDOWNS, Indicator, Window

# --- every page goes through app.py -----------------------------------------------------

# Browser printing (Ctrl+P, "Save as PDF"): the page alone, landscape, without the sidebar, the
# toolbar or the header, at full width and drawn at 70 % (so a wide table's every column and a
# table of two dozen rows fit one sheet), and tables, charts and tiles kept whole across page
# breaks instead of cut. A table's grid is drawn on a canvas at its on-screen height, so a
# longer one prints as far as it shows; its downloads hold every row.
PRINT_CSS = """
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  [data-testid="stDownloadButton"], [data-testid="stElementToolbar"], header { display: none !important; }
  [data-testid="stAppViewContainer"], [data-testid="stMain"], [data-testid="stMainBlockContainer"],
  .stMain, .main { margin: 0 !important; padding: 0 !important; max-width: 100% !important;
    width: 100% !important; overflow: visible !important; height: auto !important; position: static !important; }
  [data-testid="stApp"], [data-testid="stAppScrollToBottomContainer"] { overflow: visible !important;
    height: auto !important; position: static !important; }
  [data-testid="stDataFrame"], [data-testid="stPlotlyChart"], [data-testid="stMetric"],
  [data-testid="stVerticalBlockBorderWrapper"], [data-testid="stAlert"], [data-testid="stCaptionContainer"],
  .js-plotly-plot { break-inside: avoid; page-break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  [data-testid="stMainBlockContainer"] { zoom: 0.7; }
}
"""


def print_layout() -> None:
    """The print style sheet (PRINT_CSS), once per run from app.py; it takes no space on screen."""
    st.html(f"<style>{PRINT_CSS}</style>")


def through_app() -> None:
    """Make sure app.py (page config, demo build, sidebar filters, navigation) runs first.

    With a ``pages/`` folder beside app.py, Streamlit also keeps its older multipage mode: a URL
    naming a page directly (a bookmark, a browser refresh) runs ``pages/<name>.py`` on its own,
    without app.py. Then its page list still holds app.py itself; in that case run app.py, whose
    navigation runs this page again properly, and stop this bare run.
    """
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None:
        return
    pages = ctx.pages_manager.get_pages().values()
    if any(Path(str(p.get("script_path", ""))).resolve() == state.APP for p in pages):
        runpy.run_path(str(state.APP), run_name="__main__")
        st.stop()


def ensure_data() -> bool:
    """On first run with no database, build the synthetic demo with a progress bar.

    Returns whether a database is there to read; when the build fails the page says why and
    the Data page can load an extract instead.
    """
    if data.has_database():
        return True
    if data.stale_database() and not outdated_demo(data.database_path()):
        st.error(STALE_MESSAGE.format(path=data.database_path()))
        return False
    bar = st.progress(0.0, text="No data yet: building the synthetic demo database (first run only)...")

    def progress(message: str, fraction: float) -> None:
        bar.progress(min(max(float(fraction), 0.0), 1.0), text=f"Building the synthetic demo: {message}")

    try:
        ensure_demo_database(data.database_path(), progress)
    except Exception as exc:  # the page says what went wrong instead of a stack trace
        bar.empty()
        st.error(f"Could not build the demo database: {exc}")
        return False
    bar.empty()
    data.clear_caches()
    return data.has_database()


def require_data() -> None:
    """Stop the page with a plain message when there is nothing to show yet."""
    if not data.has_database():
        st.info("No data loaded yet. Load an extract on the **Data** page.")
        st.stop()


def rag_badge(rag: str | None, small: bool = False) -> str:
    """A RAG word on its pale ground (dark text on it: WCAG AA contrast); a small group's figure
    is marked and greyed, as the charts grey it, so no one is judged on a handful of items."""
    label = charts.RAG_LABELS.get(rag or "", "")
    if not label:
        return ""
    if small:
        return (
            f"<span style='background:{charts.SMALL_PALE};color:{charts.NO_VALUE_TEXT};padding:1px 6px;"
            f"border-radius:4px;font-size:0.8rem'>{label} · small group</span>"
        )
    return (
        f"<span style='background:{charts.RAG_PALE[rag]};color:{charts.RAG_TEXT[rag]};padding:1px 6px;"
        f"border-radius:4px;font-size:0.8rem;font-weight:600'>{label}</span>"
    )


def headline_tile(h: data.Headline, container=None) -> None:
    """One figure: value with RAG, numerator / denominator, change on last month."""
    box = (container or st).container(border=True)
    box.markdown(f"**{h.indicator.id}** · {h.indicator.title}")
    if h.switched_off:
        box.caption("Switched off by local policy")
        return
    if not h.available:
        box.caption(state.unavailable_message(h.missing))
        return
    noun = "flagged" if h.indicator.direction == "lower" else "met"
    if h.value is None:
        box.markdown(
            f"<span style='font-size:1.9rem;font-weight:600;color:{charts.NO_VALUE_TEXT}'>–</span>",
            unsafe_allow_html=True,
        )
        box.caption(f"{h.numerator:,} {noun} of {h.denominator:,}: nothing to count")
        return
    colour = charts.NO_VALUE_TEXT if h.small else charts.RAG_TEXT.get(h.rag or "", charts.NO_VALUE_TEXT)
    box.markdown(
        f"<span style='font-size:1.9rem;font-weight:600;color:{colour}'>{figures.short_percent(h.value)}</span>"
        f" {rag_badge(h.rag, h.small)}",
        unsafe_allow_html=True,
    )
    box.caption(f"{h.numerator:,} {noun} of {h.denominator:,}")
    if h.change is not None:
        points = figures.percent_points(h.change)
        word = " worse" if h.worse else ""
        if points == 0:
            box.caption("= no change on a month ago")
        else:
            box.caption(f"{'▲' if points > 0 else '▼'} {points:+.1f} points on a month ago{word}")


def download_buttons(
    csv_frame: pl.DataFrame, sheets: dict[str, pl.DataFrame], name: str, key: str, what: str | None = None
) -> None:
    """CSV of the main frame, Excel of every sheet; the export module escapes formulas.

    ``what`` names what is downloaded ("Download this list (CSV)"), where a page holds more than
    one pair of buttons: identical buttons side by side do not say which is which.

    The bytes are made on click (a callable), not on every run: an Excel of a long list takes
    longer than the rest of the page. Callers pass figures already through ``suppress``. Each
    download goes in the access log with its name and rows."""
    cols = st.columns(2)
    cols[0].download_button(
        f"Download {what} (CSV)" if what else "Download CSV",
        lambda: to_csv_bytes(csv_frame),
        file_name=f"{name}.csv",
        mime="text/csv",
        key=f"{key}_csv",
        width="stretch",
        on_click=log_download,
        args=(f"{name}.csv", csv_frame.height),
    )
    cols[1].download_button(
        f"Download {what} (Excel)" if what else "Download Excel",
        lambda: to_excel_bytes(sheets),
        file_name=f"{name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx",
        width="stretch",
        on_click=log_download,
        args=(f"{name}.xlsx", sum(f.height for f in sheets.values())),
    )


def log_download(file_name: str, rows: int, event: str = "download") -> None:
    """The access-log record of one download (a file name reduced to the log's identifiers)."""
    data.log_event(event, what=re.sub(r"[^A-Za-z0-9._:/@+\-]", "_", file_name)[:120], rows=rows)


def open_case(case_id: str, within: list[str] | None = None) -> None:
    """Open a case in the explorer, remembering the list it was in (``within``, in its order)
    and the page that list is on, so the explorer can lead back to it and on to the next case."""
    if within:
        page = st.session_state.get(state.K_PAGE)
        st.session_state[state.K_CASE_LIST] = {"cases": tuple(within), "page": page}
    st.session_state[state.K_CASE] = case_id
    st.switch_page(state.EXPLORER_PAGE)


def selectable_table(frame: pl.DataFrame, key: str, height: int | None = None, **kwargs) -> None:
    """A table in which clicking a row with a case_id opens that case in the explorer."""
    selectable = "case_id" in frame.columns and frame["case_id"].null_count() < frame.height
    event = st.dataframe(
        frame,
        key=key,
        hide_index=True,
        on_select="rerun",  # always: a selectable table keeps its key, which tests find it by
        selection_mode="single-row",
        height=height or "auto",
        **kwargs,
    )
    if selectable and event and event.selection.rows:
        case_id = frame["case_id"][event.selection.rows[0]]
        if case_id:
            # each case once, in the list's order (an item-level list can hold a case more than once)
            open_case(case_id, list(dict.fromkeys(c for c in frame["case_id"].to_list() if c)))


def drilldown(
    indicator: Indicator, window: Window, v: state.View, key: str, group: tuple[str, str] | None = None
) -> None:
    """The list behind a figure: every item of the denominator, not met first, downloadable."""
    frame = data.items(indicator, window, v)
    caption = f"{indicator.id} at {window.as_of:%d %b %Y}"
    if group is not None:
        by, value = group
        frame = frame.filter(pl.col(by).cast(pl.String).fill_null("unknown") == value)
        caption += f", {state.BREAKDOWN_LABELS.get(by, by).lower()} {value}"
    met = int(frame["in_numerator"].sum()) if frame.height else 0
    noun = "flagged" if indicator.direction == "lower" else "met"
    first = "flagged" if indicator.direction == "lower" else "not met"
    st.caption(
        f"{caption}: {frame.height:,} items, {met:,} {noun}, {frame.height - met:,} not; {first} first. "
        "Click a row to open the case."
    )
    shown = data.list_frame(frame)
    selectable_table(
        state.readable(shown),
        key=f"{key}_list",
        height=min(420, 38 + 35 * max(shown.height, 1)),
        column_config=state.column_labels(
            shown,
            **{
                # dates as dates (Streamlit would show a time of midnight)
                **{
                    c: st.column_config.DateColumn(state.COLUMN_LABELS.get(c, c.replace("_", " ")))
                    for c, t in shown.schema.items()
                    if t == pl.Date
                },
                "in_numerator": st.column_config.CheckboxColumn("Flagged" if indicator.direction == "lower" else "Met"),
                "gap": st.column_config.TextColumn("What is missing", width="large"),
            },
        ),
    )
    summary_frame = pl.DataFrame(
        {
            "indicator": [indicator.id],
            "as_of_date": [window.as_of],
            "from_date": [window.start],
            "numerator": [met],
            "denominator": [frame.height],
            "value": [met / frame.height if frame.height else None],
        }
    )
    download_buttons(
        shown,
        {"Summary": figures.suppress_summary(summary_frame, v.policy), "List": shown},
        f"{indicator.id}_{window.as_of}",
        key,
        what="this list",
    )


# --- the banner ----------------------------------------------------------------------------


def _when(text: object) -> str:
    """An ISO timestamp as people read it: 24 Nov 2026 05:01."""
    if not text:
        return "at an unknown time"
    try:
        when = dt.datetime.fromisoformat(str(text))
    except ValueError:
        return str(text)
    return f"{when:%d %b %Y %H:%M}" if len(str(text)) > 10 else f"{when:%d %b %Y}"


def banner(v: state.View | None = None) -> None:
    """What data this is and what policy is in force; said plainly when data is synthetic."""
    if not data.has_database():
        return
    m = data.meta()
    synthetic = bool(m.get("synthetic"))
    loaded = _when(m.get("loaded_at") or m.get("load_date"))
    # the extract's name only: a server path says where data lives, which users need not know
    source = Path(str(m["source"])).name if m.get("source") else "unknown source"
    pol = v.policy if v else data.policy()
    text = f"Data: **{source}**, loaded {loaded}. Policy: {pol.label}."
    if v:
        text += f"  \n{v.describe()}"
    if synthetic:
        st.warning(
            "**Synthetic data**: invented for demonstration; no real child or case. " + text, icon=":material/science:"
        )
    else:
        st.caption("Real data (not synthetic). " + text)


def page_header(title: str, subtitle: str | None = None) -> state.View:
    """Title, banner and the view; stops the page when there is no data."""
    through_app()
    st.title(title)
    require_data()
    v = state.view()
    banner(v)
    if subtitle:
        st.caption(subtitle)
    return v


def definition(indicator: Indicator, pol: Policy) -> None:
    """The indicator's SQL header and the policy values its query binds."""
    st.markdown(
        f"**Question.** {indicator.rendered('question', pol)}  \n"
        f"**Definition.** {indicator.rendered('definition', pol)}  \n"
        f"**Population (denominator).** {indicator.rendered('population', pol)}  \n"
        f"**Met (numerator).** {indicator.rendered('met', pol)}  \n"
        f"**Threshold.** {indicator.rendered('threshold', pol)}  \n"
        f"**Policy source.** {cite(indicator.source)}  \n"
        f"**Direction.** {'higher is better' if indicator.direction == 'higher' else 'lower is better (share flagged)'}"
    )
    settings = indicator.policy_settings(pol)
    if settings:
        st.dataframe(
            pl.DataFrame(
                {
                    "setting": list(settings),
                    "value": [str(x) for x in settings.values()],
                    "source": [cite(pol.settings[k].source) for k in settings],
                }
            ),
            hide_index=True,
        )
    target = pol.target(indicator.id)
    st.caption(
        f"RAG target: green {'≤' if indicator.direction == 'lower' else '≥'} {target['green']:.0%}, "
        f"amber {'≤' if indicator.direction == 'lower' else '≥'} {target['amber']:.0%}."
    )
    with st.expander("SQL header as written"):
        # as plain text: the SQL colours of a code block fall under WCAG AA contrast, and a header
        # is read, not run
        st.code(indicator.header, language="text")


# A rate shown on screen: percent to one decimal (figures.percent_points), drawn with its sign.
PERCENT = "%.1f%%"


def rag_word(rag: str | None, small: bool = False) -> str:
    """RAG as a table writes it, a small group's marked (short, to fit a column): "Red (small)";
    "–" without one."""
    label = charts.RAG_LABELS.get(rag or "", "–")
    return f"{label} (small)" if small and rag else label


def readable(
    frame: pl.DataFrame,
    indicator: Indicator | None = None,
    pol: Policy | None = None,
    rates: tuple[str, ...] = ("value",),
) -> pl.DataFrame:
    """A numbers table as the screen shows it: rates in percent to one decimal (a screen reader
    reads the value, so 83.6, never 0.83636...), and with ``indicator`` a RAG column after the
    rate (RAG on a chart is a colour; the table says it in words, small groups marked)."""
    out = frame
    if indicator is not None and pol is not None and "value" in frame.columns:
        small = frame["small"].to_list() if "small" in frame.columns else [False] * frame.height
        words = [
            rag_word(figures.indicator_rag(x, indicator.id, indicator.direction, pol), bool(s))
            for x, s in zip(frame["value"].to_list(), small, strict=True)
        ]
        out = out.insert_column(out.columns.index("value") + 1, pl.Series("RAG", words, dtype=pl.String))
    return out.with_columns(figures.percent_points_expr(c) for c in rates if c in out.columns)


def _pct_config() -> dict[str, object]:
    return {
        "value": st.column_config.NumberColumn("rate", format=PERCENT),
        "as_of_date": st.column_config.DateColumn("D"),
        "from_date": st.column_config.DateColumn("from"),
        "small": st.column_config.CheckboxColumn("small group"),
    }


def trend_caption(indicator: Indicator, v: state.View) -> str:
    """What the trend shows, said before it (for those who cannot see it), and why its last
    point is not the headline: a point is one calendar month's items, the headline the period."""
    last = v.history[-1]
    days = (v.as_of - v.start).days + 1
    month = "the month so far" if (v.as_of + dt.timedelta(days=1)).day != 1 else "D's month"
    marks = ", ".join(f"{charts.RAG_LABELS[r].lower()} {shape}" for r, shape in figures.RAG_SHAPES.items())
    span = f"{last.start.day} {last.start:%b} to {last.as_of.day} {last.as_of:%b %Y}"
    return (
        f"Chart: {indicator.id} month by month over {state.HISTORY_MONTHS} months, each point one calendar "
        f"month's own items, shaped and coloured by RAG ({marks}); every figure and its RAG are in the numbers "
        f"below. The last point is {span} ({month}), so it differs from "
        f"the headline above, which counts the {days} days from {v.start.day} {v.start:%b %Y} to D."
    )


def clickable_chart(fig, key: str) -> dict | None:
    """A Plotly chart whose clicked point (or None) is returned, kept in session_state.

    The click is stored by a callback under a key of our own: Streamlit identifies a chart by
    its figure as well as its key, and the pick must survive the rerun the click causes.
    """
    store = f"{key}_picked"

    def remember() -> None:
        event = st.session_state.get(key) or {}
        points = (event.get("selection") or {}).get("points") or []
        st.session_state[store] = dict(points[0]) if points else None

    st.plotly_chart(fig, key=key, on_select=remember, selection_mode="points", config={"displayModeBar": False})
    return st.session_state.get(store)


def breakdown_view(indicator: Indicator, v: state.View, by: str, key: str, compare_overall: bool = False) -> None:
    """A breakdown chart (click a bar for its list) and its numbers, small groups marked."""
    if indicator.level == "staff" and by not in STAFF_BREAKDOWNS:
        st.info(f"{indicator.id} counts staff, not cases: it has no groups by {state.BREAKDOWN_LABELS[by].lower()}.")
        return
    raw = figures.mark_small(data.summary(indicator, [v.window], v, by=by), v.policy)
    if not raw.height:
        st.info("Nothing to count in this period.")
        return
    shown = data.label_groups(raw.with_columns(raw_group=pl.col("group")), by)
    limit = figures.small_group_limit(v.policy)
    fig = charts.breakdown(shown, v.policy.target(indicator.id), indicator.direction, small_limit=limit)
    # said before the chart, for those who cannot see it: what it shows, and where its numbers are
    st.caption(
        f"Chart: {indicator.id} by {state.BREAKDOWN_LABELS.get(by, by).lower()} for the period to "
        f"{v.as_of:%d %b %Y}, one bar per group, worst first, coloured by RAG; every figure and its RAG "
        "are in the numbers below the chart."
    )
    picked = clickable_chart(fig, f"{key}_chart")
    st.caption(
        f"Groups with fewer than {limit} items are hatched grey and marked small: too few to judge anyone on. "
        "Click a bar to list its items."
    )
    table = data.numbers_table(shown, by)
    if compare_overall:
        overall = data.summary(indicator, [v.window], v)["value"][0]
        table = table.with_columns(
            difference=pl.when(pl.col("small"))
            .then(None)
            .otherwise(figures.percent_points_expr(pl.col("value") - overall))
        )
        st.caption(
            f"Overall: {figures.short_percent(overall)}. "
            "'difference' is in percentage points; not shown for small groups."
        )
    with st.expander("Numbers in this chart", expanded=compare_overall):
        st.dataframe(readable(table, indicator, v.policy), hide_index=True, column_config=_pct_config())
        export = figures.suppress_summary(table, v.policy)
        download_buttons(
            export,
            {f"{indicator.id} by {by}": export},
            f"{indicator.id}_by_{by}_{v.as_of}",
            f"{key}_dl",
            what="these numbers",
        )
    if picked:
        label = picked.get("y")
        match = shown.filter(pl.col("group") == label)
        if match.height:
            drilldown(indicator, v.window, v, key=f"{key}_list", group=(by, match["raw_group"][0]))
