"""The self-assessment pack's figures for one as-of date: every figure gathered once.

``build_pack`` computes the headline indicators with RAG, breakdowns by team, manager and risk
rating, month-by-month trends, the case judgements (run once, queries.judgement.judgements) and
the audit sample into a :class:`PackData`; ``oversight.pack.workbook`` and
``oversight.pack.pdf`` lay the same figures out, so the workbook, the PDF and the Inspection
readiness page cannot disagree.

Honesty rules (docs/indicators.md, Conventions): every rate travels with its numerator and denominator, the
as-of date, the period and the policy values its query bound; a denominator of 0 gives no value
(oversight.figures); figures that leave the service are escaped and suppressed on the way out.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import duckdb
import polars as pl

from oversight import figures, sample
from oversight.families import FAMILIES
from oversight.policy import Policy, load_policy
from oversight.sources import cite
from queries import explorer, indicators
from queries.indicators import NO_FILTERS, Filters, Indicator, Window
from queries.judgement import (
    AuditAgreement,
    Judgements,
    audit_agreement,
    band,
    judgements,
    reason_code,
    split_reasons,
)
from queries.judgement import checks as judgement_checks

# "Breakdowns by team, manager and risk rating": the manager both as case manager
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


def reasons_by_question(cases: pl.DataFrame) -> pl.DataFrame:
    """One row per failed check of each case judged insufficient, with the question it answers.

    Read from the case table's check columns (``fail`` or ``critical``, queries/judgement/checks.py);
    ``detail`` is the reason as the case table words it. Columns: question, question_text,
    reason_code, critical, reason_text, case_id, team, case_manager_id, risk_group, detail.
    """
    rows: list[dict[str, Any]] = []
    if cases.height and "judgement" in cases.columns:
        for case in cases.filter(pl.col("judgement") == "insufficient").iter_rows(named=True):
            details = {reason_code(r)[0]: r for r in split_reasons(case.get("reasons"))}
            for check in judgement_checks.CHECKS:
                code = check.reason_code
                status = case.get(check.column)
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


NO_RAG = "none"  # a cell with no value has no RAG
NOT_LOADED = "not loaded"


def rag(value: float | None, indicator_id: str, direction: str, policy: Policy) -> str:
    """green / amber / red against the policy's targets (oversight.figures); "none" without a value."""
    return figures.indicator_rag(value, indicator_id, direction, policy) or NO_RAG


def policy_text(values: dict[str, object]) -> str:
    return "; ".join(f"{k}={v}" for k, v in values.items())


percent = figures.percent


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
    agreement: AuditAgreement | None = None  # None without audits or when no case was judged
    # indicators switched off by local policy (queries.indicators.status): left out of every
    # figure, breakdown, trend and definition, and named where the pack says so
    switched_off: tuple[str, ...] = ()
    seed: int = 0
    staff: dict[str, str] = field(default_factory=dict)  # staff_id -> "name (id)"
    generated_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))

    @property
    def synthetic(self) -> bool:
        return bool(self.meta.get("synthetic"))

    @property
    def suppressing(self) -> bool:
        return figures.suppressing(self.policy)

    @property
    def source(self) -> str:
        return str(self.meta.get("source") or "unknown source")


def _headline(
    con: duckdb.DuckDBPyConnection, window: Window, policy: Policy, judged: Judgements, filters: Filters
) -> pl.DataFrame:
    # JG1's figure counts the judgements already made for D rather than judging again
    table = indicators.indicator_table(con, window, policy, rows={"JG1": judged.rows}, filters=filters)
    cat = indicators.in_force(policy)
    rows = []
    for row in table.iter_rows(named=True):
        if row["status"] == indicators.SWITCHED_OFF:
            continue  # left out; the pack names it once (switched_off_text)
        ind = cat[row["indicator"]]
        available = row["status"] == indicators.OK
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
                "rag": rag(row["value"], ind.id, ind.direction, policy) if available else NOT_LOADED,
                "target_green": target["green"],
                "target_amber": target["amber"],
                "available": available,
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
    rows: pl.DataFrame | None = None,
    filters: Filters = NO_FILTERS,
) -> pl.DataFrame:
    """One row per breakdown and group for one indicator (queries.indicators.breakdowns)."""
    found = indicators.breakdowns(con, ind, window, policy, PACK_BREAKDOWNS, rows=rows, filters=filters)
    return found.select(
        pl.lit(ind.id).alias("indicator"),
        pl.lit(ind.title).alias("title"),
        "breakdown",
        "group",
        pl.when(pl.col("breakdown").is_in(["case_manager", "line_manager"]))
        .then(pl.col("group").replace_strict(names, default=None, return_dtype=pl.String))
        .alias("staff_name"),
        "numerator",
        "denominator",
        "value",
        figures.percent_expr("value").alias("percent"),
        figures.small_group_expr(policy).alias("small_group"),
        pl.lit(window.as_of).alias("as_of_date"),
        pl.lit(window.start).alias("period_from"),
        pl.lit(policy_text(ind.policy_settings(policy))).alias("policy_values"),
    )


def _trend(
    con: duckdb.DuckDBPyConnection, ind: Indicator, as_of: dt.date, policy: Policy, filters: Filters = NO_FILTERS
) -> pl.DataFrame:
    frame = indicators.summary(con, ind, indicators.month_ends(as_of, TREND_MONTHS), policy, filters=filters)
    return frame.select(
        pl.lit(ind.id).alias("indicator"),
        pl.col("as_of_date"),
        pl.col("from_date").alias("period_from"),
        pl.col("numerator").cast(pl.Int64),
        pl.col("denominator").cast(pl.Int64),
        pl.col("value"),
        pl.lit(policy_text(ind.policy_settings(policy))).alias("policy_values"),
    )


