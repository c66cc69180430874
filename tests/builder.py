"""Hand-built extracts for tests: a few rows per table, written to a real DuckDB file.

Rows go straight into oversight.store.write_database, the same path a load takes after
validation, so a fixture exercises the real staging and calendar. Datetimes are strings:
``"2026-03-02"`` is a date with no time (``*_has_time`` false), ``"2026-03-02 14:30"`` has one.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

import polars as pl

from oversight.notetypes import categorise
from oversight.schema import TABLES, stored_columns
from oversight.store import write_database

_POLARS = {
    "VARCHAR": pl.String,
    "DATE": pl.Date,
    "TIMESTAMP": pl.Datetime("us"),
    "BOOLEAN": pl.Boolean,
    "INTEGER": pl.Int32,
    "DOUBLE": pl.Float64,
}


def _date(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def _datetime(value: str | None) -> tuple[dt.datetime | None, bool | None]:
    if value is None:
        return None, None
    if len(value) == 10:
        return dt.datetime.fromisoformat(value), False
    return dt.datetime.fromisoformat(value), True


class Extract:
    """A canonical extract built row by row. Tables never touched are absent (optional ones
    then count as not loaded); call ``include`` to mark an optional table loaded but empty."""

    def __init__(self) -> None:
        self.rows: dict[str, list[dict]] = defaultdict(list)
        self._counter = 0
        self._included: set[str] = set()

    def _id(self, prefix: str) -> str:
        self._counter += 1
        return f"{prefix}{self._counter}"

    def include(self, *tables: str) -> Extract:
        self._included.update(tables)
        return self

    def staff(
        self,
        staff_id: str,
        role: str = "case_manager",
        team: str = "Court",
        line_manager_id: str | None = None,
        start_date: str | None = None,
        end_date: str | None = None,
        fte: float | None = None,
        agency: bool | None = None,
    ) -> Extract:
        self.rows["staff"].append(
            dict(
                staff_id=staff_id,
                name=f"Staff {staff_id}",
                role=role,
                team=team,
                line_manager_id=line_manager_id,
                start_date=_date(start_date),
                end_date=_date(end_date),
                fte=fte,
                agency=agency,
            )
        )
        return self

    def child(
        self,
        child_id: str,
        date_of_birth: str | None = "2010-06-01",
        sex: str | None = None,
        ethnicity: str | None = None,
        looked_after: bool | None = None,
    ) -> Extract:
        self.rows["children"].append(
            dict(
                child_id=child_id,
                date_of_birth=_date(date_of_birth),
                sex=sex,
                ethnicity=ethnicity,
                looked_after=looked_after,
            )
        )
        return self

    def case(
        self,
        case_id: str,
        start_date: str,
        case_manager_id: str = "cm1",
        disposal: str = "yro",
        team: str = "Court",
        end_date: str | None = None,
        allocated_date: str | None = None,
        child_id: str | None = None,
    ) -> Extract:
        child_id = child_id or f"child-{case_id}"
        if not any(c["child_id"] == child_id for c in self.rows["children"]):
            self.child(child_id)
        self.rows["cases"].append(
            dict(
                case_id=case_id,
                child_id=child_id,
                team=team,
                case_manager_id=case_manager_id,
                disposal=disposal,
                start_date=_date(start_date),
                allocated_date=_date(allocated_date or start_date),
                end_date=_date(end_date),
            )
        )
        return self

    def note(
        self,
        case_id: str,
        event_date: str,
        recorded_at: str | None = None,
        note_type: str = "Management Oversight",
        author_id: str = "tm1",
        significant: bool | None = None,
        text: str | None = None,
        note_id: str | None = None,
    ) -> Extract:
        event, event_has_time = _datetime(event_date)
        recorded, recorded_has_time = _datetime(recorded_at or event_date)
        self.rows["case_notes"].append(
            dict(
                note_id=note_id or self._id("n"),
                case_id=case_id,
                note_type=note_type,
                author_id=author_id,
                event_date=event,
                event_date_has_time=event_has_time,
                recorded_at=recorded,
                recorded_at_has_time=recorded_has_time,
                significant=significant,
                text=text,
                category=categorise(note_type),
            )
        )
        return self

    def assessment(
        self,
        case_id: str,
        started_date: str,
        completed_date: str | None = None,
        countersigned_date: str | None = None,
        stage: str = "initial",
        rosh: str | None = None,
        swb: str | None = None,
        lor: str | None = None,
        countersigned_by: str | None = "tm1",
        assessment_id: str | None = None,
        returned_count: int | None = None,
        yet_to_clarify: int | None = None,
    ) -> Extract:
        self.rows["assessments"].append(
            dict(
                assessment_id=assessment_id or self._id("a"),
                case_id=case_id,
                stage=stage,
                started_date=_date(started_date),
                completed_date=_date(completed_date),
                countersigned_date=_date(countersigned_date),
                countersigned_by=countersigned_by if countersigned_date else None,
                rosh=rosh,
                swb=swb,
                lor=lor,
                returned_count=returned_count,
                yet_to_clarify=yet_to_clarify,
            )
        )
        return self

    def event(
        self,
        case_id: str,
        occurred_at: str,
        event_type: str = "arrest",
        notified_at: str | None = None,
        event_id: str | None = None,
    ) -> Extract:
        occurred, occurred_has_time = _datetime(occurred_at)
        notified, notified_has_time = _datetime(notified_at or occurred_at)
        self.rows["events"].append(
            dict(
                event_id=event_id or self._id("e"),
                case_id=case_id,
                event_type=event_type,
                occurred_at=occurred,
                occurred_at_has_time=occurred_has_time,
                notified_at=notified,
                notified_at_has_time=notified_has_time,
            )
        )
        return self

    def action(
        self,
        case_id: str,
        set_date: str,
        due_date: str | None = None,
        completed_date: str | None = None,
        confirmed_date: str | None = None,
        note_id: str | None = None,
        owner_id: str | None = "cm1",
        action_id: str | None = None,
    ) -> Extract:
        self.rows["actions"].append(
            dict(
                action_id=action_id or self._id("act"),
                case_id=case_id,
                note_id=note_id,
                owner_id=owner_id,
                set_date=_date(set_date),
                due_date=_date(due_date),
                completed_date=_date(completed_date),
                confirmed_date=_date(confirmed_date),
            )
        )
        return self

    def supervision(
        self, supervisee_id: str, supervisor_id: str, session_date: str, kind: str | None = "formal_1to1"
    ) -> Extract:
        self.rows["supervisions"].append(
            dict(
                session_id=self._id("s"),
                supervisee_id=supervisee_id,
                supervisor_id=supervisor_id,
                session_date=_date(session_date),
                kind=kind,
            )
        )
        return self

    def panel(
        self,
        case_id: str,
        meeting_date: str,
        panel: str = "risk_management_panel",
        recorded_date: str | None = None,
        chair_id: str | None = None,
    ) -> Extract:
        self.rows["panels"].append(
            dict(
                meeting_id=self._id("p"),
                case_id=case_id,
                panel=panel,
                meeting_date=_date(meeting_date),
                recorded_date=_date(recorded_date),
                chair_id=chair_id,
            )
        )
        return self

    def audit(
        self,
        case_id: str,
        audit_date: str,
        oversight_judgement: str | None = None,
        grade: str | None = None,
        auditor_id: str | None = "qa1",
    ) -> Extract:
        self.rows["audits"].append(
            dict(
                audit_id=self._id("au"),
                case_id=case_id,
                auditor_id=auditor_id,
                audit_date=_date(audit_date),
                grade=grade,
                oversight_judgement=oversight_judgement,
            )
        )
        return self

    def allocation(self, case_id: str, staff_id: str, from_date: str, to_date: str | None = None) -> Extract:
        self.rows["allocations"].append(
            dict(case_id=case_id, staff_id=staff_id, from_date=_date(from_date), to_date=_date(to_date))
        )
        return self

    def absence(
        self, staff_id: str, from_date: str, to_date: str | None = None, reason: str | None = "annual_leave"
    ) -> Extract:
        self.rows["absences"].append(
            dict(
                absence_id=self._id("ab"),
                staff_id=staff_id,
                from_date=_date(from_date),
                to_date=_date(to_date),
                reason=reason,
            )
        )
        return self

    def victim(
        self,
        case_id: str,
        identified_date: str,
        consent_to_contact: bool | None = None,
        contacted_date: str | None = None,
        rj_offered_date: str | None = None,
        rj_took_part: bool | None = None,
    ) -> Extract:
        self.rows["victims"].append(
            dict(
                victim_id=self._id("v"),
                case_id=case_id,
                identified_date=_date(identified_date),
                consent_to_contact=consent_to_contact,
                contacted_date=_date(contacted_date),
                rj_offered_date=_date(rj_offered_date),
                rj_took_part=rj_took_part,
            )
        )
        return self

    def frames(self) -> dict[str, pl.DataFrame]:
        out: dict[str, pl.DataFrame] = {}
        for name, table in TABLES.items():
            if name not in self.rows and name not in self._included and not table.required:
                continue
            schema = {col: _POLARS[sql_type] for col, sql_type in stored_columns(table)}
            out[name] = pl.DataFrame(self.rows.get(name, []), schema=schema, orient="row")
        return out

    def build(self, path: Path, load_date: str = "2026-11-24") -> Path:
        write_database(
            path,
            self.frames(),
            {"source": "test fixture", "load_date": load_date, "synthetic": True},
        )
        return path


def standard_staff(extract: Extract) -> Extract:
    """A small chain: a head of service over a team manager over two case managers."""
    return (
        extract.staff("hos1", role="head_of_service", team="Management")
        .staff("tm1", role="team_manager", team="Court", line_manager_id="hos1")
        .staff("cm1", line_manager_id="tm1")
        .staff("cm2", line_manager_id="tm1")
    )
