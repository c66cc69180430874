"""QL2: the entries of QL1, met when all three signals are found: analysis (of risk, safety or
wellbeing), action (with an owner or a date, or an actions row set by the entry) and impact on
the child. Phrases come from queries/quality/ql2_phrases.toml and match at the start of a word,
whatever the case. D is 31 March 2026, the period 1 to 31 March."""

import datetime as dt
from pathlib import Path

import pytest

from queries import indicators
from queries.quality import signals
from tests.queries.footprint._helpers import met, month_end_answers, overall, row

D = "2026-03-31"
MARCH = "2026-03-01"
ANALYSIS = "Risk to others has reduced since the move."
ACTION = "Action: cm1 to book the health appointment."
IMPACT = "This means he can attend school every day."


def _signals(rows, item_id):
    r = row(rows, item_id)
    return r["has_analysis"], r["has_action"], r["has_impact"]


def test_all_three_signals_meet_and_each_entry_shows_which_it_has(extract, measure):
    extract.case("c1", "2026-01-05")
    extract.note("c1", "2026-03-10", text=f"{ANALYSIS} {ACTION} {IMPACT}", note_id="all_three")
    extract.note("c1", "2026-03-10", text=f"{ACTION} {IMPACT}", note_id="no_analysis")
    extract.note("c1", "2026-03-10", text=f"{ANALYSIS} {IMPACT}", note_id="no_action")
    extract.note("c1", "2026-03-10", text=f"{ANALYSIS} {ACTION}", note_id="no_impact")
    extract.note("c1", "2026-03-10", text="Case discussed.", note_id="none")
    rows = measure(extract, "QL2", D, start=MARCH)
    assert met(rows) == {
        "all_three": True,
        "no_analysis": False,
        "no_action": False,
        "no_impact": False,
        "none": False,
    }
    assert _signals(rows, "all_three") == (True, True, True)
    assert _signals(rows, "no_action") == (True, False, True)
    assert row(rows, "no_impact")["gap"] == "no impact on the child"
    assert row(rows, "none")["gap"] == (
        "no analysis of risk, safety or wellbeing; no action with an owner or a date; no impact on the child"
    )
    assert row(rows, "all_three")["gap"] is None


def test_phrases_match_at_word_starts_whatever_the_case(extract, measure):
    extract.case("c1", "2026-01-05")
    extract.note("c1", "2026-03-10", text="RISK reviewed.", note_id="upper_case")
    extract.note("c1", "2026-03-10", text="A brisk walk.", note_id="inside_a_word")
    extract.note("c1", "2026-03-10", text="He is vulnerable online.", note_id="word_start")
    extract.note("c1", "2026-03-10", text="(Safeguarding) referral made.", note_id="after_a_bracket")
    extract.note("c1", "2026-03-10", text="Overreaction: none.", note_id="action_colon_inside_a_word")
    extract.note("c1", "2026-03-10", text="Next steps.\nACTION: tm1.", note_id="action_colon_on_a_new_line")
    rows = measure(extract, "QL2", D, start=MARCH)
    found = {r["item_id"]: (r["has_analysis"], r["has_action"]) for r in rows.iter_rows(named=True)}
    assert found == {
        "upper_case": (True, False),
        "inside_a_word": (False, False),  # "brisk" does not start with "risk"
        "word_start": (True, False),  # "vulnerab" starts "vulnerable"
        "after_a_bracket": (True, False),
        "action_colon_inside_a_word": (False, False),
        "action_colon_on_a_new_line": (False, True),
    }


def test_phrases_match_across_line_breaks_and_curly_apostrophes(extract, measure):
    extract.case("c1", "2026-01-05")
    extract.note("c1", "2026-03-10", text="The impact\non him is clear.", note_id="line_break")
    extract.note("c1", "2026-03-10", text="The child\u2019s view was heard.", note_id="curly_apostrophe")
    rows = measure(extract, "QL2", D, start=MARCH)
    assert row(rows, "line_break")["has_impact"] is True
    assert row(rows, "curly_apostrophe")["has_impact"] is True


def test_an_actions_row_set_by_the_entry_is_an_action(extract, measure):
    extract.case("c1", "2026-01-05")
    extract.note("c1", "2026-03-10", text=f"{ANALYSIS} {IMPACT}", note_id="set_an_action")
    extract.note("c1", "2026-03-10", text=f"{ANALYSIS} {IMPACT}", note_id="action_set_after_d")
    extract.action("c1", "2026-03-10", note_id="set_an_action")
    extract.action("c1", "2026-04-01", note_id="action_set_after_d")
    rows = measure(extract, "QL2", D, start=MARCH)
    assert met(rows) == {"set_an_action": True, "action_set_after_d": False}
    assert row(rows, "set_an_action")["actions_set"] == 1


def test_without_the_actions_table_the_action_signal_comes_from_text(extract, open_db, measure):
    extract.case("c1", "2026-01-05")
    extract.note("c1", "2026-03-10", text=f"{ANALYSIS} {ACTION} {IMPACT}", note_id="all_three")
    extract.note("c1", "2026-03-10", text=f"{ANALYSIS} {IMPACT}", note_id="no_action")
    con = open_db(extract)
    assert "actions" not in indicators.tables_present(con)
    assert indicators.is_available(indicators.catalogue()["QL2"], indicators.tables_present(con))
    assert met(measure(extract, "QL2", D, start=MARCH)) == {"all_three": True, "no_action": False}