def _definitions(policy: Policy, present: list[str]) -> pl.DataFrame:
    rows = [
        {
            "indicator": ind.id,
            "family": FAMILIES[ind.family].heading if ind.family in FAMILIES else ind.family,
            "title": ind.title,
            "question": ind.question,
            "definition": ind.definition,
            "population": ind.population,
            "met": ind.met,
            "threshold": ind.threshold,
            "source": cite(ind.source),
            "direction": ind.direction,
            "requires": ", ".join(ind.requires),
            "policy_values": policy_text(ind.policy_settings(policy)),
        }
        for ind in indicators.in_force(policy).values()
        if indicators.status(ind, present, policy) != indicators.SWITCHED_OFF
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
            "source": cite(s.source),
        }
        for s in policy.settings.values()
    ]
    return pl.DataFrame(rows)


def jg1_figures(headline: pl.DataFrame, judged: Judgements, policy: Policy) -> dict[str, Any]:
    """JG1's share with its counts and band, and the case counts by judgement (blank, not 0,
    when no case could be judged)."""
    row = headline.filter(pl.col("indicator") == "JG1")
    numerator = denominator = value = None
    if judged.available and row.height and row["available"][0]:
        numerator, denominator, value = row["numerator"][0], row["denominator"][0], row["value"][0]
    counts = judged.counts()
    return {
        "available": judged.available,
        "switched_off": judged.switched_off,
        "numerator": numerator,
        "denominator": denominator,
        "value": value,
        "band": band(value, policy),
        "sufficient": counts["sufficient"],
        "insufficient": counts["insufficient"],
        "not_yet": counts["not_yet"],
        "bands": {
            "outstanding": policy.values["band_outstanding"],
            "good": policy.values["band_good"],
            "requires_improvement": policy.values["band_requires_improvement"],
        },
    }


# The steps of preparing a pack, in order, as a person waiting for it reads them; build_pack
# reports the first four, oversight.pack.prepare_pack the last two.
STEPS = (
    "Judging every case",
    "Headline figures",
    "Breakdowns and trends",
    "Audit sample",
    "Workbook",
    "PDF report",
)
Progress = Callable[[str, str, float], None]  # step (one of STEPS), what within it, share of the pack done


def no_progress(step: str, detail: str, done: float) -> None:
    pass


def build_pack(
    con: duckdb.DuckDBPyConnection,
    as_of: dt.date | None = None,
    policy: Policy | None = None,
    seed: int = 0,
    start: dt.date | None = None,
    filters: Filters = NO_FILTERS,
    progress: Progress = no_progress,
) -> PackData:
    """Every figure of the pack for D = ``as_of`` (default: the data's own D) and the period from
    ``start`` (default: the 90 days ending on D). The whole caseload by default (the command line);
    the page passes the person's scope (``filters.allowed_staff``). ``progress`` is told as each
    step of :data:`STEPS` starts."""
    policy = policy or load_policy()
    as_of = as_of or indicators.default_as_of(con)
    window = indicators.period(as_of, start)
    present = indicators.tables_present(con)
    cat = indicators.in_force(policy)
    names = explorer.staff_labels(con)  # "name (id)", as the dashboard shows staff
    # JG1 once for D: its figure, its breakdowns, the case list and the agreement all read it
    progress(STEPS[0], "", 0.0)
    judged = judgements(con, window, policy, filters)
    progress(STEPS[1], "", 0.15)
    headline = _headline(con, window, policy, judged, filters)

    breakdowns: dict[str, list[pl.DataFrame]] = {family: [] for family in FAMILIES}
    trends: list[pl.DataFrame] = []
    for k, ind in enumerate(cat.values()):
        if indicators.status(ind, present, policy) != indicators.OK:
            continue
        progress(STEPS[2], f"{ind.id} {ind.title}", 0.25 + 0.5 * k / len(cat))
        rows = judged.rows if ind.id == "JG1" else None
        breakdowns.setdefault(ind.family, []).append(_breakdowns(con, ind, window, policy, names, rows, filters))
        trends.append(_trend(con, ind, as_of, policy, filters))

    progress(STEPS[3], "", 0.75)
    cases = judged.cases
    population = sample.evidence(con, window, policy, filters.allowed_staff)
    audit = sample.audit_list(
        con, window, policy, seed=seed, judgements=cases, tables_present=present, population=population
    )
    strata = sample.strata_table(population, policy.values["sample_fraction"], policy.values["sample_minimum"])
    agreement = audit_agreement(con, window, policy, judged, filters)
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
        definitions=_definitions(policy, present),
        policy_table=_policy_table(policy),
        jg1=jg1_figures(headline, judged, policy),
        agreement=agreement,
        seed=seed,
        switched_off=tuple(i for i in cat if indicators.status(cat[i], present, policy) == indicators.SWITCHED_OFF),
        staff=names,
    )


def switched_off_text(data: PackData) -> str | None:
    """How the pack says which indicators local policy switched off (None when none is)."""
    if not data.switched_off:
        return None
    cat = indicators.in_force(data.policy)
    names = ", ".join(f"{i} ({cat[i].title})" for i in data.switched_off)
    return f"Switched off by local policy (switched_off_indicators): {names}. Not computed, so left out of this pack."


def file_stem(data: PackData) -> str:
    return f"oversight-pack-{data.window.as_of:%Y-%m-%d}"
