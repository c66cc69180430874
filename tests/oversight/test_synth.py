"""The synthetic extract generator: deterministic, canonical, and shaped like a real service."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import polars as pl
import pytest

import oversight.synth as synth
from oversight.notetypes import categorise
from oversight.policy import load_policy
from oversight.schema import CHILD_IDENTIFYING, MANAGER_ROLES, TABLES
from oversight.synth import LAST_DAY, generate, read_extract
from oversight.synth.service import FIRST_NAMES, SURNAMES


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.csv"))}


@pytest.fixture(scope="module")
def yot(tmp_path_factory) -> tuple[Path, dict[str, pl.DataFrame]]:
    out = tmp_path_factory.mktemp("yot")
    generate("yot", 0, out=out)
    return out, read_extract(out)


def _date(col: str) -> pl.Expr:
    return pl.col(col).str.slice(0, 10).str.to_date("%Y-%m-%d")


def test_same_seed_gives_byte_identical_files_and_another_seed_differs(yot, tmp_path):
    folder, _ = yot
    generate("yot", 0, out=tmp_path / "again")
    generate("yot", 1, out=tmp_path / "other")
    first = _digests(folder)
    assert len(first) == len(TABLES)
    assert _digests(tmp_path / "again") == first
    other = _digests(tmp_path / "other")
    # every table changes with the seed, not just one
    assert all(other[name] != digest for name, digest in first.items())


def test_summary_names_every_table_and_the_time(tmp_path):
    line = generate("yot", 3, out=tmp_path)
    assert "\n" not in line
    for name in TABLES:
        assert f"{name} " in line
    assert re.search(r"in \d+\.\d s$", line)


def test_unknown_scale_is_refused_before_writing(tmp_path):
    with pytest.raises(ValueError, match="scale must be one of yot, large, national"):
        generate("county", 0, out=tmp_path / "x")
    assert not (tmp_path / "x").exists()


def test_every_table_has_exactly_the_canonical_columns_in_order(yot):
    _, frames = yot
    assert set(frames) == set(TABLES)
    for name, table in TABLES.items():
        assert tuple(frames[name].columns) == table.column_names, name
        assert frames[name].height > 0, name


def test_no_column_could_hold_a_childs_name_and_no_text_names_anyone(yot):
    _, frames = yot
    for name, frame in frames.items():
        if name == "staff":
            continue
        for column in frame.columns:
            assert re.sub(r"[^a-z]", "", column.casefold()) not in CHILD_IDENTIFYING, (name, column)
    # Staff display names are invented and live in staff only: no note text carries any of the
    # name words, so no name (staff or child) leaks into free text.
    words = re.compile(r"\b(" + "|".join(FIRST_NAMES + SURNAMES) + r")\b")
    text = frames["case_notes"].get_column("text").drop_nulls()
    assert not any(words.search(t) for t in text.to_list())
    assert text.str.contains(r"\b(young person|YP|the child)\b").any()


def test_ids_are_unique_and_references_resolve(yot):
    _, f = yot
    for name, table in TABLES.items():
        if table.key:
            assert f[name].get_column(table.key[0]).is_unique().all(), name
    cases = set(f["cases"]["case_id"])
    staff = set(f["staff"]["staff_id"])
    assert set(f["cases"]["child_id"]) <= set(f["children"]["child_id"])
    assert set(f["cases"]["case_manager_id"]) <= staff
    for name in ("case_notes", "assessments", "events", "actions", "panels", "audits", "allocations"):
        assert set(f[name]["case_id"]) <= cases, name
    assert set(f["case_notes"]["author_id"]) <= staff
    assert set(f["actions"]["note_id"]) <= set(f["case_notes"]["note_id"])
    assert set(f["staff"]["line_manager_id"].drop_nulls()) <= staff
    assert re.fullmatch(r"C\d{7}", f["children"]["child_id"][0])


def test_open_cases_and_caseloads_look_like_one_service(yot):
    _, f = yot
    last = pl.lit(LAST_DAY)
    cases = f["cases"].with_columns(start=_date("start_date"), end=_date("end_date"))
    open_ = cases.filter((pl.col("start") <= last) & (pl.col("end").is_null() | (pl.col("end") >= last)))
    # the brief: 150-250 open cases on the last day for a youth offending team
    assert 150 <= open_.height <= 250
    roles = f["staff"].select(pl.col("staff_id").alias("case_manager_id"), "role")
    held = open_.join(roles, on="case_manager_id").filter(pl.col("role") == "case_manager")
    per_worker = held.group_by("case_manager_id").len()["len"]
    assert 8 <= per_worker.mean() <= 18
    # history: cases started across ~2.5 years, some still open from the first months
    assert cases["start"].min() <= dt.date(2024, 6, 1)
    assert cases.filter(pl.col("start") < dt.date(2025, 6, 1), pl.col("end").is_null()).height > 0


def test_disposals_in_realistic_proportions(yot):
    _, f = yot
    share = f["cases"]["disposal"].value_counts(normalize=True)
    share = dict(zip(share["disposal"], share["proportion"], strict=True))
    ooc = sum(share.get(d, 0) for d in ("youth_caution", "youth_conditional_caution", "community_resolution"))
    # referral orders and out-of-court disposals are the bulk; custody is rare
    assert share["referral_order"] == max(share.values())
    assert ooc >= 0.2
    assert share["dto"] < 0.05
    assert share["yro"] > share["dto"]
    for disposal in ("bail_supervision", "remand", "turnaround", "prevention"):
        assert share.get(disposal, 0) > 0, disposal


def test_assetplus_only_where_policy_applies_and_ratings_mostly_low(yot):
    _, f = yot
    applies = set(load_policy(Path("/nonexistent.toml")).values["assetplus_disposals"])
    staged = f["assessments"].join(f["cases"].select("case_id", "disposal"), on="case_id")
    assert set(staged["disposal"]) <= applies
    assert {"initial", "review", "end", "psr"} <= set(staged["stage"])
    rated = staged.filter(pl.col("completed_date").is_not_null())
    order = {"low": 0, "medium": 1, "high": 2, "very_high": 3}
    top = rated.select(pl.max_horizontal(pl.col("rosh").replace_strict(order), pl.col("swb").replace_strict(order)))
    top = top.to_series()
    # raised risk a minority: medium ~25-35 %, high or very high ~5-15 % of rated stages
    assert 0.2 <= (top == 1).mean() <= 0.4
    assert 0.04 <= (top >= 2).mean() <= 0.16
    # countersigned mostly, within days: some late, some missing
    signed = rated.filter(pl.col("countersigned_date").is_not_null())
    assert 0.8 <= signed.height / rated.height < 1.0
    days = signed.select((_date("countersigned_date") - _date("completed_date")).dt.total_days()).to_series()
    assert days.median() <= 7
    assert (days > 14).sum() > 0


def test_nothing_is_dated_after_the_last_day_except_due_dates(yot):
    _, f = yot
    dated = {
        "cases": ["start_date", "allocated_date", "end_date"],
        "case_notes": ["event_date", "recorded_at"],
        "assessments": ["started_date", "completed_date", "countersigned_date"],
        "events": ["occurred_at", "notified_at"],
        "actions": ["set_date", "completed_date", "confirmed_date"],
        "supervisions": ["session_date"],
        "panels": ["meeting_date", "recorded_date"],
        "audits": ["audit_date"],
        "allocations": ["from_date", "to_date"],
        "staff": ["start_date", "end_date"],
    }
    for name, columns in dated.items():
        for column in columns:
            latest = f[name].select(_date(column).max()).item()
            assert latest <= LAST_DAY, (name, column, latest)
    # the default as-of date (latest recorded_at) is the extract's last day itself
    assert f["case_notes"].select(_date("recorded_at").max()).item() == LAST_DAY
    assert f["actions"].select(_date("due_date").max()).item() > LAST_DAY


def test_case_notes_mix_contacts_management_entries_and_odd_headings(yot):
    _, f = yot
    notes = f["case_notes"].with_columns(category=pl.col("note_type").map_elements(categorise, return_dtype=pl.String))
    cats = set(notes["category"])
    assert cats == {"contact", "oversight", "supervision", "decision", "panel", "audit"}
    headings = set(notes["note_type"])
    assert {
        "Home Visit",
        "Office Appointment",
        "Telephone Contact",
        "Management Oversight",
        "Management Oversight - Supervision",
        "Management Supervision of Case",
        "Management Decision",
        "Management Oversight by MACE",
        "Risk Management Panel",
        "Case Audit",
    } <= headings
    staff = f["staff"].select(pl.col("staff_id").alias("author_id"), "role")
    odd = notes.join(staff, on="author_id").filter(
        pl.col("category") == "contact", pl.col("role").is_in(list(MANAGER_ROLES))
    )
    assert 0 < odd.height < 0.05 * notes.height  # a few unmapped headings written by managers
    date_only = notes.filter(pl.col("event_date").str.len_chars() == 10).height
    assert 0 < date_only < 0.1 * notes.height
    assert notes.filter(pl.col("significant") == "true").height > 0
    # a date-only event_date reads as midnight here (the loader's reading)
    event = pl.when(pl.col("event_date").str.len_chars() == 10).then(pl.col("event_date") + " 00:00")
    recorded = notes.select(
        pl.col("recorded_at").str.to_datetime("%Y-%m-%d %H:%M")
        - event.otherwise(pl.col("event_date")).str.to_datetime("%Y-%m-%d %H:%M")
    )
    hours = recorded.to_series().dt.total_hours()
    assert hours.null_count() == 0
    assert (hours >= 0).all()
    assert (hours <= 48).mean() > 0.7  # mostly same day or within 48 h
    assert (hours > 7 * 24).sum() > 0  # sometimes late
    mgmt = notes.filter(pl.col("category") != "contact", pl.col("text").is_not_null())
    words = mgmt["text"].str.split(" ").list.len()
    assert (words >= 40).mean() > 0.2 and (words <= 8).mean() > 0.2  # analytical to threadbare
    assert mgmt["text"].str.contains("\n").any()  # multi-line text the CSV must quote


def test_managers_differ_in_how_often_they_look_at_cases(yot):
    _, f = yot
    notes = (
        f["case_notes"]
        .with_columns(
            category=pl.col("note_type").map_elements(categorise, return_dtype=pl.String), day=_date("event_date")
        )
        .filter(pl.col("category") != "contact")
    )
    managers = f["staff"].select(pl.col("staff_id").alias("case_manager_id"), "line_manager_id")
    gaps = (
        notes.join(f["cases"].select("case_id", "case_manager_id"), on="case_id")
        .join(managers, on="case_manager_id")
        .sort("case_id", "day")
        .with_columns(gap=(pl.col("day") - pl.col("day").shift(1).over("case_id")).dt.total_days())
        .drop_nulls("gap")
        .group_by("line_manager_id")
        .agg(median=pl.col("gap").median(), n=pl.len())
        .filter(pl.col("n") >= 100)
    )
    assert gaps.height >= 4
    # the brief: best and worst manager at least 2x apart in median days between entries
    assert gaps["median"].max() >= 2 * gaps["median"].min()


def test_staff_form_a_management_chain_up_to_one_assistant_director(yot):
    _, f = yot
    staff = f["staff"]
    assert staff.filter(pl.col("role") == "assistant_director").height == 1
    assert staff.filter(pl.col("line_manager_id").is_null())["role"].to_list() == ["assistant_director"]
    teams = set(staff["team"])
    assert {"Court North", "Court South", "Out of Court & Prevention", "Intensive Support"} <= teams
    boss = dict(zip(staff["staff_id"], staff["line_manager_id"], strict=True))
    role = dict(zip(staff["staff_id"], staff["role"], strict=True))
    for sid in staff.filter(pl.col("role") == "case_manager")["staff_id"]:
        chain = []
        while sid is not None:
            chain.append(role[sid])
            sid = boss[sid]
        assert chain[-3:] == ["operational_manager", "head_of_service", "assistant_director"], chain
        assert "team_manager" in chain
    # supervision: mostly monthly 1:1s, some months missed, some group sessions
    kinds = set(f["supervisions"]["kind"])
    assert {"formal_1to1", "group"} <= kinds


def test_national_streams_services_with_unique_prefixed_ids(tmp_path, monkeypatch):
    # three services stand in for the 150 the national scale writes; the code path is the same
    monkeypatch.setattr(synth, "NATIONAL_SERVICES", 3)
    generate("national", 0, out=tmp_path)
    frames = read_extract(tmp_path)
    header = (tmp_path / "cases.csv").read_text().splitlines()[0]
    assert (tmp_path / "cases.csv").read_text().count(header) == 1  # one header, three services
    cases = frames["cases"]
    assert cases["case_id"].is_unique().all() and frames["case_notes"]["note_id"].is_unique().all()
    assert set(cases["case_id"].str.slice(0, 4)) == {"001-", "002-", "003-"}
    # teams carry their service's name so a national breakdown never merges two services' teams
    assert cases.select(pl.col("team").n_unique()).item() >= 3 * 4
    assert set(cases["child_id"]) <= set(frames["children"]["child_id"])
