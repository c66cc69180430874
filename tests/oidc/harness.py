"""Starting and stopping the test OpenID provider and a Streamlit app signed in through it.

Both run as real processes on free ports of 127.0.0.1, each in its own process group (stopped
with that group only). The app gets a generated ``.streamlit/secrets.toml`` in a temporary
working folder, never the checkout's own.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CLIENT_ID = "oversight-test"


class HarnessError(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def node_ready() -> str | None:
    """Why the provider cannot run here (None when it can), installing its package if missing."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        return "node and npm are needed for the test OpenID provider"
    if not (HERE / "node_modules" / "oidc-provider").exists():
        done = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, capture_output=True, text=True)
        if done.returncode:
            return f"npm ci in tests/oidc failed: {done.stderr[-500:]}"
    return None


def _wait(url: str, proc: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            _stop(proc)
            raise HarnessError(f"{url} did not come up: {log.read_text()[-2000:]}")
        time.sleep(0.2)


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


@dataclass(frozen=True)
class Provider:
    issuer: str
    client_id: str
    client_secret: str
    log: Path

    @property
    def metadata_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"


@contextmanager
def run_provider(tmp: Path, users: list[dict[str, str]], redirect_uris: list[str]) -> Iterator[Provider]:
    """The test provider with ``users``, one confidential client allowed ``redirect_uris``
    (also its post-logout URIs: Streamlit sends its callback there)."""
    port = free_port()
    issuer = f"http://127.0.0.1:{port}"
    client_secret = secrets.token_urlsafe(24)
    config = {
        "port": port,
        "issuer": issuer,
        "clients": [
            {
                "client_id": CLIENT_ID,
                "client_secret": client_secret,
                "redirect_uris": redirect_uris,
                "post_logout_redirect_uris": redirect_uris,
            }
        ],
        "users": users,
    }
    (tmp / "provider.json").write_text(json.dumps(config))
    log = tmp / "provider.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            ["node", str(HERE / "provider.mjs"), str(tmp / "provider.json")],
            cwd=HERE,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait(f"{issuer}/.well-known/openid-configuration", proc, log)
        yield Provider(issuer, CLIENT_ID, client_secret, log)
    finally:
        _stop(proc)


def secrets_toml(provider: Provider, app_url: str) -> str:
    """An ``[auth]`` section for ``provider``. ``prompt = "login"``: Streamlit asks for
    ``select_account``, which oidc-provider refuses, and it shows the login form every time."""
    return f"""[auth]
redirect_uri = "{app_url}/oauth2callback"
cookie_secret = "{secrets.token_urlsafe(32)}"
client_id = "{provider.client_id}"
client_secret = "{provider.client_secret}"
server_metadata_url = "{provider.metadata_url}"
client_kwargs = {{ prompt = "login" }}
"""


@dataclass(frozen=True)
class App:
    url: str
    log: Path


@contextmanager
def run_streamlit(
    script: Path, tmp: Path, port: int, secrets_text: str | None, env: dict[str, str] | None = None
) -> Iterator[App]:
    """``streamlit run script`` on 127.0.0.1:``port`` from a temporary working folder holding the
    generated secrets (none when ``secrets_text`` is None: single-user mode)."""
    work = tmp / "app"
    (work / ".streamlit").mkdir(parents=True, exist_ok=True)
    if secrets_text is not None:
        (work / ".streamlit" / "secrets.toml").write_text(secrets_text)
    log = tmp / "app.log"
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
    ]
    with log.open("w") as out:
        proc = subprocess.Popen(
            command, cwd=work, env=full_env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(f"{url}/_stcore/health", proc, log)
        yield App(url, log)
    finally:
        _stop(proc)
