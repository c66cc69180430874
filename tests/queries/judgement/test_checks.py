"""JG1's catalogue of checks (queries/judgement/checks.py) is the order of its SQL and labels."""

import re

from oversight import pack
from queries import indicators, judgement
from queries.judgement import checks


def test_every_check_has_one_sql_file_and_no_file_is_left_out():
    files = sorted(p.stem for p in checks.CHECKS_DIR.glob("*.sql"))
    assert files == sorted(checks.CHECK_COLUMNS)


def test_jg1_unions_its_checks_in_the_catalogue_order():
    sql = indicators.catalogue()["JG1"].sql
    union = re.findall(r"'(\w+)' as check_name, (\d+) as check_order", sql)
    assert union == [(c.column, str(n)) for n, c in enumerate(checks.CHECKS, start=1)]
    # the pivot, the reasons and the status columns JG1 returns follow the same order
    pivoted = re.findall(r"filter \(where check_name = '(\w+)'\) as \1\b", sql)
    assert pivoted == list(checks.CHECK_COLUMNS)
    reasons = re.search(r"nullif\(concat_ws\('; ',(.*?)\), ''\) as reasons", sql, re.S).group(1)
    assert re.findall(r"(\w+)_reason\b", reasons) == list(checks.CHECK_COLUMNS)
    returned = sql[sql.rindex("\n    evidence,") :]
    assert re.findall(r"^\s+(?:coalesce\()?(\w+)", returned, re.M)[: len(checks.CHECKS)] == list(checks.CHECK_COLUMNS)


def test_the_case_table_and_the_pack_take_the_catalogue():
    assert judgement.CHECK_COLUMNS == checks.CHECK_COLUMNS
    assert set(pack.REASON_QUESTION) == {c.reason_code for c in checks.CHECKS}
    assert all(pack.REASON_QUESTION[c.reason_code] == c.question for c in checks.CHECKS)
    assert pack.QUESTIONS is checks.QUESTIONS
    assert {c.reason_code: c.reason_text for c in checks.CHECKS} == pack.REASON_TEXT


def test_a_jg1_without_its_markers_is_refused():
    try:
        checks.assemble("select 1")
    except ValueError as error:
        assert "@checks" in str(error)
    else:
        raise AssertionError("assemble accepted SQL without its markers")


def test_the_sql_words_its_reasons_and_strengths_with_the_catalogue_codes():
    # each check's SQL starts its reason and strength with a code; those codes are the
    # catalogue's and no others, so a code renamed in one place and not the other fails here
    sql = "\n".join(
        line for line in indicators.catalogue()["JG1"].sql.splitlines() if not line.lstrip().startswith("--")
    )
    written = set(re.findall(r"'([A-Z][A-Z_]{3,})\b", sql))
    assert written == {c.reason_code for c in checks.CHECKS} | {c.strength_code for c in checks.CHECKS}
    for check in checks.CHECKS:
        own = check.sql() if check.column not in ("countersigned", "countersign_time") else sql
        assert f"'{check.reason_code}" in own and f"'{check.strength_code}" in own, check.column
