"""The self-assessment pack, generated from a demo-like extract and opened again.

The workbook is read back with polars (fastexcel) and its cells compared with the indicator
queries run directly; the PDF's text is extracted with pypdf and its headline figures compared
the same way. One pack is built per module (through the command line, as a scheduled job would).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from pathlib import Path

import polars as pl
import pypdf
import pytest

from oversight import pack
from oversight.cli import main
from oversight.db import Database
from oversight.pack.pdf import PackPDF, pdf_bytes
from oversight.policy import load_policy
from queries import indicators
from queries.judgement import case_table
from tests.oversight.pack_fixture import AS_OF, demo_like

POLICY = load_policy(Path("/nonexistent/policy.toml"))


@pytest.fixture(scope="module")
def db_file(tmp_path_factory) -> Path:
    return demo_like().build(tmp_path_factory.mktemp("pack") / "demo.duckdb")


@pytest.fixture(scope="module")
def con(db_file):
    database = Database(db_file)
    yield database.connection()
    database.close()


@pytest.fixture(scope="module")
def written(db_file, tmp_path_factory, monkeypatch_module) -> list[Path]:
    """The pack as a scheduled job makes it: through the command line."""
    monkeypatch_module.setenv("OVERSIGHT_POLICY", "/nonexistent/policy.toml")
    out = tmp_path_factory.mktemp("out")
    assert main(["pack", "--db", str(db_file), "--as-of", AS_OF.isoformat(), "--out", str(out)]) == 0
    return sorted(out.iterdir())


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


@pytest.fixture(scope="module")
def workbook(written) -> dict[str, pl.DataFrame]:
    xlsx = next(p for p in written if p.suffix == ".xlsx")
    return pl.read_excel(xlsx, sheet_id=0, engine="calamine", infer_schema_length=None)


@pytest.fixture(scope="module")
def pdf_pages(written) -> list[str]:
    reader = pypdf.PdfReader(next(p for p in written if p.suffix == ".pdf"))
    return [page.extract_text() for page in reader.pages]


def overall(con, indicator_id: str) -> dict:
    ind = indicators.catalogue()[indicator_id]
    return indicators.summary(con, ind, [indicators.period(AS_OF)], POLICY).row(0, named=True)


def test_pack_writes_a_workbook_and_a_pdf_named_by_the_date(written):
    assert [p.name for p in written] == ["oversight-pack-2026-03-31.pdf", "oversight-pack-2026-03-31.xlsx"]
    assert all(p.stat().st_size > 1000 for p in written)


def test_workbook_has_the_summary_a_sheet_per_family_the_judgements_and_the_sample(workbook):
    for name in ("About", "Summary", "Footprint", "Timeliness", "Risk coverage", "Drift", "Quality",
                 "Quality assurance", "Escalation", "Judgement",
                 "Trends", "Insufficient reasons", "Case judgements", "Audit sample", "Sample strata",
                 "Audit agreement", "Definitions", "Policy"):  # fmt: skip
        assert name in workbook, name


def test_summary_cells_match_the_indicator_queries(workbook, con):
    summary = workbook["Summary"]
    for indicator_id in ("FP1", "RC1", "JG1"):
        expected = overall(con, indicator_id)
        row = summary.filter(pl.col("indicator") == indicator_id).row(0, named=True)
        assert (row["numerator"], row["denominator"]) == (expected["numerator"], expected["denominator"])
        assert row["value"] == pytest.approx(expected["value"])
        assert row["as_of_date"] == AS_OF and row["period_from"] == dt.date(2026, 1, 1)
    fp1 = summary.filter(pl.col("indicator") == "FP1").row(0, named=True)
    # the policy values FP1's query bound travel with it
    assert "oversight_interval_days=28" in fp1["policy_values"]
    # supervisions were not loaded: DR4 says so rather than showing 0 %
    dr4 = summary.filter(pl.col("indicator") == "DR4").row(0, named=True)
    assert dr4["rag"] == "not loaded" and dr4["denominator"] is None


def test_family_sheet_breakdowns_match_the_query_by_team_and_risk_group(workbook, con):
    ind = indicators.catalogue()["FP1"]
    sheet = workbook["Footprint"].filter(pl.col("indicator") == "FP1")
    for by in ("team", "risk_group", "case_manager"):
        expected = indicators.summary(con, ind, [indicators.period(AS_OF)], POLICY, by=by)
        got = sheet.filter(pl.col("breakdown") == by)
        # the team "=Court" was escaped so a spreadsheet opens it as text
        want = {("'" + g if g.startswith("=") else g): (n, d) for g, n, d in
                expected.select("group", "numerator", "denominator").iter_rows()}  # fmt: skip
        assert {g: (n, d) for g, n, d in got.select("group", "numerator", "denominator").iter_rows()} == want
    assert set(sheet["breakdown"]) == set(pack.PACK_BREAKDOWNS)


def test_case_judgements_sheet_is_the_case_table(workbook, con):
    expected = case_table(con, indicators.period(AS_OF), POLICY)
    sheet = workbook["Case judgements"]
    assert sheet.height == expected.height
    assert sheet["case_id"].to_list() == expected["case_id"].to_list()
    assert sheet["judgement"].to_list() == expected["judgement"].to_list()


def test_audit_sample_sheet_holds_the_drawn_cases_with_evidence_and_judgement(workbook):
    audit = workbook["Audit sample"]
    # 60 cases: 20 % is 12, so the minimum of 20; raised strata rounding up stays within 20 here
    assert audit.height == 20
    assert audit["case_id"].n_unique() == 20
    for column in ("stratum", "management_entries", "countersignatures", "panel_meetings", "trigger_events",
                   "actions_due", "judgement", "reasons"):  # fmt: skip
        assert column in audit.columns
    strata = workbook["Sample strata"]
    assert strata["sampled"].sum() == 20 and strata["cases"].sum() == 60


def test_trends_sheet_has_twelve_month_ends_with_counts(workbook, con):
    trends = workbook["Trends"].filter(pl.col("indicator") == "FP1").sort("as_of_date")
    assert trends.height == 12 and trends["as_of_date"][-1] == AS_OF
    jan = trends.filter(pl.col("as_of_date") == dt.date(2026, 1, 31)).row(0, named=True)
    ind = indicators.catalogue()["FP1"]
    expected = indicators.summary(con, ind, [indicators.Window(dt.date(2026, 1, 31), dt.date(2026, 1, 1))], POLICY)
    assert (jan["numerator"], jan["denominator"]) == (expected["numerator"][0], expected["denominator"][0])


def test_about_sheet_labels_synthetic_data_and_the_policy(workbook):
    about = dict(workbook["About"].iter_rows())
    assert about["Synthetic data"].startswith("YES")
    assert about["As-of date (D)"] == "2026-03-31"
    assert about["Policy in force"].startswith("defaults")


def test_pdf_headline_figures_match_the_queries(pdf_pages, con):
    first = pdf_pages[0]
    fp1 = overall(con, "FP1")
    assert f"{fp1['value']:.1%} ({fp1['numerator']}/{fp1['denominator']})" in first
    jg1 = overall(con, "JG1")
    share = f"{jg1['value']:.1%} ({jg1['numerator']}/{jg1['denominator']})"
    assert f"Cases judged sufficient: {share}" in first.replace("\n", " ")
    band = pack.band(jg1["value"], POLICY).replace("_", " ")
    assert f"Band: {band}" in first.replace("\n", " ")
    assert "not an inspection outcome" in first.replace("\n", " ")


def test_every_pdf_page_says_synthetic_and_the_date(pdf_pages):
    assert len(pdf_pages) >= 5
    for number, text in enumerate(pdf_pages, start=1):
        assert "SYNTHETIC DATA" in text, number
        assert "As of 31 March 2026" in text, number
        assert f"Page {number} of {len(pdf_pages)}" in text


def test_pdf_has_every_section(pdf_pages):
    text = "\n".join(pdf_pages)
    for heading in ("Headline figures", "Trends, month by month", "Teams side by side", "Case judgements",
                    "Why cases were judged insufficient", "Audit sample", "Definitions and policy sources",
                    "Policy values in force", "Agreement with auditors"):  # fmt: skip
        assert heading in text, heading


def test_suppression_hides_small_counts_and_case_lists_when_the_policy_asks(con):
    strict = dataclasses.replace(
        POLICY,
        settings={
            k: dataclasses.replace(s, value=True) if k == "suppress_small_numbers" else s
            for k, s in POLICY.settings.items()
        },
    )
    data = pack.build_pack(con, AS_OF, strict)
    sheets = pack.workbook_sheets(data)
    summary = sheets["Summary"]
    shown = dict(summary.select("indicator", "value").iter_rows())
    small = [r["indicator"] for r in data.headline.iter_rows(named=True)
             if r["available"] and (1 <= r["numerator"] <= 5 or 1 <= r["denominator"] <= 5)]  # fmt: skip
    assert small  # the fixture has some (FP3 met on 1 case)
    for indicator_id in small:
        assert shown[indicator_id] == "c", indicator_id
    fp1 = data.headline.filter(pl.col("indicator") == "FP1").row(0, named=True)
    assert fp1["numerator"] > 5 and fp1["denominator"] > 5  # large counts are not suppressed
    assert summary.filter(pl.col("indicator") == "FP1")["denominator"][0] == str(fp1["denominator"])
    # a small team count in a breakdown becomes c, and so does its rate
    footprint = sheets["Footprint"]
    small = footprint.filter(pl.col("denominator") == "c")
    assert small.height and set(small["value"]) == {"c"}
    assert "note" in sheets["Case judgements"].columns and "note" in sheets["Audit sample"].columns
    assert "Audit agreement" not in sheets
    # nor does the PDF list a case: the fixture's case ids are C000 to C059
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf_bytes(data))).pages)
    assert not re.search(r"\bC0\d\d\b", text)
    assert "shown as c" in text


def _sheet_cells(source, sheet: str) -> list[dict[str, tuple]]:
    """A sheet read back with openpyxl: each row as header -> (value, data type, number format)."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(source) if isinstance(source, bytes) else source)
    rows = list(book[sheet].iter_rows())
    header = [c.value for c in rows[0]]
    return [{h: (c.value, c.data_type, c.number_format) for h, c in zip(header, row, strict=True)} for row in rows[1:]]


