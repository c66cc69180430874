"""Free text for synthetic case notes, built from fragments.

Management entries range from analytical (analysis of risk, safety or wellbeing; an action with
an owner or a date; the impact on the child: the signals in queries/quality/ql2_phrases.toml,
at least 40 words) to threadbare. No text ever names a child: it says "the young person", "YP"
or "the child". Pools are built once from a fixed seed so every extract shares them and the
generator only picks indices.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import polars as pl

QUALITIES = ("analytical", "medium", "threadbare")
KINDS = ("allocation", "oversight", "supervision", "decision", "event", "panel", "audit", "followup", "senior")

_OPENERS = {
    "allocation": [
        "Case allocated to the case manager following sentence.",
        "Allocation discussed with the case manager today and the case file read in full.",
        "New case allocated; I have read the court papers and the previous records.",
        "Case allocated and initial planning discussed with the allocated worker.",
    ],
    "oversight": [
        "Management oversight of the case following review of recent contacts.",
        "I have reviewed the case record and recent contact notes.",
        "Case reviewed with the case manager today.",
        "Oversight completed after reading the last month of recording.",
        "Reviewed the plan and the most recent contacts with YP and family.",
    ],
    "supervision": [
        "Case discussed in supervision with the case manager.",
        "Discussed in monthly supervision, including the intervention plan.",
        "Case brought to supervision by the case manager.",
        "Supervision discussion of this case, plan and recent contacts reviewed.",
    ],
    "decision": [
        "Management decision following discussion with the case manager.",
        "Decision made today after reviewing the plan and recent events.",
        "Management decision recorded after consultation with the team manager.",
    ],
    "event": [
        "Notified of the incident this morning and discussed with the case manager.",
        "Oversight following notification from police overnight.",
        "Manager informed of the event today; record reviewed straight away.",
        "Discussed the notification with the case manager and the duty worker.",
    ],
    "panel": [
        "Risk management panel held with police, children's social care and education present.",
        "Case presented to the multi-agency panel by the case manager.",
        "Panel reviewed the risk management plan with partner agencies.",
    ],
    "audit": [
        "Case file audit completed using the service audit tool.",
        "Audit of the case record completed as part of the quarterly audit programme.",
        "Case audited; practice and management oversight reviewed.",
    ],
    "followup": [
        "Following the case audit, I have discussed the findings with the case manager.",
        "Management direction after the audit of this file, agreed with the case manager today.",
        "Audit findings reviewed and the immediate actions set out for the case manager.",
    ],
    "senior": [
        "Head of service oversight: I have read the file and spoken to the team manager.",
        "Senior management review of the case following the notification.",
        "Service manager review of this high risk case and its risk management plan.",
        "Plan of work agreed with the team manager to improve the plan and the file.",
    ],
}

_ANALYSIS = [
    "Risk of serious harm remains under review: the recent association with older peers raises "
    "concern about exploitation and the safety plan has been updated.",
    "Safety and wellbeing concerns are linked to missing episodes at weekends; protective factors "
    "include the relationship with the grandparent and attendance at college.",
    "The analysis of risk is sound and reflects the recent arrest; contingency plans are in place "
    "if the young person goes missing again.",
    "Wellbeing has improved since the move, although the risk to others is still assessed as "
    "medium because of the weapon found in March.",
    "Vulnerability to criminal exploitation is the main concern; the safeguarding referral has "
    "been made and the strategy discussion is booked.",
    "Risk factors are substance use and the breakdown at home; harm to others appears low but "
    "safety at home needs to be checked again.",
    "YP's emotional wellbeing is fragile after the bereavement and the risk of self-harm has been "
    "discussed with CAMHS.",
    "Escalating behaviour at school suggests the risk is rising; the assessment needs a review "
    "rather than waiting for the three-month point.",
]

_ACTIONS = [
    "Action: case manager to complete the AssetPlus review by the end of the month.",
    "Action: case manager will refer to the speech and language therapist within 5 days.",
    "Action: case manager to update the safety plan, to be completed by next supervision.",
    "Action: I will review the case again in two weeks; case manager will arrange a joint home "
    "visit with the social worker.",
    "Action: case manager will complete the exploitation screening tool by Friday.",
    "Actions: book the education meeting, deadline two weeks; share the plan with the parent.",
]

_IMPACT = [
    "This means the young person has a clear plan and knows who to contact out of hours.",
    "The impact on the child should be more stable attendance and fewer nights away from home.",
    "For the child this should reduce contact with the older peer group, so that they are safer at weekends.",
    "The child's view is that the sessions are helping; contact will stay at twice weekly.",
    "Outcome for the child so far: improved engagement and no further arrests since the last review.",
    "This should make a difference for YP's family, who feel better able to set boundaries.",
]

_MEDIUM = [
    "Recent contacts reviewed and the plan remains appropriate. YP is attending appointments "
    "and engaging with the reparation work.",
    "Progress is steady and the case manager is in contact with the school and the family. "
    "Continue with the current level of contact.",
    "Attendance at appointments has been mixed this month. The case manager has spoken to the "
    "parent and will keep me updated.",
    "Intervention plan on track. Offending behaviour sessions completed and the panel review is booked for next month.",
    "The young person has settled at the new placement and is attending college three days a week.",
]

_THREADBARE = {
    "allocation": ["Case allocated.", "Allocated to CM.", "Case allocated. No concerns.", "Allocation agreed."],
    "oversight": [
        "Case reviewed. No concerns.",
        "Seen and agreed.",
        "Oversight completed.",
        "Noted. Continue with plan.",
        "Case read. Nothing further.",
    ],
    "supervision": [
        "Discussed in supervision. No concerns.",
        "Case discussed. Continue with current plan.",
        "Discussed in supervision.",
        "No change. Continue.",
        "Discussed with CM. Plan agreed.",
    ],
    "decision": ["Decision agreed.", "Agreed to continue.", "Decision: no change.", "Closure agreed."],
    "event": ["Noted.", "Aware. CM to follow up.", "Incident noted.", "Discussed with CM."],
    "panel": ["Discussed at panel.", "Panel held. Plan agreed.", "Presented at panel."],
    "audit": ["Audit completed.", "Case audited.", "Audit done, see tool."],
    "followup": ["Audit discussed with CM.", "Audit feedback given.", "See audit. CM to action."],
    "senior": ["Aware. Discussed with TM.", "Noted by HoS.", "Reviewed. Agree with plan."],
}

# Entries on a case with a victim that keep the victim in view (the victim signal of VC1). No
# victim is ever named or located.
_VICTIM = [
    "Victim safety considered: the exclusion zone and the no-contact condition stay in the plan.",
    "The victim has agreed to be contacted and the restorative justice worker will offer a meeting.",
    "RJ: the victim declined to meet but would accept a letter of apology, which YP is writing.",
    "Harm to others remains the focus; the victim's wish for no contact has been shared with school.",
    "Victim liaison update: the victim's views were shared at the panel and shape the reparation.",
    "Restorative work with the victim is going ahead after the victim worker's second call.",
]
_VICTIM_SHORT = ["Victim informed.", "Victim contacted, no concerns.", "RJ offered to the victim."]

_CONTACTS = [
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "Home visit completed; YP engaged well and spoke about school.",
    "Attended the appointment on time and completed the session on victim awareness.",
    "Did not attend. Telephone call to parent, appointment rearranged.",
    "Telephone contact with parent to confirm next appointment.",
    "Session on consequential thinking completed in the office.",
    "Reparation session attended, three hours completed.",
    "School visit: met the head of year to discuss attendance.",
    "Text reminder sent for tomorrow's appointment.",
    "Joint visit with the social worker; the young person was at home.",
    "Session focused on managing conflict at home.",
    "Short contact; the child was tired but engaged.",
]


def _compose(rng: np.random.Generator, kind: str, quality: str, victim: bool) -> str:
    opener = _OPENERS[kind][rng.integers(len(_OPENERS[kind]))]
    if quality == "threadbare":
        text = _THREADBARE[kind][rng.integers(len(_THREADBARE[kind]))]
        return f"{text} {_VICTIM_SHORT[rng.integers(len(_VICTIM_SHORT))]}" if victim else text
    about = f" {_VICTIM[rng.integers(len(_VICTIM))]}" if victim else ""
    if quality == "medium":
        # half are long enough to be substantive (QL1) yet still carry no action or impact (QL2)
        first, second = rng.choice(len(_MEDIUM), 2, replace=False)
        more = f" {_MEDIUM[second]}" if rng.random() < 0.5 else ""
        return f"{opener} {_MEDIUM[first]}{about}{more}"
    analysis = _ANALYSIS[rng.integers(len(_ANALYSIS))]
    action = _ACTIONS[rng.integers(len(_ACTIONS))]
    # some analytical entries stop at the action and never say what it means for the child
    impact = _IMPACT[rng.integers(len(_IMPACT))] if rng.random() < 0.8 else ""
    # Some systems keep the line breaks practitioners type: the CSV must quote them.
    sep = "\n" if rng.random() < 0.3 else " "
    return f"{opener} {analysis}{about}{sep}{action}{sep}{impact}".rstrip()


@lru_cache(maxsize=1)
def pool_frame(size: int = 40) -> pl.DataFrame:
    """Every text with its (kind, quality, victim, j) key and its word count, the same for every
    seed; contacts have kind -1, quality 0 and victim 0."""
    rng = np.random.default_rng(20261031)
    rows = []
    for k, kind in enumerate(KINDS):
        for q, quality in enumerate(QUALITIES):
            for victim in (0, 1):
                texts = sorted({_compose(rng, kind, quality, bool(victim)) for _ in range(size)})
                rows += [(k, q, victim, j, t) for j, t in enumerate(texts)]
    rows += [(-1, 0, 0, j, t or None) for j, t in enumerate(_CONTACTS)]
    frame = pl.DataFrame(
        rows,
        schema={"kind": pl.Int64, "quality": pl.Int64, "victim": pl.Int64, "j": pl.Int64, "text": pl.String},
        orient="row",
    )
    return frame.with_row_index("row").with_columns(
        words=pl.col("text").str.count_matches(r"\S+").fill_null(0).cast(pl.Int64)
    )


def pick(rng: np.random.Generator, kind: np.ndarray, quality: np.ndarray, victim: np.ndarray) -> np.ndarray:
    """One text per entry, as a row of :func:`pool_frame`, given integer codes into KINDS and
    QUALITIES (kind -1: a contact) and whether the entry mentions the victim."""
    table = pool_frame()
    sizes = table.group_by("kind", "quality", "victim").agg(n=pl.len())
    wanted = pl.DataFrame(
        {
            "kind": np.asarray(kind, dtype=np.int64),
            "quality": np.asarray(quality, dtype=np.int64),
            "victim": np.asarray(victim, dtype=np.int64),
            "r": rng.integers(0, 1 << 30, len(kind)),
        }
    )
    return (
        wanted.join(sizes, on=["kind", "quality", "victim"], how="left", maintain_order="left")
        .with_columns(j=pl.col("r") % pl.col("n"))
        .join(table, on=["kind", "quality", "victim", "j"], how="left", maintain_order="left")
        .get_column("row")
        .to_numpy()
        .astype(np.int64)
    )


def texts_of(rows: np.ndarray) -> pl.Series:
    """The texts of :func:`pick`'s rows."""
    return pool_frame().get_column("text").gather(rows)


def words_of(rows: np.ndarray) -> np.ndarray:
    """Word counts (runs of non-space, as QL1 counts them) of :func:`pick`'s rows."""
    return pool_frame().get_column("words").to_numpy()[rows]
