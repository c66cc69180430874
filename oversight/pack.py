"""The self-assessment pack: an Excel workbook and a PDF report for one as-of date (issue 5).

``build_pack`` gathers every figure once (headline indicators with RAG, breakdowns by team,
manager and risk rating, month-by-month trends, the case judgements and the audit sample);
``workbook_bytes`` and ``oversight.pdf.pdf_bytes`` lay the same figures out, so the workbook,
the PDF and the Inspection readiness page cannot disagree. ``write_pack`` is what
``python -m oversight pack`` calls.

Honesty rules (issue 5, spec Conventions): every rate travels with its numerator and
denominator, the as-of date, the period and the policy values its query bound; a denominator
of 0 gives no value; figures that leave the service pass through oversight.export (formulas
escaped, small numbers suppressed when the policy asks).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from oversight import export, sample
from oversight.policy import Policy, load_policy
from queries import explorer, indicators
from queries.indicators import FAMILIES, Indicator, Window
from queries.judgement import CHECKS, audit_agreement, band, case_table
from queries.judgement import checks as judgement_checks

FAMILY_TITLES = {
    "footprint": "Footprint: is there evidence?",
    "timeliness": "Timeliness: was it done in time?",
    "risk_coverage": "Risk coverage: is oversight where the risk is?",
    "drift": "Drift: did it make a difference?",
    "quality": "Quality of recording",
    "judgement": "Case judgement (JG1)",
}
SHEET_NAMES = {
    "footprint": "Footprint",
    "timeliness": "Timeliness",
    "risk_coverage": "Risk coverage",
    "drift": "Drift",
    "quality": "Quality",
    "judgement": "Judgement",
}
# "Breakdowns by team, manager and risk rating" (issue 5): the manager both as case manager
# and as line manager, the risk rating as each rating and as the risk group.
PACK_BREAKDOWNS = ("team", "line_manager", "case_manager", "risk_group", "rosh", "swb")
TREND_MONTHS = 12

# The inspectorate's three questions and which one each JG1 reason answers, with its wording:
# from the one list of checks (queries/judgement/checks.py), grouped by question.
QUESTIONS = judgement_checks.QUESTIONS
REASON_QUESTION = {c.reason_code: c.question for q in QUESTIONS for c in judgement_checks.CHECKS if c.question == q}
REASON_TEXT = {c.reason_code: c.reason_text for c in judgement_checks.CHECKS}
BAND_NOTE = (
    "The band mirrors how the inspectorate commonly bands a case-judged standard (share of cases "
    "sufficient). It is not an inspection outcome: inspectors judge from their own case sample, "
    "interviews and evidence."
)


_REASON_SPLIT = re.compile(r";\s+(?=[A-Z][A-Z_]+(?:\s|$))")


def split_reasons(reasons: object) -> list[str]:
    """A case's reasons, each starting with its code; a detail's own "; " (as in "(41 days; 4
    more)") does not split, only one followed by the next code."""
    if reasons is None:
        return []
    if isinstance(reasons, list | tuple | pl.Series):
        return [str(r).strip() for r in reasons if r]
    return [part.strip() for part in _REASON_SPLIT.split(str(reasons)) if part.strip()]


def reason_code(reason: str) -> tuple[str, bool]:
    """The base code of one reason ("EVENT_UNANSWERED_CRITICAL 2026-03-02 ...") and whether critical."""
    code = reason.strip().split(" ", 1)[0]
    return code.removesuffix("_CRITICAL"), code.endswith("_CRITICAL")


