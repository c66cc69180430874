"""Staged uploads: removed when discarded, when their session's object goes, and when stale."""

from __future__ import annotations

import datetime as dt
import gc
import os
import time

import pytest

from oversight import uploads


@pytest.fixture(autouse=True)
def own_tmp(tmp_path, monkeypatch):
    monkeypatch.setattr(uploads.tempfile, "tempdir", str(tmp_path))
    return tmp_path


def _staged(tmp_path) -> list:
    return sorted(tmp_path.glob(uploads.PREFIX + "*"))


def test_stage_writes_the_files_and_discard_removes_them(own_tmp):
    staged = uploads.stage([("cases.csv", b"case_id\n"), ("../staff.csv", b"staff_id\n")], b"[tables]\n")
    assert sorted(p.name for p in staged.folder.iterdir()) == ["cases.csv", "profile.toml", "staff.csv"]
    assert staged.folder.parent == own_tmp  # a name with a path stays inside the folder
    staged.discard()
    assert not staged.exists() and _staged(own_tmp) == []
    staged.discard()  # twice is harmless


def test_the_folder_goes_when_the_session_drops_its_object(own_tmp):
    state = {"upload": uploads.stage([("cases.csv", b"x")])}
    assert len(_staged(own_tmp)) == 1
    state.clear()  # Streamlit drops the session state when the session ends
    gc.collect()
    assert _staged(own_tmp) == []


def test_too_large_is_refused_before_anything_is_written(own_tmp, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_TOTAL_BYTES", 10)
    with pytest.raises(uploads.TooLarge, match="limited to"):
        uploads.stage([("cases.csv", b"x" * 6), ("staff.csv", b"y" * 6)])
    assert _staged(own_tmp) == []


def test_a_new_upload_sweeps_stale_folders_but_not_fresh_ones(own_tmp):
    stale = own_tmp / (uploads.PREFIX + "killed")
    stale.mkdir()
    (stale / "cases.csv").write_bytes(b"x")
    old = time.time() - uploads.MAX_AGE.total_seconds() - 60
    os.utime(stale, (old, old))
    fresh = uploads.stage([("cases.csv", b"x")])  # another session's, checked a moment ago
    other = own_tmp / "not-ours"
    other.mkdir()
    os.utime(other, (old, old))
    newest = uploads.stage([("cases.csv", b"y")])
    assert not stale.exists()
    assert fresh.exists() and newest.exists() and other.exists()
    assert uploads.sweep(dt.timedelta(0)) == 2


@pytest.mark.parametrize("name", ["", "..", "profile.toml", "x/.."])
def test_a_name_that_is_no_file_or_the_profile_is_refused_before_anything_is_written(own_tmp, name):
    with pytest.raises(uploads.BadName):
        uploads.stage([("cases.csv", b"x"), (name, b"y")], b"[tables]\n")
    assert _staged(own_tmp) == []
