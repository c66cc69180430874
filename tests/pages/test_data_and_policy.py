"""The Data page's load history, and the Policy page's save that every page then uses."""

from __future__ import annotations

import os
from pathlib import Path

from tests.pages.conftest import frame, no_errors


def test_data_page_shows_every_load_attempt(app, app_db, tmp_path):
    from oversight.load import load_extract

    empty = tmp_path / "empty_extract"
    empty.mkdir()
    report = load_extract(empty, db=app_db)
    # no tables at all: refused, and the fixture database is untouched
    assert not report.ok
    at = app("pages/data.py")
    no_errors(at)
    history = at.dataframe[0].value
    assert history["outcome"].tolist() == ["refused"]
    assert history["errors"].iloc[0] >= 1
    # "who" is labelled as what it is; row counts are columns, never raw JSON
    assert "account (operating system)" in history.columns
    assert "who" not in history.columns and "row_counts" not in history.columns


def test_policy_page_saves_a_change_and_the_figures_follow(app, app_db):
    at = app("pages/policy.py")
    no_errors(at)
    field = at.number_input(key="policy_oversight_interval_days")
    # the form reads in words; the setting's name is in its help
    assert field.label == "Oversight interval days (days)"
    assert "oversight_interval_days" in field.help
    field.set_value(7)
    next(b for b in at.button if b.label == "Save the local policy").click().run()
    no_errors(at)
    assert any("Saved to" in s.value for s in at.success)
    # the local file holds only what changed (the policy module's contract)
    import tomllib

    saved = tomllib.loads(Path(os.environ["OVERSIGHT_POLICY"]).read_text())
    assert saved["settings"] == {"oversight_interval_days": {"value": 7}}

    at.switch_page("pages/overview.py").run()
    row = frame(at, "overview_table").set_index("id").loc["FP1"]
    # with 7 days: only p1 (entry 25 Mar, 6 days before D) is met; c1's 20 Mar entry is 11 days old
    assert (row["met"], row["of"]) == (1, 4)


def test_a_saved_policy_words_the_titles_and_questions_the_pages_show(app, app_db):
    at = app("pages/policy.py")
    at.number_input(key="policy_oversight_record_hours").set_value(72)
    next(b for b in at.button if b.label == "Save the local policy").click().run()
    no_errors(at)
    at.switch_page("pages/overview.py").run()
    titles = frame(at, "overview_table").set_index("id")["indicator"]
    assert titles.loc["TL1"] == "Oversight recorded within 72 hours"
    at.switch_page("pages/timeliness.py").run()
    no_errors(at)
    assert "TL1: Is oversight recorded within 72 hours?" in [h.value for h in at.header]


def test_policy_page_switches_an_indicator_off_and_the_pages_leave_it_out(app, app_db):
    at = app("pages/policy.py")
    no_errors(at)
    picker = at.multiselect(key="policy_switched_off_indicators")
    assert "FP1" in picker.options and picker.value == []  # chosen from the catalogue: no typo possible
    picker.set_value(["FP1"])
    next(b for b in at.button if b.label == "Save the local policy").click().run()
    no_errors(at)
    import tomllib

    saved = tomllib.loads(Path(os.environ["OVERSIGHT_POLICY"]).read_text())
    assert saved["settings"] == {"switched_off_indicators": {"value": ["FP1"]}}
    at.switch_page("pages/overview.py").run()
    assert "FP1" not in set(frame(at, "overview_table")["id"])
    assert any("Switched off by local policy: FP1" in str(i.value) for i in at.info)
