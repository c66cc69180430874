"""VC1: cases open on D with a victim identified on or before D - 28; met by a management note
by a manager, with text, on the case, dated within the last 91 days of D, showing the victim
signal (queries/quality/ql2_phrases.toml, [signals.victim]). D is 31 March 2026: D - 28 is
3 March, D - 91 is 30 December 2025. The standard staff: tm1 a manager, cm1 a case manager."""

import datetime as dt

from queries import indicators
from queries.quality import signals
from tests.queries.footprint._helpers import met, month_end_answers, overall, row

D = "2026-03-31"
VICTIM = "Victim safety considered: exclusion zone remains in place."


def test_a_victim_identified_on_d_minus_28_is_in_and_on_d_minus_27_is_out(extract, measure):
    extract.case("c1", "2025-11-01").case("c2", "2025-11-01")
    extract.victim("c1", "2026-03-03").victim("c2", "2026-03-04")
    rows = measure(extract, "VC1", D)
    assert met(rows) == {"c1": False}
    assert row(rows, "c1")["gap"] == "no management note considering the victim in the last 91 days"
    assert row(rows, "c1")["since_date"] == dt.date(2026, 3, 3)


def test_a_managers_victim_note_within_91_days_is_met_a_case_managers_is_not(extract, measure):
    for case_id in ("c1", "c2", "c3", "c4", "c5", "c6"):
        extract.case(case_id, "2025-11-01").victim(case_id, "2026-01-10")
    extract.note("c1", "2026-02-10", author_id="tm1", text=VICTIM)
    extract.note("c2", "2026-02-10", author_id="cm1", text=VICTIM)  # a case manager: not oversight
    extract.note("c3", "2026-02-10", author_id="tm1", text=VICTIM, note_type="Home Visit")  # a contact
    extract.note("c4", "2026-02-10", author_id="tm1", text="Risk reviewed; plan unchanged.")  # no victim signal
    extract.note("c5", "2025-12-31", author_id="tm1", text="RJ conference offered.")  # D - 90: within
    extract.note("c6", "2025-12-30", author_id="tm1", text="RJ conference offered.")  # D - 91: not within
    rows = measure(extract, "VC1", D)
    assert met(rows) == {"c1": True, "c2": False, "c3": False, "c4": False, "c5": True, "c6": False}
    assert row(rows, "c1")["latest_victim_note_date"] == dt.date(2026, 2, 10)
    assert row(rows, "c1")["victims_known"] == 1


def test_the_signal_is_found_at_the_start_of_a_word_in_any_case(extract, measure):
    for case_id in ("c1", "c2", "c3", "c4"):
        extract.case(case_id, "2025-11-01").victim(case_id, "2026-01-10")
    extract.note("c1", "2026-02-10", text="Discussed the VICTIMS' views at panel.")
    extract.note("c2", "2026-02-10", text="Considered harm to others and a restorative approach.")
    extract.note("c3", "2026-02-10", text="Postvictimisation work is not a word start.")
    extract.note("c4", "2026-02-10", text="Victim issues noted.", recorded_at="2026-04-02")  # recorded after D
    assert met(measure(extract, "VC1", D)) == {"c1": True, "c2": True, "c3": False, "c4": False}


def test_closed_cases_are_out_and_a_note_on_another_case_does_not_count(extract, measure):
    extract.case("c1", "2025-11-01", end_date="2026-03-30").victim("c1", "2026-01-10")
    extract.case("c2", "2025-11-01").victim("c2", "2026-01-10")
    extract.case("c3", "2025-11-01").note("c3", "2026-02-10", text=VICTIM)
    assert met(measure(extract, "VC1", D)) == {"c2": False}


def test_an_edited_phrase_file_changes_the_victim_signal(extract, measure, tmp_path, monkeypatch):
    edited = tmp_path / "ql2_phrases.toml"
    shipped = signals.PHRASES_FILE.read_text()
    edited.write_text(shipped.split("[signals.victim]")[0] + '[signals.victim]\nphrases = ["person harmed"]\n')
    monkeypatch.setattr(signals, "PHRASES_FILE", edited)
    extract.case("c1", "2025-11-01").victim("c1", "2026-01-10").note("c1", "2026-02-10", text=VICTIM)
    extract.case("c2", "2025-11-01").victim("c2", "2026-01-10")
    extract.note("c2", "2026-02-10", text="The person harmed was consulted.")
    assert met(measure(extract, "VC1", D)) == {"c1": False, "c2": True}


def test_several_windows_at_once_match_each_alone(extract, open_db, policy):
    extract.case("c1", "2025-06-01").victim("c1", "2025-09-01")
    extract.note("c1", "2025-11-15", text=VICTIM)  # within 91 days of 31 Jan, not of 31 Mar
    answers = month_end_answers(open_db(extract), policy, "VC1", D, 3)
    assert answers == {"2026-01-31": {"c1": True}, "2026-02-28": {"c1": False}, "2026-03-31": {"c1": False}}


def test_needs_victims_and_zero_gives_no_value(extract, open_db, policy):
    extract.case("c1", "2025-11-01").include("victims")
    assert overall(open_db(extract), policy, "VC1", D) == (0, 0, None)
    assert indicators.catalogue()["VC1"].requires == ("victims",)


def test_the_shipped_file_has_the_victim_signal_and_qls_three_stay_as_they_were():
    assert set(signals.load_phrases()) == {"analysis", "action", "impact"}
    victim = signals.load_phrases(names=("victim",))["victim"]
    assert {"victim", "restorative", "RJ", "harm to others"} <= set(victim)
