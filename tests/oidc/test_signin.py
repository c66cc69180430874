"""Sign-in as a person does it: Chromium opens the probe app, clicks "Log in", types a username
and password into the test provider's own login form, and comes back signed in."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.oidc.people import BY_KIND

pytestmark = pytest.mark.browser

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
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (scripts/test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()


def sign_in(page, app_url: str, login: str, password: str) -> None:
    page.goto(app_url)
    page.get_by_text("Signed out").wait_for(timeout=30_000)
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Username").fill(login)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.parametrize("kind", ["team_manager", "unknown"])
def test_a_person_signs_in_through_the_providers_form_and_out_again(signin_app, browser, kind):
    app, _ = signin_app
    person = BY_KIND[kind]
    context = browser.new_context()
    page = context.new_page()
    try:
        sign_in(page, app.url, person.login, person.password)
        page.get_by_text(f"Signed in as {person.email.casefold()}").wait_for(timeout=30_000)
        assert page.get_by_text(f"provider email: {person.email}").is_visible()
        page.wait_for_selector(IDLE)

        page.get_by_role("button", name="Log out").click()
        page.get_by_role("button", name="Yes, sign me out").click()  # the provider's own question
        page.get_by_text("Signed out").wait_for(timeout=30_000)
        # signed out for good: a fresh load of the app is still signed out
        page.goto(app.url)
        page.get_by_text("Signed out").wait_for(timeout=30_000)
        assert not page.get_by_text("Signed in as").is_visible()
    finally:
        context.close()


def test_a_wrong_password_is_refused_by_the_provider(signin_app, browser):
    app, _ = signin_app
    person = BY_KIND["case_manager"]
    context = browser.new_context()
    page = context.new_page()
    try:
        sign_in(page, app.url, person.login, "not-the-password")
        page.get_by_role("alert").get_by_text("Wrong username or password.").wait_for(timeout=30_000)
        page.goto(app.url)
        page.get_by_text("Signed out").wait_for(timeout=30_000)
    finally:
        context.close()
