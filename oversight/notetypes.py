"""Note headings to categories: the data contract's default note-type map.

A profile may put its own rules (exact headings or prefixes) in front of these; the first rule
that matches wins. Headings are compared casefolded, trimmed, with white space collapsed and
en and em dashes read as hyphens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PANELS = ("risk management panel", "high risk panel", "mace", "mappa", "gpg", "strategy", "pod", "marp")


@dataclass(frozen=True)
class Rule:
    match: str  # exact | prefix
    headings: tuple[str, ...]
    category: str

    def matches(self, heading: str) -> bool:
        if self.match == "exact":
            return heading in self.headings
        return heading.startswith(self.headings)


DEFAULT_RULES: tuple[Rule, ...] = (
    Rule(
        "exact",
        ("management oversight - supervision", "supervision", "case supervision"),
        "supervision",
    ),
    # 001: "Management Supervision of Case" is the heading for decisions made outside formal
    # supervision, so it is a decision, not a supervision.
    Rule("prefix", ("management decision",), "decision"),
    Rule("exact", ("management supervision of case",), "decision"),
    Rule("prefix", tuple(f"management oversight by {p}" for p in _PANELS), "panel"),
    Rule(
        "exact",
        (
            "risk management panel",
            "high risk panel",
            "mace",
            "mappa",
            "gpg",
            "pod",
            "marp",
            "strategy meeting",
            "strategy discussion",
        ),
        "panel",
    ),
    Rule("exact", ("case audit", "audit", "management oversight - audit"), "audit"),
    Rule("prefix", ("management oversight",), "oversight"),
)
FALLBACK = "contact"


def normalise_heading(heading: str) -> str:
    text = heading.replace("\u2013", "-").replace("\u2014", "-").casefold().strip()
    return re.sub(r"\s+", " ", text)


def categorise(heading: str, rules: tuple[Rule, ...] = DEFAULT_RULES) -> str:
    """The category of a note heading; ``contact`` when no rule matches."""
    key = normalise_heading(heading)
    for rule in rules:
        if rule.matches(key):
            return rule.category
    return FALLBACK
