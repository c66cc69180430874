"""QL2's signals: the phrases behind each, read from the file a service edits.

Each signal's phrases become one regular expression bound into QL2's SQL
(``$analysis_pattern``, ``$action_pattern``, ``$impact_pattern``); the matching itself
(case-insensitive, at the start of a word) happens in the SQL, so the list a page shows and the
figure agree. The load matches QL2's three once per entry (queries/intermediate/entry_signals.sql)
and records ``$phrases_digest``, the identity of the patterns it used; QL2 reads those matches
only while the digest is the current one. The file may hold further groups of phrases for other
indicators (each ``[signals.<name>]`` becomes ``$<name>_pattern``); QL2's three must be there.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from pathlib import Path

PHRASES_FILE = Path(__file__).with_name("ql2_phrases.toml")
SIGNALS = ("analysis", "action", "impact")  # QL2's, which every phrase file must hold


def load_phrases(path: Path | None = None) -> dict[str, list[str]]:
    """Each group's phrases, QL2's three first; a clear error naming the file when one is missing
    or malformed."""
    path = path or PHRASES_FILE
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: not valid TOML: {exc}") from exc
    signals = doc.get("signals", {})
    phrases: dict[str, list[str]] = {}
    for name in (*SIGNALS, *(n for n in signals if n not in SIGNALS)):
        entry = signals.get(name)
        if not isinstance(entry, dict) or "phrases" not in entry:
            raise ValueError(f"{path}: [signals.{name}] with a list of phrases is missing")
        if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
            raise ValueError(f"{path}: [signals.{name}]: a group's name is lower-case letters, digits and _")
        listed = entry["phrases"]
        if not isinstance(listed, list) or not all(isinstance(p, str) for p in listed):
            raise ValueError(f"{path}: signals.{name}.phrases should be a list of text")
        kept = [p for p in listed if p.strip()]
        if not kept:
            raise ValueError(f"{path}: signals.{name}.phrases is empty, so the signal could never be found")
        phrases[name] = kept
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


def phrase_params(path: Path | None = None) -> dict[str, str]:
    """The bound parameters QL2 (and any indicator matching phrases) reads: one
    ``{"<group>_pattern": "..."}`` per group, and ``phrases_digest``, the identity of QL2's three
    patterns, which entry_signals records at load."""
    patterns = {f"{name}_pattern": signal_pattern(listed) for name, listed in load_phrases(path).items()}
    ql2 = [patterns[f"{name}_pattern"] for name in SIGNALS]
    digest = hashlib.sha256(json.dumps(ql2).encode("utf-8")).hexdigest()[:16]
    return {**patterns, "phrases_digest": digest}
