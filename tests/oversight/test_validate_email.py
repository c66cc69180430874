"""Staff emails: optional, stored casefolded, and one address may not belong to two people."""

from __future__ import annotations

from oversight.validate import validate_extract
from tests.oversight.test_load import good, write_extract


def _with_emails(*emails: str | None) -> dict:
    tables = good()
    for row, email in zip(tables["staff"], emails, strict=False):
        row["email"] = email or ""
    for row in tables["staff"][len(emails) :]:
        row["email"] = ""
    return tables


def test_emails_are_optional(tmp_path):
    frames, report = validate_extract(write_extract(tmp_path / "x", _with_emails()))
    assert report.ok and frames["staff"].get_column("email").null_count() == frames["staff"].height


def test_emails_are_stored_casefolded(tmp_path):
    frames, report = validate_extract(write_extract(tmp_path / "x", _with_emails(" Ann.Smith@Example.ORG ")))
    assert report.ok
    assert frames["staff"].get_column("email")[0] == "ann.smith@example.org"


def test_one_email_for_two_staff_is_refused_naming_both_rows(tmp_path):
    tables = _with_emails("ann@example.org", "ANN@example.org")
    frames, report = validate_extract(write_extract(tmp_path / "x", tables))
    assert frames is None
    [p] = [p for p in report.errors if p.kind == "duplicate_email"]
    assert (p.file, p.row, p.column, p.value) == ("staff.csv", 3, "email", "ann@example.org")
    assert "row 2" in p.expected
