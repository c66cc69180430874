import logging
import subprocess
import sys

import duckdb
import pytest

from queries.runner import bind, parameters_of, run, run_small


def test_parameters_ignore_comments_and_strings_with_dollar():
    sql = "-- uses $not_this\nselect $a + $b_2 as x, json_extract('{}', '$') as y"
    assert parameters_of(sql) == {"a", "b_2"}


def test_bind_passes_only_what_the_query_uses():
    assert bind("select $a", {"a": 1, "b": 2}) == {"a": 1}


def test_bind_refuses_a_missing_parameter():
    with pytest.raises(KeyError, match="missing_one"):
        bind("select $missing_one", {})


def test_run_returns_polars_and_logs_failures_with_their_parameters(caplog):
    con = duckdb.connect()
    assert run(con, "select $n * 2 as doubled", {"n": 21})["doubled"].to_list() == [42]
    with caplog.at_level(logging.ERROR, logger="oversight.queries"), pytest.raises(duckdb.Error):
        run(con, "select * from no_such_table where x = $n", {"n": 7}, name="broken")
    assert "broken" in caplog.text and "'n': 7" in caplog.text


def test_run_small_gives_what_run_gives_and_logs_failures_alike(caplog):
    con = duckdb.connect()
    sql = """
        select $d::date as as_of_date, cast(null as varchar) as "group", 3::bigint as numerator, 0 as n
        union all select null, 'team a', null, 1
    """
    expected = run(con, sql, {"d": "2026-03-31"})
    got = run_small(con, sql, {"d": "2026-03-31"})
    assert got.equals(expected) and got.schema == expected.schema
    # no rows: the columns and their types still
    empty = "select 1::integer as a, 'x' as b where false"
    assert run_small(con, empty).schema == run(con, empty).schema
    with caplog.at_level(logging.ERROR, logger="oversight.queries"), pytest.raises(duckdb.Error):
        run_small(con, "select * from no_such_table where x = $n", {"n": 7}, name="broken")
    assert "broken" in caplog.text and "'n': 7" in caplog.text


def test_run_small_does_not_warn_of_its_copy_to_arrow():
    # the runner silences DuckDB's warning once, at import (pytest resets warning filters around
    # each test, so this looks from a process of its own, with every warning shown)
    code = "import duckdb; from queries.runner import run_small; run_small(duckdb.connect(), 'select 1 as a')"
    done = subprocess.run([sys.executable, "-W", "default", "-c", code], capture_output=True, text=True, check=True)
    assert "Arrow output" not in done.stderr


def test_a_failed_statement_is_logged_as_one_with_its_parameters(caplog):
    from queries.runner import execute

    with caplog.at_level(logging.ERROR, logger="oversight.queries"), pytest.raises(duckdb.Error):
        execute(duckdb.connect(), "insert into no_such_table select $n", {"n": 7}, name="loading")
    assert "statement loading failed" in caplog.text and "'n': 7" in caplog.text
