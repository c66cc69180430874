"""Fixtures for the sign-in tests: the test OpenID provider with one account per kind of user
(tests/oidc/people.py) and the probe app configured to sign in through it."""

from __future__ import annotations

import pytest

from tests.oidc.harness import HERE, free_port, node_ready, run_provider, run_streamlit, secrets_toml
from tests.oidc.people import provider_users


@pytest.fixture(scope="module")
def signin_app(tmp_path_factory):
    """(app, provider): the probe app on a free port, signed in through the provider."""
    why = node_ready()
    if why:
        pytest.skip(why)
    tmp = tmp_path_factory.mktemp("signin")
    port = free_port()
    app_url = f"http://127.0.0.1:{port}"
    with (
        run_provider(tmp, provider_users(), [f"{app_url}/oauth2callback"]) as provider,
        run_streamlit(HERE / "app_probe.py", tmp, port, secrets_toml(provider, app_url)) as app,
    ):
        yield app, provider
