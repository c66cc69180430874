"""A new D moves the period with it, even when the next click comes at once.

Real Chromium over the real app (./scripts/run on a hand-built database): a person types a new
as-of date and clicks a page link straight away, before the date's own rerun has finished. The
page then opened must show the 90 days ending on the new D, and its figures counted over them.

The fixture (tests.pages.conftest.two_team_extract): D by default is 30 Mar 2026 (the latest
note recorded), so the period is 31 Dec 2025 to 30 Mar 2026. Typed D = 28 Feb 2026: the period
is 1 Dec 2025 to 28 Feb 2026, holding the whole months December, January and February. All four
cases are open on every day of each (c3 started 1 Dec), so FP2 has 4 x 3 = 12 case-months, of
which one (c2, January) has a supervision entry: "1 met of 12". Had the period stayed at 31 Dec
(the bug), it would hold January and February only: "1 met of 8", over 59 days.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.test_smoke import CHROMIUM, FLAGS, IDLE, SHOTS, running_app
from tests.pages.conftest import two_team_extract

pytestmark = pytest.mark.browser

SIDEBAR = "[data-testid='stSidebar']"
MAIN = "[data-testid='stMain']"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (scripts/test installs it)")
    tmp = tmp_path_factory.mktemp("period")
    with running_app(tmp, two_team_extract().build(tmp / "fixture.duckdb")) as url:
        yield url


def _settle(page, title: str) -> None:
    page.get_by_role("heading", name=title, level=1).first.wait_for(timeout=60_000)
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_timeout(1000)
    page.wait_for_selector(IDLE, timeout=60_000)


def test_a_typed_d_followed_at_once_by_a_page_link_moves_the_period(server):
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        page = browser.new_page(viewport={"width": 1440, "height": 1400})
        page.goto(server)
        _settle(page, "Overview")
        assert "period 31 Dec 2025 to 30 Mar 2026" in page.inner_text(MAIN)

        # the date field is three segments (day, month, year); typing moves from one to the next
        page.locator(SIDEBAR).get_by_role("spinbutton", name="day, As-of date (D)").click()
        page.keyboard.type("28022026")
        # at once: no wait for the date's rerun. The first click also takes the focus from the
        # date (which sends it), and Streamlit's navigation can miss a click while that rerun is
        # under way: a person clicks again, so does this test, each time it sees the page has not
        # changed
        link = page.locator("[data-testid='stSidebarNav'] a", has_text="Footprint").first
        for _ in range(20):
            link.click()
            page.wait_for_timeout(300)
            if page.url.endswith("/footprint"):
                break
        _settle(page, "Footprint")
        page.wait_for_timeout(1500)  # anything still queued by the date has landed
        page.wait_for_selector(IDLE, timeout=60_000)
        page.screenshot(path=str(SHOTS / "period_follows_d.png"), full_page=True)

        main = page.inner_text(MAIN)
        assert "D = 28 Feb 2026" in main
        assert "period 01 Dec 2025 to 28 Feb 2026" in main, main[:600]
        assert "1 met of 12" in main, main[:1500]
        start = [
            page.locator(SIDEBAR).get_by_role("spinbutton", name=f"{part}, Period from").get_attribute("aria-valuenow")
            for part in ("day", "month", "year")
        ]
        assert start == ["1", "12", "2025"]
        browser.close()
