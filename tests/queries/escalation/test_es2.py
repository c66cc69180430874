"""ES2: RC2's population (cases open on D, high risk on D and on D - 28), met by a
management-category note by a service-manager role (default operational_manager,
head_of_service, assistant_director) within the last 91 days of D. D is Wednesday 30 September
2026: D - 91 is 1 July, so a note on 2 July is the oldest that counts."""

from tests.queries.footprint._helpers import met, row

D = "2026-09-30"


def _high(extract, case_id, **case):
    extract.case(case_id, "2026-01-05", **case)
    return extract.assessment(case_id, "2026-01-06", "2026-01-20", "2026-01-21", rosh="high", swb="low")


def test_population_is_rc2s(extract, measure):
    _high(extract, "high_throughout")
    extract.case("swb_very_high", "2026-01-05").assessment("swb_very_high", "2026-01-06", "2026-01-20", swb="very_high")
    # raised to high on 20 September: not high on D - 28 (2 September)
    extract.case("newly_high", "2026-01-05").assessment("newly_high", "2026-01-06", "2026-01-20", rosh="medium")
    extract.assessment("newly_high", "2026-09-01", "2026-09-20", stage="review", rosh="high")
    _high(extract, "lowered").assessment("lowered", "2026-09-01", "2026-09-20", stage="review", rosh="medium")
    _high(extract, "closed", end_date="2026-09-29")
    extract.case("unrated", "2026-01-05")
    es2 = set(met(measure(extract, "ES2", D)))
    assert es2 == {"high_throughout", "swb_very_high"}
    assert es2 == set(met(measure(extract, "RC2", D)))


def test_a_service_manager_within_91_days(extract, measure):
    extract.staff("om1", role="operational_manager", team="Management", line_manager_id="hos1")
    _high(extract, "d_minus_90").note("d_minus_90", "2026-07-02", author_id="om1")
    _high(extract, "d_minus_91").note("d_minus_91", "2026-07-01", author_id="om1")
    _high(extract, "head_of_service").note("head_of_service", "2026-09-01", author_id="hos1")
    _high(extract, "team_manager").note("team_manager", "2026-09-01", author_id="tm1")
    # a risk panel's entry recorded by its chair is a management-category note: it counts
    _high(extract, "panel_entry").note(
        "panel_entry", "2026-09-01", note_type="Management Oversight by Risk Management Panel", author_id="om1"
    )
    # a meeting chaired by an operational manager with no note does not (notes only)
    _high(extract, "chaired_only").panel("chaired_only", "2026-09-01", recorded_date="2026-09-02", chair_id="om1")
    rows = measure(extract, "ES2", D)
    assert met(rows) == {
        "d_minus_90": True,
        "d_minus_91": False,
        "head_of_service": True,
        "team_manager": False,
        "panel_entry": True,
        "chaired_only": False,
    }
    late = row(rows, "d_minus_91")
    assert late["gap"] == "no note by a service manager in the last 91 days"
    assert late["since_date"].isoformat() == "2026-07-01"  # since the service manager's last note
    assert row(rows, "team_manager")["since_date"].isoformat() == "2026-01-05"  # none: since the start


def test_not_a_countersignature_another_case_or_a_note_recorded_after_d(extract, measure):
    extract.staff("om1", role="operational_manager", team="Management", line_manager_id="hos1")
    _high(extract, "signed").assessment(
        "signed", "2026-09-01", "2026-09-05", "2026-09-07", rosh="high", countersigned_by="om1"
    )
    _high(extract, "sibling")
    extract.case("other", "2026-01-05").note("other", "2026-09-01", author_id="om1")
    _high(extract, "recorded_late").note("recorded_late", "2026-09-30", "2026-10-01 09:00", author_id="om1")
    assert met(measure(extract, "ES2", D)) == {"signed": False, "sibling": False, "recorded_late": False}
    assert met(measure(extract, "ES2", "2026-10-01"))["recorded_late"] is True
