"""The real app behind the real test provider: Chromium signs in through the provider's own form
and sees only that person's cases (tests/oidc/people.py: the team manager tm1 holds Court and
Prevention, case-cm1, case-cm2, case-cm4 and case-tm1; case-cm3 is Community's)."""

from __future__ import annotations

import pytest

from oversight import access_log
from tests.oidc.harness import ROOT, free_port, node_ready, run_provider, run_streamlit, secrets_toml
from tests.oidc.people import ACCESS_TOML, BY_KIND, extract, provider_users
from tests.oidc.test_signin import IDLE, browser, sign_in  # noqa: F401 - browser is a fixture

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def real_app(tmp_path_factory):
    """(app url, database): app.py on a free port, signed in through the provider."""
    why = node_ready()
    if why:
        pytest.skip(why)
    tmp = tmp_path_factory.mktemp("signin_app")
    db = extract().build(tmp / "service.duckdb")
    (tmp / "access.toml").write_text(ACCESS_TOML)
    env = {
        "OVERSIGHT_DB": str(db),
        "OVERSIGHT_ACCESS": str(tmp / "access.toml"),
        "OVERSIGHT_POLICY": str(tmp / "policy.local.toml"),
    }
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with (
        run_provider(tmp, provider_users(), [f"{url}/oauth2callback", url]) as provider,
        run_streamlit(ROOT / "app.py", tmp, port, secrets_toml(provider, url), env=env),
    ):
        yield url, db


def signed_in_page(browser, url: str, kind: str):  # noqa: F811 - the fixture's value
    person = BY_KIND[kind]
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    page.get_by_role("button", name="Sign in").wait_for(timeout=30_000)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Username").fill(person.login)
    page.get_by_label("Password").fill(person.password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{url}/**", timeout=30_000)
    return context, page


def test_a_team_manager_signs_in_and_sees_only_their_team(real_app, browser):  # noqa: F811
    url, db = real_app
    context, page = signed_in_page(browser, url, "team_manager")
    try:
        page.get_by_text("Signed in as tm1@example.org").wait_for(timeout=30_000)
        # the case explorer by link: their own case opens, another team's is not found
        page.goto(f"{url}/case_explorer?case=case-cm1")
        page.get_by_role("heading", name="Case case-cm1").wait_for(timeout=30_000)
        page.goto(f"{url}/case_explorer?case=case-cm3")
        page.get_by_text("Case case-cm3 is not in the data loaded.").wait_for(timeout=30_000)
        # the figure counts their four cases
        page.goto(f"{url}/footprint")
        page.wait_for_selector(IDLE, timeout=30_000)
        page.get_by_text("0 met of 4").first.wait_for(timeout=30_000)
    finally:
        context.close()
    log = access_log.read(db)
    mine = log.filter(log["who"] == "tm1@example.org")
    assert set(mine["event"]) >= {"sign_in", "case_opened"}
    assert mine.filter(mine["event"] == "case_opened")["case_id"].to_list() == ["case-cm1"]


def test_an_unknown_person_is_told_whom_to_ask(real_app, browser):  # noqa: F811
    url, db = real_app
    context, page = signed_in_page(browser, url, "unknown")
    try:
        page.get_by_text("the Performance team (performance@example.org)", exact=False).wait_for(timeout=30_000)
        # the sidebar's button may draw a moment after the message: waited for, not sampled
        page.get_by_role("button", name="Sign out").wait_for(state="visible", timeout=30_000)
    finally:
        context.close()
    assert ("nobody@example.org", "refusal") in access_log.read(db).select("who", "event").rows()
