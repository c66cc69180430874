"""JG1's nine checks: the one list from which the SQL, the case table and the pack follow.

Each check is one SQL file, ``queries/judgement/checks/<column>.sql``, returning one row per
judged case it has something to say about, with the columns of :data:`CHECK_ROW_COLUMNS`. It
reads the common table expressions ``JG1.sql`` defines before its checks (``windows_rated``:
each judged case and window; ``entries_to_d``, each window's entries from its start to D, and
``window_entries``, those in the window; ``window_entry_counts``; ``window_stages``;
``stage_checks``, the two countersignature checks' rows worded alike; ``actions``) and the
intermediate models (``first_stages``, ``stage_facts``, ``event_facts``, ``rating_spans``,
``panel_reviews``).
:func:`assemble` unions the files in this list's order and pivots them into one column per check,
so the order of reasons in a case's row, the status columns and the labels the pages and the pack
show all come from :data:`CHECKS`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

CHECKS_DIR = Path(__file__).parent / "checks"

# The inspectorate's three questions (source 002, "Summary"), which the pack groups reasons by.
# The mapping follows the indicator families (oversight/families.py): the footprint of entries and
# countersignatures (and whether entries say anything at all) is the evidence; timely responses
# to risk and events are effectiveness; whether the work in the case was done and kept up to
# date (actions followed up, assessments done and current) is the difference it made.
QUESTIONS = {
    "evidence": "Is there sufficient evidence of management oversight?",
    "effective": "Was management oversight effective?",
    "difference": "Did management oversight make a difference to the quality of work in the case?",
}

# The questions in a few words, where the whole question does not fit (a tab's label).
QUESTIONS_SHORT = {
    "evidence": "Evidence of oversight",
    "effective": "Effective oversight",
    "difference": "Made a difference",
}

# What every check file returns, in this order: a check names the case by case_key (keyed_cases),
# as JG1 joins and groups, and JG1 shows case_id.
CHECK_ROW_COLUMNS = (
    "as_of_date",
    "case_key",
    "failed",
    "critical",
    "has_evidence",
    "reason",
    "reason_since",
    "strength",
)


@dataclass(frozen=True)
class Check:
    column: str  # its status column in JG1's rows and the case table; its SQL file's name
    label: str  # how pages name it
    question: str  # the inspection question it answers (a key of QUESTIONS)
    reason_code: str  # how a failure starts in a case's reasons (with _CRITICAL when critical)
    strength_code: str  # how a pass with evidence starts in a case's strengths
    reason_text: str  # a failure in plain words
    requires: str | None  # the optional table it reads; without it the check is not_loaded

    @property
    def path(self) -> Path:
        return CHECKS_DIR / f"{self.column}.sql"

    def sql(self) -> str:
        return self.path.read_text()


CHECKS: tuple[Check, ...] = (
    Check("evidence", "Evidence of regular oversight", "evidence", "EVIDENCE_GAP", "REGULAR_OVERSIGHT",
          "Gap between management entries longer than policy allows", None),
    Check("first_assessment", "First assessment in time (TL5)", "difference", "FIRST_ASSESSMENT_LATE",
          "FIRST_ASSESSMENT_ON_TIME", "First assessment late", "assessments"),
    Check("countersigned", "Stages countersigned (FP4)", "evidence", "NOT_COUNTERSIGNED", "ALL_COUNTERSIGNED",
          "Assessment stage not countersigned", "assessments"),
    Check("countersign_time", "Countersigned in time (TL4)", "effective", "COUNTERSIGN_LATE",
          "COUNTERSIGNED_ON_TIME", "Countersignature late", "assessments"),
    Check("risk_panel", "High risk reviewed at panel (RC2)", "effective", "NO_RISK_PANEL", "RISK_PANEL_HELD",
          "High-risk case not reviewed at a risk panel", None),
    Check("events", "Events answered (TL6)", "effective", "EVENT_UNANSWERED", "EVENTS_ANSWERED",
          "Significant event with no management response", "events"),
    Check("actions", "Actions followed up (DR2)", "difference", "ACTIONS_NOT_FOLLOWED_UP", "ACTIONS_FOLLOWED_UP",
          "Actions not completed or not confirmed", "actions"),
    Check("assessment_current", "Assessment up to date (DR3)", "difference", "ASSESSMENT_OUT_OF_DATE",
          "ASSESSMENT_UP_TO_DATE", "Assessment out of date", "assessments"),
    Check("substantive", "Entries substantive (QL1)", "evidence", "THREADBARE_ENTRIES", "SUBSTANTIVE_ENTRIES",
          "Most management entries under the word minimum", None),
)  # fmt: skip

CHECK_COLUMNS = tuple(c.column for c in CHECKS)
BY_REASON = {c.reason_code: c for c in CHECKS}

# The markers in JG1.sql that assemble() fills, each a line of its own.
UNION_MARKER = "-- @checks: the union of the check files"
PIVOT_MARKER = "-- @pivot: one column per check"
REASONS_MARKER = "-- @reasons: reasons and strengths in the checks' order"


def union_sql() -> str:
    """Every check's rows, in the catalogue's order, with its name and place."""
    columns = ", ".join(CHECK_ROW_COLUMNS)
    parts = [
        f"select {columns}, '{c.column}' as check_name, {n} as check_order from (\n{c.sql().strip()}\n)"
        for n, c in enumerate(CHECKS, start=1)
    ]
    return "\nunion all\n".join(parts)


def pivot_sql() -> str:
    """One row per judged case: the verdict's counts, then each check's status, failure,
    criticality, reason, strength and since-date side by side (a filtered aggregate per check,
    not a join per check). The counts are aggregates of their own, so a query that needs only
    the verdict (a figure, not the list) leaves the columns per check uncomputed."""
    columns = [
        "count(*) filter (where failed) as failed_checks",
        "coalesce(bool_or(critical), false) as any_critical",
    ]
    for c in CHECKS:
        for field in ("status", "failed", "critical", "reason", "strength", "reason_since"):
            name = c.column if field == "status" else f"{c.column}_{field}"
            columns.append(f"any_value({field}) filter (where check_name = '{c.column}') as {name}")
    return ",\n".join(columns)


def reasons_sql() -> str:
    """The reasons, strengths and first failure of a pivoted row, in order."""
    cols = CHECK_COLUMNS
    reasons = ",\n    ".join(f"{c}_reason" for c in cols)
    strengths = ",\n    ".join(f"case when {c} = 'pass' then {c}_strength end" for c in cols)
    since = ",\n    ".join(f"{c}_reason_since" for c in cols)
    return (
        f"nullif(concat_ws('; ',\n    {reasons}\n), '') as reasons,\n"
        f"nullif(concat_ws('; ',\n    {strengths}\n), '') as strengths,\n"
        f"least(\n    {since}\n) as first_failure_date"
    )


def assemble(jg1_sql: str) -> str:
    """JG1.sql with its markers filled: the checks' union, the pivot and the reasons, in order."""
    filled = {UNION_MARKER: union_sql(), PIVOT_MARKER: pivot_sql(), REASONS_MARKER: reasons_sql()}
    for marker, sql in filled.items():
        if jg1_sql.count(marker) != 1:
            raise ValueError(f"JG1.sql must hold the line {marker!r} once")
        jg1_sql = jg1_sql.replace(marker, sql)
    return jg1_sql


