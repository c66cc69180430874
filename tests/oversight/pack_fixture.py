"""A small demo-like extract for the pack and sample tests: three teams, sixty cases, every table.

Seeded, so the same extract every run. Built with tests.builder (the real store path), not the
synthetic demo generator, so these tests do not move when the demo's tuning changes.
"""

from __future__ import annotations

import datetime as dt
import random

from tests.builder import Extract

AS_OF = dt.date(2026, 3, 31)
TEAMS = ("North", "South", "=Court")  # "=Court": a team name a spreadsheet would run as a formula
DISPOSALS = ("referral_order", "yro", "youth_caution", "bail_supervision")


def _d(day: dt.date) -> str:
    return day.isoformat()


def demo_like(seed: int = 7, cases: int = 60) -> Extract:
    rng = random.Random(seed)
    e = Extract()
    e.staff("hos1", role="head_of_service", team="Management")
    e.staff("qa1", role="senior_practitioner", team="Quality", line_manager_id="hos1")
    for t, team in enumerate(TEAMS):
        e.staff(f"tm{t}", role="team_manager", team=team, line_manager_id="hos1")
        for k in range(2):
            e.staff(f"cm{t}{k}", team=team, line_manager_id=f"tm{t}")
    for i in range(cases):
        t = i % len(TEAMS)
        team = TEAMS[t]
        case_id = f"C{i:03d}"
        start = AS_OF - dt.timedelta(days=rng.randint(20, 400))
        end = None
        if i % 7 == 0:
            end = AS_OF - dt.timedelta(days=rng.randint(0, 80))
            if end <= start:
                end = start + dt.timedelta(days=10)
        disposal = DISPOSALS[i % len(DISPOSALS)]
        e.case(case_id, _d(start), case_manager_id=f"cm{t}{i % 2}", disposal=disposal, team=team,
               end_date=_d(end) if end else None)  # fmt: skip
        last = end or AS_OF
        # ratings: a third raised, a few unrated
        if i % 10 != 9:
            rosh = ("low", "medium", "high")[i % 3]
            completed = start + dt.timedelta(days=rng.randint(5, 30))
            if completed <= last:
                signed = completed + dt.timedelta(days=rng.choice((1, 3, 8, 90)))
                e.assessment(case_id, _d(start), _d(completed), _d(signed) if signed <= AS_OF and i % 5 else None,
                             rosh=rosh, swb="low")  # fmt: skip
        # management entries every so often; some cases drift
        gap = (14, 25, 40, 70)[i % 4]
        day = start + dt.timedelta(days=rng.randint(1, 10))
        while day <= last:
            words = rng.choice((12, 45, 60))
            author = f"tm{t}" if i % 6 else f"cm{t}{i % 2}"
            e.note(case_id, _d(day), note_type="Management Oversight", author_id=author,
                   text=" ".join(["risk"] * words))  # fmt: skip
            day += dt.timedelta(days=gap + rng.randint(-3, 3))
        e.note(case_id, _d(start + dt.timedelta(days=2)), note_type="Home Visit", author_id=f"cm{t}{i % 2}")
        if i % 4 == 1:
            when = last - dt.timedelta(days=rng.randint(5, 60))
            if when > start:
                e.event(case_id, _d(when), event_type=rng.choice(("arrest", "missing_episode", "court_appearance")))
        if i % 3 == 0:
            set_on = start + dt.timedelta(days=10)
            due = set_on + dt.timedelta(days=20)
            done = due - dt.timedelta(days=2) if i % 2 else None
            e.action(case_id, _d(set_on), _d(due), _d(done) if done and done <= AS_OF else None,
                     _d(done + dt.timedelta(days=3)) if done and i % 5 and done + dt.timedelta(days=3) <= AS_OF
                     else None)  # fmt: skip
        if i % 3 == 2:
            e.panel(case_id, _d(last - dt.timedelta(days=rng.randint(1, 20))))
        if i % 5 == 0 and start < AS_OF - dt.timedelta(days=100):
            e.audit(case_id, _d(AS_OF - dt.timedelta(days=rng.randint(1, 30))),
                    oversight_judgement=rng.choice(("sufficient", "insufficient")), grade="good")  # fmt: skip
    return e
