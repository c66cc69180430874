from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import replace

import polars as pl

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
