"""The generated docs and the repository's self-containment (scripts/docs.py)."""

import importlib.util
import re
import subprocess
from pathlib import Path

import pytest

from oversight import schema
from oversight.policy import DEFAULT_POLICY, load_policy
from oversight.sources import cite, cited
from queries.indicators import catalogue
from queries.runner import QUERIES_DIR

ROOT = Path(__file__).resolve().parents[1]


def _docs_module():
    spec = importlib.util.spec_from_file_location("docs_generator", ROOT / "scripts" / "docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


docs = _docs_module()


@pytest.mark.parametrize("path", list(docs.documents()), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_generated_docs_are_up_to_date(path):
    expected = docs.documents()[path]
    assert path.exists(), f"{path.relative_to(ROOT)} missing: run PYTHONPATH=. .venv/bin/python scripts/docs.py"
    assert path.read_text() == expected, (
        f"{path.relative_to(ROOT)} is stale: run PYTHONPATH=. .venv/bin/python scripts/docs.py"
    )


def _tracked_text_files():
    names = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for name in names.splitlines():
        path = ROOT / name
        if not path.is_file():
            continue
        try:
            yield name, path.read_text()
        except UnicodeDecodeError:
            continue


# Built from pieces so this file does not match itself.
OUTSIDE = re.compile(re.escape("..") + "/" + "shared")
ISSUE_NUMBER = re.compile("issue" + r"\s*#?\d", re.IGNORECASE)


def test_no_tracked_file_points_outside_the_repository_or_at_an_issue_number():
    found = [
        f"{name}:{n}: {line.strip()}"
        for name, text in _tracked_text_files()
        for n, line in enumerate(text.splitlines(), 1)
        if OUTSIDE.search(line) or ISSUE_NUMBER.search(line)
    ]
    assert not found, "tracked files must stand alone:\n" + "\n".join(found)


def test_the_pattern_catches_what_it_should():
    assert OUTSIDE.search("see .." + "/shared/spec/indicators.md")
    assert ISSUE_NUMBER.search("as asked in Issue " + "#5") and ISSUE_NUMBER.search("(issue " + "12)")
    assert not ISSUE_NUMBER.search("no issue here") and not OUTSIDE.search("docs/shared.md")


def _links(text):
    return re.findall(r"\]\(([^)\s]+)\)", text)


def _anchors(text):
    headings = re.findall(r"^#+ (.+)$", text, flags=re.MULTILINE)
    return {re.sub(r"[^\w\- ]", "", h.lower()).replace(" ", "-") for h in headings}


def test_every_link_in_the_docs_resolves():
    broken = []
    for doc in sorted((ROOT / "docs").glob("*.md")) + [ROOT / "README.md"]:
        for link in _links(doc.read_text()):
            if link.startswith(("http://", "https://")):
                continue
            target, _, anchor = link.partition("#")
            path = (doc.parent / target).resolve() if target else doc
            if not path.exists():
                broken.append(f"{doc.name}: {link}")
            elif anchor and path.suffix == ".md" and anchor not in _anchors(path.read_text()):
                broken.append(f"{doc.name}: {link} (no such heading)")
    assert not broken, broken


def test_every_indicator_has_its_sql_test_and_page_in_the_docs():
    text = (ROOT / "docs" / "indicators.md").read_text()
    for ind in catalogue().values():
        page = docs.page_of(ind)
        assert page is not None, f"{ind.id}: no page shows it"
        assert docs.test_of(ind).exists(), f"{ind.id}: no test file {docs.test_of(ind)}"
        section = text.split(f"### {ind.id}: ", 1)[1].split("\n### ", 1)[0]
        for path in (ind.path, docs.test_of(ind), page):
            assert f"(../{path.relative_to(ROOT).as_posix()})" in section, (ind.id, path)


def test_the_indicator_docs_say_they_use_the_default_policy_and_name_every_setting_used():
    text = (ROOT / "docs" / "indicators.md").read_text()
    assert "The numbers on this page are the defaults" in text
    policy = load_policy(DEFAULT_POLICY.with_suffix(".none"))
    for ind in catalogue().values():
        section = text.split(f"### {ind.id}: ", 1)[1].split("\n### ", 1)[0]
        for name in ind.policy_settings(policy):
            assert f"`{name}` = " in section, (ind.id, name)


def test_every_policy_setting_is_documented_with_its_default_and_a_resolvable_source():
    readme = (ROOT / "README.md").read_text()
    table = readme.split(docs.POLICY_TABLE_START, 1)[1].split(docs.POLICY_TABLE_END, 1)[0]
    for s in load_policy(DEFAULT_POLICY.with_suffix(".none")).settings.values():
        row = next((r for r in table.splitlines() if r.startswith(f"| `{s.name}` |")), None)
        assert row is not None, f"{s.name} is not in the README's policy table"
        assert cite(s.source) in row


def _sql_source_lines():
    for path in sorted(QUERIES_DIR.rglob("*.sql")):
        header = []
        for line in path.read_text().splitlines():
            if not line.startswith("--"):
                break
            header.append(line)
        text = "\n".join(header)
        match = re.search(r"^-- source:(.*(?:\n--  .*)*)", text, flags=re.MULTILINE)
        assert match, f"{path.relative_to(ROOT)} has no source line"
        yield path.relative_to(ROOT).as_posix(), " ".join(part.strip("- ") for part in match.group(1).splitlines())


def test_sources_cite_names_never_paths_to_documents():
    policy = load_policy(DEFAULT_POLICY.with_suffix(".none"))
    citations = [(f"policy {s.name}", s.source) for s in policy.settings.values()]
    citations += list(_sql_source_lines())
    bad = [(where, text) for where, text in citations if re.search(r"\.txt|spec\b|policies/|\.\./", text)]
    assert not bad, bad
    for _, text in citations:
        cite(text)  # a number that is no source is an error


def test_every_indicator_cites_a_policy_source():
    for ind in catalogue().values():
        assert cited(ind.source), f"{ind.id} cites no policy source: {ind.source!r}"


def test_every_table_and_column_of_the_contract_is_described():
    columns = {f"{t.name}.{c.name}" for t in schema.TABLES.values() for c in t.columns}
    assert set(schema.TABLE_DESCRIPTIONS) == set(schema.TABLES)
    assert set(schema.COLUMN_DESCRIPTIONS) == columns
    assert all(v.strip() for v in [*schema.TABLE_DESCRIPTIONS.values(), *schema.COLUMN_DESCRIPTIONS.values()])


def test_the_data_contract_lists_every_column_and_allowed_value():
    text = (ROOT / "docs" / "data-contract.md").read_text()
    for table in schema.TABLES.values():
        section = text.split(f"### {table.name}\n", 1)[1].split("\n### ", 1)[0]
        for column in table.columns:
            assert f"| `{column.name}` |" in section, (table.name, column.name)
            for value in column.enum:
                assert f"`{value}`" in section, (table.name, column.name, value)
