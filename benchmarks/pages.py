"""Benchmark: every dashboard page at the ``large`` scale, cold and warm, with Streamlit's AppTest.

    PYTHONPATH=. .venv/bin/python benchmarks/pages.py [--workdir DIR] [--reuse] [--repeat N]

Generates the ``large`` synthetic extract, loads it through the real loader, then runs each page
once cold (empty caches: every query runs) and ``repeat`` times warm (what a user sees moving
between pages or changing a tab), and prints the seconds. The target is under 2 s warm for every
page. AppTest runs the script in this process, so the figures include Streamlit's own work
(building every element) but not the browser's drawing or the network.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))
TARGET_WARM_S = 2.0


def prepare(workdir: Path, reuse: bool) -> Path:
    from oversight.load import load_extract
    from oversight.synth import generate

    db = workdir / "large.duckdb"
    if not (reuse and db.exists()):
        if db.exists():
            db.unlink()
        start = time.perf_counter()
        print(generate(scale="large", seed=0, out=workdir / "large"))
        report = load_extract(workdir / "large", db=db, synthetic=True)
        print(f"generate and load large: {time.perf_counter() - start:.1f} s ({'ok' if report.ok else 'REFUSED'})")
        if not report.ok:
            print(report.render())
            raise SystemExit(1)
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "oversight-bench")
    parser.add_argument("--reuse", action="store_true", help="reuse the database of an earlier run")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    db = prepare(args.workdir, args.reuse)
    os.environ["OVERSIGHT_DB"] = str(db)
    os.environ["OVERSIGHT_POLICY"] = str(args.workdir / "no-local-policy.toml")

    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_data.clear()
    st.cache_resource.clear()
    rows = []
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        at.switch_page(page)
        start = time.perf_counter()
        at.run()
        cold = time.perf_counter() - start
        if at.exception:
            print(f"{page}: EXCEPTION {at.exception[0].message}")
        warm = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            at.run()
            warm.append(time.perf_counter() - start)
        rows.append((page, cold, min(warm), statistics.median(warm), max(warm)))

    # a filter is a new cache key: the first run with it computes, the next are warm again
    from oversight.db import Database
    from queries import explorer

    team = explorer.filter_options(Database(db).connection()).filter(filter="team")["value"][0]
    for page in ("pages/overview.py", "pages/footprint.py"):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        at.session_state["f_team"] = team
        at.switch_page(page)
        start = time.perf_counter()
        at.run()
        cold = time.perf_counter() - start
        warm = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            at.run()
            warm.append(time.perf_counter() - start)
        rows.append((f"{page} (team)", cold, min(warm), statistics.median(warm), max(warm)))

    print(f"\n{'page':28} {'cold s':>8} {'warm min':>9} {'median':>8} {'max':>8}  (target warm < {TARGET_WARM_S} s)")
    for page, cold, lo, med, hi in rows:
        flag = "" if hi < TARGET_WARM_S else "  OVER"
        print(f"{page:28} {cold:8.2f} {lo:9.2f} {med:8.2f} {hi:8.2f}{flag}")
    worst = max(r[4] for r in rows)
    print(
        f"\nslowest warm page: {worst:.2f} s; {'all under' if worst < TARGET_WARM_S else 'NOT all under'} "
        f"{TARGET_WARM_S} s"
    )


if __name__ == "__main__":
    main()
