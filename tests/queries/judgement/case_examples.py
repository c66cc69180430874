"""The four case examples of HM Inspectorate of Probation's management oversight guidance
(source 002, see docs/sources.md) as case histories, for the JG1 acceptance test
and for the dashboard's tests.

Each builder adds one case (and its records) to an ``Extract`` that already has the standard
staff (hos1 > tm1 > cm1, cm2; ``tests.builder.standard_staff``) and returns the case id. All four
are judged as of :data:`AS_OF`. Dates are chosen so that each history says what the inspector
found, in the terms the rules can see; the comments quote the inspector.
"""

from __future__ import annotations

from tests.builder import Extract

AS_OF = "2026-06-30"

EXPECTED = {
    # example: (judgement, reason codes)
    "one": ("sufficient", set()),
    "two": ("sufficient", set()),
    "three": (
        "insufficient",
        {
            "FIRST_ASSESSMENT_LATE_CRITICAL",
            "NOT_COUNTERSIGNED_CRITICAL",
            "THREADBARE_ENTRIES",
            "EVIDENCE_GAP",
            "NO_RISK_PANEL",
        },
    ),
    "four": ("insufficient", {"COUNTERSIGN_LATE", "NO_RISK_PANEL", "ACTIONS_NOT_FOLLOWED_UP"}),
}

_SUBSTANTIVE = (
    "Discussed the latest risk of harm analysis with the case manager and agreed how the "
    "safety and wellbeing concerns raised by the school and police will be addressed. "
    "Actions: case manager to arrange a joint visit with the social worker by Friday and to "
    "update the risk management plan; the impact on the child of the new contingency plan "
    "will be reviewed at the next supervision."
)  # 66 words
_THREADBARE = "Case discussed. Continue as planned."  # 5 words
_GENERAL = (
    "Case discussed in supervision with the case manager. General update given on attendance "
    "at appointments, school and family contact. The case manager is experienced and content "
    "with progress so far. Nothing further raised at this time by either of us. Case to "
    "continue as planned and to be discussed again at the next supervision."
)  # 54 words: frequent and long enough, but general rather than an analysis of risk


def _ensure_staff(e: Extract) -> None:
    if not any(s["staff_id"] == "sp1" for s in e.rows["staff"]):
        e.staff("sp1", role="senior_practitioner", line_manager_id="tm1")
    e.include("events", "actions", "panels")


def example_one(e: Extract, case_id: str = "ex1") -> str:
    """Sufficient: "Management oversight was consistently evident throughout the case record"."""
    _ensure_staff(e)
    e.case(case_id, "2026-01-05", disposal="yro")
    # "swift QA and feedback activity (including follow-up where the AssetPlus had been rejected
    # for further amendments)": returned once, countersigned 2 working days after completion.
    # "a high risk and highly vulnerable child"
    e.assessment(case_id, "2026-01-05", "2026-01-23", "2026-01-27", stage="initial",
                 rosh="high", swb="high", returned_count=1)  # fmt: skip
    e.assessment(case_id, "2026-04-13", "2026-04-20", "2026-04-21", stage="review", rosh="high", swb="high")
    # "monthly case supervision discussions and updates"
    for day in ("2026-01-12", "2026-02-09", "2026-03-09", "2026-04-13", "2026-05-11", "2026-06-08"):
        e.note(case_id, day, note_type="Management Oversight - Supervision", text=_SUBSTANTIVE)
    # "managed within an additional risk management panel process, with copies of minutes and
    # actions on the case record"; "Actions were set and followed up to reduce drift".
    panels = ("2026-01-26", "2026-02-23", "2026-03-23", "2026-04-27", "2026-05-26", "2026-06-22")
    for day in panels:
        e.panel(case_id, day, recorded_date=day)
        e.note(case_id, day, note_type="Risk Management Panel", text=_SUBSTANTIVE)
    e.action(case_id, "2026-01-26", "2026-02-09", "2026-02-06", "2026-02-09")
    e.action(case_id, "2026-03-23", "2026-04-13", "2026-04-10", "2026-04-13")
    e.action(case_id, "2026-05-26", "2026-06-08", "2026-06-05", "2026-06-08")
    # "Management oversight and guidance was also delivered to the specific specialist workers",
    # here after a police call-out the day before
    e.event(case_id, "2026-03-02 21:00", event_type="police_callout", notified_at="2026-03-02 22:30")
    e.note(case_id, "2026-03-03 10:00", "2026-03-03 11:00", text=_SUBSTANTIVE)
    return case_id


