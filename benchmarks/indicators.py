"""Benchmark: every indicator at national scale, against a pandas notebook reference.

    PYTHONPATH=. .venv/bin/python benchmarks/indicators.py [--workdir DIR] [--reuse]

Generates the ``national`` demo extract, loads it, then times (best of 3, warm) each indicator
overall, each breakdown, the 24-month trend of every indicator and the case table. In the same
run it times a vectorised pandas version of FP1, DR1 and TL1 on DataFrames already in memory
(what a performance officer would write in a notebook) and prints the ratio. Prints figures; it
asserts nothing (speed is measured here, not in the tests).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from oversight.db import Database
from oversight.policy import load_policy
from oversight.schema import MANAGEMENT_CATEGORIES, MANAGER_ROLES
from queries import indicators as ind
from queries.judgement import case_table
from queries.runner import run

TARGETS_S = {"overall": 0.5, "breakdown": 1.0, "trend": 10.0, "cases": 3.0}
FIRST_FAMILIES = ("footprint", "timeliness", "risk_coverage", "drift", "quality")

# The fixed reference: a count and latest instant per case and month over every case note. It
# reads no staging or intermediate model, so a change to Oversight's SQL cannot move it.
REFERENCE_SQL = """
select case_id, date_trunc('month', event_date) as month, count(*) as notes, max(recorded_at) as latest
from case_notes
group by all
"""


def best_of(fn: Callable[[], object], repeat: int = 3) -> float:
    fn()  # warm
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def reference_seconds(con) -> float:
    """The fixed reference's time (best of 5) on this machine, now."""
    return best_of(lambda: run(con.cursor(), REFERENCE_SQL, name="reference"), repeat=5)


def prepare(workdir: Path, reuse: bool) -> Path:
    from oversight.load import load_extract
    from oversight.synth import generate

    extract = workdir / "national"
    db = workdir / "national.duckdb"
    if not (reuse and db.exists()):
        start = time.perf_counter()
        print(generate(scale="national", seed=0, out=extract))
        print(f"generate national: {time.perf_counter() - start:.1f} s")
        start = time.perf_counter()
        report = load_extract(extract, db=db, synthetic=True)
        print(f"load national: {time.perf_counter() - start:.1f} s ({'ok' if report.ok else 'REFUSED'})")
        if not report.ok:
            print(report.render())
            raise SystemExit(1)
    return db


