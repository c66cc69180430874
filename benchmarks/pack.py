"""Benchmark: preparing the self-assessment pack for one service, step by step.

    PYTHONPATH=. .venv/bin/python benchmarks/pack.py [--extract data/demo] [--workdir DIR] [--repeat N]

Loads the extract (the demo by default) through the real loader, then times what "Prepare the
pack" does, each step of :data:`oversight.pack.STEPS` on its own: once cold (the first pack in
a fresh process, as the first click after the app starts) and ``repeat`` times warm. In the same
run it times the fixed reference of ``benchmarks/indicators.py`` (an aggregation over every case
note, repeated since the demo is small) at the start and the end, and prints each figure as a
ratio to it, so runs on a busy machine compare. The target is under 10 s for the whole pack.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.indicators import REFERENCE_SQL, best_of  # noqa: E402
from queries.runner import run  # noqa: E402

TARGET_S = 10.0
REFERENCE_RUNS = 25  # the reference query is quick on the demo: repeated, it is a steadier yardstick


def reference_seconds(con) -> float:
    """benchmarks/indicators.py's fixed reference, run REFERENCE_RUNS times (best of 3)."""

    def runs() -> None:
        for _ in range(REFERENCE_RUNS):
            run(con.cursor(), REFERENCE_SQL, name="reference")

    return best_of(runs, repeat=3)


def prepare(extract: Path, workdir: Path) -> Path:
    from oversight.load import load_extract

    db = workdir / "pack.duckdb"
    if db.exists():
        db.unlink()
    start = time.perf_counter()
    report = load_extract(extract, db=db, synthetic=True)
    print(f"load {extract}: {time.perf_counter() - start:.1f} s ({'ok' if report.ok else 'REFUSED'})")
    if not report.ok:
        print(report.render())
        raise SystemExit(1)
    return db


def timed_pack(con, policy) -> dict[str, float]:
    """Seconds for each step of one pack (oversight.pack.STEPS), and the whole."""
    from oversight import pack

    seconds = dict.fromkeys(pack.STEPS, 0.0)
    current, mark = None, time.perf_counter()

    def progress(step: str, detail: str, done: float) -> None:
        nonlocal current, mark
        now = time.perf_counter()
        if current is not None:
            seconds[current] += now - mark
        current, mark = step, now

    start = time.perf_counter()
    pack.prepare_pack(con, None, policy, progress=progress)
    seconds["whole pack"] = time.perf_counter() - start
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extract", type=Path, default=Path("data/demo"))
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "oversight-bench-pack")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    db_file = prepare(args.extract, args.workdir)

    from oversight.db import Database
    from oversight.policy import load_policy

    policy = load_policy(args.workdir / "no-local-policy.toml")
    database = Database(db_file)
    con = database.connection()
    ref_start = reference_seconds(con)
    print(f"reference (fixed aggregation over case notes, {REFERENCE_RUNS} runs): {ref_start:.3f} s", flush=True)
    cold = timed_pack(con, policy)
    warm_runs = [timed_pack(con, policy) for _ in range(args.repeat)]
    ref_end = reference_seconds(con)
    database.close()
    ref = min(ref_start, ref_end)
    print(f"reference at the end: {ref_end:.3f} s; ratios below are against {ref:.3f} s\n")
    print(f"{'step':<34} {'cold_s':>7} {'(x ref)':>8} {'warm_s':>7} {'(x ref)':>8}")
    for step in cold:
        warm = statistics.median(run[step] for run in warm_runs)
        print(f"{step:<34} {cold[step]:7.2f} {cold[step] / ref:8.1f} {warm:7.2f} {warm / ref:8.1f}")
    whole = statistics.median(run["whole pack"] for run in warm_runs)
    verdict = "within" if max(whole, cold["whole pack"]) < TARGET_S else "OVER"
    print(f"\nwhole pack: cold {cold['whole pack']:.1f} s, warm {whole:.1f} s ({verdict} the {TARGET_S:.0f} s target)")


if __name__ == "__main__":
    main()
