"""Policy settings: the thresholds in force, where they came from, and the local copy.

The defaults live in ``oversight/policy.toml``. A service's own copy overrides any value it
names (a file that names only two settings keeps the defaults for the rest). Which file is in
force: ``OVERSIGHT_POLICY`` if set, else ``data/policy.local.toml`` if it exists, else the
defaults alone.
"""

from __future__ import annotations

import hashlib
import json
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

DEFAULT_POLICY = Path(__file__).with_name("policy.toml")
LOCAL_POLICY = Path(__file__).resolve().parent.parent / "data" / "policy.local.toml"
# The setting listing indicators that do not apply locally (queries.indicators.status reads it).
SWITCHED_OFF = "switched_off_indicators"


class PolicyError(ValueError):
    """A local policy file that cannot be used: the message names the file, setting and value."""


@dataclass(frozen=True)
class Setting:
    name: str
    value: Any
    default: Any
    description: str
    source: str
    unit: str = ""

    @property
    def label(self) -> str:
        """The setting in words, as a form shows it ("Oversight interval days (days)"); the
        name itself ($oversight_interval_days) is what the SQL binds and the file holds."""
        words = self.name.replace("_", " ")
        return words[0].upper() + words[1:] + (f" ({self.unit})" if self.unit else "")


@dataclass(frozen=True)
class Policy:
    settings: dict[str, Setting]
    targets: dict[str, dict[str, float]]
    path: Path | None = None  # the local file in force, None for the defaults alone
    overridden: tuple[str, ...] = field(default=())

    @property
    def values(self) -> dict[str, Any]:
        """Every setting's value by name: what the SQL binds as $name."""
        return {name: s.value for name, s in self.settings.items()}

    @property
    def switched_off(self) -> frozenset[str]:
        """The indicators local policy switches off (see queries.indicators.status)."""
        setting = self.settings.get(SWITCHED_OFF)
        return frozenset(setting.value) if setting else frozenset()

    def target(self, indicator_id: str) -> dict[str, float]:
        return self.targets.get(indicator_id, self.targets["default"])

    @property
    def label(self) -> str:
        where = str(self.path) if self.path else "defaults"
        changed = f", {len(self.overridden)} changed" if self.overridden else ""
        return f"{where} ({self.digest}{changed})"

    @property
    def digest(self) -> str:
        """A short fingerprint of every value, so a result can say which policy produced it."""
        blob = json.dumps({"v": self.values, "t": self.targets}, sort_keys=True, default=str)
        return hashlib.sha256(blob.encode()).hexdigest()[:8]


def policy_path() -> Path | None:
    env = os.environ.get("OVERSIGHT_POLICY")
    if env:
        return Path(env)
    return LOCAL_POLICY if LOCAL_POLICY.exists() else None


def load_policy(path: Path | None = None) -> Policy:
    """The defaults, overridden by the local file at ``path`` (or the one in force)."""
    defaults = tomllib.loads(DEFAULT_POLICY.read_text())
    path = path if path is not None else policy_path()
    local: dict[str, Any] = tomllib.loads(path.read_text()) if path and path.exists() else {}
    settings: dict[str, Setting] = {}
    overridden: list[str] = []
    local_settings = local.get("settings", {})
    unknown = set(local_settings) - set(defaults["settings"])
    if unknown:
        raise PolicyError(f"{path}: unknown policy settings: {', '.join(sorted(unknown))}")
    for name, spec in defaults["settings"].items():
        value = spec["value"]
        if name in local_settings:
            given = local_settings[name]
            value = given["value"] if isinstance(given, dict) else given
            if value != spec["value"]:
                overridden.append(name)
            if type(value) is not type(spec["value"]) and not (
                isinstance(value, int | float) and isinstance(spec["value"], int | float)
            ):
                raise PolicyError(f"{path}: {name} should be like {spec['value']!r}, got {value!r}")
        settings[name] = Setting(
            name=name,
            value=value,
            default=spec["value"],
            description=spec["description"],
            source=spec["source"],
            unit=spec.get("unit", ""),
        )
    _check_switched_off(settings[SWITCHED_OFF].value, path)
    targets = {**defaults["targets"], **local.get("targets", {})}
    return Policy(settings, targets, path if local else None, tuple(overridden))


def _check_switched_off(ids: list[Any], path: Path | None) -> None:
    """Every id in the switched-off list names an indicator: a misspelt one would otherwise leave
    the indicator on while the service believes it off."""
    if not ids:
        return
    # the catalogue reads the default policy only, whose list is empty: no loop back here
    from queries.indicators import catalogue

    known = list(catalogue())
    unknown = [str(i) for i in ids if i not in known]
    if unknown:
        raise PolicyError(
            f"{path}: {SWITCHED_OFF} names no indicator {', '.join(repr(u) for u in unknown)}; "
            f"the indicators are {', '.join(known)}"
        )


def save_policy(policy_values: dict[str, Any], targets: dict[str, dict[str, float]], path: Path) -> None:
    """Write a local policy file holding only the values that differ from the defaults."""
    defaults = load_policy(DEFAULT_POLICY.with_suffix(".none"))
    changed = {k: {"value": v} for k, v in policy_values.items() if defaults.settings[k].default != v}
    changed_targets = {k: v for k, v in targets.items() if defaults.targets.get(k) != v}
    doc: dict[str, Any] = {"settings": changed}
    if changed_targets:
        doc["targets"] = changed_targets
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "# Local policy for Oversight: only the values that differ from oversight/policy.toml.\n" + tomli_w.dumps(doc)
    )
