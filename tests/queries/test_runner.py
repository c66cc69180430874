import logging

import duckdb
import pytest

from queries.runner import bind, parameters_of, run


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
