"""A bounded run of the loader fuzzer: every mutated extract loads or is refused, located, no crash.

The long run is ``python -m oversight.fuzz --extracts 5000``.
"""

from __future__ import annotations

from oversight.fuzz import MUTATIONS, _located, run
from oversight.validate import LoadReport, Problem


def test_a_few_hundred_mutated_extracts_load_or_are_refused_and_never_crash():
    tally = run(extracts=200, seed=12, full_every=25)
    assert tally.crashes == 0, "\n\n".join(tally.failures)
    assert tally.extracts == 200 and tally.loaded + tally.refused == 200
    assert tally.full_loads == 8 and tally.loaded and tally.refused
    # every kind of mutation was tried at least once
    assert set(tally.kinds) == set(MUTATIONS), set(MUTATIONS) - set(tally.kinds)


def test_the_fuzzer_catches_a_problem_that_does_not_say_where_it_is():
    report = LoadReport(source="x", profile="p")
    report.errors = [
        Problem("bad_date", "cases.csv", None, "start_date", "x", "a date"),
        Problem("bad_date", "cases.csv", None, "start_date", None, "and 3 more rows like this"),
        Problem("missing_column", "cases.csv", 1, None, None, "a column"),
        Problem("bad_value", "cases.csv", 4, "disposal", "x", "one of"),
    ]
    assert len(_located(report)) == 2
