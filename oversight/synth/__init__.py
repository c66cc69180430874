"""Synthetic extracts in the canonical CSV form: ``python -m oversight demo``.

Deterministic for a seed (same seed, byte-identical files). Scales:

- ``yot``: one service, about 200 cases open on the extract's last day (2026-10-31);
- ``large``: one service, about 500 open cases;
- ``national``: about 150 services, tens of thousands of open cases and millions of case notes,
  for benchmarks. Each service is simulated and appended to the CSVs in turn, so memory stays
  that of one service; ids and team names carry the service's prefix so they stay unique.

Every table of the contract has rows, the optional ones included (absences, victims). Everything
is invented. Children have references only (``C0012345``), never names; victims have no names
or contact details either.
"""

from __future__ import annotations

import time
import tomllib
from pathlib import Path

import numpy as np
import polars as pl

from oversight.policy import DEFAULT_POLICY
from oversight.schema import SYNTHETIC_MARKER, TABLES
from oversight.synth.service import LAST_DAY, Service

SCALES = ("yot", "large", "national")
NATIONAL_SERVICES = 150
_PLACES_A = (
    "Ash",
    "Bram",
    "Cal",
    "Dun",
    "Elm",
    "Fern",
    "Glen",
    "Hal",
    "Ivy",
    "Kings",
    "Lang",
    "Mar",
    "Nor",
    "Oak",
    "Pen",
    "Red",
    "Sil",
    "Thorn",
    "Wes",
    "Wick",
)
_PLACES_B = (
    "bury",
    "field",
    "ford",
    "ham",
    "ley",
    "mouth",
    "ton",
    "wood",
)

__all__ = ["LAST_DAY", "SCALES", "generate"]


def _assetplus_disposals() -> tuple[str, ...]:
    # The shipped defaults, not a local copy: the same seed must give the same files anywhere.
    with DEFAULT_POLICY.open("rb") as fh:
        return tuple(tomllib.load(fh)["settings"]["assetplus_disposals"]["value"])


def _services(scale: str, seed: int) -> list[tuple[float, str, str]]:
    """(size relative to a typical service, id prefix, label) for each service."""
    if scale == "yot":
        return [(1.0, "", "")]
    if scale == "large":
        return [(2.3, "", "")]
    rng = np.random.default_rng([seed, 999_999])
    sizes = np.clip(rng.lognormal(0.0, 0.45, NATIONAL_SERVICES), 0.35, 3.0)
    names = [a + b for a in _PLACES_A for b in _PLACES_B]
    order = rng.permutation(len(names))[:NATIONAL_SERVICES]
    return [(float(sizes[i]), f"{i + 1:03d}-", names[order[i]]) for i in range(NATIONAL_SERVICES)]


def generate(scale: str = "yot", seed: int = 0, *, out: Path) -> str:
    """Write one ``<table>.csv`` per canonical table into ``out``; return a one-line summary."""
    if scale not in SCALES:
        raise ValueError(f"scale must be one of {', '.join(SCALES)}, not {scale!r}")
    began = time.perf_counter()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    assetplus = _assetplus_disposals()
    counters: dict[str, int] = {}
    rows = dict.fromkeys(TABLES, 0)
    handles = {name: (out / f"{name}.csv").open("wb") for name in TABLES}
    try:
        for n, (size, prefix, label) in enumerate(_services(scale, seed)):
            service = Service(np.random.default_rng([seed, n]), size, prefix, label, assetplus)
            service.build_staff()
            service.build_cases()
            service.build_records()
            for name, frame in service.frames(counters).items():
                frame = frame.select(TABLES[name].column_names)
                frame.write_csv(
                    handles[name], include_header=n == 0, date_format="%Y-%m-%d", datetime_format="%Y-%m-%d %H:%M"
                )
                rows[name] += frame.height
    finally:
        for fh in handles.values():
            fh.close()
    (out / SYNTHETIC_MARKER).write_text(
        f"Synthetic extract written by `python -m oversight demo --scale {scale} --seed {seed}`.\n"
        "Invented for demonstration: no real child, case or member of staff. Oversight loads a folder\n"
        "holding this file as synthetic data and says so on every page.\n"
    )
    seconds = time.perf_counter() - began
    counts = ", ".join(f"{name} {count:,}" for name, count in rows.items())
    return f"{scale} seed {seed} to {out}: {counts} rows in {seconds:.1f} s"


def read_extract(folder: Path) -> dict[str, pl.DataFrame]:
    """The CSVs as text frames (tests and checks read them back this way)."""
    return {
        name: pl.read_csv(Path(folder) / f"{name}.csv", infer_schema=False)
        for name in TABLES
        if (Path(folder) / f"{name}.csv").exists()
    }
