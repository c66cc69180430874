"""QL2's signals, and VC1's victim signal: the phrases behind each, read from the file a service
edits.

Each signal's phrases become one regular expression bound into the SQL that reads it
(``$analysis_pattern``, ``$action_pattern``, ``$impact_pattern`` in QL2, ``$victim_pattern`` in
VC1); the matching itself (case-insensitive, at the start of a word) happens in the SQL, so the
list a page shows and the figure agree. The load matches QL2's three once per entry
(queries/staging/management_entries.sql) and records ``$phrases_digest``, the identity of the
patterns it used; QL2 reads those matches only while the digest is the current one.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from pathlib import Path

PHRASES_FILE = Path(__file__).with_name("ql2_phrases.toml")
SIGNALS = ("analysis", "action", "impact")  # QL2's three
VICTIM_SIGNALS = ("victim",)  # VC1's, in the same file so a service edits every phrase in one place
KNOWN_SIGNALS = SIGNALS + VICTIM_SIGNALS


def load_phrases(path: Path | None = None, names: tuple[str, ...] = SIGNALS) -> dict[str, list[str]]:
    """The phrases of each signal in ``names`` (QL2's three by default); a clear error naming the
    file when one is missing or malformed."""
    path = path or PHRASES_FILE
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: not valid TOML: {exc}") from exc
    signals = doc.get("signals", {})
    phrases: dict[str, list[str]] = {}
    for name in names:
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
    unknown = set(signals) - set(KNOWN_SIGNALS)
    if unknown:
        raise ValueError(f"{path}: unknown signals {', '.join(sorted(unknown))}; expected {', '.join(KNOWN_SIGNALS)}")
    return phrases


def signal_pattern(phrases: list[str]) -> str:
    """One regular expression (RE2) finding any of ``phrases`` at the start of a word.

    Case is ignored, a space in a phrase matches any run of white space (non-breaking spaces
    included), an apostrophe matches a curly one too, and every other character is literal.
    One pattern per signal keeps QL2 to three scans of each entry's text.
    """
    alternatives = []
    for phrase in phrases:
        words = [re.escape(word).replace("'", "['\u2019]") for word in phrase.replace("\u2019", "'").split()]
        alternatives.append(r"[\s\x{00A0}]+".join(words))
    return r"(?i)(?:^|[^\pL\pN_])(?:" + "|".join(alternatives) + ")"


def phrase_params(path: Path | None = None, names: tuple[str, ...] = SIGNALS) -> dict[str, str]:
    """The bound parameters of the signals ``names``: ``{"analysis_pattern": "...", ...}``, with
    ``phrases_digest``, the identity of QL2's three patterns (which the load records beside its
    matches), when ``names`` holds them."""
    patterns = {f"{name}_pattern": signal_pattern(listed) for name, listed in load_phrases(path, names).items()}
    if not set(SIGNALS) <= set(names):
        return patterns
    ql2 = [patterns[f"{name}_pattern"] for name in SIGNALS]
    return {**patterns, "phrases_digest": hashlib.sha256(json.dumps(ql2).encode("utf-8")).hexdigest()[:16]}
