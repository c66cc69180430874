"""The indicator families: one record each, read by the pages, the navigation and the pack.

``queries/<name>/`` holds a family's SQL files; the order here is the order everywhere (the
catalogue, the overview, the pack's sections).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Family:
    name: str  # the folder under queries/
    title: str  # the page's title and its entry in the navigation
    heading: str  # the pack's heading: the title with the question it answers
    sheet: str  # the pack workbook's sheet (Excel allows 31 characters)
    intro: str  # the line under the page's title
    # indicators of other families that this family's page shows too, after its own (a head of
    # service reads DR4 beside SC1-SC3); they stay in their own family for totals and the pack
    also_shows: tuple[str, ...] = ()


FAMILIES: dict[str, Family] = {
    f.name: f
    for f in (
        Family(
            "footprint",
            "Footprint",
            "Footprint: is there evidence?",
            "Footprint",
            "Is there evidence of management oversight on every case, at allocation and on every assessment?",
        ),
        Family(
            "timeliness",
            "Timeliness",
            "Timeliness: was it done in time?",
            "Timeliness",
            "Was oversight recorded in time, and did managers respond in time?",
        ),
        Family(
            "risk_coverage",
            "Risk coverage",
            "Risk coverage: is oversight where the risk is?",
            "Risk coverage",
            "Is oversight where the risk is, and which cases may be rising in risk?",
        ),
        Family(
            "drift",
            "Drift and actions",
            "Drift: did it make a difference?",
            "Drift",
            "Did oversight make a difference: no long gaps, actions followed up, assessments current, "
            "supervision unbroken?",
        ),
        Family(
            "quality",
            "Quality of recording",
            "Quality of recording",
            "Quality",
            "Are management entries substantive, and do they show analysis, actions and the impact on the child?",
        ),
        Family(
            "quality_assurance",
            "Quality assurance",
            "Quality assurance: is the loop closed?",
            "Quality assurance",
            "Do audits reach the child's file: direction after every audit, a senior plan after an "
            "inadequate one, and stages countersigned with nothing left to clarify?",
        ),
        Family(
            "escalation",
            "Escalation",
            "Escalation: is the right level of manager involved?",
            "Escalation",
            "Do heads of service oversee serious incidents, and do service managers review high-risk cases?",
        ),
        Family(
            "staff",
            "Staff and supervision",
            "Staff: can the workforce carry the work, and is everyone supervised?",
            "Staff",
            "Can the workforce carry the work: caseloads within capacity, new cases to someone with room, "
            "supervision on return from absence and an unbroken chain of supervision?",
            also_shows=("DR4",),
        ),
        Family(
            "victims",
            "Victims",
            "Victims: is the victim in view?",
            "Victims",
            "Is the victim in view: considered in management oversight, contacted in time and offered "
            "restorative justice?",
        ),
        Family(
            "judgement",
            "Case judgement",
            "Case judgement (JG1)",
            "Judgement",
            "Each case judged as the inspectorate judges management oversight.",
        ),
    )
}
NAMES = tuple(FAMILIES)