def test_workbook_rates_are_percent_formatted_numbers_and_counts_numbers(written, con):
    xlsx = next(p for p in written if p.suffix == ".xlsx")
    summary = {r["indicator"][0]: r for r in _sheet_cells(xlsx, "Summary")}
    fp1, expected = summary["FP1"], overall(con, "FP1")
    assert fp1["numerator"][:2] == (expected["numerator"], "n")
    assert fp1["denominator"][:2] == (expected["denominator"], "n")
    assert fp1["value"] == (pytest.approx(expected["value"]), "n", "0.0%")
    assert fp1["target_green"][1:] == ("n", "0.0%")
    assert "percent" not in fp1  # the rate itself reads as a percent; no text copy beside it
    trend = next(r for r in _sheet_cells(xlsx, "Trends") if r["indicator"][0] == "FP1")
    assert trend["value"][1:] == ("n", "0.0%") and trend["numerator"][1] == "n"


def test_workbook_names_staff_as_the_dashboard_does(written, con):
    from queries import explorer

    labels = explorer.staff_labels(con)
    assert labels["cm00"] == "Staff cm00 (cm00)"
    xlsx = next(p for p in written if p.suffix == ".xlsx")
    cases = _sheet_cells(xlsx, "Case judgements")
    assert cases and all(r["case manager"][0] == labels[r["case_manager_id"][0]] for r in cases)
    assert all(r["line manager"][0] == labels[r["line_manager"][0]] for r in cases)
    audit = _sheet_cells(xlsx, "Audit sample")
    assert all(r["case manager"][0] == labels[r["case_manager_id"][0]] for r in audit)
    agreement = _sheet_cells(xlsx, "Audit agreement")
    assert agreement and all(r["auditor"][0] == labels.get(r["auditor_id"][0], r["auditor_id"][0]) for r in agreement)
    footprint = [r for r in _sheet_cells(xlsx, "Footprint") if r["breakdown"][0] == "case_manager"]
    assert footprint and all(r["staff_name"][0] == labels[r["group"][0]] for r in footprint)


