"""scripts/run listens on 127.0.0.1 unless told otherwise, explicitly."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.oidc.harness import ROOT, _stop, _wait, free_port

LISTEN = "0A"


def listening(port: int) -> set[str]:
    """The local addresses (hex, as /proc/net/tcp writes them) listening on ``port``."""
    out = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not Path(table).exists():
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, hex_port = fields[1].rsplit(":", 1)
            if int(hex_port, 16) == port and fields[3] == LISTEN:
                out.add(address)
    return out


def run_app(tmp_path, extra_env: dict[str, str], *args: str) -> set[str]:
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("STREAMLIT_SERVER_ADDRESS", "OVERSIGHT_BIND_ALL")},
        "STREAMLIT_SERVER_PORT": str(port),
        "OVERSIGHT_DB": str(tmp_path / "never-built.duckdb"),
        **extra_env,
    }
    log = tmp_path / "run.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            ["./scripts/run", *args], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        _wait(f"http://127.0.0.1:{port}/_stcore/health", proc, log)
        return listening(port)
    finally:
        _stop(proc)


pytestmark = pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads /proc/net/tcp (Linux)")


def test_by_default_it_listens_on_this_machine_only(tmp_path):
    assert run_app(tmp_path, {}) == {"0100007F"}  # 127.0.0.1


def test_listening_on_every_interface_needs_the_explicit_override(tmp_path):
    assert run_app(tmp_path, {"OVERSIGHT_BIND_ALL": "1"}) == {"00000000"}  # 0.0.0.0


def test_an_address_given_on_the_command_line_wins(tmp_path):
    assert run_app(tmp_path, {"OVERSIGHT_BIND_ALL": "1"}, "--server.address", "127.0.0.1") == {"0100007F"}


def test_an_address_in_the_environment_wins(tmp_path):
    assert run_app(tmp_path, {"STREAMLIT_SERVER_ADDRESS": "127.0.0.1", "OVERSIGHT_BIND_ALL": "1"}) == {"0100007F"}
