"""The policy sources every indicator and setting cites, as data.

Five documents lie behind the indicators: three local youth justice policies, the inspectorate's
principles and a local authority's guidance. Headers and settings cite them by number ("003",
"000 §7.1"); ``cite`` turns such a citation into one a reader can resolve without the documents
("Management oversight guidance (003)"). ``docs/sources.md`` is generated from this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    owner: str
    kind: str
    asks: tuple[str, ...]  # what it asks of a service, in Oversight's words

    @property
    def name(self) -> str:
        """How a citation shows it: the title with its number."""
        return f"{self.title} ({self.id})"


SOURCES: dict[str, Source] = {
    s.id: s
    for s in (
        Source(
            "000",
            "Enfield YOS Management Oversight Policy",
            "Enfield Youth Offending Service",
            "local policy",
            (
                "A management oversight footprint on every case, easily found on the child's file, "
                "with the sharpest focus on cases of medium or high risk to others, and vigilance "
                "for cases whose risk may rise (§2).",
                "Victim safety and the key requirements of restorative justice considered and evidenced (§2).",
                "An internal risk management panel, chaired by operational managers, for high-risk "
                "cases, beside MACE, MAPPA, the high-risk multi-agency panel and the gangs "
                "partnership group (§3).",
                "Good oversight starts at allocation: cases go to staff with the skills, experience "
                "and caseload capacity for them (§5).",
                "Headings on the file: 'Management Oversight by [panel]' for a panel, 'Management "
                "Oversight - Supervision' for supervision; after an audit, oversight on file that "
                "gives clear case direction (§7).",
                "Supervision actions and management oversight recorded within 48 hours (§7.1).",
            ),
        ),
        Source(
            "001",
            "Islington YOS Case Management Supervision Policy",
            "Islington Youth Offending Service (2016)",
            "local policy",
            (
                "Formal one-to-one case supervision at least once every calendar month for every "
                "case-holding practitioner, permanent or agency, and for specialist workers.",
                "Every open case, without exception, discussed at each monthly supervision.",
                "The supervision record on the child's file within 5 working days, or within 24 "
                "hours for significant case decisions and urgent matters.",
                "Management decisions made outside formal supervision recorded under the heading "
                "'Management Supervision of Case'; panel (MARP) discussions and audit outcomes "
                "recorded on the child's record in good time.",
                "An unbroken chain of regular formal supervision from case manager up to the Assistant Director.",
                "Gaps in supervision for leave recorded, and supervision scheduled as a priority "
                "when the case manager returns.",
            ),
        ),
        Source(
            "002",
            "HMI Probation key principles for management oversight",
            "HM Inspectorate of Probation",
            "inspectorate guidance",
            (
                "Three levels of oversight: quality assurance of processes (level 1), oversight "
                "through supervision (level 2) and oversight of immediate risk (level 3).",
                "A focus on children assessed as medium or higher risk of harm to others or medium "
                "or higher safety and wellbeing concern, while watching cases whose risk may rise.",
                "Oversight that identifies deficits and confirms remedial actions were taken: "
                "asking for tasks without making sure they were done is not enough.",
                "The inspector's three questions: is there sufficient evidence of management "
                "oversight, was it effective, did it make a difference?",
                "Four case examples, two judged sufficient and two insufficient, with the "
                "inspector's reasons (late and uncountersigned assessments, threadbare entries, "
                "superficial comment without analysis of risk).",
            ),
        ),
        Source(
            "003",
            "Management oversight guidance",
            "Children's services of a local authority (youth justice included)",
            "local guidance",
            (
                "Three kinds of case note kept apart: Management Oversight, Management Decision and Supervision.",
                "Team managers update the child's record at least every 4 weeks, give oversight "
                "within 1 day of a new case being allocated, and immediately on notification of a "
                "significant incident; after an audit, an oversight note with the immediate "
                "actions (§1).",
                "Service managers regularly review high-risk cases; heads of service oversee serious "
                "incidents and rapid reviews and set the plan when an audit is inadequate (§2).",
                "The impact on the child always considered and recorded, in every oversight entry.",
            ),
        ),
        Source(
            "004",
            "Gateshead YOT Management Oversight Policy",
            "Gateshead Youth Offending Team (2018)",
            "local policy",
            (
                "4-weekly supervision for every case manager with their line manager.",
                "Weekly POD meetings that review every case on a rolling three-monthly basis, or "
                "4-weekly where the case is high risk, with minutes on the case record.",
                "Every AssetPlus stage gatekept and countersigned, whatever its ratings; "
                "assessments reviewed every three months or on a significant change.",
                "Monitoring of answers left 'yet to clarify' and of high risk ratings.",
            ),
        ),
    )
}

_ID = re.compile(r"\b(\d{3})\b")


def cite(text: str) -> str:
    """A citation with every source number named: "003 §2" -> "Management oversight guidance (003) §2".

    Text that names no source (a local choice, say) comes back unchanged; a three-digit number
    that is not a source is an error, so a citation cannot point at nothing.
    """

    def name(match: re.Match[str]) -> str:
        source = SOURCES.get(match.group(1))
        if source is None:
            raise ValueError(f"{text!r} cites {match.group(1)}, which is not a policy source")
        return source.name

    return _ID.sub(name, text)


def cited(text: str) -> tuple[str, ...]:
    """The source numbers a citation names, in order, each once."""
    return tuple(dict.fromkeys(_ID.findall(text)))