def reasons_by_question(cases: pl.DataFrame) -> pl.DataFrame:
    """One row per failed check of each case judged insufficient, with the question it answers.

    Read from the case table's check columns (``fail`` or ``critical``, queries.judgement.CHECKS);
    ``detail`` is the reason as the case table words it. Columns: question, question_text,
    reason_code, critical, reason_text, case_id, team, case_manager_id, risk_group, detail.
    """
    rows: list[dict[str, Any]] = []
    if cases.height and "judgement" in cases.columns:
        for case in cases.filter(pl.col("judgement") == "insufficient").iter_rows(named=True):
            details = {reason_code(r)[0]: r for r in split_reasons(case.get("reasons"))}
            for column, _check, code, _strength in CHECKS:
                status = case.get(column)
                if status not in ("fail", "critical"):
                    continue
                question = REASON_QUESTION.get(code, "evidence")
                rows.append(
                    {
                        "question": question,
                        "question_text": QUESTIONS[question],
                        "reason_code": code,
                        "critical": status == "critical",
                        "reason_text": REASON_TEXT.get(code, code),
                        "case_id": case["case_id"],
                        "team": case.get("team"),
                        "case_manager_id": case.get("case_manager_id"),
                        "risk_group": case.get("risk_group"),
                        "detail": details.get(code, code),
                    }
                )
    schema = {
        "question": pl.String, "question_text": pl.String, "reason_code": pl.String, "critical": pl.Boolean,
        "reason_text": pl.String, "case_id": pl.String, "team": pl.String, "case_manager_id": pl.String,
        "risk_group": pl.String, "detail": pl.String,
    }  # fmt: skip
    return pl.DataFrame(rows, schema=schema, orient="row")


def reason_counts(reasons: pl.DataFrame) -> pl.DataFrame:
    """Cases per reason code, in the order of the three questions (a case counts once per code)."""
    order = {q: i for i, q in enumerate(QUESTIONS)}
    return (
        reasons.group_by("question", "question_text", "reason_code", "reason_text")
        .agg(
            pl.col("case_id").n_unique().alias("cases"),
            pl.col("case_id").filter(pl.col("critical")).n_unique().alias("critical_cases"),
        )
        .with_columns(pl.col("question").replace_strict(order, return_dtype=pl.Int64).alias("_order"))
        .sort("_order", "cases", "reason_code", descending=[False, True, False])
        .drop("_order")
    )


def rag(value: float | None, indicator_id: str, direction: str, policy: Policy) -> str:
    """green / amber / red against the policy's targets; "none" without a value."""
    if value is None:
        return "none"
    target = policy.target(indicator_id)
    if direction == "lower":
        return "green" if value <= target["green"] else "amber" if value <= target["amber"] else "red"
    return "green" if value >= target["green"] else "amber" if value >= target["amber"] else "red"


def policy_text(values: dict[str, object]) -> str:
    return "; ".join(f"{k}={v}" for k, v in values.items())


def percent(value: float | None) -> str:
    return "" if value is None else f"{value:.1%}"


@dataclass
class PackData:
    """Every figure of the pack, computed once."""

    window: Window
    policy: Policy
    meta: dict[str, Any]
    tables_present: list[str]
    headline: pl.DataFrame
    breakdowns: dict[str, pl.DataFrame]  # family -> rows by PACK_BREAKDOWNS
    trends: pl.DataFrame
    cases: pl.DataFrame
    reasons: pl.DataFrame
    audit: pl.DataFrame
    audit_population: int
    strata: pl.DataFrame
    definitions: pl.DataFrame
    policy_table: pl.DataFrame
    jg1: dict[str, Any] = field(default_factory=dict)
    agreement: Any = None  # queries.judgement.AuditAgreement, None without audits
    seed: int = 0
    generated_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))

    @property
    def synthetic(self) -> bool:
        return bool(self.meta.get("synthetic"))

    @property
    def suppressing(self) -> bool:
        return bool(self.policy.values.get("suppress_small_numbers"))

    @property
    def source(self) -> str:
        return str(self.meta.get("source") or "unknown source")


