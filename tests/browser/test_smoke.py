"""A real browser over the real app: ./scripts/run started in the background on a free port with
no database (so it builds the synthetic demo on first run), Debian's chromium driven by
Playwright, every page opened in turn from the navigation, no error shown, a screenshot each
(saved to screenshots/, gitignored); every page, each of its tabs and its expanders opened,
checked with axe-core against WCAG 2.1 A and AA; a page printed to PDF."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "screenshots"
DEMO = ROOT / "data" / "demo"
CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# navigation label -> the page's title, in the order of the navigation
PAGES = [
    ("Overview", "Overview"),
    ("Footprint", "Footprint"),
    ("Timeliness", "Timeliness"),
    ("Risk coverage", "Risk coverage"),
    ("Drift and actions", "Drift and actions"),
    ("Quality of recording", "Quality of recording"),
    ("Quality assurance", "Quality assurance"),
    ("Escalation", "Escalation"),
    ("Teams and managers", "Teams and managers"),
    ("Case explorer", "Case explorer"),
    ("Inspection readiness", "Inspection readiness"),
    ("Data", "Data"),
    ("Policy", "Policy"),
]
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
# axe-core, the npm package pinned in tests/browser/package.json (scripts/test installs it)
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
ERRORS = "[data-testid='stException'], [data-testid='stAlertContentError']"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_app(tmp: Path, db: Path) -> Iterator[str]:
    """./scripts/run on ``db``, as a person starts it: the URL once it answers, stopped after."""
    port = _free_port()
    env = {
        **os.environ,
        "STREAMLIT_SERVER_PORT": str(port),
        "OVERSIGHT_DB": str(db),
        "OVERSIGHT_POLICY": str(tmp / "policy.local.toml"),
    }
    log = (tmp / "server.log").open("w")
    proc = subprocess.Popen(
        ["./scripts/run"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            os.killpg(proc.pid, signal.SIGTERM)
            pytest.fail(f"the app did not start: {(tmp / 'server.log').read_text()[-2000:]}")
        time.sleep(0.5)
    try:
        yield url
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (scripts/test installs it)")
    tmp = tmp_path_factory.mktemp("browser")
    with running_app(tmp, tmp / "demo.duckdb") as url:  # no database yet: the demo is built
        yield url


def _settle(page, title: str, timeout_ms: int) -> None:
    page.get_by_role("heading", name=title, level=1).first.wait_for(timeout=timeout_ms)
    page.wait_for_selector(IDLE, timeout=timeout_ms)
    page.wait_for_timeout(1500)  # plotly draws after the script finishes
    page.wait_for_selector(IDLE, timeout=timeout_ms)


def click_the_figure(page) -> None:
    """A bar of a breakdown and a cell of the heatmap each open the list behind them."""
    page.locator("[data-testid='stSidebarNav'] a", has_text="Footprint").first.click()
    _settle(page, "Footprint", 60_000)
    page.get_by_role("tab", name="Breakdown").first.click()
    page.wait_for_timeout(1500)
    bar = page.locator("[role='tabpanel']:visible .js-plotly-plot .bars path").first
    box = bar.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_timeout(800)
    page.wait_for_selector(IDLE, timeout=60_000)
    # the list tab's caption plus the clicked group's
    page.get_by_text(re.compile(r"^FP1 at .*, team ")).first.wait_for(timeout=60_000)

    page.locator("[data-testid='stSidebarNav'] a", has_text="Teams and managers").first.click()
    _settle(page, "Teams and managers", 60_000)
    cell = page.locator("[role='tabpanel']:visible .js-plotly-plot .scatterlayer path.point").first
    box = cell.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_timeout(800)
    page.wait_for_selector(IDLE, timeout=60_000)
    page.get_by_role("heading", name=re.compile(r"^FP1 for ")).wait_for(timeout=60_000)
    page.screenshot(path=str(SHOTS / "teams_cell_clicked.png"), full_page=True)


def wait_for_uploads(page, names: list[str], timeout_s: float = 60) -> None:
    """Wait until the Data page lists every named file as uploaded."""
    ready = page.get_by_text(re.compile(r"file\(s\) ready to check")).first
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if ready.count() and all(name in ready.inner_text() for name in names):
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"uploads not all listed: {ready.inner_text() if ready.count() else 'nothing listed'}")


def upload_flow(page) -> None:
    """The Data page: a broken extract is refused with its problems listed before anything is
    replaced; a good one is checked, then loaded."""
    page.locator("[data-testid='stSidebarNav'] a", has_text="Data").first.click()
    _settle(page, "Data", 60_000)
    uploader = page.locator("[data-testid='stFileUploader'] input[type='file']").first
    # staff alone: the required tables are missing
    uploader.set_input_files([str(DEMO / "staff.csv")])
    page.get_by_text("1 file(s) ready to check").wait_for(timeout=60_000)
    page.wait_for_selector(IDLE, timeout=60_000)
    page.get_by_role("button", name="Check the extract").click()
    page.get_by_text("must be fixed before this extract can be loaded").wait_for(timeout=60_000)
    assert page.get_by_role("button", name="Load this extract and replace the current data").count() == 0
    page.screenshot(path=str(SHOTS / "data_refused.png"), full_page=True)
    # the whole demo extract: checked, then loaded
    page.locator("[data-testid='stFileUploader'] input[type='file']").first.set_input_files(
        sorted(str(f) for f in DEMO.glob("*.csv"))
    )
    # every file uploaded before checking: clicking early would check a partial extract
    wait_for_uploads(page, [f.name for f in DEMO.glob("*.csv")])
    page.wait_for_selector(IDLE, timeout=60_000)
    page.get_by_role("button", name="Check the extract").click()
    load = page.get_by_role("button", name="Load this extract and replace the current data")
    load.wait_for(timeout=120_000)
    page.screenshot(path=str(SHOTS / "data_checked.png"), full_page=True)
    load.click()
    page.get_by_text("The pages now show the new data").wait_for(timeout=120_000)
    page.wait_for_selector(IDLE, timeout=60_000)
    assert page.locator(ERRORS).count() == 0


def test_every_page_opens_without_an_error(server):
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        page = browser.new_page(viewport={"width": 1440, "height": 2000})
        page.goto(server)
        # first run builds the demo database (a progress bar) before the overview shows
        _settle(page, "Overview", 180_000)
        assert "Synthetic data" in page.inner_text("[data-testid='stMain']")
        problems = []
        for label, title in PAGES:
            page.locator("[data-testid='stSidebarNav'] a", has_text=label).first.click()
            _settle(page, title, 60_000)
            shown = page.locator(ERRORS)
            if shown.count():
                problems.append(f"{label}: {shown.first.inner_text()[:300]}")
            page.screenshot(path=str(SHOTS / f"{label.lower().replace(' ', '_')}.png"), full_page=True)
        # a bookmark or a refresh opens a page by its URL: it still goes through app.py
        page.goto(f"{server}/footprint")
        _settle(page, "Footprint", 60_000)
        sidebar = page.inner_text("[data-testid='stSidebar']")
        assert "Filters" in sidebar and "Indicator families" in sidebar, sidebar[:300]
        # a manager clicks the first case to act on: the explorer opens its journey
        page.locator("[data-testid='stSidebarNav'] a", has_text="Case explorer").first.click()
        _settle(page, "Case explorer", 60_000)
        grid = page.locator("[data-testid='stDataFrame']").first
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 20, box["y"] + 35 + 17)  # the first row's selection cell
        page.get_by_role("heading", name="Journey").wait_for(timeout=60_000)
        page.wait_for_selector(IDLE, timeout=60_000)
        page.wait_for_timeout(1500)
        if page.locator(ERRORS).count():
            problems.append(f"case: {page.locator(ERRORS).first.inner_text()[:300]}")
        page.screenshot(path=str(SHOTS / "case_explorer_case.png"), full_page=True)
        click_the_figure(page)
        upload_flow(page)
        browser.close()
    assert not problems, problems


# Runs axe on the page as it is now: every WCAG 2.1 A and AA rule, and heading order (a
# best-practice rule, asked for here: headings are how a screen reader moves through a page).
# The one exception is Streamlit's own: its sidebar navigation puts <div>s between <ul> and <li>
# (rules "list" and "listitem"), which the app cannot change; only those two rules on that list
# are dropped, and any other list problem still fails.
AXE_RUN = """async () => {
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
    rules: {'heading-order': {enabled: true}},
  });
  const streamlits = (rule, node) => {
    if (rule !== 'list' && rule !== 'listitem') return false;
    const el = document.querySelector(node.target[0]);
    return el !== null && el.closest("[data-testid='stSidebarNavItems']") !== null;
  };
  return result.violations
    .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.filter(n => !streamlits(v.id, n))
      .map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200), summary: n.failureSummary}))}))
    .filter(v => v.nodes.length);
}"""


def axe_violations(page, where: str) -> list[str]:
    """Each violation axe finds on the page as it is now, one line per rule and element."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate(AXE_RUN)
    return [
        f"{where}: {v['id']} ({v['impact']}) at {n['target']}: {n['html'][:120]} -- {n['summary'][:200]}"
        for v in found
        for n in v["nodes"]
    ]


