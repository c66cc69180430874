"""QL1: management entries with text dated in the period, met at 40 words or more. D is
31 March 2026; the period is 1 to 31 March unless a test says otherwise."""

import datetime as dt

from tests.queries.footprint._helpers import met, month_end_answers, overall, row

D = "2026-03-31"
MARCH = "2026-03-01"


def words(n: int) -> str:
    return " ".join(f"w{i}" for i in range(n))


def test_forty_words_is_substantive_and_thirty_nine_is_not(extract, measure):
    extract.case("c1", "2026-01-05")
    extract.note("c1", "2026-03-10", text=words(40), note_id="forty")
    extract.note("c1", "2026-03-10", text=words(39), note_id="thirty_nine")
    # runs of spaces and line breaks separate words; they are not words
    extract.note("c1", "2026-03-10", text="  " + "\n\n".join(words(40).split(" ")) + " \n", note_id="forty_on_lines")
    rows = measure(extract, "QL1", D, start=MARCH)
    assert met(rows) == {"forty": True, "thirty_nine": False, "forty_on_lines": True}
    assert row(rows, "thirty_nine")["gap"] == "only 39 words"
    assert row(rows, "forty_on_lines")["word_count"] == 40
    assert row(rows, "forty")["item_date"] == dt.date(2026, 3, 10)


def test_population_is_management_entries_with_text_by_managers(extract, measure):
    extract.case("c1", "2026-01-05")
    extract.note("c1", "2026-03-10", text=None, note_id="no_text")
    extract.note("c1", "2026-03-10", text=" \n ", note_id="blank_text")
    extract.note("c1", "2026-03-10", text="Seen.", note_id="one_word")
    extract.note("c1", "2026-03-10", text=words(50), note_type="Home Visit", note_id="contact")
    extract.note("c1", "2026-03-10", text=words(50), author_id="cm1", note_id="practitioner")
    extract.note("c1", "2026-03-10", text="Discussed.", note_type="Management Decision", note_id="decision")
    # a countersignature is a management entry but has no text
    extract.assessment("c1", "2026-03-01", "2026-03-05", "2026-03-06")
    rows = measure(extract, "QL1", D, start=MARCH)
    assert met(rows) == {"one_word": False, "decision": False}
    assert row(rows, "one_word")["gap"] == "only 1 word"
    # the policy can accept any author, never any category
    widened = measure(extract, "QL1", D, start=MARCH, any_author_counts=True)
    assert met(widened) == {"one_word": False, "decision": False, "practitioner": True}


def test_dated_in_the_period_and_recorded_by_d(extract, measure):
    extract.case("c1", "2025-12-01")
    extract.note("c1", "2026-03-01 00:00", text=words(40), note_id="period_start")
    extract.note("c1", "2026-02-28 23:59", text=words(40), note_id="day_before")
    extract.note("c1", "2026-03-31 23:59", text=words(40), note_id="on_d")
    extract.note("c1", "2026-03-30", recorded_at="2026-04-01", text=words(40), note_id="recorded_after_d")
    assert set(met(measure(extract, "QL1", D, start=MARCH))) == {"period_start", "on_d"}


def test_several_windows_at_once_match_each_alone(extract, open_db, policy):
    extract.case("c1", "2025-12-01")
    extract.note("c1", "2026-01-20", text=words(45), note_id="jan")
    extract.note("c1", "2026-02-10", text=words(5), note_id="feb")
    extract.note("c1", "2026-03-30", recorded_at="2026-04-02", text=words(5), note_id="mar_recorded_april")
    answers = month_end_answers(open_db(extract), policy, "QL1", D, 3)
    assert answers == {"2026-01-31": {"jan": True}, "2026-02-28": {"feb": False}, "2026-03-31": {}}


def test_zero_denominator_has_no_value(extract, open_db, policy):
    extract.case("c1", "2026-01-05").note("c1", "2026-03-10")
    assert overall(open_db(extract), policy, "QL1", D) == (0, 0, None)