def test_population_is_ql1s(extract, measure):
    extract.case("c1", "2026-01-05")
    extract.note("c1", "2026-03-10", text=f"{ANALYSIS} {ACTION} {IMPACT}", author_id="cm1")  # practitioner
    extract.note("c1", "2026-03-10", text=" ", note_id="blank")
    extract.note("c1", "2026-02-28", text=f"{ANALYSIS} {ACTION} {IMPACT}")  # before the period
    extract.note("c1", "2026-03-30", recorded_at="2026-04-01", text=ANALYSIS)  # recorded after D
    extract.note("c1", "2026-03-20", text=ANALYSIS, note_id="counted")
    ql1 = measure(extract, "QL1", D, start=MARCH)
    ql2 = measure(extract, "QL2", D, start=MARCH)
    assert set(met(ql2)) == set(met(ql1)) == {"counted"}


def test_several_windows_at_once_match_each_alone(extract, open_db, policy):
    extract.case("c1", "2025-12-01").include("actions")
    extract.note("c1", "2026-01-20", text=f"{ANALYSIS} {ACTION} {IMPACT}", note_id="jan")
    extract.note("c1", "2026-02-10", text=ANALYSIS, note_id="feb")
    answers = month_end_answers(open_db(extract), policy, "QL2", D, 3)
    assert answers == {"2026-01-31": {"jan": True}, "2026-02-28": {"feb": False}, "2026-03-31": {}}


def test_zero_denominator_has_no_value(extract, open_db, policy):
    extract.case("c1", "2026-01-05").note("c1", "2026-03-10")
    assert overall(open_db(extract), policy, "QL2", D) == (0, 0, None)


def test_an_edited_phrase_file_is_used_and_its_phrases_are_taken_literally(
    extract, measure, tmp_path: Path, monkeypatch
):
    edited = tmp_path / "ql2_phrases.toml"
    edited.write_text(
        '[signals.analysis]\nphrases = ["c.s.e. (risk)"]\n'
        '[signals.action]\nphrases = ["by friday"]\n'
        '[signals.impact]\nphrases = ["for him"]\n'
    )
    monkeypatch.setattr(signals, "PHRASES_FILE", edited)
    extract.case("c1", "2026-01-05")
    extract.note("c1", "2026-03-10", text="C.S.E. (risk) noted; plan by Friday, for him.", note_id="literal")
    # "." and "(" are not patterns: "cxsxex risk" does not match "c.s.e. (risk)"
    extract.note("c1", "2026-03-10", text="cxsxex risk by Friday for him", note_id="dots_are_dots")
    rows = measure(extract, "QL2", D, start=MARCH)
    assert met(rows) == {"literal": True, "dots_are_dots": False}


def test_a_phrase_file_missing_a_signal_is_refused_clearly(tmp_path: Path):
    bad = tmp_path / "ql2_phrases.toml"
    bad.write_text('[signals.analysis]\nphrases = ["risk"]\n[signals.action]\nphrases = ["by friday"]\n')
    with pytest.raises(ValueError, match=r"ql2_phrases.toml: \[signals.impact\]"):
        signals.load_phrases(bad)
    bad.write_text(
        '[signals.analysis]\nphrases = ["risk"]\n[signals.action]\nphrases = [" "]\n[signals.impact]\nphrases = ["x"]\n'
    )
    with pytest.raises(ValueError, match="signals.action.phrases is empty"):
        signals.load_phrases(bad)
    bad.write_text("[signals.analysis\n")
    with pytest.raises(ValueError, match="not valid TOML"):
        signals.load_phrases(bad)


def test_the_shipped_phrase_file_has_every_signal():
    loaded = signals.load_phrases()
    assert set(loaded) == {"analysis", "action", "impact"}
    assert all(loaded.values())


def test_phrases_edited_after_the_load_count_at_once(extract, open_db, policy, tmp_path: Path, monkeypatch):
    # the load matched the shipped phrases (queries/staging/management_entries.sql); the file then
    # changes, and QL2 matches the text with the new phrases rather than the load's
    extract.case("c1", "2026-01-05")
    extract.note("c1", "2026-03-10", text=f"{ANALYSIS} {ACTION} {IMPACT}", note_id="shipped_phrases")
    extract.note("c1", "2026-03-10", text="C.S.E. noted; plan by Friday, for him.", note_id="edited_phrases")
    con = open_db(extract)
    edited = tmp_path / "ql2_phrases.toml"
    edited.write_text(
        '[signals.analysis]\nphrases = ["c.s.e."]\n[signals.action]\nphrases = ["by friday"]\n'
        '[signals.impact]\nphrases = ["for him"]\n'
    )
    monkeypatch.setattr(signals, "PHRASES_FILE", edited)
    window = indicators.period(dt.date(2026, 3, 31), dt.date(2026, 3, 1))
    rows = indicators.items(con, indicators.catalogue()["QL2"], [window], policy)
    assert met(rows) == {"shipped_phrases": False, "edited_phrases": True}


def test_the_digest_names_ql2s_patterns_only(tmp_path: Path):
    more = tmp_path / "ql2_phrases.toml"
    more.write_text(
        '[signals.analysis]\nphrases = ["risk"]\n[signals.action]\nphrases = ["by friday"]\n'
        '[signals.impact]\nphrases = ["for him"]\n[signals.victim]\nphrases = ["victim"]\n'
    )
    params = signals.phrase_params(more)
    assert set(params) == {"analysis_pattern", "action_pattern", "impact_pattern", "phrases_digest"}
    assert set(signals.phrase_params(more, names=("victim",))) == {"victim_pattern"}
    # another group's phrases leave QL2's matches made at load valid; QL2's own do not
    more.write_text(more.read_text().replace('"victim"]', '"victim", "injured party"]'))
    assert signals.phrase_params(more)["phrases_digest"] == params["phrases_digest"]
    more.write_text(more.read_text().replace('"for him"]', '"for him", "for her"]'))
    assert signals.phrase_params(more)["phrases_digest"] != params["phrases_digest"]
