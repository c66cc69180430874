"""Who is using the app: the operating-system user in single-user mode, the signed-in account
otherwise. One home for the rule that emails are compared casefolded and trimmed."""

from __future__ import annotations

import getpass
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Identity:
    """One user. ``who`` is what the access log records: the casefolded email when signed in,
    ``os:<login>`` in single-user mode (so the two can never be mistaken for each other)."""

    who: str
    email: str | None  # casefolded; None in single-user mode
    signed_in: bool


def normalise_email(email: str) -> str:
    """The form every email is compared in: trimmed and casefolded."""
    return email.strip().casefold()


def os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (containers): say so rather than fail
        return f"uid-{os.getuid()}" if hasattr(os, "getuid") else "unknown"


def single_user() -> Identity:
    # A login name may hold spaces ("Jo Bloggs" on Windows); the log takes identifiers only.
    return Identity(who="os:" + re.sub(r"[^A-Za-z0-9._@+\-]", "_", os_user()), email=None, signed_in=False)


def from_user_info(user: Mapping[str, object]) -> Identity | None:
    """The signed-in person described by ``st.user`` (a mapping), or None when nobody is signed in
    or the provider gave no usable email (so nothing can be matched: treated as not signed in)."""
    if not user.get("is_logged_in"):
        return None
    email = user.get("email")
    if not isinstance(email, str) or "@" not in email:
        return None
    key = normalise_email(email)
    return Identity(who=key, email=key, signed_in=True)


def current(signed_in_mode: bool, user: Mapping[str, object] | None = None) -> Identity | None:
    """Who is using this session. In signed-in mode: the ``st.user`` account (None when not signed
    in); otherwise the operating-system user running the server."""
    if not signed_in_mode:
        return single_user()
    if user is None:
        import streamlit as st

        user = st.user.to_dict()
    return from_user_info(user)
