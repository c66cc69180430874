"""What the dashboard's download buttons are handed when small-number suppression is on.

A rate is not the only figure computed from a count: the disproportionality table's
difference from the overall rate, and the overview's change on a month ago, give the rate back
(overall + difference, a month ago + change), so they must be suppressed with it.
"""

from __future__ import annotations

import polars as pl

from oversight import figures
from oversight.policy import load_policy


def _policy(tmp_path):
    path = tmp_path / "policy.local.toml"
    path.write_text("[settings]\nsuppress_small_numbers = true\n")
    return load_policy(path)


def test_difference_from_overall_is_suppressed_with_the_rate_it_gives_back(tmp_path):
    # as teams.py's disproportionality table: group A has 3 of 20 (numerator 3 is 1..5, so
    # suppressed) and is not a small group (20 >= 5), so its difference is shown on screen
    table = pl.DataFrame(
        {
            "group": ["A", "B"],
            "numerator": [3, 15],
            "denominator": [20, 20],
            "value": [0.15, 0.75],
            "small": [False, False],
            "difference": [-30.0, 30.0],
        }
    )
    out = figures.suppress_summary(table, _policy(tmp_path))
    assert out.row(0, named=True) == {
        "group": "A", "numerator": "c", "denominator": "20", "value": "c", "small": False, "difference": "c",
    }  # fmt: skip
    # B's counts are above 5: nothing hidden
    assert out["difference"][1] == "30.0"


def test_overview_change_and_last_month_are_suppressed_with_the_rate(tmp_path):
    # as overview.py's export: value 2/10 now; a month ago 0.5, change -30 points would give 0.2 back
    table = pl.DataFrame(
        {
            "id": ["FP1", "FP2"],
            "numerator": [2, 40],
            "denominator": [10, 50],
            "value": [0.2, 0.8],
            "a month ago": [0.5, 0.8],
            "change (points)": [-30.0, 0.0],
        }
    )
    out = figures.suppress_summary(table, _policy(tmp_path))
    assert out["value"].to_list() == ["c", "0.8"]
    assert out["change (points)"].to_list() == ["c", "0.0"]
    assert out["a month ago"].to_list() == ["c", "0.8"]
