"""Who the user is (oversight/identity.py)."""

from __future__ import annotations

import getpass

from oversight.identity import current, from_user_info, normalise_email, single_user


def test_emails_compare_trimmed_and_casefolded():
    assert normalise_email("  Jo.Bloggs@Council.GOV.uk ") == "jo.bloggs@council.gov.uk"
    assert normalise_email("STRASSE@example.org") == normalise_email("straße@example.org")


def test_single_user_mode_is_the_operating_system_user():
    me = current(signed_in_mode=False)
    assert me == single_user()
    assert me.who == f"os:{getpass.getuser()}" and me.email is None and not me.signed_in


def test_a_login_name_with_spaces_is_kept_as_an_identifier(monkeypatch):
    monkeypatch.setattr(getpass, "getuser", lambda: "Jo Bloggs")
    assert single_user().who == "os:Jo_Bloggs"


def test_a_signed_in_user_is_their_casefolded_email():
    me = current(True, {"is_logged_in": True, "email": "Tm1@Example.org", "name": "T M"})
    assert me is not None and me.who == me.email == "tm1@example.org" and me.signed_in


def test_nobody_signed_in_or_no_usable_email_is_no_identity():
    assert current(True, {"is_logged_in": False}) is None
    assert current(True, {}) is None  # st.user's default lacks is_logged_in
    assert from_user_info({"is_logged_in": True}) is None
    assert from_user_info({"is_logged_in": True, "email": "not-an-address"}) is None
