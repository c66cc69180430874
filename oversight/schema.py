"""The canonical extract (the data contract) as data.

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
PANELS = ("risk_management_panel", "high_risk_panel", "mace", "mappa", "strategy", "pod", "marp", "other")
GRADES = ("outstanding", "good", "requires_improvement", "inadequate")
JUDGEMENTS = ("sufficient", "insufficient")
CATEGORIES = ("oversight", "supervision", "decision", "panel", "audit", "contact")
MANAGEMENT_CATEGORIES = CATEGORIES[:5]


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # text | date | datetime | bool | int | enum
    required: bool = False
    enum: tuple[str, ...] = ()
    # "table.column" this column refers to; ref_required makes a dangling reference an error
    # (otherwise a warning).
    ref: str | None = None
    ref_required: bool = False
    default: str | None = None  # the column whose value stands in when this one is empty
    # Free text (a note's words may name a child): its values never appear in a message or a log.
    free_text: bool = False

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
                _c("line_manager_id", ref="staff.staff_id"),
                _c("start_date", "date"),
                _c("end_date", "date"),
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
