"""The probe page through AppTest, with st.user set as Streamlit's testing API sets it."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.oidc.harness import HERE

AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "x" * 32,
    "client_id": "oversight-test",
    "client_secret": "s",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}


def probe(signed_in_mode: bool) -> AppTest:
    at = AppTest.from_file(str(HERE / "app_probe.py"))
    if signed_in_mode:
        at.secrets["auth"] = AUTH
    return at


def texts(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


def test_signed_in_mode_shows_the_casefolded_email_and_signs_out():
    at = probe(True)
    at.user = {"is_logged_in": True, "email": "TM1@Example.org", "name": "Team Manager"}
    at.run()
    assert not at.exception
    assert at.caption[0].value == "mode: signed_in"
    assert at.caption[1].value == "exposed without sign-in: False"
    assert "Signed in as tm1@example.org" in texts(at)
    at.button[0].click().run()  # Log out: st.logout() clears st.user for the next run
    assert at.user["is_logged_in"] is False
    at.run()
    assert "Signed out" in texts(at)


def test_signed_in_mode_with_nobody_signed_in_offers_the_login():
    at = probe(True)
    at.user = {"is_logged_in": False}
    at.run()
    assert "Signed out" in texts(at) and at.button[0].label == "Log in"


def test_single_user_mode_is_the_operating_system_user_with_no_sign_out():
    at = probe(False)
    at.run()
    assert at.caption[0].value == "mode: single_user"
    # AppTest leaves server.address unset, which is every interface: exposed
    assert at.caption[1].value == "exposed without sign-in: True"
    assert any(t.startswith("Signed in as os:") for t in texts(at))
    assert not at.button
