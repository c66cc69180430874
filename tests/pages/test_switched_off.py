"""Indicators switched off by local policy: left out of the pages, which say so (not "no data").

The two-team fixture (tests/pages/conftest.py) at D = 2026-03-31, with a local policy file
naming the indicators switched off.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.pages.conftest import APP, AS_OF, frame, no_errors, two_team_extract


def _switch_off(app_db: Path, *ids: str) -> None:
    # the fixture points OVERSIGHT_POLICY at policy.local.toml beside the database
    listed = ", ".join(f'"{i}"' for i in ids)
    (app_db.parent / "policy.local.toml").write_text(f"[settings.switched_off_indicators]\nvalue = [{listed}]\n")


def _texts(at: AppTest) -> str:
    return " | ".join([str(m.value) for m in at.markdown] + [str(i.value) for i in at.info])


def test_a_family_page_leaves_a_switched_off_indicator_out_and_says_so(app, app_db):
    _switch_off(app_db, "FP1")
    at = app("pages/footprint.py")
    no_errors(at)
    text = _texts(at)
    assert "Switched off by local policy: FP1 (" in text
    assert "**FP1** · " not in text  # no tile
    assert "**FP2** · " in text  # the rest of the family stays
    assert not [s for s in at.header if s.value.startswith("FP1:")]  # not offered as the indicator
    assert "fam_footprint_FP1_main_list" not in {d.key for d in at.dataframe}


def test_overview_leaves_it_out_of_the_table_and_the_counts(app, app_db):
    _switch_off(app_db, "FP1", "RC4")
    at = app()
    no_errors(at)
    ids = list(frame(at, "overview_table")["id"])
    assert "FP1" not in ids and "RC4" not in ids and "FP2" in ids
    text = _texts(at)
    assert "Switched off by local policy: FP1 (" in text and "RC4 (" in text
    green_amber_red = sum(int(m.value) for m in at.metric if m.label.startswith("Indicators "))
    assert green_amber_red <= len(ids)  # the RAG counts are over the indicators shown


def test_teams_page_offers_no_switched_off_indicator(app, app_db):
    _switch_off(app_db, "FP1")
    at = app("pages/teams.py")
    no_errors(at)
    offered = [o.split(" · ")[0] for o in at.selectbox(key="teams_league_ind").options]
    assert "FP1" not in offered and "FP2" in offered
    assert "Switched off by local policy: FP1 (" in _texts(at)


def test_jg1_switched_off_shows_no_judgement_and_no_agreement(tmp_path, monkeypatch):
    # audits with oversight judgements are loaded, so the agreement would show if JG1 were on
    extract = two_team_extract().audit("c1", "2026-03-15", oversight_judgement="sufficient", auditor_id="tm1")
    monkeypatch.setenv("OVERSIGHT_DB", str(extract.build(tmp_path / "audited.duckdb")))
    policy = tmp_path / "policy.local.toml"
    policy.write_text('[settings.switched_off_indicators]\nvalue = ["JG1"]\n')
    monkeypatch.setenv("OVERSIGHT_POLICY", str(policy))
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["f_as_of"] = dt.date.fromisoformat(AS_OF)
    at.switch_page("pages/inspection.py")
    at.run()
    no_errors(at)
    labels = {m.label for m in at.metric}
    assert not {"Insufficient cases", "Audits compared", "JG1 agrees", "Cohen's kappa"} & labels
    keys = {d.key for d in at.dataframe}
    assert not {"insp_all_cases", "insp_disagreements", "insp_agree_counts"} & keys
    assert "Switched off by local policy: JG1 (" in _texts(at)
    assert "Load assessments" not in _texts(at)  # never worded as missing data