def test_suppressed_workbook_marks_c_and_keeps_every_other_figure_a_number(con):
    data = pack.build_pack(con, AS_OF, _strict(POLICY))
    summary = _sheet_cells(pack.workbook_bytes(data), "Summary")
    by_id = {r["indicator"][0]: r for r in summary}
    fp1 = data.headline.filter(pl.col("indicator") == "FP1").row(0, named=True)
    assert by_id["FP1"]["denominator"][:2] == (fp1["denominator"], "n")
    assert by_id["FP1"]["value"][1:] == ("n", "0.0%")
    fp3 = by_id["FP3"]  # met on 1 case: its count and rate are c
    assert fp3["numerator"][:2] == ("c", "s") and fp3["value"][:2] == ("c", "s")
    for row in summary:  # any count not c is a number
        for column in ("numerator", "denominator", "value"):
            value, kind, _ = row[column]
            assert value is None or value == "c" or kind == "n", (row["indicator"], column, value)


def _strict(policy):
    return dataclasses.replace(
        policy,
        settings={
            k: dataclasses.replace(s, value=True) if k == "suppress_small_numbers" else s
            for k, s in policy.settings.items()
        },
    )


def test_preparing_a_pack_reports_each_step_as_it_starts(con):
    told: list[tuple[str, str, float]] = []
    ready = pack.prepare_pack(con, AS_OF, POLICY, progress=lambda *call: told.append(call))
    steps = [step for k, (step, _, _) in enumerate(told) if k == 0 or told[k - 1][0] != step]
    assert steps == [*pack.STEPS, "Done"]
    shares = [done for _, _, done in told]
    assert shares == sorted(shares) and shares[0] == 0.0 and shares[-1] == 1.0
    # within the longest step, each indicator is named as it is computed
    details = [detail for step, detail, _ in told if step == "Breakdowns and trends"]
    assert (
        "FP1 Recent oversight on every open case" in details
        and len(details) == ready.data.trends["indicator"].n_unique()
    )
    assert ready.stem == "oversight-pack-2026-03-31" and ready.workbook[:2] == b"PK" and ready.pdf[:4] == b"%PDF"