def pandas_reference(con, as_of: dt.date, policy) -> dict[str, Callable[[], object]]:
    """FP1, DR1 and TL1 as a notebook would write them, on the extract's tables already in memory.

    The frames are the canonical tables as loaded (cases, case_notes with their category, staff,
    assessments), not Oversight's staging tables: a notebook works from the extract, so it joins
    authors to roles, adds countersignatures and converts UK local times to UTC itself.
    """
    cur = con.cursor()
    cases = run(cur, "select case_id, start_date, end_date from cases").to_pandas()
    notes = run(
        cur, "select case_id, category, author_id, event_date, event_date_has_time, recorded_at from case_notes"
    ).to_pandas()
    staff = run(cur, "select staff_id, role from staff").to_pandas()
    stages = run(cur, "select case_id, countersigned_date from assessments").to_pandas()
    for frame, cols in ((cases, ["start_date", "end_date"]), (stages, ["countersigned_date"])):
        for col in cols:
            frame[col] = pd.to_datetime(frame[col])
    d = pd.Timestamp(as_of)
    days = policy.values["oversight_interval_days"]
    managers = set(staff.loc[staff.role.isin(MANAGER_ROLES), "staff_id"])

    def manager_notes(categories: tuple[str, ...]) -> pd.DataFrame:
        n = notes[notes.category.isin(categories) & notes.author_id.isin(managers)]
        return n.assign(entry_date=n.event_date.dt.normalize(), recorded_date=n.recorded_at.dt.normalize())

    def latest_entry() -> pd.Series:
        n = manager_notes(MANAGEMENT_CATEGORIES)
        n = n[(n.entry_date <= d) & (n.recorded_date <= d)]
        signed = stages[stages.countersigned_date <= d]
        return pd.concat(
            [n.groupby("case_id")["entry_date"].max(), signed.groupby("case_id")["countersigned_date"].max()],
            axis=1,
        ).max(axis=1)

    def fp1() -> tuple[int, int]:
        open_ = cases[
            (cases.start_date <= d - pd.Timedelta(days=days)) & (cases.end_date.isna() | (cases.end_date >= d))
        ]
        latest = open_.case_id.map(latest_entry())
        met = latest > d - pd.Timedelta(days=days)
        return int(met.sum()), len(open_)

    def dr1() -> tuple[int, int]:
        open_ = cases[(cases.start_date <= d) & (cases.end_date.isna() | (cases.end_date >= d))]
        since = open_.case_id.map(latest_entry()).fillna(open_.start_date)
        over = (d - since).dt.days > days
        return int(over.sum()), len(open_)

    def tl1() -> tuple[int, int]:
        n = manager_notes(("oversight", "decision", "panel", "audit"))
        n = n[(n.entry_date >= d - pd.Timedelta(days=89)) & (n.entry_date <= d) & (n.recorded_date <= d)]
        # a date with no time counts from the end of that day; UK local time to UTC
        start = n.event_date.where(n.event_date_has_time, n.entry_date + pd.Timedelta(days=1))
        start = start.dt.tz_localize("Europe/London", ambiguous=False, nonexistent="shift_forward")
        recorded = n.recorded_at.dt.tz_localize("Europe/London", ambiguous=False, nonexistent="shift_forward")
        hours = (recorded - start).dt.total_seconds() / 3600
        return int((hours <= policy.values["oversight_record_hours"]).sum()), len(n)

    return {"FP1": fp1, "DR1": dr1, "TL1": tl1}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/oversight-bench"))
    parser.add_argument("--reuse", action="store_true", help="reuse a database built by an earlier run")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    db = prepare(args.workdir, args.reuse)
    con = Database(db).connection()
    policy = load_policy()
    as_of = ind.default_as_of(con)
    window = [ind.period(as_of)]
    present = ind.tables_present(con)
    counts = run(
        con.cursor(), "select (select count(*) from cases) as cases, (select count(*) from case_notes) as notes"
    )
    print(f"as of {as_of}; {counts.row(0)[0]:,} cases, {counts.row(0)[1]:,} case notes")
    ref_start = reference_seconds(con)
    print(f"reference (fixed aggregation over case notes): {ref_start:.3f} s", flush=True)

    catalogue = [i for i in ind.catalogue().values() if ind.is_available(i, present)]
    overall, worst, trends = {}, {}, {}
    # each row as it is measured (ratios against the reference at the start), so a run cut
    # short still says something; the summary below uses the median of both references
    print("\nindicator  overall_s (x ref)  worst_breakdown_s (x ref)       trend24_s (x ref)", flush=True)
    for indicator in catalogue:
        i = indicator.id
        overall[i] = best_of(lambda i=indicator: ind.summary(con, i, window, policy))
        worst[i] = max(
            (best_of(lambda i=indicator, b=b: ind.summary(con, i, window, policy, by=b), repeat=1), b)
            for b in ind.BREAKDOWNS
        )
        months = ind.month_ends(as_of, 24)
        trends[i] = best_of(lambda i=indicator, m=months: ind.summary(con, i, m, policy), repeat=1)
        w, by = worst[i]
        print(
            f"{i:9}  {overall[i]:9.3f} ({overall[i] / ref_start:5.1f})  {w:8.3f} ({w / ref_start:5.1f}) {by:13}"
            f"  {trends[i]:8.3f} ({trends[i] / ref_start:6.1f})",
            flush=True,
        )

    cases_s = best_of(lambda: case_table(con, ind.period(as_of), policy), repeat=1)
    ref_end = reference_seconds(con)
    ref = statistics.median([ref_start, ref_end])
    print(f"\nreference at the end: {ref_end:.3f} s; ratios below are against {ref:.3f} s")

    total_trend = sum(trends.values())
    # the first catalogue's five families (footprint to quality, FP1-QL2: the trend target's
    # scope), then every family but the case judgement, then all of them
    spec_trend = sum(t for i, t in trends.items() if ind.catalogue()[i].family in FIRST_FAMILIES)
    others_trend = sum(t for i, t in trends.items() if i != "JG1")
    slowest_overall = max(overall.values())
    slowest_breakdown = max(w[0] for w in worst.values())
    print(
        f"\n24-month trend of FP1-QL2 ({', '.join(FIRST_FAMILIES)}): {spec_trend:.2f} s "
        f"({spec_trend / ref:.1f}x ref; target < {TARGETS_S['trend']} s)"
    )
    print(
        f"every family but the judgement: {others_trend:.2f} s ({others_trend / ref:.1f}x ref); "
        f"with JG1: {total_trend:.2f} s ({total_trend / ref:.1f}x ref)"
    )
    print(
        f"slowest overall: {slowest_overall:.3f} s ({slowest_overall / ref:.1f}x ref; "
        f"target < {TARGETS_S['overall']} s)"
    )
    print(
        f"slowest breakdown: {slowest_breakdown:.3f} s ({slowest_breakdown / ref:.1f}x ref; "
        f"target < {TARGETS_S['breakdown']} s)"
    )
    print(f"case table: {cases_s:.2f} s ({cases_s / ref:.1f}x ref; target < {TARGETS_S['cases']} s)")

    print("\npandas reference (frames in memory) vs DuckDB summary, same answer:")
    reference = pandas_reference(con, as_of, policy)
    for indicator_id, fn in reference.items():
        pandas_s = best_of(fn)
        duck = ind.summary(con, ind.catalogue()[indicator_id], window, policy).row(0, named=True)
        agrees = fn() == (duck["numerator"], duck["denominator"])
        print(
            f"{indicator_id}: pandas {pandas_s:.3f} s, duckdb {overall[indicator_id]:.3f} s, "
            f"ratio {pandas_s / overall[indicator_id]:.1f}x, same answer: {agrees}"
        )
    print(f"\nmedian overall: {statistics.median(overall.values()):.3f} s")


if __name__ == "__main__":
    main()
