"""A reload soak: sessions click through every page while loads swap the database under them.

Each session is a real app session (``AppTest`` over app.py, as the page tests use) in its own
thread, as Streamlit runs each browser tab's script in its own thread; all of them render their
first page at the same moment. Meanwhile the real loader (``oversight.load.load_extract``) loads
the demo extract again and again, each time from a folder of another name, so the banner of
every page says which load it shows. At the end each session opens the overview once more and
must name the last load.

Two things differ between AppTest and the real server, and only when sessions run in threads;
the soak puts them as the server has them (see ``_serialise_magic`` and ``_share_runtime``). A
third it works around: AppTest sends the next run the values of the widgets in its own copy of
the last page, read back from the session, and now and then, with sessions in threads, one of
them is no longer there; AppTest then raises before the app runs (a ``KeyError`` naming the
widget's id) and on every run after. A browser sends only what it shows, so the real server
cannot fail so; the soak counts such a session apart (``harness_restarts``) and opens it again,
as a person would open the tab again. The app's own failures are counted as before.

Counts exceptions (a page's uncaught exception, or a run that fails) and error messages on the
pages; zero of each is the pass. Run it as a command for the long run::

    .venv/bin/python -m tests.soak --sessions 5 --reloads 50

and tests/test_soak.py runs a short one. Run it in a fresh process: the first renders then
also import pandas and the rest for the first time, in several threads at once.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
DEMO = ROOT / "data" / "demo"
PAGES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))


@dataclass
class Soak:
    sessions: int
    reloads: int = 0
    renders: int = 0
    exceptions: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    harness_restarts: int = 0
    seconds: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def ok(self) -> bool:
        return not self.exceptions and not self.errors and not self.stale

    def summary(self) -> str:
        return (
            f"sessions={self.sessions} reloads={self.reloads} page_renders={self.renders} "
            f"exceptions={len(self.exceptions)} errors={len(self.errors)} stale_sessions={len(self.stale)} "
            f"harness_restarts={self.harness_restarts} seconds={self.seconds:.1f}"
        )


def _extract(work: Path, n: int, source: Path) -> Path:
    """The extract under a new folder name (hard links: no copying), so the banner names it."""
    folder = work / f"extract-{n:04d}"
    folder.mkdir()
    for f in source.iterdir():
        if f.is_file():
            try:
                os.link(f, folder / f.name)
            except OSError:  # another file system
                shutil.copy2(f, folder / f.name)
    return folder


def _shown(at) -> str:
    """The text a user reads: titles, markdown, captions and alerts."""
    parts = []
    for kind in ("title", "markdown", "caption", "warning", "info", "success"):
        parts.extend(str(getattr(e, "value", "")) for e in getattr(at, kind))
    return "\n".join(parts)


class StaleTree(Exception):
    """AppTest's copy of the last page names a widget the session no longer holds (see above)."""


def _render(at, page: str, soak: Soak, who: str) -> str:
    try:
        at.switch_page(page)
        at.run()
    except Exception as exc:  # noqa: BLE001 - a failed run is what the soak counts
        # raised by AppTest itself: an exception in the app is caught into its page instead
        if isinstance(exc, KeyError) and "$$ID-" in str(exc):
            raise StaleTree(str(exc)) from exc
        with soak.lock:
            soak.exceptions.append(f"{who} {page}: {type(exc).__name__}: {exc}"[:500])
        return ""
    with soak.lock:
        soak.renders += 1
        soak.exceptions.extend(f"{who} {page}: {e.message}"[:500] for e in at.exception)
        soak.errors.extend(f"{who} {page}: {e.value}"[:500] for e in at.error)
        if not at.title:  # a run that died before the page drew (its error only in the log)
            soak.exceptions.append(f"{who} {page}: the page drew nothing")
    return _shown(at)


def _serialise_magic() -> None:
    """The real server compiles every session's scripts through one cache under one lock; each
    AppTest has its own, and Python 3.11's ast.parse is not safe in two threads at once
    ("AST constructor recursion depth mismatch"). Share the server's lock, not its bug."""
    from streamlit.runtime.scriptrunner import magic

    if getattr(magic.add_magic, "soak_locked", False):
        return
    lock, add_magic = threading.Lock(), magic.add_magic

    def locked(code: str, script_path: str) -> object:
        with lock:
            return add_magic(code, script_path)

    locked.soak_locked = True  # type: ignore[attr-defined]
    magic.add_magic = locked


