"""The scope resolver (queries/access/allowed_staff.sql) against the hand-built chain in
tests/oidc/people.py, whose answers were worked out by hand there."""

from __future__ import annotations

import datetime as dt

import pytest

from oversight.access import allowed_staff
from tests.builder import Extract
from tests.oidc.people import ALL_STAFF, BY_KIND, extract


@pytest.fixture
def con(open_db):
    return open_db(extract())


def test_a_case_manager_sees_themselves(con):
    assert allowed_staff(con, "cm3@example.org") == ["cm3"]


def test_a_team_manager_sees_their_teams(con):
    # tm1 manages people in two teams (Court and Prevention); tm2's team is not theirs
    assert allowed_staff(con, "tm1@example.org") == ["cm1", "cm2", "cm4", "tm1"]
    assert allowed_staff(con, "tm2@example.org") == ["cm3", "tm2"]


def test_a_head_of_service_sees_everything_below_them_and_not_above(con):
    assert allowed_staff(con, "hos@example.org") == ["cm1", "cm2", "cm3", "cm4", "hos1", "tm1", "tm2"]
    assert "ad1" in allowed_staff(con, "ad@example.org")


@pytest.mark.parametrize("email", ["nobody@example.org", "", None, "perf@example.org"])
def test_an_email_that_matches_no_staff_sees_nothing(con, email):
    assert allowed_staff(con, email) == []


def test_emails_match_casefolded_and_trimmed(con):
    # stored as "Cm.One@Example.ORG"
    assert allowed_staff(con, "  CM.ONE@example.org ") == ["cm1"]
    assert allowed_staff(con, "cm.one@example.org") == ["cm1"]


def test_a_staff_member_with_no_email_cannot_be_matched_by_an_empty_one(con):
    # cm2 has no email: neither empty nor NULL finds them
    assert "cm2" not in allowed_staff(con, "")


def test_whole_service_is_every_member_of_staff(con):
    assert allowed_staff(con, None, whole_service=True) == ALL_STAFF
    assert allowed_staff(con, "nobody@example.org", whole_service=True) == ALL_STAFF


def test_every_kind_of_person_gets_the_scope_worked_out_by_hand(con):
    for kind in ("case_manager", "team_manager", "head_of_service", "unknown", "administrator"):
        person = BY_KIND[kind]
        assert allowed_staff(con, person.email) == list(person.scope), kind


def test_a_loop_in_the_line_management_data_ends(open_db):
    ext = Extract().staff("a", line_manager_id="c").staff("b", line_manager_id="a").staff("c", line_manager_id="b")
    ext.staff("d")
    ext.rows["staff"][0]["email"] = "a@example.org"
    assert allowed_staff(open_db(ext), "a@example.org") == ["a", "b", "c"]


def test_a_leaver_matches_nobody_but_stays_in_their_managers_scope(open_db):
    ext = (
        Extract()
        .staff("tm", role="team_manager")
        .staff("left", line_manager_id="tm", end_date="2026-10-30")
        .staff("stays", line_manager_id="tm", end_date="2026-11-24")
    )
    for row, email in zip(ext.rows["staff"], ("tm@example.org", "left@example.org", "stays@example.org"), strict=True):
        row["email"] = email
    con = open_db(ext)
    today = dt.date(2026, 11, 24)
    assert allowed_staff(con, "left@example.org", today=today) == []
    assert allowed_staff(con, "stays@example.org", today=today) == ["stays"]  # their last day
    assert allowed_staff(con, "tm@example.org", today=today) == ["left", "stays", "tm"]
