"""The hand-built service the sign-in tests use: a small line-management chain with emails, the
access file that goes with it, and one sign-in account per kind of user for the test provider.

    ad1   assistant director              ad@example.org
    └ hos1  head of service               hos@example.org
      ├ tm1   team manager (Court and Prevention)   tm1@example.org
      │ ├ cm1   case manager, Court       Cm.One@Example.ORG (as a person might type it; the
      │ │                                  loader stores it casefolded, this fixture does not)
      │ ├ cm2   case manager, Court       (no email)
      │ └ cm4   case manager, Prevention  cm4@example.org
      └ tm2   team manager, Community     tm2@example.org
        └ cm3   case manager, Community   cm3@example.org

Outside the staff table: perf@example.org (a performance officer, whole service by the access
file), admin@example.org (an administrator: may load and save the policy, reads nothing by
that alone) and nobody@example.org (signs in, matches nothing). Each Person's ``scope`` is
the staff ids whose cases they see, worked out by hand from the chain above.
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.builder import Extract

STAFF = (
    # staff_id, role, team, line manager, email
    ("ad1", "assistant_director", "Management", None, "ad@example.org"),
    ("hos1", "head_of_service", "Management", "ad1", "hos@example.org"),
    ("tm1", "team_manager", "Court", "hos1", "tm1@example.org"),
    ("cm1", "case_manager", "Court", "tm1", "Cm.One@Example.ORG"),
    ("cm2", "case_manager", "Court", "tm1", None),
    ("cm4", "case_manager", "Prevention", "tm1", "cm4@example.org"),
    ("tm2", "team_manager", "Community", "hos1", "tm2@example.org"),
    ("cm3", "case_manager", "Community", "tm2", "cm3@example.org"),
)
ALL_STAFF = sorted(s[0] for s in STAFF)

ACCESS_TOML = """\
contact = "the Performance team (performance@example.org)"
administrators = ["Admin@example.org"]

[whole_service]
performance_officers = ["perf@example.org"]
auditors = []
"""


@dataclass(frozen=True)
class Person:
    kind: str
    login: str  # what they type into the provider's login form
    password: str
    email: str  # what the provider puts in the ID token
    scope: tuple[str, ...]  # staff ids in scope, by hand
    administrator: bool = False


PEOPLE = (
    Person("case_manager", "casemanager", "pw-cm1", "cm.one@example.org", ("cm1",)),
    Person("team_manager", "teammanager", "pw-tm1", "tm1@example.org", ("cm1", "cm2", "cm4", "tm1")),
    Person(
        "head_of_service",
        "headofservice",
        "pw-hos1",
        "HOS@example.org",
        ("cm1", "cm2", "cm3", "cm4", "hos1", "tm1", "tm2"),
    ),
    Person("performance_officer", "performance", "pw-perf", "perf@example.org", tuple(ALL_STAFF)),
    Person("administrator", "admin", "pw-admin", "admin@example.org", (), administrator=True),
    Person("unknown", "nobody", "pw-nobody", "nobody@example.org", ()),
)
BY_KIND = {p.kind: p for p in PEOPLE}


def extract() -> Extract:
    """The chain above, with one case per case manager and team manager."""
    ext = Extract()
    for staff_id, role, team, manager, email in STAFF:
        ext.staff(staff_id, role=role, team=team, line_manager_id=manager)
        ext.rows["staff"][-1]["email"] = email
    for staff_id, role, team, _, _ in STAFF:
        if role in ("case_manager", "team_manager"):
            ext.case(f"case-{staff_id}", "2026-01-05", case_manager_id=staff_id, team=team)
    return ext


def provider_users() -> list[dict[str, str]]:
    """The accounts the test provider knows (tests/oidc/provider.mjs)."""
    return [
        {"login": p.login, "password": p.password, "email": p.email, "name": p.kind.replace("_", " ").title()}
        for p in PEOPLE
    ]
