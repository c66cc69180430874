"""QL2's signals: the phrases behind each, read from the file a service edits.

The phrases are bound into QL2's SQL as list parameters (``$analysis_phrases``,
``$action_phrases``, ``$impact_phrases``); the matching itself (case-insensitive, at the start
of a word) happens in the SQL, so the list a page shows and the figure agree.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

PHRASES_FILE = Path(__file__).with_name("ql2_phrases.toml")
SIGNALS = ("analysis", "action", "impact")


def load_phrases(path: Path | None = None) -> dict[str, list[str]]:
    """Each signal's phrases; a clear error naming the file when one is missing or malformed."""
    path = path or PHRASES_FILE
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: not valid TOML: {exc}") from exc
    signals = doc.get("signals", {})
    phrases: dict[str, list[str]] = {}
    for name in SIGNALS:
        entry = signals.get(name)
        if not isinstance(entry, dict) or "phrases" not in entry:
            raise ValueError(f"{path}: [signals.{name}] with a list of phrases is missing")
        listed = entry["phrases"]
        if not isinstance(listed, list) or not all(isinstance(p, str) for p in listed):
            raise ValueError(f"{path}: signals.{name}.phrases should be a list of text")
        kept = [p for p in listed if p.strip()]
        if not kept:
            raise ValueError(f"{path}: signals.{name}.phrases is empty, so the signal could never be found")
        phrases[name] = kept
    unknown = set(signals) - set(SIGNALS)
    if unknown:
        raise ValueError(f"{path}: unknown signals {', '.join(sorted(unknown))}; expected {', '.join(SIGNALS)}")
    return phrases


def phrase_params(path: Path | None = None) -> dict[str, list[str]]:
    """The bound parameters QL2 reads: ``{"analysis_phrases": [...], ...}``."""
    return {f"{name}_phrases": listed for name, listed in load_phrases(path).items()}
