"""The audit sample: a case sample drawn as an inspection would draw one.

The population is every case open on D or closed in the period (as the ``cases`` command).
Its size is ``sample_fraction`` of them (rounded up), at least ``sample_minimum``, never more
than there are cases: the sample the YJB's 2019 guidance on self-assessing the national
standards asked for (a local default in oversight/policy.toml).

It is stratified by disposal and risk group. Each stratum gets at least its proportional share
of the sample: rounded up for raised-risk strata (the inspectorate's focus, 002), rounded down
for the others, whose leftover places go by largest remainder. Rounding raised-risk strata up
can make the sample a case or two larger than the target; that is deliberate (every
raised-risk stratum keeps its full share) and the result says so.

The draw is reproducible: the same population and seed give the same cases, whatever order
the rows arrive in, because each stratum is drawn from its sorted case ids by a generator
seeded from the seed and the stratum's name.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass
from fractions import Fraction

import duckdb
import polars as pl

from oversight.policy import Policy
from queries.indicators import Window
from queries.runner import QUERIES_DIR, run

EVIDENCE_SQL = QUERIES_DIR / "inspection" / "audit_evidence.sql"
RAISED = "raised"
STRATUM_COLUMNS = ("disposal", "risk_group")


@dataclass(frozen=True)
class Allocation:
    """How many cases each stratum holds and how many of them the sample takes."""

    target: int  # the size asked for: max(fraction, minimum), capped at the population
    strata: dict[tuple[str, str], tuple[int, int]]  # (disposal, risk_group) -> (cases, drawn)

    @property
    def size(self) -> int:
        return sum(drawn for _, drawn in self.strata.values())


def target_size(population: int, fraction: float, minimum: int) -> int:
    """``fraction`` of the population rounded up, at least ``minimum``, at most the population."""
    if population < 0 or fraction < 0 or minimum < 0:
        raise ValueError("population, fraction and minimum must not be negative")
    # Fraction(str) avoids 0.2 * 100 = 20.000000000000004 rounding up to 21
    share = math.ceil(Fraction(str(fraction)) * population)
    return min(population, max(share, minimum))


def allocate(strata_sizes: dict[tuple[str, str], int], fraction: float, minimum: int) -> Allocation:
    """Share the sample between strata (keys are (disposal, risk_group)).

    Each stratum's exact share is ``target * cases / population``. Raised-risk strata take
    theirs rounded up, the others rounded down; places still left go to the strata with the
    largest remainders (ties: the larger stratum, then by name), never beyond a stratum's size.
    """
    population = sum(strata_sizes.values())
    target = target_size(population, fraction, minimum)
    if population == 0:
        return Allocation(target, {})
    exact = {key: Fraction(target * size, population) for key, size in strata_sizes.items()}
    drawn = {key: math.ceil(share) if key[1] == RAISED else math.floor(share) for key, share in exact.items()}
    left = target - sum(drawn.values())
    if left > 0:
        order = sorted(
            (key for key in strata_sizes if drawn[key] < strata_sizes[key]),
            key=lambda key: (-(exact[key] - drawn[key]), -strata_sizes[key], key),
        )
        for key in order[:left]:
            drawn[key] += 1
    return Allocation(target, {key: (strata_sizes[key], drawn[key]) for key in sorted(strata_sizes)})


def draw_sample(population: pl.DataFrame, fraction: float, minimum: int, seed: int = 0) -> pl.DataFrame:
    """The sampled rows of ``population`` (needs case_id, disposal, risk_group), with their stratum.

    Adds ``stratum`` ("disposal / risk_group"), ``stratum_cases`` and ``stratum_sample``; sorted by
    stratum then case_id. Pure: no database, no clock.
    """
    missing = {"case_id", *STRATUM_COLUMNS} - set(population.columns)
    if missing:
        raise ValueError(f"the sample population lacks columns: {', '.join(sorted(missing))}")
    if population["case_id"].is_duplicated().any():
        raise ValueError("the sample population has duplicate case ids")
    keyed = _stratum_keys(population)
    sizes = {
        (row["disposal"], row["risk_group"]): row["len"]
        for row in keyed.group_by(STRATUM_COLUMNS).len().iter_rows(named=True)
    }
    allocation = allocate(sizes, fraction, minimum)
    chosen: list[str] = []
    for (disposal, risk_group), (_, k) in allocation.strata.items():
        ids = sorted(keyed.filter((pl.col("disposal") == disposal) & (pl.col("risk_group") == risk_group))["case_id"])
        rng = random.Random(f"{seed}|{disposal}|{risk_group}")
        chosen.extend(rng.sample(ids, k))
    counts = pl.DataFrame(
        {
            "disposal": [key[0] for key in allocation.strata],
            "risk_group": [key[1] for key in allocation.strata],
            "stratum_cases": [v[0] for v in allocation.strata.values()],
            "stratum_sample": [v[1] for v in allocation.strata.values()],
        },
        schema={"disposal": pl.String, "risk_group": pl.String, "stratum_cases": pl.Int64, "stratum_sample": pl.Int64},
    )
    return (
        keyed.filter(pl.col("case_id").is_in(chosen))
        .join(counts, on=list(STRATUM_COLUMNS), how="left")
        .with_columns(stratum=pl.col("disposal") + " / " + pl.col("risk_group"))
        .sort("disposal", "risk_group", "case_id")
    )


def _stratum_keys(population: pl.DataFrame) -> pl.DataFrame:
    return population.with_columns(
        pl.col("disposal").fill_null("unknown").cast(pl.String),
        pl.col("risk_group").fill_null("unrated").cast(pl.String),
    )


def strata_table(population: pl.DataFrame, fraction: float, minimum: int) -> pl.DataFrame:
    """Every stratum of the population, with its cases and the places the sample gives it
    (0 for a stratum too small for a whole place)."""
    keyed = _stratum_keys(population)
    sizes = {
        (row["disposal"], row["risk_group"]): row["len"]
        for row in keyed.group_by(STRATUM_COLUMNS).len().iter_rows(named=True)
    }
    allocation = allocate(sizes, fraction, minimum)
    return pl.DataFrame(
        {
            "stratum": [f"{d} / {r}" for d, r in allocation.strata],
            "disposal": [d for d, _ in allocation.strata],
            "risk_group": [r for _, r in allocation.strata],
            "cases": [v[0] for v in allocation.strata.values()],
            "sampled": [v[1] for v in allocation.strata.values()],
        },
        schema={"stratum": pl.String, "disposal": pl.String, "risk_group": pl.String, "cases": pl.Int64,
                "sampled": pl.Int64},
    )  # fmt: skip


def evidence(
    con: duckdb.DuckDBPyConnection, window: Window, policy: Policy, allowed_staff: tuple[str, ...] | None = None
) -> pl.DataFrame:
    """Every case open on D or closed in the period, with the evidence the extract holds; with
    ``allowed_staff`` (a scope, oversight.access) only the cases whose case manager on D is one
    of them."""
    params = {
        **policy.values,
        "as_of_date": window.as_of,
        "from_date": window.start,
        "allowed_staff": None if allowed_staff is None else list(allowed_staff),
    }
    cur = con.cursor()
    try:
        return run(cur, EVIDENCE_SQL.read_text(), params, name="audit_evidence")
    finally:
        cur.close()


# Columns that come from optional tables: shown empty (not 0) when the table was not loaded.
OPTIONAL_EVIDENCE = {
    "assessments": (
        "countersignatures", "latest_countersignature_date", "stages_completed", "latest_stage_date",
        "stages_awaiting_countersignature",
    ),
    "panels": ("panel_meetings",),
    "events": ("trigger_events", "latest_trigger_event_date"),
    "actions": ("actions_due", "actions_overdue_open", "actions_completed_unconfirmed", "latest_action_set_date"),
    "audits": ("latest_audit_date", "auditor_oversight_judgement", "auditor_grade"),
}  # fmt: skip


def audit_list(
    con: duckdb.DuckDBPyConnection,
    window: Window,
    policy: Policy,
    seed: int = 0,
    judgements: pl.DataFrame | None = None,
    tables_present: list[str] | None = None,
    population: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """The audit sample with, for each case, its evidence and (when given) its JG1 judgement.

    ``judgements`` is the case table (queries.judgement.case_table); its judgement, reasons and
    strengths are joined on case_id. ``population`` is :func:`evidence`'s result when the caller
    has it already.
    """
    if population is None:
        population = evidence(con, window, policy)
    if tables_present is not None:
        population = population.with_columns(
            pl.lit(None, dtype=population.schema[col]).alias(col)
            for table, cols in OPTIONAL_EVIDENCE.items()
            if table not in tables_present
            for col in cols
        )
    sample = draw_sample(population, policy.values["sample_fraction"], policy.values["sample_minimum"], seed=seed)
    if judgements is not None and judgements.height:
        wanted = [c for c in ("judgement", "reasons", "strengths") if c in judgements.columns]
        sample = sample.join(judgements.select("case_id", *wanted), on="case_id", how="left")
    # what an auditor reads first: which case, where it sits, how JG1 judged it; then the evidence
    first = [c for c in ("case_id", "child_id", "stratum", "team", "case_manager_id", "status", "judgement",
                         "reasons", "strengths") if c in sample.columns]  # fmt: skip
    last = ["stratum_cases", "stratum_sample"]
    return sample.select(*first, pl.exclude(*first, *last), *last).with_columns(
        pl.lit(window.as_of).alias("as_of_date"), pl.lit(seed).alias("seed")
    )


def describe(policy: Policy, population: int, sample_size: int, seed: int, as_of: dt.date) -> str:
    """One sentence saying how the sample was drawn, for the page and the pack."""
    fraction = policy.values["sample_fraction"]
    minimum = policy.values["sample_minimum"]
    target = target_size(population, fraction, minimum)
    extra = (
        f" ({sample_size - target} more than the target of {target}, because raised-risk strata round up)"
        if sample_size > target
        else ""
    )
    return (
        f"{sample_size} of {population} cases open on {as_of:%Y-%m-%d} or closed in the period{extra}: "
        f"sample_fraction {fraction:.0%}, sample_minimum {minimum}, stratified by disposal and risk group, "
        f"seed {seed}."
    )
