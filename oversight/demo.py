"""The embedded demo: on first run with no database, load the bundled synthetic extract.

``data/demo/`` holds the extract ``python -m oversight demo --scale yot --seed 0`` writes
(committed as CSVs). It goes through the real loader, so the demo database is built exactly as a
service's own extract would be, and is marked synthetic so every page says so.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from oversight.schema import REQUIRED_TABLES

DEMO_DIR = Path(__file__).resolve().parent.parent / "data" / "demo"
DEMO_SCALE, DEMO_SEED = "yot", 0

Progress = Callable[[str, float], None]

# Streamlit runs each browser session in its own thread: two first visitors must not both build
# (the loader's temporary file is named by process id, which the threads share).
_BUILDING = threading.Lock()


def _complete(folder: Path) -> bool:
    return all((folder / f"{name}.csv").is_file() for name in REQUIRED_TABLES)


def ensure_demo_database(db: Path, progress: Progress | None = None, source: Path | None = None) -> bool:
    """Build ``db`` from the demo extract when it does not exist; True when one was built.

    ``source`` defaults to the bundled ``data/demo/``; when that is missing (a trimmed checkout)
    the extract is generated into a temporary folder first. A refused load raises RuntimeError
    with the loader's report, and leaves no database behind.
    """
    db = Path(db)
    if db.exists() and not outdated_demo(db):
        return False
    with _BUILDING:
        if db.exists() and not outdated_demo(db):  # another session built it while this one waited
            return False
        return _build(db, progress, source)


def outdated_demo(db: Path) -> bool:
    """The bundled demo, built by another version of Oversight: rebuilt rather than refused, as
    nothing of a service's is lost by it (a service's own data is never replaced unasked)."""
    from oversight.db import Database
    from oversight.store import is_current
    from queries.explorer import load_meta

    database = Database(db)
    try:
        meta = load_meta(database.connection())
    finally:
        database.close()
    source = Path(str(meta.get("source", "")))
    return not is_current(meta) and bool(meta.get("synthetic")) and source.resolve() == DEMO_DIR.resolve()


def _build(db: Path, progress: Progress | None, source: Path | None) -> bool:
    from oversight.load import load_extract

    step = progress or (lambda _m, _f: None)
    db.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(source) if source else DEMO_DIR
    with tempfile.TemporaryDirectory(prefix="oversight-demo-") as tmp:
        if not _complete(folder):
            from oversight.synth import generate

            step("generating the synthetic extract", 0.0)
            folder = Path(tmp) / "demo"
            generate(scale=DEMO_SCALE, seed=DEMO_SEED, out=folder)
        report = load_extract(folder, db=db, synthetic=True, progress=progress)
    if not report.ok:
        raise RuntimeError(f"The demo extract was refused:\n{report.render()}")
    step("done", 1.0)
    return True
