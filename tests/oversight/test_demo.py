"""The embedded demo: the bundled extract is the generator's, and it loads into a usable database."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import polars as pl
import pytest

from oversight.db import Database
from oversight.demo import DEMO_DIR, DEMO_SCALE, DEMO_SEED, ensure_demo_database
from oversight.policy import load_policy
from oversight.schema import TABLES
from oversight.synth import LAST_DAY, generate
from queries import indicators


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "oversight.duckdb"
    calls: list[tuple[str, float]] = []
    built = ensure_demo_database(db, lambda message, fraction: calls.append((message, fraction)))
    database = Database(db)
    yield db, database, built, calls
    database.close()


def test_bundled_demo_is_exactly_what_the_generator_writes(tmp_path):
    # data/demo is committed; this fails when the generator changes and nobody regenerated it
    generate(DEMO_SCALE, DEMO_SEED, out=tmp_path)
    for name in TABLES:
        bundled = (DEMO_DIR / f"{name}.csv").read_bytes()
        fresh = (tmp_path / f"{name}.csv").read_bytes()
        assert hashlib.sha256(bundled).digest() == hashlib.sha256(fresh).digest(), name
    size = sum((DEMO_DIR / f"{name}.csv").stat().st_size for name in TABLES)
    assert size < 8_000_000  # small enough to ship in the repository


def test_first_run_builds_a_database_the_app_can_query(demo_db):
    db, database, built, calls = demo_db
    assert built is True
    cur = database.connection().cursor()
    cases = cur.sql("select count(*) from cases").fetchall()[0][0]
    expected = pl.read_csv(DEMO_DIR / "cases.csv", infer_schema=False).height
    assert cases == expected
    meta = dict(cur.sql("select key, value from load_meta").fetchall())
    assert meta["synthetic"] == "true"
    # progress runs from 0 to 1 and never backwards
    fractions = [f for _, f in calls]
    assert fractions and fractions[-1] == 1.0
    assert all(0.0 <= f <= 1.0 for f in fractions)
    assert fractions == sorted(fractions)


def test_second_run_leaves_the_database_alone(demo_db):
    db, _, _, _ = demo_db
    before = db.stat().st_mtime_ns, db.stat().st_ino
    assert ensure_demo_database(db) is False
    assert (db.stat().st_mtime_ns, db.stat().st_ino) == before


def test_a_missing_bundle_is_generated_then_loaded(tmp_path):
    db = tmp_path / "db" / "oversight.duckdb"
    messages: list[str] = []
    assert ensure_demo_database(db, lambda m, f: messages.append(m), source=tmp_path / "nothing-here") is True
    assert messages[0].startswith("generating")
    database = Database(db)
    try:
        count = database.connection().cursor().sql("select count(*) from case_notes").fetchall()[0][0]
    finally:
        database.close()
    expected = pl.read_csv(DEMO_DIR / "case_notes.csv", infer_schema=False).height
    assert count == expected


def test_the_demo_has_something_true_to_find(demo_db):
    """Per-manager figures differ for a reason: the generator's manager styles."""
    _, database, _, _ = demo_db
    con = database.connection()
    policy = load_policy(Path("/nonexistent/policy.toml"))
    assert indicators.default_as_of(con) == LAST_DAY
    window = indicators.period(LAST_DAY)
    table = indicators.indicator_table(con, window, policy, by="line_manager")
    overall = {r["indicator"]: r for r in table.filter(pl.col("group").is_null() | (pl.col("group") == "")).to_dicts()}
    # every indicator has data in the demo (none "not loaded", none with an empty denominator)
    for ind, row in overall.items():
        assert row["denominator"], ind
    groups = table.filter(pl.col("group").is_not_null() & (pl.col("group") != "") & (pl.col("group") != "unknown"))
    for ind in ("FP1", "FP2", "QL1", "DR2", "JG1"):
        values = groups.filter(pl.col("indicator") == ind, pl.col("denominator") >= 5)["value"]
        # the best and worst line managers are far apart: a QA meeting has something to discuss
        assert values.max() - values.min() >= 0.3, ind
    # the service is neither perfect nor hopeless
    assert 0.6 <= overall["FP1"]["value"] <= 0.95
    assert 0.25 <= overall["JG1"]["value"] <= 0.75
    # 24-month trends have history: cases were open two years before the last day
    two_years = LAST_DAY - dt.timedelta(days=730)
    open_then = (
        con.cursor()
        .execute("select count(*) from cases where start_date <= $d and coalesce(end_date, $d) >= $d", {"d": two_years})
        .fetchall()[0][0]
    )
    assert open_then >= 100


def test_new_tables_load_and_the_first_load_lists_no_management_heading_as_contact(demo_db):
    _, database, _, _ = demo_db
    cur = database.connection().cursor()
    for table in ("absences", "victims"):
        assert cur.sql(f"select count(*) from {table}").fetchall()[0][0] > 0, table
    assert cur.sql("select count(*) from panels where chair_id is not null").fetchall()[0][0] > 0
    contact_by_managers = cur.sql(
        "select count(*) from case_notes join staff on staff.staff_id = case_notes.author_id "
        "where case_notes.category = 'contact' and staff.role not in ('case_manager', 'specialist')"
    ).fetchall()[0][0]
    assert contact_by_managers == 0


def test_auditors_agree_with_the_case_judgement_as_a_calibrated_service_would(demo_db):
    """Each audit of the last year against JG1 for its case as of the audit's own date."""
    _, database, _, _ = demo_db
    con = database.connection()
    policy = load_policy(Path("/nonexistent/policy.toml"))
    audits = (
        con.cursor()
        .sql(
            "select case_id, audit_date, oversight_judgement = 'sufficient' as auditor from audits "
            "where oversight_judgement is not null and audit_date > $d - 365 and audit_date <= $d",
            params={"d": LAST_DAY},
        )
        .pl()
    )
    windows = [indicators.period(d) for d in sorted(set(audits["audit_date"]))]
    judged = indicators.items(con, indicators.catalogue()["JG1"], windows, policy).select(
        pl.col("as_of_date").alias("audit_date"), "case_id", jg1="in_numerator"
    )
    both = audits.join(judged, on=["audit_date", "case_id"])  # not_yet cases have no JG1 row
    assert both.height >= 40
    agree = (both["auditor"] == both["jg1"]).mean()
    p_auditor, p_jg1 = both["auditor"].mean(), both["jg1"].mean()
    chance = p_auditor * p_jg1 + (1 - p_auditor) * (1 - p_jg1)
    kappa = (agree - chance) / (1 - chance)
    # agreement well beyond chance, yet not perfect: auditors are people
    assert 0.35 <= kappa <= 0.85
    assert agree < 0.97


def test_two_first_visitors_at_once_build_it_once(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    db = tmp_path / "oversight.duckdb"
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = sorted(pool.map(lambda _: ensure_demo_database(db), range(2)))
    assert results == [False, True]
    database = Database(db)
    try:
        assert database.connection().cursor().sql("select count(*) from staff").fetchall()[0][0] > 0
    finally:
        database.close()