def _share_runtime() -> None:
    """The real server has one Runtime for the process. AppTest makes a stand-in at the start of
    each run and clears the class's singleton at the end, so in threads one session's run ending
    left another's without ("Runtime hasn't been created!"). Fall back to the latest stand-in."""
    from streamlit.runtime.runtime import Runtime

    if getattr(Runtime.instance, "soak_shared", False):
        return
    latest: list[Runtime] = []

    def instance(cls: type[Runtime]) -> Runtime:
        if cls._instance is not None:
            latest[:] = [cls._instance]
            return cls._instance
        if latest:
            return latest[0]
        raise RuntimeError("Runtime hasn't been created!")

    instance.soak_shared = True  # type: ignore[attr-defined]
    Runtime.instance = classmethod(instance)  # type: ignore[method-assign, assignment]


def _choices(db: Path) -> tuple[list, list]:
    """Days and teams a user might pick in the sidebar: each pick is new SQL, not a cached page."""
    import datetime as dt

    from oversight.db import Database
    from queries import indicators

    database = Database(db)
    try:
        latest = indicators.default_as_of(database.connection())
        cur = database.connection().cursor()
        teams = [r[0] for r in cur.sql("select distinct team from cases order by 1").fetchall()]
        cur.close()
    finally:
        database.close()
    return [latest - dt.timedelta(days=d) for d in range(0, 120, 7)], [None, *teams]


def run(sessions: int, reloads: int, work: Path, source: Path = DEMO, pause: float = 0.2, seed: int = 0) -> Soak:
    """The soak in ``work`` (a database and the extract folders are made there)."""
    from streamlit.testing.v1 import AppTest

    from oversight.load import load_extract

    db = work / "oversight.duckdb"
    os.environ["OVERSIGHT_DB"] = str(db)
    os.environ["OVERSIGHT_POLICY"] = str(work / "policy.local.toml")
    first = load_extract(_extract(work, 0, source), db=db)
    if not first.ok:
        raise SystemExit(f"the extract at {source} does not load:\n{first.render()}")
    _serialise_magic()
    _share_runtime()
    days, teams = _choices(db)

    soak = Soak(sessions)
    done = threading.Event()
    start = threading.Barrier(sessions + 1)
    last = [0]

    def session(n: int) -> None:
        rng = random.Random(seed * 1000 + n)
        who = f"session {n}"
        at = AppTest.from_file(APP, default_timeout=300)

        def render(page: str) -> str:
            nonlocal at
            try:
                return _render(at, page, soak, who)
            except StaleTree as stale:
                with soak.lock:
                    soak.harness_restarts += 1
                at = AppTest.from_file(APP, default_timeout=300)  # the tab opened again
                try:
                    return _render(at, page, soak, who)
                except StaleTree:  # never on a fresh session: counted as a failure if it is
                    with soak.lock:
                        soak.exceptions.append(f"{who} {page}: {stale}"[:500])
                    return ""

        start.wait()
        order = PAGES[:]
        while True:
            rng.shuffle(order)
            for page in order:
                if rng.random() < 0.5:  # the user changes D or the team in the sidebar
                    at.session_state["f_as_of"] = rng.choice(days)
                    at.session_state["f_start"] = None
                    at.session_state["f_team"] = rng.choice(teams)
                render(page)
                if done.is_set():
                    break
            if done.is_set():
                break
        # after the last load: the next page this user opens names it
        at.session_state["f_team"] = None
        text = render("pages/overview.py")
        if f"extract-{last[0]:04d}" not in text:
            with soak.lock:
                soak.stale.append(f"{who}: the overview does not name extract-{last[0]:04d}")

    threads = [threading.Thread(target=session, args=(n,), name=f"soak-{n}") for n in range(sessions)]
    for t in threads:
        t.start()
    clock = time.perf_counter()
    start.wait()  # every session's first render starts together
    try:
        for n in range(1, reloads + 1):
            time.sleep(pause)
            report = load_extract(_extract(work, n, source), db=db)
            if not report.ok:
                soak.errors.append(f"load {n} refused: {report.render()[:500]}")
                break
            last[0] = n
            soak.reloads = n
            shutil.rmtree(work / f"extract-{n - 1:04d}", ignore_errors=True)
        time.sleep(pause)
    finally:
        done.set()
        for t in threads:
            t.join()
    soak.seconds = time.perf_counter() - clock
    return soak


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tests.soak", description=__doc__.splitlines()[0])
    p.add_argument("--sessions", type=int, default=5)
    p.add_argument("--reloads", type=int, default=50)
    p.add_argument("--pause", type=float, default=0.2, help="seconds between loads")
    p.add_argument("--extract", type=Path, default=DEMO, help="the extract loaded each time (default: the demo)")
    p.add_argument("--seed", type=int, default=0, help="the order in which sessions open pages")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="oversight-soak-") as work:
        soak = run(args.sessions, args.reloads, Path(work), args.extract, args.pause, args.seed)
    for line in (*soak.exceptions, *soak.errors, *soak.stale)[:50]:
        print(line)
    print(soak.summary(), flush=True)
    return 0 if soak.ok else 1


if __name__ == "__main__":
    sys.exit(main())
