from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import replace

import polars as pl
import pytest

from oversight import figures
from oversight.export import escape_formulas, sheet_name, to_csv_bytes, to_excel_bytes


def with_settings(policy, **values):
    return replace(policy, settings={k: replace(s, value=values.get(k, s.value)) for k, s in policy.settings.items()})


def test_escape_formulas_prefixes_every_dangerous_start_and_leaves_the_rest():
    frame = pl.DataFrame(
        {
            "text": ["=SUM(A1)", "+44 1234", "-2", "@cmd", "\tx", "\rx", "ok", "a=b", None],
            "n": [-1, 2, 3, 4, 5, 6, 7, 8, 9],
        }
    )
    out = escape_formulas(frame)
    assert out["text"].to_list() == ["'=SUM(A1)", "'+44 1234", "'-2", "'@cmd", "'\tx", "'\rx", "ok", "a=b", None]
    # a negative number is a number, not a formula: untouched and still numeric
    assert out["n"].dtype == pl.Int64
    assert out["n"].to_list()[0] == -1


def test_csv_bytes_escape_and_round_trip():
    data = to_csv_bytes(pl.DataFrame({"note": ["=HYPERLINK(x)", "fine, with comma"], "n": [1, 2]}))
    assert data.startswith(b"\xef\xbb\xbf")
    back = pl.read_csv(io.BytesIO(data[3:]))
    assert back["note"].to_list() == ["'=HYPERLINK(x)", "fine, with comma"]
    assert back["n"].to_list() == [1, 2]


def test_excel_bytes_one_sheet_per_frame_text_stays_text_numbers_stay_numbers():
    sheets = {
        "List": pl.DataFrame({"note": ["=1+2", "£ ok"], "gap_days": [3, 40], "since": [dt.date(2026, 3, 1)] * 2}),
        "Summary": pl.DataFrame({"rate": [0.5]}),
    }
    data = to_excel_bytes(sheets)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet_xml = z.read("xl/worksheets/sheet1.xml").decode()
    # no cell is written as a formula
    assert "<f>" not in sheet_xml
    back = pl.read_excel(io.BytesIO(data), sheet_name="List")
    assert back["note"].to_list() == ["'=1+2", "£ ok"]
    assert back["gap_days"].to_list() == [3, 40]
    assert back["since"].cast(pl.Date).to_list() == [dt.date(2026, 3, 1)] * 2
    assert pl.read_excel(io.BytesIO(data), sheet_name="Summary")["rate"].to_list() == [0.5]


def test_sheet_names_are_made_valid_and_unique():
    taken: set[str] = set()
    assert sheet_name("FP1: footprint / month", taken) == "FP1_ footprint _ month"
    long = "x" * 40
    assert sheet_name(long, taken) == "x" * 31
    # a second sheet with the same truncated name gets a suffix within 31 characters
    second = sheet_name(long, taken)
    assert second == "x" * 27 + " (2)" and len(second) == 31


def test_tables_offer_no_export_that_bypasses_escaping_and_suppression():
    # st.dataframe's own CSV download would skip escape_formulas and suppress; the app turns it off
    import tomllib
    from pathlib import Path

    config = tomllib.loads((Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text())
    assert config["client"]["disableDataExport"] is True


def _cells(data: bytes, sheet: str) -> list[list[object]]:
    """Every cell of a sheet as openpyxl reads it back: (value, data type, number format)."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    return [[(c.value, c.data_type, c.number_format) for c in row] for row in book[sheet].iter_rows()]


def test_excel_rates_are_numbers_formatted_as_percent_and_counts_whole_numbers():
    frame = pl.DataFrame(
        {"group": ["A"], "numerator": [19], "denominator": [27], "value": [19 / 27], "change (points)": [-3.2]}
    )
    header, row = _cells(to_excel_bytes({"Summary": frame}), "Summary")
    assert [h[0] for h in header] == ["group", "numerator", "denominator", "value", "change (points)"]
    assert row[1][:2] == (19, "n") and row[2][:2] == (27, "n")
    # the rate is the exact fraction, shown as a percent (not 0.7037037037037037 on screen)
    assert row[3] == (pytest.approx(0.7037037037), "n", "0.0%")
    assert row[4][:2] == (-3.2, "n") and row[4][2].startswith("+0.0;-0.0")


def test_excel_with_suppression_marks_c_and_keeps_the_other_figures_numbers(policy):
    on = with_settings(policy, suppress_small_numbers=True, suppression_max=5)
    frame = pl.DataFrame(
        {
            "group": ["=A", "B", "C"],
            "numerator": [3, 15, 40],
            "denominator": [20, 20, 50],
            "value": [0.15, 0.75, 0.8],
            "change (points)": [-1.5, -3.2, 2.0],
        }
    )
    suppressed = figures.suppress_summary(frame, on)
    assert suppressed["change (points)"].dtype == pl.String  # what the pages and CSV are handed
    rows = _cells(to_excel_bytes({"Teams": suppressed}), "Teams")[1:]
    # row A's count is small: its count, rate and change are c, as text
    assert [c[:2] for c in rows[0]] == [("'=A", "s"), ("c", "s"), (20, "n"), ("c", "s"), ("c", "s")]
    # every other cell is a number: the negative change is not escaped into text
    assert [c[:2] for c in rows[1][1:]] == [(15, "n"), (20, "n"), (0.75, "n"), (-3.2, "n")]
    assert rows[1][3][2] == "0.0%" and rows[2][3][2] == "0.0%"
    assert [c[0] for c in rows[2][1:]] == [40, 50, 0.8, 2.0]


def test_csv_with_suppression_leaves_negative_figures_unescaped(policy):
    on = with_settings(policy, suppress_small_numbers=True, suppression_max=5)
    frame = pl.DataFrame({"note": ["-x"], "numerator": [15], "denominator": [20], "change (points)": [-3.2]})
    text = to_csv_bytes(figures.suppress_summary(frame, on))[3:].decode()
    assert text.splitlines()[1] == "'-x,15,20,-3.2"


def test_a_text_column_of_plain_numbers_and_c_is_told_apart_from_free_text():
    assert figures.is_suppressed_text(pl.Series(["c", "12", "-3.2", None, "0.7037037037037037", "1e-05"]))
    assert not figures.is_suppressed_text(pl.Series(["c", "12", "-3.2+A1"]))
    assert not figures.is_suppressed_text(pl.Series(["007", "12"]))  # an id with leading zeros stays text
    assert not figures.is_suppressed_text(pl.Series([None, None], dtype=pl.String))
    assert not figures.is_suppressed_text(pl.Series([1, 2]))
