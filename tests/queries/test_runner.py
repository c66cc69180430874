import logging

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


def test_run_small_gives_what_run_gives_and_logs_failures_alike(caplog, recwarn):
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
    assert not [w for w in recwarn if "Arrow" in str(w.message)]
    with caplog.at_level(logging.ERROR, logger="oversight.queries"), pytest.raises(duckdb.Error):
        run_small(con, "select * from no_such_table where x = $n", {"n": 7}, name="broken")
    assert "broken" in caplog.text and "'n': 7" in caplog.text
