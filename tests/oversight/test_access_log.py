"""The access log (oversight/access_log.py): append-only, beside the database, identifiers only."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat

import pytest

from oversight import access_log
from oversight.access_log import AccessLogError, log_path, make_record, read, record
from oversight.load import load_extract
from tests.oidc.people import extract
from tests.oversight.test_load import good, write_extract


def test_the_log_sits_beside_the_database(tmp_path):
    assert log_path(tmp_path / "oversight.duckdb") == tmp_path / "oversight.access-log.jsonl"


def test_each_event_is_appended_and_read_back_newest_first(tmp_path):
    db = tmp_path / "oversight.duckdb"
    when = dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC)
    events = [
        ("sign_in", {}),
        ("refusal", {"reason": "no_match"}),
        ("case_opened", {"case_id": "Y000123"}),
        ("download", {"what": "FP1.csv", "rows": 12}),
        ("pack", {"what": "pack.pdf", "rows": 40}),
        ("load", {"what": "extract-2026-11", "rows": 1310}),
        ("policy_save", {}),
        ("sign_out", {}),
    ]
    for i, (event, fields) in enumerate(events):
        assert record(db, "tm1@example.org", event, when=when + dt.timedelta(seconds=i), **fields)
    frame = read(db)
    assert frame.get_column("event").to_list() == [e for e, _ in reversed(events)]
    opened = frame.filter(event="case_opened").row(0, named=True)
    assert opened["case_id"] == "Y000123" and opened["who"] == "tm1@example.org"
    assert opened["when"] == when + dt.timedelta(seconds=2)
    download = frame.filter(event="download").row(0, named=True)
    assert (download["what"], download["rows"]) == ("FP1.csv", 12)


def test_appending_never_rewrites_what_is_there(tmp_path):
    db = tmp_path / "oversight.duckdb"
    record(db, "a@example.org", "sign_in")
    before = log_path(db).read_bytes()
    record(db, "b@example.org", "case_opened", case_id="c1")
    after = log_path(db).read_bytes()
    assert after.startswith(before) and after.count(b"\n") == 2


def test_only_the_owner_can_read_the_log(tmp_path):
    db = tmp_path / "oversight.duckdb"
    record(db, "a@example.org", "sign_in")
    assert stat.S_IMODE(os.stat(log_path(db)).st_mode) == 0o600


def test_the_log_survives_a_load_that_swaps_the_database(tmp_path):
    db = tmp_path / "oversight.duckdb"
    extract().build(db)
    record(db, "hos@example.org", "case_opened", case_id="case-cm1")
    inode = os.stat(db).st_ino
    report = load_extract(write_extract(tmp_path / "x", good()), db=db)
    assert report.outcome == "loaded" and os.stat(db).st_ino != inode  # a new file was swapped in
    record(db, "admin@example.org", "load", what="x", rows=sum(report.row_counts.values()))
    assert read(db).get_column("event").to_list() == ["load", "case_opened"]


@pytest.mark.parametrize(
    "fields",
    [
        {"case_id": "Y1 was seen at home with mum"},
        {"what": "notes about the child"},
        {"reason": "because\nnewline"},
        {"what": ""},
        {"what": "x" * 121},
        {"rows": -1},
        {"rows": "12"},
        {"rows": True},
    ],
)
def test_free_text_and_odd_values_are_refused_before_anything_is_written(tmp_path, fields):
    db = tmp_path / "oversight.duckdb"
    with pytest.raises(AccessLogError):
        record(db, "a@example.org", "download", **fields)
    assert not log_path(db).exists()


def test_real_world_ids_and_addresses_are_kept():
    record_ = make_record("o'brien+yj@council.example.org", "case_opened", case_id="YJ 1234/5")
    assert record_["who"] == "o'brien+yj@council.example.org" and record_["case_id"] == "YJ 1234/5"
    assert make_record("a@example.org", "case_opened", case_id="Y")["case_id"] == "Y"
    for bad in ("YJ  1234", "YJ 12 34", " Y1", "Y1 ", "Y" * 65, "Y1\tX"):
        with pytest.raises(AccessLogError):
            make_record("a@example.org", "case_opened", case_id=bad)


def test_unknown_events_and_who_with_spaces_are_refused():
    with pytest.raises(AccessLogError, match="event"):
        make_record("a@example.org", "looked_around")
    with pytest.raises(AccessLogError, match="who"):
        make_record("Jo Bloggs", "sign_in")


def test_a_record_holds_only_the_known_fields(tmp_path):
    db = tmp_path / "oversight.duckdb"
    record(db, "os:jo", "download", what="FP1.xlsx", rows=3)
    [line] = log_path(db).read_text().splitlines()
    assert set(json.loads(line)) == {"when", "who", "event", "what", "rows"}
    with pytest.raises(TypeError):
        record(db, "os:jo", "download", note="anything")  # no field for free text exists


def test_a_line_cut_short_by_a_crash_loses_only_itself(tmp_path):
    db = tmp_path / "oversight.duckdb"
    record(db, "a@example.org", "sign_in")
    with open(log_path(db), "a") as f:
        f.write('{"when": "2026-12-')
    assert read(db).height == 1
    assert read(tmp_path / "other.duckdb").height == 0


def test_an_unwritable_log_is_said_not_fatal(tmp_path, caplog):
    db = tmp_path / "oversight.duckdb"
    log_path(db).mkdir()  # something that is not a file where the log goes: root cannot write it either
    assert record(db, "a@example.org", "sign_in") is False
    assert "could not append to the access log" in caplog.text


def test_every_event_has_a_description():
    assert set(access_log.EVENTS) >= {"sign_in", "refusal", "case_opened", "download", "pack", "load", "policy_save"}