def _staff_names(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    frame = explorer.staff_names(con)
    return dict(zip(frame["staff_id"], frame["name"], strict=True))


def _headline(con: duckdb.DuckDBPyConnection, window: Window, policy: Policy) -> pl.DataFrame:
    table = indicators.indicator_table(con, window, policy)
    cat = indicators.catalogue()
    rows = []
    for row in table.iter_rows(named=True):
        ind = cat[row["indicator"]]
        target = policy.target(ind.id)
        rows.append(
            {
                "indicator": ind.id,
                "family": ind.family,
                "title": ind.title,
                "question": ind.question,
                "direction": "lower is better" if ind.direction == "lower" else "higher is better",
                "numerator": row["numerator"],
                "denominator": row["denominator"],
                "value": row["value"],
                "percent": percent(row["value"]),
                "rag": rag(row["value"], ind.id, ind.direction, policy) if row["available"] else "not loaded",
                "target_green": target["green"],
                "target_amber": target["amber"],
                "available": row["available"],
                "requires": ", ".join(ind.requires),
                "as_of_date": window.as_of,
                "period_from": window.start,
                "policy_values": policy_text(ind.policy_settings(policy)),
            }
        )
    return pl.DataFrame(rows, infer_schema_length=None)


def _breakdowns(
    con: duckdb.DuckDBPyConnection,
    ind: Indicator,
    window: Window,
    policy: Policy,
    names: dict[str, str],
) -> pl.DataFrame:
    """One row per breakdown and group for one indicator, from one run of its items.

    Groups as queries.indicators.summary(by=...) forms them (null is "unknown"); reading the
    items once instead of once per breakdown keeps the pack quick on a large extract.
    """
    found = indicators.items(con, ind, [window], policy)
    small = policy.values["small_group_cases"]
    frames = []
    for by in PACK_BREAKDOWNS:
        grouped = (
            found.group_by(pl.col(by).cast(pl.String).fill_null("unknown").alias("group"))
            .agg(
                pl.col("in_numerator").sum().cast(pl.Int64).alias("numerator"),
                pl.len().cast(pl.Int64).alias("denominator"),
            )
            .sort("group")
        )
        frames.append(grouped.with_columns(pl.lit(by).alias("breakdown")))
    out = pl.concat(frames) if frames else pl.DataFrame()
    return out.select(
        pl.lit(ind.id).alias("indicator"),
        pl.lit(ind.title).alias("title"),
        "breakdown",
        "group",
        pl.when(pl.col("breakdown").is_in(["case_manager", "line_manager"]))
        .then(pl.col("group").replace_strict(names, default=None, return_dtype=pl.String))
        .alias("staff_name"),
        "numerator",
        "denominator",
        pl.when(pl.col("denominator") > 0).then(pl.col("numerator") / pl.col("denominator")).alias("value"),
        pl.when(pl.col("denominator") > 0)
        .then((pl.col("numerator") / pl.col("denominator") * 100).round(1).cast(pl.String) + "%")
        .alias("percent"),
        (pl.col("denominator") < small).alias("small_group"),
        pl.lit(window.as_of).alias("as_of_date"),
        pl.lit(window.start).alias("period_from"),
        pl.lit(policy_text(ind.policy_settings(policy))).alias("policy_values"),
    )


def _trend(con: duckdb.DuckDBPyConnection, ind: Indicator, as_of: dt.date, policy: Policy) -> pl.DataFrame:
    frame = indicators.summary(con, ind, indicators.month_ends(as_of, TREND_MONTHS), policy)
    return frame.select(
        pl.lit(ind.id).alias("indicator"),
        pl.col("as_of_date"),
        pl.col("from_date").alias("period_from"),
        pl.col("numerator").cast(pl.Int64),
        pl.col("denominator").cast(pl.Int64),
        pl.col("value"),
        pl.lit(policy_text(ind.policy_settings(policy))).alias("policy_values"),
    )


def _definitions(policy: Policy) -> pl.DataFrame:
    rows = [
        {
            "indicator": ind.id,
            "family": FAMILY_TITLES.get(ind.family, ind.family),
            "title": ind.title,
            "question": ind.question,
            "definition": ind.definition,
            "population": ind.population,
            "met": ind.met,
            "threshold": ind.threshold,
            "source": ind.source,
            "direction": ind.direction,
            "requires": ", ".join(ind.requires),
            "policy_values": policy_text(ind.policy_settings(policy)),
        }
        for ind in indicators.catalogue().values()
    ]
    return pl.DataFrame(rows)


def _policy_table(policy: Policy) -> pl.DataFrame:
    rows = [
        {
            "setting": s.name,
            "value": json.dumps(s.value) if isinstance(s.value, list) else str(s.value),
            "default": json.dumps(s.default) if isinstance(s.default, list) else str(s.default),
            "changed": s.value != s.default,
            "unit": s.unit,
            "description": s.description,
            "source": s.source,
        }
        for s in policy.settings.values()
    ]
    return pl.DataFrame(rows)


def case_judgements(con: duckdb.DuckDBPyConnection, window: Window, policy: Policy) -> pl.DataFrame:
    """The JG1 case table (queries.judgement.case_table)."""
    return case_table(con, window, policy)


def jg1_figures(headline: pl.DataFrame, cases: pl.DataFrame, policy: Policy) -> dict[str, Any]:
    """JG1's share with its counts and band, and the case counts by judgement."""
    row = headline.filter(pl.col("indicator") == "JG1")
    numerator = denominator = value = None
    available = bool(row.height and row["available"][0])
    if available:
        numerator, denominator, value = row["numerator"][0], row["denominator"][0], row["value"][0]
    counts = (
        {j: n for j, n in cases.group_by("judgement").len().iter_rows()}
        if cases.height and "judgement" in cases.columns
        else {}
    )
    # JG1 not loaded: no case is judged, so the counts are blank, not 0
    default = 0 if available else None
    return {
        "numerator": numerator,
        "denominator": denominator,
        "value": value,
        "band": band(value, policy) if value is not None else None,
        "sufficient": counts.get("sufficient", default),
        "insufficient": counts.get("insufficient", default),
        "not_yet": counts.get("not_yet", default),
        "bands": {
            "outstanding": policy.values["band_outstanding"],
            "good": policy.values["band_good"],
            "requires_improvement": policy.values["band_requires_improvement"],
        },
    }


def build_pack(
    con: duckdb.DuckDBPyConnection,
    as_of: dt.date | None = None,
    policy: Policy | None = None,
    seed: int = 0,
    start: dt.date | None = None,
) -> PackData:
    """Every figure of the pack for D = ``as_of`` (default: the data's own D) and the period from
    ``start`` (default: the 90 days ending on D). The whole caseload: no filters."""
    policy = policy or load_policy()
    as_of = as_of or indicators.default_as_of(con)
    window = indicators.period(as_of, start)
    present = indicators.tables_present(con)
    cat = indicators.catalogue()
    names = _staff_names(con)
    headline = _headline(con, window, policy)

    breakdowns: dict[str, list[pl.DataFrame]] = {family: [] for family in FAMILIES}
    trends: list[pl.DataFrame] = []
    for ind in cat.values():
        if not indicators.is_available(ind, present):
            continue
        breakdowns[ind.family].append(_breakdowns(con, ind, window, policy, names))
        trends.append(_trend(con, ind, as_of, policy))

    cases = case_judgements(con, window, policy)
    if not indicators.is_available(cat["JG1"], present):
        # JG1 needs a table not loaded (assessments): a case judged on the checks that could run
        # would pass for a judgement, so no case is judged
        cases = cases.clear()
    population = sample.evidence(con, window, policy)
    audit = sample.audit_list(
        con, window, policy, seed=seed, judgements=cases, tables_present=present, population=population
    )
    strata = sample.strata_table(population, policy.values["sample_fraction"], policy.values["sample_minimum"])
    agreement = audit_agreement(con, window, policy)
    return PackData(
        window=window,
        policy=policy,
        meta=explorer.load_meta(con),
        tables_present=present,
        headline=headline,
        breakdowns={f: pl.concat(frames) for f, frames in breakdowns.items() if frames},
        trends=pl.concat(trends) if trends else pl.DataFrame(),
        cases=cases,
        reasons=reasons_by_question(cases),
        audit=audit,
        audit_population=population.height,
        strata=strata,
        definitions=_definitions(policy),
        policy_table=_policy_table(policy),
        jg1=jg1_figures(headline, cases, policy),
        agreement=agreement,
        seed=seed,
    )


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
        ("Tables loaded", ", ".join(data.tables_present)),
        ("Policy in force", data.policy.label),
        ("Small-number suppression", "on" if data.suppressing else "off"),
        ("Generated", f"{data.generated_at:%Y-%m-%d %H:%M}"),
        ("Case judgement band", BAND_NOTE),
    ]
    return pl.DataFrame(rows, schema={"item": pl.String, "value": pl.String}, orient="row")


