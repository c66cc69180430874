"""Header fields take their numbers from the policy: {setting} placeholders (queries.indicators.render)."""

import tomllib
from pathlib import Path

import pytest

from oversight.policy import DEFAULT_POLICY, load_policy
from queries.indicators import TEXT_FIELDS, catalogue, placeholders, render
from queries.runner import parameters_of

DEFAULTS = load_policy(DEFAULT_POLICY.with_suffix(".none"))


@pytest.fixture
def changed(tmp_path):
    local = tmp_path / "policy.toml"
    local.write_text(
        "[settings.oversight_interval_days]\nvalue = 21\n"
        "[settings.allocation_oversight_working_days]\nvalue = 2\n"
        '[settings.trigger_event_types]\nvalue = ["arrest", "serious_incident"]\n'
    )
    return load_policy(local)


def test_every_placeholder_names_a_setting_its_query_binds():
    for ind in catalogue().values():
        bound = parameters_of(ind.sql)
        for name, text in ind.templates:
            unknown = placeholders(text) - bound
            assert not unknown, f"{ind.id} {name}: {sorted(unknown)} not bound by its query"


def test_no_header_prints_a_default_beside_its_setting_name():
    # "28 days (oversight_interval_days)" written out would go stale when a service changes it
    raw = tomllib.loads(DEFAULT_POLICY.read_text())["settings"]
    for ind in catalogue().values():
        threshold = dict(ind.templates)["threshold"]
        for name, spec in raw.items():
            if f"({name}" in threshold and isinstance(spec["value"], int) and not isinstance(spec["value"], bool):
                assert f"{{{name}" in threshold, f"{ind.id}: threshold names {name} but prints its number"


def test_the_catalogue_holds_every_field_rendered_with_the_defaults():
    for ind in catalogue().values():
        for name in TEXT_FIELDS:
            assert getattr(ind, name) == ind.rendered(name, DEFAULTS)
            assert "{" not in getattr(ind, name), (ind.id, name)


def test_a_definition_shows_the_values_in_force(changed):
    fp1 = catalogue()["FP1"]
    assert fp1.rendered("population", changed) == "Cases open on D with start_date <= D - 21."
    assert fp1.rendered("definition", changed).endswith("dated within the last 21 days of D.")
    assert fp1.rendered("threshold", changed) == "21 days (oversight_interval_days)"
    fp3 = catalogue()["FP3"]
    assert "to 2 working days after it" in fp3.rendered("definition", changed)
    assert "to the 2nd working day after it" in fp3.rendered("met", changed)
    assert fp3.rendered("threshold", DEFAULTS) == "1 working day (allocation_oversight_working_days)"
    tl6 = catalogue()["TL6"]
    assert "trigger events (arrest and serious incident)" in tl6.rendered("definition", changed)


def test_forms_of_a_placeholder():
    assert render("{countersign_working_days:unit}", DEFAULTS) == "5 working days"
    assert render("the {countersign_working_days:th}", DEFAULTS) == "the 5th"
    assert render("{event_response_working_days:th} {first_assessment_working_days:th}", DEFAULTS) == "1st 20th"
    assert render("{oversight_record_hours} hours", DEFAULTS) == "48 hours"
    assert render("no placeholder {here", DEFAULTS) == "no placeholder {here"


def test_an_unknown_placeholder_or_form_is_an_error():
    with pytest.raises(ValueError, match="oversight_intervall_days"):
        render("within {oversight_intervall_days} days", DEFAULTS)
    with pytest.raises(ValueError, match="weeks"):
        render("{oversight_interval_days:weeks}", DEFAULTS)


def test_an_unknown_placeholder_in_a_header_stops_the_catalogue(tmp_path, monkeypatch):
    from queries import indicators

    family = tmp_path / "footprint"
    family.mkdir()
    header = "".join(f"-- {k}: x\n" for k in indicators.HEADER_KEYS if k not in ("id", "definition", "requires"))
    (family / "XX1.sql").write_text(
        f"-- id: XX1\n-- definition: within {{no_such_setting}} days\n-- requires:\n{header}select 1\n"
    )
    monkeypatch.setattr(indicators, "QUERIES_DIR", Path(tmp_path))
    indicators.catalogue.cache_clear()
    try:
        with pytest.raises(ValueError, match="XX1.sql: {no_such_setting} names no policy setting"):
            indicators.catalogue()
    finally:
        monkeypatch.undo()
        indicators.catalogue.cache_clear()


def test_the_catalogue_in_force_words_every_field_with_that_policy(tmp_path):
    from queries.indicators import in_force

    local = tmp_path / "policy.toml"
    local.write_text("[settings.oversight_record_hours]\nvalue = 72\n")
    policy = load_policy(local)
    tl1 = in_force(policy)["TL1"]
    assert tl1.title == "Oversight recorded within 72 hours"
    assert tl1.question == "Is oversight recorded within 72 hours?"
    assert tl1.sql == catalogue()["TL1"].sql  # the same query, only its words differ
    # the catalogue itself keeps the defaults, and the defaults in force read as it does
    assert catalogue()["TL1"].title == "Oversight recorded within 48 hours"
    assert in_force(DEFAULTS)["TL1"] == catalogue()["TL1"]
