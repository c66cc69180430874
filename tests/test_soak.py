"""A short reload soak (the long one is ``python -m tests.soak``): sessions click through the
pages while the real loader swaps the database three times; no exception, no error, and every
session then sees the last load. In a fresh process, so the sessions' first renders also import
pandas and the rest for the first time, together."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_sessions_see_no_error_through_reloads_and_then_see_the_new_data():
    done = subprocess.run(
        [sys.executable, "-m", "tests.soak", "--sessions", "3", "--reloads", "3", "--pause", "0.5"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    figures = dict(part.split("=") for part in summary.split())
    assert figures["reloads"] == "3" and figures["sessions"] == "3"
    assert figures["exceptions"] == figures["errors"] == figures["stale_sessions"] == "0"
    assert int(figures["page_renders"]) >= 3 * 2  # each session rendered pages between loads
    # AppTest's own rare stale-widget failure reopens a session (tests/soak.py); more than one a
    # session would mean the soak no longer follows a session through its reloads
    assert int(figures["harness_restarts"]) <= 3
