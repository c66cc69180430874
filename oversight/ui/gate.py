"""The door every page goes through (app.py): who is looking, and what they may see.

Signed-in mode (``[auth]`` in ``.streamlit/secrets.toml``, oversight.access): nobody signed in
sees a sign-in page and nothing else; someone signed in is resolved to a :class:`Scope` (their
line-management chain, or a whole-service role of the access file); someone who matches
nothing sees no data, the message whom to ask, and a refusal goes in the access log. A broken
access file stops every page with its problems listed. Single-user mode: the operating-system
user, whole service and administrator; served beyond this machine, every page says so.

The rules are in oversight.access; this module only draws the door and records who came in.
"""

from __future__ import annotations

import streamlit as st

from oversight import access, identity
from oversight.access import AccessFileError, AccessPolicy, Scope
from oversight.ui import data

K_LOGGED = "access_logged"  # what this session has recorded already: sign-in, refusal


def _sign_in_page() -> None:
    st.title("Oversight")
    st.markdown(
        "Oversight shows children's case records: sign in with your council account to see the cases "
        "you are responsible for."
    )
    st.button("Sign in", type="primary", on_click=st.login, key="gate_sign_in")


def _only(page) -> None:
    """Run ``page`` as the app's one page (no navigation to anything else), then stop."""
    st.navigation([st.Page(page, title="Oversight", default=True)], position="hidden").run()
    st.stop()


def sign_out_control() -> None:
    if st.sidebar.button("Sign out", key="gate_sign_out", width="stretch"):
        # a sign-out is a session's last event: recorded before the cookie goes
        data.log_event("sign_out")
        st.session_state.pop(data.K_SCOPE, None)
        st.session_state.pop(K_LOGGED, None)
        st.logout()


def _once(event: str, **fields: object) -> None:
    done = st.session_state.setdefault(K_LOGGED, set())
    if event not in done:
        done.add(event)
        data.log_event(event, **fields)


def _access_policy() -> AccessPolicy:
    try:
        return access.load_access()
    except AccessFileError as exc:
        problems = exc.problems

        def broken() -> None:
            st.title("Oversight")
            st.error(
                "The access file cannot be used, so nobody is given access until it is fixed "
                "(the person who runs Oversight for your service can fix it):\n\n"
                + "\n".join(f"- {p}" for p in problems)
            )

        _only(broken)
        raise  # not reached: _only stops the run


def enter() -> Scope:
    """Resolve this session's scope (kept in session_state for oversight.ui.data) or stop the
    run with the page the person may see instead: sign-in, refusal, or the access file's problems."""
    if access.mode() == "single_user":
        who = identity.current(False)
        assert who is not None  # single-user mode always has the operating-system user
        scope = Scope(who.who, (), True, True, "single_user")  # whole service: no staff list needed
        st.session_state[data.K_SCOPE] = scope
        return scope
    policy = _access_policy()
    who = identity.current(True)
    if who is None:
        st.session_state.pop(data.K_SCOPE, None)
        if st.user.get("is_logged_in"):
            # signed in, but the provider gave no email: nothing can be matched to staff

            def no_email() -> None:
                st.title("Oversight")
                st.error("Your account gave Oversight no email address, so it cannot tell which cases are yours.")
                sign_out_control()

            _only(no_email)
        _only(_sign_in_page)
    if not data.has_database():
        scope = Scope(who.who, (), False, policy.is_administrator(who.email), "no_data")
    else:
        scope = access.resolve(data.connection(), who, policy)
    st.session_state[data.K_SCOPE] = scope
    _once("sign_in", reason=scope.reason)
    if not scope.sees_anything and not scope.administrator:
        _once("refusal", reason=scope.reason)

        def refused() -> None:
            st.title("Oversight")
            st.warning(access.no_access_message(policy))
            sign_out_control()

        _only(refused)
    return scope


def notices(scope: Scope) -> None:
    """What every page shows about access: who is signed in and the sign-out control, or the
    warning that a single-user server is reachable without sign-in."""
    if scope.reason == "single_user":
        if access.exposed_without_signin():
            st.warning(
                "This server is reachable from other machines and nobody signs in: anyone who can reach it "
                "sees every child's record. Configure sign-in (docs/deployment.md) or serve on 127.0.0.1 only.",
                icon=":material/warning:",
            )
        return
    bar = st.sidebar
    bar.caption(f"Signed in as **{scope.who}**" + (" · administrator" if scope.administrator else ""))
    if not scope.sees_anything:
        st.info("You may load data and save the policy, but no role gives you any case to read.")
    sign_out_control()