def _open_expanders(page) -> None:
    # the shown tab's (a hidden tab's expanders are opened when their tab is shown)
    closed = page.locator("[data-testid='stMain'] [data-testid='stExpander'] details:not([open]) > summary:visible")
    for _ in range(closed.count()):
        closed.nth(0).click()  # the list shrinks as each opens
        page.wait_for_timeout(150)
    page.wait_for_selector(IDLE, timeout=60_000)


def test_every_page_meets_wcag_2_1_aa(server):
    """axe-core on every page, with each tab shown and every expander open (what is hidden is not
    checked), on the demo data."""
    if not AXE.exists():
        pytest.skip("axe-core is not installed (scripts/test installs it in tests/browser)")
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        page = browser.new_page(viewport={"width": 1440, "height": 1200})
        page.goto(server)
        _settle(page, "Overview", 180_000)
        for label, title in PAGES:
            page.locator("[data-testid='stSidebarNav'] a", has_text=label).first.click()
            _settle(page, title, 60_000)
            _open_expanders(page)
            problems += axe_violations(page, label)
            tabs = page.locator("[data-testid='stMain'] [role='tab']")
            for k in range(1, tabs.count()):
                name = tabs.nth(k).inner_text()
                tabs.nth(k).click()
                page.wait_for_timeout(500)
                page.wait_for_selector(IDLE, timeout=60_000)
                _open_expanders(page)
                problems += axe_violations(page, f"{label}, tab {name!r}")
        # a row opened on the overview: its list and the labelled download buttons
        page.locator("[data-testid='stSidebarNav'] a", has_text="Overview").first.click()
        _settle(page, "Overview", 60_000)
        grid = page.locator("[data-testid='stDataFrame']").first
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 20, box["y"] + 35 + 17)
        page.get_by_text(re.compile(r"^FP1 at .*items")).first.wait_for(timeout=60_000)
        page.wait_for_selector(IDLE, timeout=60_000)
        problems += axe_violations(page, "Overview, a row opened")
        # a case opened in the explorer: its judgement, journey and record
        page.locator("[data-testid='stSidebarNav'] a", has_text="Case explorer").first.click()
        _settle(page, "Case explorer", 60_000)
        grid = page.locator("[data-testid='stDataFrame']").first
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 20, box["y"] + 35 + 17)
        page.get_by_role("heading", name="Journey").wait_for(timeout=60_000)
        page.wait_for_selector(IDLE, timeout=60_000)
        page.wait_for_timeout(1500)
        _open_expanders(page)
        problems += axe_violations(page, "Case explorer, a case opened")
        browser.close()
    assert not problems, "\n".join(problems)


def test_a_page_prints_without_the_sidebar(server, tmp_path):
    """Chromium's print to PDF (what "Save as PDF" in the print dialog gives): the print style
    sheet hides the sidebar and toolbar, so the page's own text prints and the filters do not."""
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        page = browser.new_page(viewport={"width": 1440, "height": 1200})
        page.goto(server)
        _settle(page, "Overview", 180_000)
        # the print style sheet app.py adds on every run (oversight.ui.widgets.PRINT_CSS)
        page.wait_for_function(
            "[...document.querySelectorAll('style')].some(s => s.textContent.includes('@media print'))",
            timeout=30_000,
        )
        page.emulate_media(media="print")
        assert not page.locator("[data-testid='stSidebar']").is_visible()
        assert page.get_by_role("heading", name="Every indicator").is_visible()
        main = page.locator("[data-testid='stMain']").bounding_box()
        assert main["x"] < 20, main  # the page takes the whole width, no room kept for the sidebar
        page.screenshot(path=str(SHOTS / "overview_print.png"), full_page=True)
        pdf = page.pdf(path=str(SHOTS / "overview_print.pdf"), print_background=True, prefer_css_page_size=True)
        browser.close()
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