def _suppress_rates(frame: pl.DataFrame, policy: Policy) -> pl.DataFrame:
    rates = [c for c in ("value", "percent") if c in frame.columns]
    return export.suppress(frame, policy, ["numerator", "denominator"], rates)


CASE_LEVEL_NOTE = (
    "Left out: small-number suppression is on, which marks this pack for sharing outside the "
    "service, and a list of cases would identify children's cases. The Inspection readiness page "
    "downloads the list for internal use."
)


def workbook_sheets(data: PackData) -> dict[str, pl.DataFrame]:
    """The workbook's sheets in order, suppression applied when the policy asks."""
    policy = data.policy
    sheets: dict[str, pl.DataFrame] = {"About": about_table(data)}
    sheets["Summary"] = _suppress_rates(data.headline, policy)
    for family, frame in data.breakdowns.items():
        sheets[SHEET_NAMES.get(family, family)] = _suppress_rates(frame, policy)
    sheets["Trends"] = _suppress_rates(
        data.trends.with_columns(pl.col("value").map_elements(percent, return_dtype=pl.String).alias("percent")),
        policy,
    )
    # figures without an indicator row of their own still say for which D and under which policy
    stamp = [
        pl.lit(data.window.as_of).alias("as_of_date"),
        pl.lit(data.window.start).alias("period_from"),
        pl.lit(policy.label).alias("policy"),
    ]
    jg1_values = policy_text(indicators.catalogue()["JG1"].policy_settings(policy))
    counts = reason_counts(data.reasons).with_columns(*stamp, pl.lit(jg1_values).alias("policy_values"))
    sheets["Insufficient reasons"] = export.suppress(counts, policy, ["cases", "critical_cases"])
    if data.suppressing:
        note = pl.DataFrame({"note": [CASE_LEVEL_NOTE]})
        sheets["Case judgements"] = note
        sheets["Audit sample"] = note
    else:
        sheets["Case judgements"] = _flatten(data.cases)
        sheets["Audit sample"] = _flatten(data.audit)
    if data.strata.height:
        strata = data.strata.with_columns(
            *stamp,
            pl.lit(f"sample_fraction={policy.values['sample_fraction']}; "
                   f"sample_minimum={policy.values['sample_minimum']}; seed={data.seed}").alias("policy_values"),
        )  # fmt: skip
        sheets["Sample strata"] = export.suppress(strata, policy, ["cases", "sampled"])
    if data.agreement is not None and not data.suppressing:
        sheets["Audit agreement"] = _flatten(data.agreement.cases)
    sheets["Definitions"] = data.definitions
    sheets["Policy"] = data.policy_table
    return sheets