def test_pack_refuses_a_missing_database_clearly(tmp_path):
    with pytest.raises(FileNotFoundError, match="no database"):
        pack.write_pack(tmp_path / "none.duckdb", AS_OF, tmp_path / "out")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("value", "direction", "expected"),
    [
        (0.90, "higher", "green"),  # at the green target is green
        (0.8999, "higher", "amber"),
        (0.75, "higher", "amber"),
        (0.7499, "higher", "red"),
        (0.05, "lower", "green"),  # RC4: lower is better, green at or under 5 %
        (0.0501, "lower", "amber"),
        (0.1501, "lower", "red"),
        (None, "higher", "none"),
    ],
)
def test_rag_against_policy_targets(value, direction, expected):
    assert pack.rag(value, "RC4" if direction == "lower" else "FP1", direction, POLICY) == expected


def test_reasons_split_on_codes_not_on_semicolons_inside_details():
    text = "EVIDENCE_GAP 2025-10-30..2025-12-10 (41 days; 4 more); NO_RISK_PANEL_CRITICAL 2026-02-28 (4 more)"
    parts = pack.split_reasons(text)
    assert parts == [
        "EVIDENCE_GAP 2025-10-30..2025-12-10 (41 days; 4 more)",
        "NO_RISK_PANEL_CRITICAL 2026-02-28 (4 more)",
    ]
    assert pack.reason_code(parts[1]) == ("NO_RISK_PANEL", True)


