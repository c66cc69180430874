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


def timed_pack(con, policy) -> tuple[dict[str, float], dict[str, float]]:
    """Wall-clock and CPU seconds (this process, every thread) for each step of one pack
    (oversight.pack.STEPS), and the whole."""
    from oversight import pack

    wall = dict.fromkeys(pack.STEPS, 0.0)
    cpu = dict.fromkeys(pack.STEPS, 0.0)
    current, mark, cpu_mark = None, time.perf_counter(), time.process_time()

    def progress(step: str, detail: str, done: float) -> None:
        nonlocal current, mark, cpu_mark
        now, cpu_now = time.perf_counter(), time.process_time()
        if current is not None:
            wall[current] += now - mark
            cpu[current] += cpu_now - cpu_mark
        current, mark, cpu_mark = step, now, cpu_now

    start, cpu_start = time.perf_counter(), time.process_time()
    pack.prepare_pack(con, None, policy, progress=progress)
    wall["whole pack"] = time.perf_counter() - start
    cpu["whole pack"] = time.process_time() - cpu_start
    return wall, cpu


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
    # CPU seconds move far less than wall-clock ones when other work shares the machine
    print(f"{'step':<22} {'cold_s':>7} {'(x ref)':>8} {'cpu_s':>6} {'warm_s':>7} {'(x ref)':>8} {'cpu_s':>6}")
    cold_wall, cold_cpu = cold
    for step in cold_wall:
        warm = statistics.median(run[0][step] for run in warm_runs)
        warm_cpu = statistics.median(run[1][step] for run in warm_runs)
        print(f"{step:<22} {cold_wall[step]:7.2f} {cold_wall[step] / ref:8.1f} {cold_cpu[step]:6.2f} "
              f"{warm:7.2f} {warm / ref:8.1f} {warm_cpu:6.2f}")  # fmt: skip
    whole = statistics.median(run[0]["whole pack"] for run in warm_runs)
    verdict = "within" if max(whole, cold_wall["whole pack"]) < TARGET_S else "OVER"
    print(f"\nwhole pack: cold {cold_wall['whole pack']:.1f} s, warm {whole:.1f} s "
          f"({verdict} the {TARGET_S:.0f} s target)")  # fmt: skip


if __name__ == "__main__":
    main()
