import tomllib
from pathlib import Path

import pytest

from oversight.policy import DEFAULT_POLICY, PolicyError, load_policy, save_policy
from queries.indicators import FAMILIES
from queries.runner import QUERIES_DIR, parameters_of

ROOT = Path(__file__).resolve().parents[2]
# Parameters a query may take that are not policy settings: the windows, the global filters,
# the breakdown name, staging constants from oversight.schema, QL2's phrase patterns (from
# queries/quality/ql2_phrases.toml) and their digest (QL2 reads the matches made at load while
# the phrases in force are the load's), and the signed-in person's scope (DR4's excused list).
NOT_POLICY = {
    "as_of_dates", "from_dates", "by", "manager_roles", "management_categories", "allowed_staff", "phrases_digest",
}  # fmt: skip


def _is_not_policy(name: str) -> bool:
    return name in NOT_POLICY or name.startswith("filter_") or name.endswith("_pattern") or name.startswith("sample_")


def test_every_setting_has_a_value_description_and_source():
    raw = tomllib.loads(DEFAULT_POLICY.read_text())
    for name, spec in raw["settings"].items():
        assert {"value", "description", "source"} <= set(spec), name
        assert spec["description"].strip() and spec["source"].strip(), name


def test_every_setting_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    missing = [name for name in load_policy(Path("/none")).settings if f"`{name}`" not in readme]
    assert not missing, f"settings not documented in README.md: {missing}"


def test_every_indicator_parameter_is_a_policy_setting():
    # Indicator and staging queries take only windows, filters and policy; lookup queries
    # (queries/explorer, queries/inspection) take the case or date the user asked about.
    settings = set(load_policy(Path("/none")).settings)
    unknown = {}
    folders = [QUERIES_DIR / f for f in (*FAMILIES, "staging")]
    for path in (p for folder in folders for p in folder.rglob("*.sql")):
        for name in parameters_of(path.read_text()):
            if name not in settings and not _is_not_policy(name):
                unknown.setdefault(name, []).append(path.name)
    assert not unknown, f"queries use parameters that are not policy settings: {unknown}"


def test_a_local_file_overrides_only_what_it_names(tmp_path):
    local = tmp_path / "policy.toml"
    local.write_text("[settings.oversight_interval_days]\nvalue = 21\n")
    policy = load_policy(local)
    assert policy.values["oversight_interval_days"] == 21
    assert policy.values["countersign_working_days"] == 5
    assert policy.overridden == ("oversight_interval_days",)
    assert policy.digest != load_policy(Path("/none")).digest


def test_an_unknown_or_mistyped_setting_is_refused(tmp_path):
    local = tmp_path / "policy.toml"
    local.write_text("[settings.oversight_intervall_days]\nvalue = 21\n")
    with pytest.raises(ValueError, match="oversight_intervall_days"):
        load_policy(local)
    local.write_text('[settings.oversight_interval_days]\nvalue = "four weeks"\n')
    with pytest.raises(ValueError, match="oversight_interval_days"):
        load_policy(local)


def test_save_then_load_round_trips_changed_values_only(tmp_path):
    policy = load_policy(Path("/none"))
    values = {**policy.values, "substantive_words": 60}
    targets = {**policy.targets, "FP1": {"green": 0.95, "amber": 0.8}}
    path = tmp_path / "local.toml"
    save_policy(values, targets, path)
    saved = tomllib.loads(path.read_text())
    assert saved["settings"] == {"substantive_words": {"value": 60}}
    again = load_policy(path)
    assert again.values == values
    assert again.target("FP1") == {"green": 0.95, "amber": 0.8}
    assert again.target("FP2") == policy.targets["default"]


def test_indicators_switched_off_are_read_from_the_local_file(tmp_path):
    local = tmp_path / "policy.toml"
    local.write_text('[settings.switched_off_indicators]\nvalue = ["RC4", "JG1"]\n')
    policy = load_policy(local)
    assert policy.switched_off == {"RC4", "JG1"}
    assert load_policy(Path("/none")).switched_off == frozenset()  # default: none


def test_an_unknown_indicator_in_the_switched_off_list_is_refused_naming_each(tmp_path):
    local = tmp_path / "policy.toml"
    local.write_text('[settings.switched_off_indicators]\nvalue = ["RC4", "XX9", "jg1"]\n')
    with pytest.raises(PolicyError) as refused:
        load_policy(local)
    message = str(refused.value)
    assert str(local) in message and "switched_off_indicators" in message
    assert "'XX9'" in message and "'jg1'" in message  # every unknown id at once, ids are exact
    assert "'RC4'" not in message.split(";")[0]  # the known one is not blamed
    assert "FP1" in message  # and it says which ids there are