def test_every_reason_code_maps_to_one_of_the_three_questions():
    from queries.judgement.checks import CHECKS

    assert {c.reason_code for c in CHECKS} == set(pack.REASON_QUESTION)
    assert set(pack.REASON_QUESTION.values()) == set(pack.QUESTIONS)


def test_pack_from_required_tables_only_says_what_is_not_loaded_and_labels_real_data_plainly(extract, tmp_path):
    from oversight.store import write_database

    extract.case("c1", "2025-06-01").note("c1", "2026-03-20")
    extract.case("c2", "2025-06-01", case_manager_id="cm2")
    db = tmp_path / "real.duckdb"
    write_database(db, extract.frames(), {"source": "council extract", "load_date": "2026-04-01", "synthetic": False})
    paths = pack.write_pack(db, AS_OF, tmp_path / "out")
    pages = [p.extract_text() for p in pypdf.PdfReader(paths[1]).pages]
    assert not any("SYNTHETIC" in text for text in pages)  # real data is not labelled synthetic
    assert all("council extract" in text for text in pages)  # but every page names its source
    first = pages[0].replace("\n", " ")
    # FP4 needs assessments, which were not loaded: "not loaded", never 0 %
    assert "FP4 Every assessment stage countersigned not loaded" in first
    # FP1 by hand: c1's entry on 2026-03-20 is within 28 days of D, c2 has none: 1 of 2
    assert "50.0% (1/2)" in first
    sheets = pl.read_excel(paths[0], sheet_id=0, engine="calamine", infer_schema_length=None)
    assert dict(sheets["About"].iter_rows())["Synthetic data"] == "no"
    audit = sheets["Audit sample"]
    assert sorted(audit["case_id"]) == ["c1", "c2"]
    assert audit["trigger_events"].null_count() == 2  # events not loaded: empty, not 0


