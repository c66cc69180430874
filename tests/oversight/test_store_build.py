"""A database file remembers which version of Oversight built it (oversight.store.build_id).

A file built by another version lacks models or columns the indicators read: the command line
refuses it with what to do, the app says so on every page, and the bundled demo is rebuilt.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from oversight.db import Database
from oversight.demo import DEMO_DIR, ensure_demo_database
from oversight.store import build_id, is_current
from queries.explorer import load_meta

ROOT = Path(__file__).resolve().parents[2]


def _age(db: Path, **meta: object) -> Path:
    """The file as an older version would have left it: another build, and ``meta`` besides."""
    con = duckdb.connect(str(db))
    try:
        for key, value in {"build": "older", **meta}.items():
            con.execute("delete from load_meta where key = ?", [key])
            con.execute("insert into load_meta values (?, ?)", [key, json.dumps(value)])
    finally:
        con.close()
    return db


def _meta(db: Path) -> dict[str, object]:
    database = Database(db)
    try:
        return load_meta(database.connection())
    finally:
        database.close()


def test_a_new_file_is_current_and_an_older_build_is_not(tmp_path, extract):
    db = extract.case("c1", "2026-01-05").build(tmp_path / "o.duckdb")
    assert is_current(_meta(db)) and _meta(db)["build"] == build_id()
    assert not is_current(_meta(_age(db)))
    assert not is_current({})  # a file from before builds were recorded


def test_the_command_line_refuses_an_older_build_with_what_to_do(tmp_path, extract):
    db = _age(extract.case("c1", "2026-01-05").build(tmp_path / "o.duckdb"))
    for command in ("indicators", "cases"):
        done = subprocess.run(
            [sys.executable, "-m", "oversight", command, "--db", str(db)],
            cwd=ROOT, capture_output=True, text=True, check=False,
            env={**os.environ, "OVERSIGHT_POLICY": "/nonexistent/policy.toml"},
        )  # fmt: skip
        assert done.returncode == 1 and done.stdout == ""
        assert "built by another version of Oversight" in done.stderr
        assert f"python -m oversight load PATH --db {db}" in done.stderr
        assert "Traceback" not in done.stderr


def test_an_older_demo_is_rebuilt_and_a_services_own_file_is_left_alone(tmp_path, extract):
    demo = _age(extract.case("c1", "2026-01-05").build(tmp_path / "demo.duckdb"), source=str(DEMO_DIR))
    assert ensure_demo_database(demo) is True
    assert is_current(_meta(demo)) and _meta(demo)["source"] == str(DEMO_DIR)

    own = tmp_path / "own.duckdb"
    shutil.copy(demo, own)
    _age(own, source="/srv/extracts/2026-11", synthetic=False)
    before = own.read_bytes()
    assert ensure_demo_database(own) is False
    assert own.read_bytes() == before


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/footprint.py"])
def test_the_app_says_an_older_build_must_be_loaded_again(tmp_path, extract, monkeypatch, page):
    db = _age(extract.case("c1", "2026-01-05").build(tmp_path / "own.duckdb"), source="/srv/x", synthetic=False)
    monkeypatch.setenv("OVERSIGHT_DB", str(db))
    monkeypatch.setenv("OVERSIGHT_POLICY", str(tmp_path / "policy.toml"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page(page)
    at.run()
    assert not at.exception
    assert any("built by another version of Oversight" in e.value for e in at.error)
    assert db.exists()