def example_two(e: Extract, case_id: str = "ex2") -> str:
    """Sufficient: "the initial shortfalls in QA are later outweighed by the activity and oversight
    from the manager"."""
    _ensure_staff(e)
    e.case(case_id, "2026-01-12", disposal="referral_order")
    # "quality assured by the senior practitioner at the initial assessment stage, but there are
    # deficits ... countersignature of an insufficient assessment": on time, risk underestimated
    e.assessment(case_id, "2026-01-12", "2026-02-06", "2026-02-10", stage="initial",
                 rosh="low", swb="medium", countersigned_by="sp1")  # fmt: skip
    # "a detailed review assessment, which captures the raised risk of harm and safeguarding
    # issues ... countersigned and contains clear managerial feedback"
    e.assessment(case_id, "2026-04-06", "2026-04-14", "2026-04-16", stage="review", rosh="high", swb="high")
    # "very regular management oversight and commitment from the manager, who made telephone
    # calls and held meetings with other agencies"; the early entries are thin ("partial
    # evidence of this on the case record"), the later ones full
    fortnightly = (
        "2026-01-19", "2026-02-02", "2026-02-16", "2026-03-02", "2026-03-16", "2026-03-30",
        "2026-04-13", "2026-04-27", "2026-05-11", "2026-05-25", "2026-06-08", "2026-06-22",
    )  # fmt: skip
    for n, day in enumerate(fortnightly):
        e.note(case_id, day, text=_THREADBARE if n < 4 else _SUBSTANTIVE)
    # "in response to the case being escalated": an exploitation concern answered next day
    e.event(case_id, "2026-04-09 15:00", event_type="exploitation_concern")
    e.note(case_id, "2026-04-10 09:30", note_type="Management Decision", significant=True, text=_SUBSTANTIVE)
    # "sufficient mechanisms in place (Risk Panel, Review meeting, MACE meeting)"
    e.panel(case_id, "2026-05-18", recorded_date="2026-05-19")
    e.note(case_id, "2026-06-15", note_type="Management Oversight by MACE", text=_SUBSTANTIVE)
    return case_id


def example_three(e: Extract, case_id: str = "ex3") -> str:
    """Insufficient: "an absence of management scrutiny of both process and the quality of
    practice"."""
    _ensure_staff(e)
    e.case(case_id, "2026-01-05", disposal="yro")
    # "assessed as high risk at PSR stage"
    e.assessment(case_id, "2025-12-01", "2025-12-15", "2025-12-17", stage="psr", rosh="high", swb="high")
    # "a three-month delay in completion of the assessment following sentence" (61 working
    # days); "no management countersignature for four months after that" (31 July, after D);
    # "Risk of Harm to others was underestimated"
    e.assessment(case_id, "2026-01-05", "2026-03-31", "2026-07-31", stage="initial", rosh="medium", swb="medium")
    # "The management oversight entries are threadbare with no content"; "Limited entries"
    for day in ("2026-01-20", "2026-02-10", "2026-04-20", "2026-05-12", "2026-06-29"):
        e.note(case_id, day, text=_THREADBARE)
    return case_id


def example_four(e: Extract, case_id: str = "ex4") -> str:
    """Insufficient: "the subsequent delay in QA and countersignature, coupled with a lack of action
    or follow-up to adhere to local risk management policy/guidance, causes drift"."""
    _ensure_staff(e)
    e.case(case_id, "2026-02-02", disposal="yro")
    # "the case manager's assessment of safety and wellbeing is underestimated, and this is not
    # picked up (or remedied) by the manager who quality assures the assessment"
    e.assessment(case_id, "2026-02-02", "2026-02-20", "2026-02-24", stage="initial", rosh="medium", swb="low")
    # "the case has been discussed in formal supervision ... This leads to a review being
    # completed and the case is correctly re-assessed as high risk of harm. However, there is a
    # delay in QA and countersignature" (14 working days)
    e.note(case_id, "2026-03-30", note_type="Management Oversight - Supervision", text=_GENERAL,
           note_id=f"{case_id}-sup")  # fmt: skip
    e.assessment(case_id, "2026-03-31", "2026-04-08", "2026-04-28", stage="review", rosh="high", swb="medium")
    # "the management comment is frequent and evident within the case record, but it is
    # superficial and mainly a general discussion"
    fortnightly = (
        "2026-02-09", "2026-02-23", "2026-03-09", "2026-03-23", "2026-04-06", "2026-04-20",
        "2026-05-05", "2026-05-18", "2026-06-01", "2026-06-15", "2026-06-29",
    )  # fmt: skip
    for day in fortnightly:
        e.note(case_id, day, text=_GENERAL)
    # "no formal risk management meeting (as per local policy) takes place and the case ends up
    # drifting": the supervision's action is never done; a later one is done late, unconfirmed
    e.action(case_id, "2026-03-30", note_id=f"{case_id}-sup")
    e.action(case_id, "2026-05-11", "2026-05-25", "2026-06-01")
    return case_id


BUILDERS = {"one": example_one, "two": example_two, "three": example_three, "four": example_four}


def all_examples(e: Extract) -> dict[str, str]:
    """All four cases in one extract: example name -> case id."""
    return {name: build(e) for name, build in BUILDERS.items()}
