"""The staging models built at load (queries/staging/), on tiny extracts; answers worked out by
hand from the rows written here."""

from queries.quality import signals
from queries.runner import run


def test_management_entries_carry_ql2s_signals_matched_at_load(open_db, extract):
    extract.case("c1", "2026-01-01")
    extract.note(
        "c1", "2026-03-10", text="Risk discussed. Action: cm1 by Friday. This means he is safer.", note_id="all"
    )
    extract.note("c1", "2026-03-10", text="A brisk walk; will review.", note_id="action_only")
    extract.note("c1", "2026-03-10", text=None, note_id="no_text")
    extract.assessment("c1", "2026-03-01", "2026-03-06", "2026-03-10", assessment_id="a1")
    rows = run(
        open_db(extract).cursor(),
        "select entry_id, phrases_digest, has_analysis, has_action_phrase, has_impact from management_entries"
        " order by entry_id",
    ).rows()
    digest = signals.phrase_params()["phrases_digest"]
    assert rows == [
        ("action_only", digest, False, True, False),  # "brisk" is not "risk"
        ("all", digest, True, True, True),
        ("countersignature:a1", None, None, None, None),
        ("no_text", None, None, None, None),
    ]
