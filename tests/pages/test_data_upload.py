"""The Data page leaves no upload on disk: after a refused check, after a load, when the session
ends. Real uploads through AppTest's file uploader, the real loader, a real database file."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from oversight import uploads
from tests.pages.conftest import no_errors

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"
LOAD = "Load this extract and replace the current data"


@pytest.fixture
def staging(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(uploads.tempfile, "tempdir", str(folder))
    return folder


def _staged(folder: Path) -> list[Path]:
    return sorted(folder.glob(uploads.PREFIX + "*"))


def _upload(at, names: list[str]):
    files = [(name, (DEMO / name).read_bytes(), "text/csv") for name in names]
    at.file_uploader(key="data_files").set_value(files).run()
    return at


def _click(at, label: str):
    next(b for b in at.button if b.label == label).click().run()
    return at


def test_a_refused_check_leaves_nothing_staged(app, staging):
    at = _upload(app("pages/data.py"), ["staff.csv"])
    _click(at, "Check the extract")
    assert any("must be fixed" in e.value for e in at.error)
    assert _staged(staging) == []


def test_a_load_leaves_nothing_staged_and_the_session_end_removes_a_checked_upload(app, app_db, staging):
    names = sorted(p.name for p in DEMO.glob("*.csv"))
    at = _upload(app("pages/data.py"), names)
    _click(at, "Check the extract")
    assert len(_staged(staging)) == 1  # checked and waiting for the Load button
    _click(at, LOAD)
    no_errors(at)
    assert any("now show the new data" in s.value for s in at.success)
    assert _staged(staging) == []

    # checked but never loaded: the folder stays while the session lives, and goes with it
    at = _upload(app("pages/data.py"), names)
    _click(at, "Check the extract")
    assert len(_staged(staging)) == 1
    del at
    gc.collect()
    assert _staged(staging) == []


def test_a_load_whose_files_were_swept_asks_to_upload_again(app, staging):
    at = _upload(app("pages/data.py"), sorted(p.name for p in DEMO.glob("*.csv")))
    _click(at, "Check the extract")
    (folder,) = _staged(staging)
    import shutil

    shutil.rmtree(folder)  # as the sweep does to a report left open for half a day
    _click(at, LOAD)
    assert not at.exception
    assert any("upload and check them again" in e.value for e in at.error)
