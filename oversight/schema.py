"""The canonical extract (the data contract, docs/data-contract.md) as data.

One description of every table serves the loader (what to validate), the database
(what to create) and the tests (what a fixture may hold). Stored types:

- ``date`` columns are DATE;
- ``datetime`` columns are TIMESTAMP in UK local time, with a companion BOOLEAN
  ``<name>_has_time`` that is false when the extract gave only a date (the value is
  then midnight at the start of that day; each indicator says how it reads it);
- ``enum`` values are stored in their canonical spelling (``very_high``);
- ``case_notes`` also stores ``category``, worked out from ``note_type`` by the profile's
  note-type map.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ROLES = (
    "case_manager",
    "specialist",
    "senior_practitioner",
    "deputy_team_manager",
    "team_manager",
    "operational_manager",
    "head_of_service",
    "assistant_director",
)
# "Manager" in the indicators means any role from senior_practitioner up.
MANAGER_ROLES = ROLES[2:]

DISPOSALS = (
    "referral_order",
    "yro",
    "dto",
    "youth_caution",
    "youth_conditional_caution",
    "community_resolution",
    "turnaround",
    "bail_supervision",
    "remand",
    "prevention",
    "other",
)
STAGES = ("initial", "review", "end", "psr", "bail_remand", "custody", "other")
RATINGS_4 = ("low", "medium", "high", "very_high")
RATINGS_3 = ("low", "medium", "high")
EVENT_TYPES = (
    "arrest",
    "charge",
    "new_offence",
    "court_appearance",
    "missing_episode",
    "police_callout",
    "safeguarding_concern",
    "exploitation_concern",
    "serious_incident",
    "custody",
    "breach",
    "other",
)
SUPERVISION_KINDS = ("formal_1to1", "group", "peer", "informal")
PANELS = ("risk_management_panel", "high_risk_panel", "mace", "mappa", "gpg", "strategy", "pod", "marp", "other")
GRADES = ("outstanding", "good", "requires_improvement", "inadequate")
JUDGEMENTS = ("sufficient", "insufficient")
ABSENCE_REASONS = ("annual_leave", "sickness", "training", "other")
CATEGORIES = ("oversight", "supervision", "decision", "panel", "audit", "contact")
MANAGEMENT_CATEGORIES = CATEGORIES[:5]


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # text | date | datetime | bool | int | number | enum
    required: bool = False
    enum: tuple[str, ...] = ()
    # "table.column" this column refers to; ref_required makes a dangling reference an error
    # (otherwise a warning).
    ref: str | None = None
    ref_required: bool = False
    default: str | None = None  # the column whose value stands in when this one is empty
    # Free text (a note's words may name a child): its values never appear in a message or a log.
    free_text: bool = False
    # A number's allowed range, lowest (excluded) and highest (included): fte is 0 < fte <= 1.
    above: float | None = None
    at_most: float | None = None

    @property
    def is_id(self) -> bool:
        """An identifier: text whose leading zeros matter (a reference or a key)."""
        return self.type == "text" and (self.name.endswith("_id") or self.ref is not None)


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    required: bool
    key: tuple[str, ...] = ()
    extra_stored: tuple[tuple[str, str], ...] = field(default=())  # (name, SQL type) added by the loader

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def _c(name: str, type_: str = "text", **kw) -> Column:
    return Column(name, type_, **kw)


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "staff",
            (
                _c("staff_id", required=True),
                _c("name", required=True),
                _c("role", "enum", required=True, enum=ROLES),
                _c("team", required=True),
                # Matches a signed-in user to their staff record (casefolded, unique where given).
                _c("email"),
                _c("line_manager_id", ref="staff.staff_id"),
                _c("start_date", "date"),
                _c("end_date", "date"),
                _c("fte", "number", above=0.0, at_most=1.0),
                _c("agency", "bool"),
            ),
            required=True,
            key=("staff_id",),
        ),
        Table(
            "children",
            (
                _c("child_id", required=True),
                _c("date_of_birth", "date"),
                _c("sex"),
                _c("ethnicity"),
                _c("looked_after", "bool"),
            ),
            required=True,
            key=("child_id",),
        ),
        Table(
            "cases",
            (
                _c("case_id", required=True),
                _c("child_id", required=True, ref="children.child_id", ref_required=True),
                _c("team", required=True),
                _c("case_manager_id", required=True, ref="staff.staff_id", ref_required=True),
                _c("disposal", "enum", required=True, enum=DISPOSALS),
                _c("start_date", "date", required=True),
                _c("allocated_date", "date", default="start_date"),
                _c("end_date", "date"),
            ),
            required=True,
            key=("case_id",),
        ),
        Table(
            "case_notes",
            (
                _c("note_id", required=True),
                _c("case_id", required=True, ref="cases.case_id", ref_required=True),
                _c("note_type", required=True),
                _c("author_id", required=True, ref="staff.staff_id", ref_required=True),
                _c("event_date", "datetime", required=True),
                _c("recorded_at", "datetime", required=True),
                _c("significant", "bool"),
                _c("text", free_text=True),
            ),
            required=True,
            key=("note_id",),
            extra_stored=(("category", "VARCHAR"),),
        ),
        Table(
            "assessments",
            (
                _c("assessment_id", required=True),
                _c("case_id", required=True, ref="cases.case_id", ref_required=True),
                _c("stage", "enum", required=True, enum=STAGES),
                _c("started_date", "date", required=True),
                _c("completed_date", "date"),
                _c("countersigned_date", "date"),
                _c("countersigned_by", ref="staff.staff_id"),
                _c("rosh", "enum", enum=RATINGS_4),
                _c("swb", "enum", enum=RATINGS_4),
                _c("lor", "enum", enum=RATINGS_3),
                _c("returned_count", "int"),
                _c("yet_to_clarify", "int"),
            ),
            required=False,
            key=("assessment_id",),
        ),
        Table(
            "events",
            (
                _c("event_id", required=True),
                _c("case_id", required=True, ref="cases.case_id", ref_required=True),
                _c("event_type", "enum", required=True, enum=EVENT_TYPES),
                _c("occurred_at", "datetime", required=True),
                _c("notified_at", "datetime", default="occurred_at"),
            ),
            required=False,
            key=("event_id",),
        ),
        Table(
            "actions",
            (
                _c("action_id", required=True),
                _c("case_id", required=True, ref="cases.case_id", ref_required=True),
                _c("note_id", ref="case_notes.note_id"),
                _c("owner_id", ref="staff.staff_id"),
                _c("set_date", "date", required=True),
                _c("due_date", "date"),
                _c("completed_date", "date"),
                _c("confirmed_date", "date"),
            ),
            required=False,
            key=("action_id",),
        ),
        Table(
            "supervisions",
            (
                _c("session_id", required=True),
                _c("supervisee_id", required=True, ref="staff.staff_id", ref_required=True),
                _c("supervisor_id", required=True, ref="staff.staff_id", ref_required=True),
                _c("session_date", "date", required=True),
                _c("kind", "enum", enum=SUPERVISION_KINDS),
            ),
            required=False,
            key=("session_id",),
        ),
        Table(
            "panels",
            (
                _c("meeting_id", required=True),
                _c("case_id", required=True, ref="cases.case_id", ref_required=True),
                _c("panel", "enum", required=True, enum=PANELS),
                _c("meeting_date", "date", required=True),
                _c("recorded_date", "date"),
                _c("chair_id", ref="staff.staff_id"),
            ),
            required=False,
            key=("meeting_id",),
        ),
        Table(
            "audits",
            (
                _c("audit_id", required=True),
                _c("case_id", required=True, ref="cases.case_id", ref_required=True),
                _c("auditor_id", ref="staff.staff_id"),
                _c("audit_date", "date", required=True),
                _c("grade", "enum", enum=GRADES),
                _c("oversight_judgement", "enum", enum=JUDGEMENTS),
            ),
            required=False,
            key=("audit_id",),
        ),
        Table(
            "absences",
            (
                _c("absence_id", required=True),
                _c("staff_id", required=True, ref="staff.staff_id", ref_required=True),
                _c("from_date", "date", required=True),
                _c("to_date", "date"),
                _c("reason", "enum", enum=ABSENCE_REASONS),
            ),
            required=False,
            key=("absence_id",),
        ),
        Table(
            "victims",
            (
                _c("victim_id", required=True),
                _c("case_id", required=True, ref="cases.case_id", ref_required=True),
                _c("identified_date", "date", required=True),
                _c("consent_to_contact", "bool"),
                _c("contacted_date", "date"),
                _c("rj_offered_date", "date"),
                _c("rj_took_part", "bool"),
            ),
            required=False,
            key=("victim_id",),
        ),
        Table(
            "allocations",
            (
                _c("case_id", required=True, ref="cases.case_id", ref_required=True),
                _c("staff_id", required=True, ref="staff.staff_id", ref_required=True),
                _c("from_date", "date", required=True),
                _c("to_date", "date"),
            ),
            required=False,
        ),
    )
}

# What each table and column means, for the people who prepare an extract: docs/data-contract.md
# is generated from these and from TABLES (a test fails when a table or column has none).
TABLE_DESCRIPTIONS: dict[str, str] = {
    "staff": "Everyone who holds cases, supervises or manages, with their role and line manager.",
    "children": "One row per child, identified by the case management system's reference only.",
    "cases": (
        "One row per intervention: an order, an out-of-court disposal, a bail or remand episode, a prevention case."
    ),
    "case_notes": ("Every entry on the child's record that the export holds; at least all management entries."),
    "assessments": "AssetPlus stages, with their countersignature and ratings.",
    "events": "Happenings that call for immediate management oversight, such as an arrest.",
    "actions": "Actions set by management entries, and whether they were done and confirmed.",
    "supervisions": "Sessions of formal supervision of staff (not of a case).",
    "panels": "Risk management meetings about a case.",
    "audits": "Case file audits, with the auditor's own judgement of management oversight.",
    "absences": "Staff away from work: leave, sickness, training. Excuses a month of supervision (DR4) and "
    "starts the clock for supervision on return (SC3).",
    "victims": (
        "Victims of the child's offences, with contact and restorative justice. No names or contact "
        "details of victims: the same refused columns as for children."
    ),
    "allocations": (
        "The history of case managers. Where present, a case counts on a past day for the case "
        "manager allocated on that day (and so their team and line manager); otherwise for the "
        "case's current case manager and team."
    ),
}
COLUMN_DESCRIPTIONS: dict[str, str] = {
    "staff.staff_id": "unique",
    "staff.name": "display name (staff only: no table holds a child's name)",
    "staff.role": "'Manager' in the indicators means any role from senior_practitioner up",
    "staff.team": "team name",
    "staff.email": (
        "the address the person signs in with (work account); unique where given, compared casefolded; "
        "used only to match a signed-in user to their staff record"
    ),
    "staff.line_manager_id": "their line manager",
    "staff.start_date": "first day of employment in the service",
    "staff.end_date": "last day of employment in the service",
    "staff.fte": "full-time equivalent, more than 0 and at most 1 (empty reads as 1), for caseload capacity",
    "staff.agency": "an agency (not permanent) worker",
    "children.child_id": "unique; the case management system's reference",
    "children.date_of_birth": "for the age band at D",
    "children.sex": "for disproportionality breakdowns",
    "children.ethnicity": "for disproportionality breakdowns",
    "children.looked_after": "the child is looked after by the local authority",
    "cases.case_id": "unique",
    "cases.child_id": "the child",
    "cases.team": "team holding the case",
    "cases.case_manager_id": "current case manager",
    "cases.disposal": "the kind of intervention",
    "cases.start_date": "start of the intervention (the sentence date for court orders)",
    "cases.allocated_date": "the day the case was allocated to a case manager",
    "cases.end_date": "empty while the case is open",
    "case_notes.note_id": "unique",
    "case_notes.case_id": "the case",
    "case_notes.note_type": (
        "the heading as the system records it, e.g. 'Management Oversight', 'Management Oversight "
        "- Supervision', 'Management Decision', 'Home Visit'; read into a category (below)"
    ),
    "case_notes.author_id": "who wrote it",
    "case_notes.event_date": "when the discussion, decision or review happened",
    "case_notes.recorded_at": "when it was entered on the system",
    "case_notes.significant": "a significant case decision or urgent matter (recorded under the shorter rule, TL3)",
    "case_notes.text": (
        "the entry's free text, for the quality-of-recording indicators; never shown in a message or a log"
    ),
    "assessments.assessment_id": "unique",
    "assessments.case_id": "the case",
    "assessments.stage": "the AssetPlus stage",
    "assessments.started_date": "the day the stage was started",
    "assessments.completed_date": (
        "the day the practitioner submitted it for countersignature (not the day the countersignature closed it)"
    ),
    "assessments.countersigned_date": "the day a manager countersigned it",
    "assessments.countersigned_by": "the countersigning manager",
    "assessments.rosh": "risk of serious harm",
    "assessments.swb": "safety and wellbeing",
    "assessments.lor": "likelihood of reoffending",
    "assessments.returned_count": "times sent back for amendment at gatekeeping",
    "assessments.yet_to_clarify": "answers left 'yet to clarify'",
    "events.event_id": "unique",
    "events.case_id": "the case",
    "events.event_type": "what happened",
    "events.occurred_at": "when it happened",
    "events.notified_at": "when the service learned of it",
    "actions.action_id": "unique",
    "actions.case_id": "the case",
    "actions.note_id": "the management entry that set it",
    "actions.owner_id": "who is to do it",
    "actions.set_date": "the day it was set",
    "actions.due_date": "the day it is due",
    "actions.completed_date": "the day it was done",
    "actions.confirmed_date": "the day a manager confirmed it was done and made a difference",
    "supervisions.session_id": "unique",
    "supervisions.supervisee_id": "the person supervised",
    "supervisions.supervisor_id": "the person supervising",
    "supervisions.session_date": "the day of the session",
    "supervisions.kind": "empty reads as formal_1to1",
    "panels.meeting_id": "unique",
    "panels.case_id": "the case discussed",
    "panels.panel": "which panel (gpg is the gangs partnership group)",
    "panels.meeting_date": "the day of the meeting",
    "panels.recorded_date": "the day the minutes were placed on the child's record",
    "panels.chair_id": "who chaired it",
    "audits.audit_id": "unique",
    "audits.case_id": "the case audited",
    "audits.auditor_id": "who audited it",
    "audits.audit_date": "the day of the audit",
    "audits.grade": "the audit's grade",
    "audits.oversight_judgement": "the auditor's own judgement of management oversight",
    "absences.absence_id": "unique",
    "absences.staff_id": "the staff member away",
    "absences.from_date": "first day away",
    "absences.to_date": "last day away; empty: still away",
    "absences.reason": "why (annual leave, sickness, training, other)",
    "victims.victim_id": "unique",
    "victims.case_id": "the case whose offence harmed them",
    "victims.identified_date": "the day the service knew of the victim",
    "victims.consent_to_contact": "the victim agreed to be contacted",
    "victims.contacted_date": "first contact made (or attempted and recorded)",
    "victims.rj_offered_date": "the day restorative justice was offered",
    "victims.rj_took_part": "the victim took part in a restorative process",
    "allocations.case_id": "the case",
    "allocations.staff_id": "the case manager",
    "allocations.from_date": "first day they held the case",
    "allocations.to_date": "last day they held it; empty: current",
}

# The contract's rules that are not about one table, as the docs state them; each names the code
# that enforces it.
CONTRACT_RULES: dict[str, tuple[str, ...]] = {
    "Form": (
        "One folder of CSV files named `<table>.csv`, or one `.xlsx` workbook with one sheet per "
        "table (sheet name = table name). Column order does not matter; columns not in the "
        "contract are reported and never stored.",
        "CSV: read as UTF-8 (a byte-order mark is stripped); if that fails, as Windows-1252 (what "
        "Excel in UK councils often writes), unless the profile names an encoding. The load report "
        "says which. Comma separated, with RFC 4180 quoting (free text holds commas, quotes and "
        "line breaks).",
        "A row number in a message is the record's number counting the header as row 1, as a "
        "spreadsheet shows it, whatever line breaks the text holds.",
        "Excel: typed date cells are dates whatever their display format; every id column is read "
        "as text (leading zeros kept).",
        "Dates are `YYYY-MM-DD` unless the profile states a format: a value like `03/04/2025` is "
        "never guessed. Datetimes are `YYYY-MM-DD HH:MM[:SS]` (or the profile's format) in UK local "
        "time. A date where a datetime is expected is kept as that day with a flag saying no time "
        "was given; each indicator says how it reads it.",
        "Identifiers are text. Allowed values are compared after the profile's value map, ignoring "
        "case, with runs of spaces, hyphens and underscores read as one `_` (`Very High`, "
        "`very-high` and `very_high` are the same; `VH` needs the value map). Yes/no columns "
        "accept true/false, yes/no, y/n, t/f, 1/0, in any case.",
        "An export with other file, column or value names loads through a mapping profile: see "
        "`profiles/canonical.toml` (every option, documented) and `profiles/example-uk.toml`.",
    ),
    "No names or addresses of children or victims": (
        "Children and victims are identified by the case management system's reference only. In every table "
        "but staff, a column is refused when its name, before or after mapping, reduced to lower "
        "case letters, is one of: {child_identifying}.",
    ),
    "Optional tables": (
        "An indicator that needs a table the load did not supply says so on the page and is left "
        "out of totals; it never shows 0 % or 100 % for want of data.",
    ),
    "What a load does with bad input": (
        "Nothing is half-loaded: a load validates everything first and either replaces the data "
        "as a whole or changes nothing. The data users were looking at stays until a good load "
        "replaces it.",
        "Every refusal names the file, the row number as a spreadsheet shows it, the column and "
        "the value, and says what was expected. All problems are listed at once.",
        "Errors refuse the load: a missing required table or column; an empty required table; a "
        "duplicate id; a required reference to an id that does not exist; an unreadable date; a "
        "value outside the allowed values after mapping; an end before its start (a case's "
        "end_date before its start_date, an allocation's or an absence's to_date before its "
        "from_date); a child's or a victim's name or address column; an fte outside 0 < fte <= 1; "
        "one sign-in email for two staff (compared casefolded).",
        "Warnings load and are reported: a note heading read as practitioner contact; an optional "
        "reference to an id that does not exist (a leaver missing from staff, say); dates out of "
        "order within a row (recorded before the event, a stage countersigned before completion or "
        "completed before it started, an action completed before it was set, an event notified "
        "before it occurred); dates after the day of the load (but not due_date); unknown columns "
        "and files; staff with no team; empty optional tables.",
        "Every load attempt, accepted or refused, is recorded in a load log that survives the swap "
        "of the database file: when, who (the operating-system user), from what, row counts per "
        "table, warnings, the outcome.",
    ),
}

# The contract's refused column names: children's names and addresses, casefolded and reduced to
# letters. Refused in every table but staff, before or after mapping.
CHILD_IDENTIFYING = frozenset(
    {
        "name",
        "firstname",
        "forename",
        "givenname",
        "surname",
        "lastname",
        "familyname",
        "fullname",
        "childname",
        "address",
        "address1",
        "address2",
        "addressline1",
        "postcode",
        "street",
        "nhsnumber",
        "upn",
    }
)

# Beyond the exact list: a source column the profile does not map to a contract column is refused
# when its reduced name (casefolded, letters only) contains any of these ("Child's Name", "Address
# Line 2", "NHS No", "Preferred Name", "Alias"). Same tables as above.
CHILD_IDENTIFYING_PARTS = ("name", "forename", "surname", "address", "postcode", "street", "nhs", "upn", "alias")

# A file the demo generator writes beside its CSVs: an extract folder holding it is loaded as
# synthetic, so every page says so however the extract was loaded.
SYNTHETIC_MARKER = "SYNTHETIC.txt"

REQUIRED_TABLES = tuple(n for n, t in TABLES.items() if t.required)
OPTIONAL_TABLES = tuple(n for n, t in TABLES.items() if not t.required)

_SQL_TYPES = {
    "text": "VARCHAR",
    "enum": "VARCHAR",
    "date": "DATE",
    "datetime": "TIMESTAMP",
    "bool": "BOOLEAN",
    "int": "INTEGER",
    "number": "DOUBLE",
}


def stored_columns(table: Table) -> list[tuple[str, str]]:
    """(name, SQL type) of every column the database holds for ``table``, in order."""
    cols: list[tuple[str, str]] = []
    for c in table.columns:
        cols.append((c.name, _SQL_TYPES[c.type]))
        if c.type == "datetime":
            cols.append((f"{c.name}_has_time", "BOOLEAN"))
    cols.extend(table.extra_stored)
    return cols


def create_table_sql(table: Table) -> str:
    cols = ",\n    ".join(f"{name} {sql_type}" for name, sql_type in stored_columns(table))
    return f"create table {table.name} (\n    {cols}\n)"
