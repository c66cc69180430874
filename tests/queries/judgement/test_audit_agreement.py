"""Auditors' judgements set beside JG1 as of each audit's own date (the file as the auditor saw it).

By hand, D = 2026-06-30; the audits compared are those dated 2025-07-01 to D (the 365 days ending
on D). Every case is a prevention case (AssetPlus does not apply, so the four assessment checks
are n/a), no events, actions or panels; every management entry is substantive (66 words).

- ``chg`` starts 2025-09-01; a stage completed 2025-09-10 rates RoSH medium (raised from then).
  Entries 2025-09-08, 10-06, 11-03, 12-01, 12-29, then none.
  On 2026-01-12 (audit, "sufficient"): window 2025-09-01..2026-01-12 (182 days back is 2025-07-15,
  before the start), raised in it, so N = 28: first entry 7 days in, gaps of 28 days (not more
  than 28), last 14 days before the end: Evidence passes; nothing else fails: **sufficient**.
  On D (audit, "sufficient"): window 2025-12-31..2026-06-30 holds no entry: Evidence fails on a
  raised case: **insufficient** (EVIDENCE_GAP). Today's judgement would have the January audit
  disagree; as of its date it agrees.
- ``old`` starts 2025-01-06, unrated (N = 56). Entries 2025-01-13 and every 28 days to 2025-06-30.
  On 2025-07-01 (audit, "sufficient"): window 2025-01-06..2025-07-01, first entry 7 days in, gaps
  of 28, last 1 day before the end: **sufficient**, agrees. Its audit of 2025-06-30
  ("insufficient") is 365 days before D: outside the year, not compared (it would disagree).
- ``yng`` starts 2026-03-02; audited 2026-04-01 ("insufficient"), 30 days open: not_yet then, so
  left out and counted apart.

Compared 3 (chg Jan agrees, chg June disagrees, old July agrees): agreed 2. JG1 says sufficient
for 2 of 3, auditors for 3 of 3: chance agreement 2/3 * 1 + 1/3 * 0 = 2/3, observed 2/3, kappa 0.
"""

from __future__ import annotations

import datetime as dt

import pytest

from queries import indicators
from queries.indicators import Filters
from queries.judgement import audit_agreement
from tests.queries.judgement.case_examples import _SUBSTANTIVE

D = dt.date(2026, 6, 30)


def _agreement_extract(extract):
    extract.staff("qa1", role="operational_manager", line_manager_id="hos1")
    extract.include("events", "actions", "panels")
    extract.case("chg", "2025-09-01", disposal="prevention")
    extract.assessment("chg", "2025-09-01", "2025-09-10", "2025-09-11", rosh="medium", swb="low")
    for day in ("2025-09-08", "2025-10-06", "2025-11-03", "2025-12-01", "2025-12-29"):
        extract.note("chg", day, text=_SUBSTANTIVE)
    extract.audit("chg", "2026-01-12", "sufficient")
    extract.audit("chg", "2026-06-30", "sufficient")
    extract.case("old", "2025-01-06", disposal="prevention", case_manager_id="cm2")
    day = dt.date(2025, 1, 13)
    while day <= dt.date(2025, 6, 30):
        extract.note("old", day.isoformat(), text=_SUBSTANTIVE)
        day += dt.timedelta(days=28)
    extract.audit("old", "2025-06-30", "insufficient")  # D - 365: outside the year
    extract.audit("old", "2025-07-01", "sufficient")  # D - 364: inside
    extract.case("yng", "2026-03-02", disposal="prevention")
    extract.audit("yng", "2026-04-01", "insufficient")
    return extract


def test_each_audit_meets_jg1_as_of_its_own_date(open_db, extract, policy):
    con = open_db(_agreement_extract(extract))
    result = audit_agreement(con, indicators.period(D), policy)
    rows = result.cases.select("case_id", "audit_date", "audit_judgement", "judgement", "agrees").rows()
    assert sorted(rows) == [
        ("chg", dt.date(2026, 1, 12), "sufficient", "sufficient", True),  # insufficient today
        ("chg", dt.date(2026, 6, 30), "sufficient", "insufficient", False),
        ("old", dt.date(2025, 7, 1), "sufficient", "sufficient", True),
    ]
    assert (result.compared, result.agreed, result.not_yet, result.not_open) == (3, 2, 1, 0)
    assert result.kappa == pytest.approx(0.0)
    # the disagreement is listed with its audit date and the reasons JG1 had on that date
    listed = result.disagreements.row(0, named=True)
    assert (listed["case_id"], listed["audit_date"]) == ("chg", D)
    assert listed["reasons"].startswith("EVIDENCE_GAP")


def test_the_year_of_audits_ends_on_d(open_db, extract, policy):
    con = open_db(_agreement_extract(extract))
    january = audit_agreement(con, indicators.period(dt.date(2026, 1, 31)), policy)
    # the year ending 31 January 2026 holds old's June audit too (JG1 then: sufficient, so the
    # auditor's "insufficient" disagrees); chg's June audit and yng's April one are after this D
    rows = january.cases.select("case_id", "audit_date", "judgement", "agrees").rows()
    assert sorted(rows) == [
        ("chg", dt.date(2026, 1, 12), "sufficient", True),
        ("old", dt.date(2025, 6, 30), "sufficient", False),
        ("old", dt.date(2025, 7, 1), "sufficient", True),
    ]
    assert january.not_yet == 0


def test_a_scope_keeps_the_audits_of_its_own_cases(open_db, extract, policy):
    con = open_db(_agreement_extract(extract))
    # cm2 holds old only: chg's audits are not theirs to see
    result = audit_agreement(con, indicators.period(D), policy, filters=Filters(allowed_staff=("cm2",)))
    assert result.cases.select("case_id", "audit_date").rows() == [("old", dt.date(2025, 7, 1))]
    assert result.not_yet == 0