def test_pdf_trend_charts_need_no_browser_and_put_each_month_end_on_its_own_month(con, monkeypatch):
    # the charts were images from a browser (kaleido), several seconds a pack and missing
    # without one; they are drawn in the PDF now, so a machine without a browser still gets them
    import kaleido

    def no_browser(*args, **kwargs):
        raise RuntimeError("no Chrome found")

    monkeypatch.setattr(kaleido, "start_sync_server", no_browser)
    data = pack.build_pack(con, AS_OF, POLICY)
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes(data)))
    trends = next(p.extract_text() for p in reader.pages if "Trends, month by month" in p.extract_text())
    assert "could not be drawn" not in trends
    assert not any(page.images for page in reader.pages)
    # twelve month ends, 30 April 2025 to 31 March 2026: each under its own month, none under the next
    months = [dt.date(2025 + (3 + k) // 12, (3 + k) % 12 + 1, 1) for k in range(12)]
    assert [f"{m:%b %Y}" for m in months][::11] == ["Apr 2025", "Mar 2026"]
    for month in months:
        assert f"{month:%b %Y}" in trends
    assert "Apr 2026" not in trends
    # RAG is said by the markers' shapes, and the key says which shape is which
    for words in ("green: at or better than the green target", "amber: at or better than the amber target",
                  "red: worse than the amber target"):  # fmt: skip
        assert words in trends
    assert "FP1 Recent oversight on every open case" in trends


@pytest.mark.parametrize(
    ("value", "indicator_id", "direction", "shape"),
    [
        (0.95, "FP1", "higher", "circle"),  # green: at or over 90 %
        (0.80, "FP1", "higher", "diamond"),  # amber: at or over 75 %
        (0.50, "FP1", "higher", "cross"),  # red
        (0.03, "RC4", "lower", "circle"),  # lower is better: 3 % flagged is green
        (0.30, "RC4", "lower", "cross"),
    ],
)
def test_a_trend_point_shows_its_rag_by_shape(value, indicator_id, direction, shape):
    from oversight.pack.pdf import point_shape

    assert point_shape(value, indicator_id, direction, POLICY) == shape


def test_pdf_teams_table_gives_each_team_cell_its_rag_in_words(pdf_pages):
    teams = next(text for text in pdf_pages if "Teams side by side" in text)
    cells = re.findall(r"\d+\.\d% \(\d+/\d+\)( \*| green| amber| red)?", teams)
    assert cells and {c.strip() for c in cells} >= {"green", "red"}
    assert all(c for c in cells)  # every cell with a value has a RAG word, or * for a small group


@pytest.mark.parametrize("columns", range(1, 6))
def test_a_table_split_evenly_across_the_page_fits_it(con, columns):
    # (epw - 82) / 3 * 3 + 82 came to a hair over the page width and fpdf2 refused the table
    # (seen with the large demo's teams)
    pdf = PackPDF(pack.build_pack(con, AS_OF, POLICY))
    pdf.add_page()
    share = (pdf.epw - 12 - 70) / columns
    pdf.grid(
        ["ID", "Indicator", *[f"T{i}" for i in range(columns)]],
        [["FP1", "x", *["1"] * columns]],
        (12, 70, *([share] * columns)),
    )


def test_without_assessments_the_pack_judges_no_case(extract, tmp_path):
    # JG1 requires assessments. Without them the case table would still "judge" c1 and c2 on the
    # checks it can run, and the PDF showed "Sufficient 1, Insufficient 1" beside "JG1 not loaded".
    # No judgement is given instead: counts blank ("-"), no judgement rows, nothing in the sample.
    from oversight.store import write_database

    extract.case("c1", "2025-06-01").note("c1", "2026-03-20")
    extract.case("c2", "2025-06-01", case_manager_id="cm2")
    db = tmp_path / "core.duckdb"
    write_database(db, extract.frames(), {"source": "council extract", "load_date": "2026-04-01", "synthetic": False})
    database = Database(db)
    try:
        data = pack.build_pack(database.connection(), AS_OF, POLICY)
    finally:
        database.close()
    assert data.jg1["denominator"] is None
    assert (data.jg1["sufficient"], data.jg1["insufficient"], data.jg1["not_yet"]) == (None, None, None)
    assert data.cases.height == 0 and data.reasons.height == 0
    assert sorted(data.audit["case_id"]) == ["c1", "c2"]  # the sample is still drawn
    assert "judgement" not in data.audit.columns or data.audit["judgement"].null_count() == 2
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf_bytes(data))).pages)
    text = text.replace("\n", " ")
    assert "Sufficient - Insufficient - Not yet (open too briefly to judge) -" in text
    assert "No case was judged insufficient" not in text


def test_switched_off_indicators_are_left_out_of_the_pack_and_named(con):
    off = dataclasses.replace(POLICY.settings["switched_off_indicators"], value=["RC4", "JG1"])
    switched = dataclasses.replace(POLICY, settings={**POLICY.settings, "switched_off_indicators": off})
    data = pack.build_pack(con, AS_OF, switched)
    assert data.switched_off == ("RC4", "JG1")
    for frame in (data.headline, data.trends, data.definitions, *data.breakdowns.values()):
        assert not {"RC4", "JG1"} & set(frame["indicator"]), frame.columns
    assert "judgement" not in data.breakdowns  # JG1 was the family's only indicator
    assert "RC1" in set(data.headline["indicator"])  # the rest of the family stays
    # JG1 off: no case judged, no band, no agreement with auditors (the fixture has audits)
    assert "audits" in data.tables_present and data.agreement is None
    assert data.cases.height == 0 and data.jg1["band"] is None and data.jg1["switched_off"]
    sheets = pack.workbook_sheets(data)
    assert not {"RC4", "JG1"} & set(sheets["Summary"]["indicator"])
    assert "Audit agreement" not in sheets
    about = dict(sheets["About"].iter_rows())
    assert about["Switched off by local policy"].startswith(
        "Switched off by local policy (switched_off_indicators): RC4"
    )
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf_bytes(data))).pages).replace("\n", " ")
    assert "Switched off by local policy (switched_off_indicators): RC4" in text
    assert "The case judgement (JG1) is switched off by local policy" in text
    assert "No case could be judged on this date" not in text  # not worded as missing data
