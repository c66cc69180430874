"""The pack's Excel workbook: the figures of a PackData laid out as sheets.

Every sheet passes through oversight.figures (small numbers suppressed when the policy asks)
and oversight.export (formulas escaped) on the way out.
"""

from __future__ import annotations

import polars as pl

from oversight import export, figures
from oversight.families import FAMILIES
from oversight.pack.build import BAND_NOTE, PackData, policy_text, reason_counts, switched_off_text
from queries import indicators


def about_table(data: PackData) -> pl.DataFrame:
    """What the pack is about: the date, the data's source and the policy in force."""
    w = data.window
    rows = [
        ("Report", "Management oversight self-assessment pack"),
        ("Synthetic data", "YES: synthetic data, not real children" if data.synthetic else "no"),
        ("As-of date (D)", f"{w.as_of:%Y-%m-%d}"),
        ("Period", f"{w.start:%Y-%m-%d} to {w.as_of:%Y-%m-%d} ({(w.as_of - w.start).days + 1} days)"),
        ("Data source", data.source),
        ("Data loaded", str(data.meta.get("load_date", ""))),
        # the tables alone: tables_present also lists each column holding a value ("panels.recorded_date")
        ("Tables loaded", ", ".join(t for t in data.tables_present if "." not in t)),
        ("Policy in force", data.policy.label),
        ("Switched off by local policy", switched_off_text(data) or "none"),
        ("Small-number suppression", "on" if data.suppressing else "off"),
        ("Generated", f"{data.generated_at:%Y-%m-%d %H:%M}"),
        ("Case judgement band", BAND_NOTE),
    ]
    return pl.DataFrame(rows, schema={"item": pl.String, "value": pl.String}, orient="row")


CASE_LEVEL_NOTE = (
    "Left out: small-number suppression is on, which marks this pack for sharing outside the "
    "service, and a list of cases would identify children's cases. The Inspection readiness page "
    "downloads the list for internal use."
)


def workbook_sheets(data: PackData) -> dict[str, pl.DataFrame]:
    """The workbook's sheets in order, suppression applied when the policy asks."""
    policy = data.policy
    sheets: dict[str, pl.DataFrame] = {"About": about_table(data)}
    # the rate's own column shows as a percent in the workbook, so no "83.3%" text beside it
    sheets["Summary"] = figures.suppress_summary(data.headline.drop("percent", strict=False), policy)
    for family, frame in data.breakdowns.items():
        sheet = FAMILIES[family].sheet if family in FAMILIES else family
        sheets[sheet] = figures.suppress_summary(frame.drop("percent", strict=False), policy)
    sheets["Trends"] = figures.suppress_summary(data.trends, policy)
    # figures without an indicator row of their own still say for which D and under which policy
    stamp = [
        pl.lit(data.window.as_of).alias("as_of_date"),
        pl.lit(data.window.start).alias("period_from"),
        pl.lit(policy.label).alias("policy"),
    ]
    jg1_values = policy_text(indicators.catalogue()["JG1"].policy_settings(policy))
    counts = reason_counts(data.reasons).with_columns(*stamp, pl.lit(jg1_values).alias("policy_values"))
    sheets["Insufficient reasons"] = figures.suppress(counts, policy, ["cases", "critical_cases"])
    if data.suppressing:
        note = pl.DataFrame({"note": [CASE_LEVEL_NOTE]})
        sheets["Case judgements"] = note
        sheets["Audit sample"] = note
    else:
        sheets["Case judgements"] = _flatten(with_staff_names(data.cases, data.staff))
        sheets["Audit sample"] = _flatten(with_staff_names(data.audit, data.staff))
    if data.strata.height:
        strata = data.strata.with_columns(
            *stamp,
            pl.lit(f"sample_fraction={policy.values['sample_fraction']}; "
                   f"sample_minimum={policy.values['sample_minimum']}; seed={data.seed}").alias("policy_values"),
        )  # fmt: skip
        sheets["Sample strata"] = figures.suppress(strata, policy, ["cases", "sampled"])
    if data.agreement is not None and not data.suppressing:
        sheets["Audit agreement"] = _flatten(with_staff_names(data.agreement.cases, data.staff))
    sheets["Definitions"] = data.definitions
    sheets["Policy"] = data.policy_table
    return sheets


# staff id columns and the column beside each that names the person as the dashboard does
STAFF_COLUMNS = {"case_manager_id": "case manager", "line_manager": "line manager", "auditor_id": "auditor"}


def with_staff_names(frame: pl.DataFrame, staff: dict[str, str]) -> pl.DataFrame:
    """Beside each staff id column, the person as "name (id)" (an id not on the staff list as is);
    the id columns stay for a script to join on."""
    for column, label in STAFF_COLUMNS.items():
        if column in frame.columns and label not in frame.columns:
            named = frame[column].replace_strict(staff, default=frame[column], return_dtype=pl.String)
            frame = frame.insert_column(frame.columns.index(column) + 1, named.alias(label))
    return frame


def _flatten(frame: pl.DataFrame) -> pl.DataFrame:
    """List columns joined with "; " so they fit in a cell."""
    return frame.with_columns(
        pl.col(name).list.eval(pl.element().cast(pl.String)).list.join("; ")
        for name, dtype in frame.schema.items()
        if isinstance(dtype, pl.List)
    )


def workbook_bytes(data: PackData) -> bytes:
    return export.to_excel_bytes(workbook_sheets(data))