# --- a reason in plain words --------------------------------------------------------------
# A reason is a code then its detail ("EVIDENCE_GAP 2026-07-31..2026-09-18 (49 days)"): the code
# stays in the CSV and the `cases` command, where scripts read it; pages show it as a sentence.

_REASON = re.compile(
    r"^(?P<code>[A-Z_]+?)(?P<critical>_CRITICAL)?"
    r"(?: (?P<start>\d{4}-\d{2}-\d{2})(?:\.\.(?P<end>\d{4}-\d{2}-\d{2}))?)?"
    r"(?: \((?P<detail>.*)\))?$"
)
_MORE = re.compile(r"(?:^|, )(\d+) more$")


def _day(text: str | None) -> str:
    if not text:
        return "?"
    day = dt.date.fromisoformat(text)
    return f"{day.day} {day:%b %Y}"


def _span(start: str | None, end: str | None) -> str:
    """31 Jul – 18 Sep 2026; the year once when both days share it."""
    if not end:
        return _day(start)
    a, b = dt.date.fromisoformat(start or end), dt.date.fromisoformat(end)
    first = f"{a.day} {a:%b}" if a.year == b.year else _day(start)
    return f"{first} – {_day(end)}"


def _stage(text: str) -> str:
    return text.replace("_", " ").replace("psr", "PSR")