def _flatten(frame: pl.DataFrame) -> pl.DataFrame:
    """List columns joined with "; " so they fit in a cell."""
    return frame.with_columns(
        pl.col(name).list.eval(pl.element().cast(pl.String)).list.join("; ")
        for name, dtype in frame.schema.items()
        if isinstance(dtype, pl.List)
    )


def workbook_bytes(data: PackData) -> bytes:
    return export.to_excel_bytes(workbook_sheets(data))


def file_stem(data: PackData) -> str:
    return f"oversight-pack-{data.window.as_of:%Y-%m-%d}"


def write_pack(db: Path | str | None = None, as_of: dt.date | None = None, out: Path | str = ".") -> list[Path]:
    """Write the workbook and the PDF for D = ``as_of`` into ``out``; return their paths."""
    from oversight.db import Database, db_path
    from oversight.pdf import pdf_bytes

    path = Path(db) if db is not None else db_path()
    if not path.exists():
        raise FileNotFoundError(f"no database at {path}: load an extract first (python -m oversight load)")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    database = Database(path)
    try:
        data = build_pack(database.connection(), as_of)
    finally:
        database.close()
    xlsx = out / f"{file_stem(data)}.xlsx"
    pdf = out / f"{file_stem(data)}.pdf"
    try:
        contents = ((xlsx, workbook_bytes(data)), (pdf, pdf_bytes(data)))
    finally:
        _stop_charts()
    # write beside and rename, so a scheduled job never leaves a half-written file under the real name
    for target, content in contents:
        partial = target.with_suffix(target.suffix + ".partial")
        partial.write_bytes(content)
        partial.replace(target)
    return [xlsx, pdf]


def _stop_charts() -> None:
    """A one-off run (the command line) closes the chart renderer's browser before it exits."""
    import kaleido

    kaleido.stop_sync_server(silence_warnings=True)