def describe(reason: str) -> str:
    """One reason as people read it: "EVIDENCE_GAP 2026-07-31..2026-09-18 (49 days)" ->
    "No management oversight for 49 days (31 Jul – 18 Sep 2026)". A reason it cannot read
    (a code of a later version) is shown as the check's plain text with its detail."""
    m = _REASON.match(reason.strip())
    check = BY_REASON.get(m["code"]) if m else None
    if m is None or check is None:
        code = reason.strip().split(" ", 1)[0].removesuffix("_CRITICAL")
        known = BY_REASON.get(code)
        return f"{known.reason_text}: {reason.strip().split(' ', 1)[-1]}" if known else reason
    start, end = m["start"], m["end"]
    detail = m["detail"] or ""
    more_match = _MORE.search(detail)
    more = int(more_match[1]) if more_match else 0
    if more_match:
        detail = detail[: more_match.start()]
    parts = [p.strip() for p in detail.split(",") if p.strip()]
    code = m["code"]
    if code == "EVIDENCE_GAP":
        text = f"No management oversight for {parts[0] if parts else '?'} ({_span(start, end)})"
        extra = "gap"
    elif code == "FIRST_ASSESSMENT_LATE":
        taken = parts[-1] if parts else "?"
        done = "not completed" if "not completed" in parts else f"completed {_day(end)}"
        text = f"First assessment late: {taken} from the start on {_day(start)}, {done}"
        extra = ""
    elif code == "NOT_COUNTERSIGNED":
        stage, waited = (parts + ["?", "?"])[:2]
        text = f"{_stage(stage).capitalize()} stage completed {_day(start)}, not countersigned after {waited}"
        extra = "stage"
    elif code == "COUNTERSIGN_LATE":
        stage, taken = (parts + ["?", "?"])[:2]
        text = f"{_stage(stage).capitalize()} stage countersigned {taken} after completion ({_span(start, end)})"
        extra = "stage"
    elif code == "NO_RISK_PANEL":
        text = f"High-risk case not reviewed at a risk panel by {_day(start)}"
        extra = "review missed"
    elif code == "EVENT_UNANSWERED":
        what = _stage(parts[0]).capitalize() if parts else "An event"
        text = f"{what} notified {_day(start)} with no management response in time"
        extra = "event"
    elif code == "ACTIONS_NOT_FOLLOWED_UP":
        text = f"Action due {_day(start)} {detail.strip() or 'not followed up'}"
        extra = "action"
    elif code == "ASSESSMENT_OUT_OF_DATE":
        text = f"Latest assessment {parts[0] if parts else '?'} old (completed {_day(start)})"
        extra = ""
    elif code == "THREADBARE_ENTRIES":
        text = f"{(parts[0] if parts else '?').replace(' entries ', ' management entries ')} ({_span(start, end)})"
        extra = ""
    else:  # a check added to CHECKS without words here yet
        text = f"{check.reason_text} ({detail})" if detail else check.reason_text
        extra = ""
    if more:
        noun = extra.replace("review", "reviews") if more > 1 and extra == "review missed" else extra
        noun = noun + "s" if more > 1 and extra and not noun.endswith(("s", "missed")) else noun
        text += f", and {more} more {noun}".rstrip()
    if m["critical"]:
        text += " (critical)"
    return text
