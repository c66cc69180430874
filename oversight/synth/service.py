"""One synthetic youth justice service: staff, children, cases and everything on their records.

Dates are whole days since 1970-01-01 (numpy int64) and times minutes since then, so every
process is drawn for all cases at once (Poisson points, month grids) rather than row by row.
The case manager's line manager has a *style* (good, light-touch, drifting) that drives the
management entries, countersignatures (and the answers left "yet to clarify" they accept),
panels and case reviews, actions, supervisions (on return from absence too), allocation against
part-time capacity, victim contact and restorative justice, and follow-up after audits on the
cases they oversee, so per-manager indicators differ for a reason a user can find. Auditors'
own judgements of oversight are read from the case's generated file as it stood on the audit
day (the checks an inspector makes), with human noise, so they agree with the case judgement as
a well-calibrated service's would.
"""

from __future__ import annotations

import datetime as dt
import heapq
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import polars as pl

from oversight.schema import MANAGER_ROLES
from oversight.synth import text as texts
from oversight.workdays import bank_holidays

EPOCH = dt.date(1970, 1, 1)
LAST_DAY = dt.date(2026, 10, 31)  # the extract's last day: nothing is dated after it (but due dates)
FIRST_DAY = dt.date(2024, 5, 1)  # cases start from here: 2.5 years, so 24-month trends have data
END = (LAST_DAY - EPOCH).days
START = (FIRST_DAY - EPOCH).days
NEVER = 10**6  # a day far after END, for "not yet" in arithmetic
# a fortnight's leave across the Spring bank holiday (Monday 25 May 2026): 10 working days
_BANK_HOLIDAY_LEAVE = ((dt.date(2026, 5, 20) - EPOCH).days, (dt.date(2026, 6, 3) - EPOCH).days)


@lru_cache(maxsize=1)
def _holidays() -> np.ndarray:
    return np.array(sorted(bank_holidays(range(2010, 2029))), dtype="datetime64[D]")


def add_workdays(days: np.ndarray, k: np.ndarray | int) -> np.ndarray:
    """The k-th working day after each day (k = 0: the day itself, or the next working day)."""
    d = np.asarray(days, dtype="int64").astype("datetime64[D]")
    out = np.busday_offset(d, k, roll="forward", holidays=_holidays())
    return out.astype("int64")


def weekday_of(days: np.ndarray) -> np.ndarray:
    return (np.asarray(days) + 3) % 7  # 1970-01-01 was a Thursday; Monday = 0


def to_weekday(days: np.ndarray) -> np.ndarray:
    """Saturdays and Sundays moved to the Monday after: offices record on working days."""
    dow = weekday_of(days)
    return days + np.where(dow == 5, 2, np.where(dow == 6, 1, 0))


def month_of(days: np.ndarray) -> np.ndarray:
    return np.asarray(days, dtype="int64").astype("datetime64[D]").astype("datetime64[M]").astype("int64")


def month_start(months: np.ndarray) -> np.ndarray:
    return np.asarray(months, dtype="int64").astype("datetime64[M]").astype("datetime64[D]").astype("int64")


# --- manager styles ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Style:
    adhoc_gap_days: float  # mean gap between ad hoc oversight entries on a case
    case_supervision_p: float  # chance a case is discussed in a given month's supervision
    allocation_p: float  # oversight recorded at allocation
    record: tuple[float, float, float]  # same day, within 48 h, late
    late_days: tuple[int, int]
    quality: tuple[float, float, float]  # analytical, medium, threadbare
    countersign: tuple[float, float, float, float]  # quick, slow, very slow, never
    panel_p: float
    event_p: float  # a trigger event answered within a working day
    action_done_p: float
    action_confirm_p: float
    confirm_delay: tuple[int, int]  # working days
    staff_supervision_p: float  # a formal 1:1 held in a month
    review_gap: tuple[int, int]  # days between AssetPlus reviews
    date_only_p: float
    grades: tuple[float, float, float, float]
    # staff capacity: allocation that respects a part-time post, and a post given more than its share
    fte_aware_p: float = 1.0
    overload_p: float = 0.05
    return_supervision_p: float = 0.8  # a 1:1 within 5 working days of return from a long absence
    ytc_accept_p: float = 0.1  # a countersigner who lets answers "yet to clarify" through
    returned: tuple[float, float, float, float] = (0.55, 0.3, 0.1, 0.05)  # times sent back: 0..3
    audit_follow_p: float = 0.85  # direction on the file within 2 days of an audit
    victim_contact: tuple[float, float] = (0.9, 0.07)  # within 10 working days, late (rest: never)
    rj_offer: tuple[float, float] = (0.8, 0.1)  # within 20 working days, late (rest: never)
    victim_note_p: float = 0.35  # a management entry on a case with a victim mentions them
    pod_gap: tuple[int, int] = (60, 85)  # days between case-review (POD) meetings
    pod_skip_p: float = 0.05  # a case left out of the rolling review
    panel_record: tuple[float, float] = (0.9, 0.05)  # minutes on the record within 2 days, late
    senior_gap_days: float = 45.0  # an operational manager's own review of a high-risk case


STYLES = (
    Style(
        45,
        0.93,
        0.92,
        (0.78, 0.20, 0.02),
        (3, 8),
        (0.70, 0.20, 0.10),
        (0.88, 0.10, 0.01, 0.01),
        0.92,
        0.90,
        0.92,
        0.92,
        (0, 6),
        0.96,
        (78, 95),
        0.02,
        (0.15, 0.55, 0.25, 0.05),
    ),
    Style(
        28,
        0.88,
        0.80,
        (0.60, 0.32, 0.08),
        (3, 12),
        (0.08, 0.22, 0.70),
        (0.72, 0.20, 0.04, 0.04),
        0.70,
        0.72,
        0.85,
        0.22,
        (0, 15),
        0.88,
        (85, 110),
        0.04,
        (0.04, 0.36, 0.45, 0.15),
        fte_aware_p=0.8,
        overload_p=0.15,
        return_supervision_p=0.45,
        ytc_accept_p=0.5,
        returned=(0.8, 0.15, 0.04, 0.01),
        audit_follow_p=0.5,
        victim_contact=(0.75, 0.17),
        rj_offer=(0.6, 0.2),
        victim_note_p=0.15,
        pod_gap=(75, 100),
        pod_skip_p=0.12,
        panel_record=(0.75, 0.15),
        senior_gap_days=90.0,
    ),
    Style(
        150,
        0.30,
        0.45,
        (0.35, 0.30, 0.35),
        (3, 25),
        (0.30, 0.35, 0.35),
        (0.35, 0.40, 0.15, 0.10),
        0.40,
        0.35,
        0.70,
        0.40,
        (3, 30),
        0.55,
        (100, 160),
        0.10,
        (0.02, 0.20, 0.45, 0.33),
        fte_aware_p=0.5,
        overload_p=0.2,
        return_supervision_p=0.15,
        ytc_accept_p=0.7,
        returned=(0.9, 0.08, 0.02, 0.0),
        audit_follow_p=0.25,
        victim_contact=(0.55, 0.3),
        rj_offer=(0.4, 0.25),
        victim_note_p=0.06,
        pod_gap=(90, 140),
        pod_skip_p=0.3,
        panel_record=(0.45, 0.35),
        senior_gap_days=200.0,
    ),
)


def style_column(style: np.ndarray, field: str) -> np.ndarray:
    return np.array([getattr(s, field) for s in STYLES])[style]


# --- disposals ---------------------------------------------------------------------------------

# share of new cases, the team kind that holds them, and how long they run (days)
DISPOSALS: dict[str, tuple[float, str]] = {
    "referral_order": (0.27, "court"),
    "yro": (0.11, "court"),
    "dto": (0.02, "intensive"),
    "youth_caution": (0.06, "ooc"),
    "youth_conditional_caution": (0.08, "ooc"),
    "community_resolution": (0.16, "ooc"),
    "turnaround": (0.11, "ooc"),
    "bail_supervision": (0.06, "court"),
    "remand": (0.02, "intensive"),
    "prevention": (0.10, "ooc"),
    "other": (0.01, "ooc"),
}
DISPOSAL_NAMES = tuple(DISPOSALS)
_MONTH = 30.44
_TERMS = {  # (choices in days, weights) or (low, high) uniform
    "referral_order": ([3 * _MONTH, 4 * _MONTH, 6 * _MONTH, 9 * _MONTH, 12 * _MONTH], [0.15, 0.2, 0.3, 0.2, 0.15]),
    "yro": ([6 * _MONTH, 9 * _MONTH, 12 * _MONTH, 18 * _MONTH, 24 * _MONTH], [0.2, 0.25, 0.3, 0.15, 0.1]),
    "dto": ([4 * _MONTH, 6 * _MONTH, 8 * _MONTH, 12 * _MONTH, 18 * _MONTH], [0.2, 0.25, 0.2, 0.25, 0.1]),
    "youth_caution": (30, 90),
    "youth_conditional_caution": (60, 112),
    "community_resolution": (30, 90),
    "turnaround": (90, 180),
    "bail_supervision": (20, 120),
    "remand": (14, 120),
    "prevention": (60, 180),
    "other": (30, 120),
}
# the disposals for an offence with a victim (not prevention, Turnaround, bail or remand)
_VICTIM_DISPOSALS = (
    "referral_order",
    "yro",
    "dto",
    "youth_caution",
    "youth_conditional_caution",
    "community_resolution",
)
CONTACT_GAP = {"court": 18.0, "ooc": 28.0, "intensive": 8.0}


def _mean_term(name: str) -> float:
    term = _TERMS[name]
    if isinstance(term[0], list):
        return float(np.dot(term[0], term[1]))
    return (term[0] + term[1]) / 2


MEAN_TERM_DAYS = {name: _mean_term(name) for name in DISPOSALS}
MEAN_CASE_DAYS = sum(share * MEAN_TERM_DAYS[n] for n, (share, _) in DISPOSALS.items())
CASELOAD = 12.0  # target open cases per case manager


def expected_open(kind: str) -> float:
    """Share of the open caseload a team kind holds (YROs at the intensive end count there)."""
    total = 0.0
    for name, (share, k) in DISPOSALS.items():
        load = share * MEAN_TERM_DAYS[name]
        if name == "yro":
            total += load * (0.8 if kind == "court" else 0.2 if kind == "intensive" else 0)
        elif k == kind:
            total += load
    return total / MEAN_CASE_DAYS


# --- names ------------------------------------------------------------------------------------

FIRST_NAMES = (
    "Aisha",
    "Alex",
    "Amir",
    "Amy",
    "Ben",
    "Bethan",
    "Carys",
    "Chloe",
    "Chris",
    "Dan",
    "Deborah",
    "Dev",
    "Eleanor",
    "Emma",
    "Farah",
    "Gareth",
    "Grace",
    "Hannah",
    "Harpreet",
    "Ian",
    "Imran",
    "Jade",
    "James",
    "Jo",
    "Karen",
    "Kofi",
    "Laura",
    "Leanne",
    "Lewis",
    "Marcus",
    "Maria",
    "Megan",
    "Mo",
    "Nadia",
    "Neil",
    "Olu",
    "Owen",
    "Paul",
    "Priya",
    "Rachel",
    "Rhys",
    "Rob",
    "Ruth",
    "Sam",
    "Sara",
    "Shona",
    "Simon",
    "Sophie",
    "Tariq",
    "Tom",
    "Vicky",
    "Wendy",
    "Zoe",
)
SURNAMES = (
    "Abbott",
    "Ahmed",
    "Ali",
    "Allen",
    "Bailey",
    "Barker",
    "Begum",
    "Bennett",
    "Brooks",
    "Campbell",
    "Clarke",
    "Cole",
    "Davies",
    "Edwards",
    "Evans",
    "Fletcher",
    "Foster",
    "Griffiths",
    "Hall",
    "Harris",
    "Hughes",
    "Hussain",
    "Jenkins",
    "Jones",
    "Kaur",
    "Khan",
    "Lewis",
    "Lloyd",
    "Marsh",
    "Mensah",
    "Morgan",
    "Murphy",
    "Nolan",
    "Okafor",
    "Owen",
    "Parry",
    "Patel",
    "Powell",
    "Price",
    "Reid",
    "Roberts",
    "Shah",
    "Singh",
    "Taylor",
    "Thomas",
    "Turner",
    "Walsh",
    "Ward",
    "Watkins",
    "Williams",
    "Wilson",
    "Wright",
    "Young",
)

COURT_TEAMS = ("Court North", "Court South", "Court East", "Court West", "Court Central", "Court City")
OOC_TEAMS = ("Out of Court & Prevention", "Prevention & Turnaround", "Out of Court East", "Out of Court West")
INTENSIVE_TEAMS = ("Intensive Support", "Intensive Support East", "Intensive Support West")


# --- the service ---------------------------------------------------------------------------------


@dataclass
class Staff:
    idx: int
    role: str
    team: str
    manager: int | None
    start: int | None
    end: int | None
    style: int = 0
    fte: float = 1.0
    agency: bool = False


class Service:
    """Simulates one service. ``frames()`` returns every canonical table as a polars frame of
    strings/dates ready to write, ids prefixed with ``prefix``."""

    def __init__(
        self, rng: np.random.Generator, size: float, prefix: str = "", label: str = "", assetplus: tuple[str, ...] = ()
    ) -> None:
        self.rng = rng
        self.size = size
        self.prefix = prefix
        self.label = label
        self.assetplus = assetplus
        self.staff: list[Staff] = []
        self.names: list[str] = []

    # ---- staff --------------------------------------------------------------------------------

    def _team_name(self, team: str) -> str:
        return f"{self.label} {team}" if self.label else team

    def _add(
        self,
        role: str,
        team: str,
        manager: int | None,
        start: int | None = None,
        end: int | None = None,
        style: int = 0,
    ) -> int:
        rng = self.rng
        if start is None:
            start = int(rng.integers((dt.date(2009, 1, 1) - EPOCH).days, START - 30))
        self.staff.append(Staff(len(self.staff), role, self._team_name(team), manager, start, end, style))
        return len(self.staff) - 1

    def build_staff(self) -> None:
        rng = self.rng
        n_court = max(2, round(2 * self.size))
        n_ooc = max(1, round(self.size))
        n_int = max(1, round(self.size / 2))
        teams = (
            [(t, "court") for t in COURT_TEAMS[:n_court]]
            + [(t, "ooc") for t in OOC_TEAMS[:n_ooc]]
            + [(t, "intensive") for t in INTENSIVE_TEAMS[:n_int]]
        )
        # case managers needed per team for ~CASELOAD open cases each
        target_open = 200.0 * self.size
        self.ad = self._add("assistant_director", "Senior Leadership", None)
        self.hos = self._add("head_of_service", "Senior Leadership", self.ad)
        self.qa = self._add("specialist", "Quality & Performance", self.hos)
        n_om = max(2, -(-len(teams) // 3))
        oms = [self._add("operational_manager", "Senior Leadership", self.hos) for _ in range(n_om)]
        self.teams: dict[str, dict] = {}
        line_managers: list[int] = []
        for i, (team, kind) in enumerate(teams):
            n_kind = {"court": n_court, "ooc": n_ooc, "intensive": n_int}[kind]
            n_cm = max(2, round(target_open * expected_open(kind) / n_kind / CASELOAD))
            om = oms[0] if kind == "court" else oms[1 + i % (n_om - 1)]
            tm = self._add("team_manager", team, om)
            managers = [tm]
            if n_cm > 4:
                managers.append(self._add("senior_practitioner", team, tm))
            if n_cm > 9:
                managers.append(self._add("deputy_team_manager", team, tm))
            line_managers += managers
            slots = []
            for j in range(n_cm):
                slots.append(self._slot("case_manager", team, managers[j * len(managers) // n_cm]))
            if kind != "court":
                slots.append(self._slot("specialist", team, managers[-1]))
            self.teams[self._team_name(team)] = {
                "kind": kind,
                "slots": slots,
                "tm": tm,
                "managers": managers,
                "name": team,
            }
        # Specialists who hold no cases (victim liaison, education, health): 001 asks for their
        # monthly supervision all the same.
        team_list = list(self.teams.values())
        for j in range(max(2, round(2 * self.size))):
            home = team_list[j % len(team_list)]
            idx = self._add("specialist", home["name"], home["tm"])
            self.staff[idx].fte = float(rng.choice([1.0, 0.8, 0.6, 0.5, 0.4], p=[0.5, 0.15, 0.15, 0.1, 0.1]))
            self.staff[idx].agency = bool(rng.random() < 0.1)
        # Every service has good and poor managers: cycle the styles, then shuffle who gets which.
        base = [0, 2, 1, 0, 2, 1, 0]
        styles = [base[i % len(base)] for i in range(len(line_managers))]
        rng.shuffle(styles)
        for idx, s in zip(line_managers, styles, strict=True):
            self.staff[idx].style = int(s)
        for om in oms:
            self.staff[om].style = int(rng.choice(3, p=[0.5, 0.3, 0.2]))
        self.staff[self.hos].style = 0
        self.staff[self.ad].style = 0
        self.staff[self.qa].style = 0
        # How each manager allocates: some count a part-time post as full time, and some give one
        # worker more than their share; either leaves caseloads over capacity (SC1, SC2).
        for team in self.teams.values():
            for slot in team["slots"]:
                st = STYLES[self.staff[slot["manager"]].style]
                aware = rng.random() < st.fte_aware_p
                pull = 1.6 if rng.random() < st.overload_p else 1.0
                base = 0.5 if slot["role"] == "specialist" else 1.0
                slot["weight"] = base * (slot["fte"] if aware else 1.0) * pull
        # Some countersigners let answers "yet to clarify" through (QA3), by style.
        accept_p = np.array([STYLES[s.style].ytc_accept_p for s in self.staff])
        self.staff_accepts_ytc = rng.random(len(self.staff)) < accept_p
        self._name_staff()

    def _slot(self, role: str, team: str, manager: int) -> dict:
        """A case-holding post: its holders over time (some leave and are replaced)."""
        rng = self.rng
        # part-time posts: most full time, some 0.5-0.8, a few 0.2-0.4 (specialists more often)
        shares = [0.74, 0.08, 0.06, 0.04, 0.04, 0.04] if role == "case_manager" else [0.6, 0.1, 0.1, 0.1, 0.05, 0.05]
        fte = float(rng.choice([1.0, 0.8, 0.6, 0.5, 0.4, 0.2], p=shares))
        first = self._add(role, team, manager)
        self.staff[first].fte = fte
        self.staff[first].agency = bool(rng.random() < 0.08)
        holders = [(first, -NEVER)]
        if rng.random() < 0.35:
            change = int(rng.integers(START + 60, END - 30))
            self.staff[first].end = change - 1
            second = self._add(role, team, manager, start=change)
            # a post that fell vacant is often filled from an agency
            self.staff[second].fte = fte
            self.staff[second].agency = bool(rng.random() < 0.3)
            holders.append((second, change))
        return {
            "role": role,
            "manager": manager,
            "holders": holders,
            "fte": fte,
            "weight": 1.0,  # set once the managers' styles are known
            "ends": [],
        }

    def _name_staff(self) -> None:
        combos = self.rng.permutation(len(FIRST_NAMES) * len(SURNAMES))[: len(self.staff)]
        self.names = [f"{FIRST_NAMES[c // len(SURNAMES)]} {SURNAMES[c % len(SURNAMES)]}" for c in combos]

    # ---- cases and allocations ------------------------------------------------------------------

    def build_cases(self) -> None:
        rng = self.rng
        # 1.13: early endings and the first months' ramp-up keep the open count below rate x mean term
        rate = 1.13 * 200.0 * self.size / MEAN_CASE_DAYS  # new cases a day for the target open caseload
        n = int(rng.poisson(rate * (END - START + 1)))
        start = np.sort(rng.integers(START, END + 1, n))
        shares = np.array([s for s, _ in DISPOSALS.values()])
        disp = rng.choice(len(DISPOSALS), n, p=shares / shares.sum())
        term = np.zeros(n)
        for d, name in enumerate(DISPOSAL_NAMES):
            mask = disp == d
            spec = _TERMS[name]
            if isinstance(spec[0], list):
                term[mask] = rng.choice(spec[0], mask.sum(), p=spec[1])
            else:
                term[mask] = rng.uniform(spec[0], spec[1], mask.sum())
        term = term + rng.normal(0, 6, n)
        # some orders end early (revoked, breached, or a new sentence replaces them)
        early = rng.random(n) < 0.08
        term[early] *= rng.uniform(0.3, 0.9, early.sum())
        end = start + np.maximum(term, 14).astype(np.int64)
        kinds = np.array([DISPOSALS[name][1] for name in DISPOSAL_NAMES])[disp]
        yro = disp == DISPOSAL_NAMES.index("yro")
        kinds = np.where(yro & (rng.random(n) < 0.2), "intensive", kinds)
        # court orders are allocated within days; out-of-court work is often allocated at once
        alloc_delay = np.where(kinds == "ooc", rng.integers(0, 3, n), rng.integers(0, 8, n))
        allocated = np.minimum(np.minimum(to_weekday(start + alloc_delay), end), END)
        self.case_start, self.case_end, self.case_disp, self.case_alloc = start, end, disp, allocated
        self.case_kind = kinds
        self.case_last = np.minimum(end, END)  # last day the case can have anything on it
        self.n_cases = n
        self._risk_levels()
        self._allocate()
        self._children()

    def _risk_levels(self) -> None:
        """The case's underlying level (0 low .. 3 very high): drives ratings, events and panels."""
        rng = self.rng
        n = self.n_cases
        base = rng.choice(4, n, p=[0.64, 0.28, 0.065, 0.015])
        high_end = np.isin(self.case_disp, [DISPOSAL_NAMES.index("dto"), DISPOSAL_NAMES.index("remand")]) | (
            self.case_kind == "intensive"
        )
        serious = rng.choice(4, n, p=[0.3, 0.45, 0.2, 0.05])
        minor = rng.choice(4, n, p=[0.82, 0.16, 0.02, 0.0])
        ooc = self.case_kind == "ooc"
        self.case_level = np.where(high_end, serious, np.where(ooc, minor, base))

    def _allocate(self) -> None:
        """Each case goes to the least loaded post in its team; some move later."""
        rng = self.rng
        team_names = {kind: [t for t, v in self.teams.items() if v["kind"] == kind] for kind in CONTACT_GAP}
        noise = rng.random(self.n_cases * 4).reshape(self.n_cases, 4)
        pick_team = rng.integers(0, 1000, self.n_cases)
        move = rng.random(self.n_cases) < 0.12
        move_at = rng.uniform(0.2, 0.8, self.n_cases)
        seg_case, seg_staff, seg_from, seg_to = [], [], [], []
        self.case_team = []
        for i in range(self.n_cases):
            names = team_names[self.case_kind[i]]
            team = names[pick_team[i] % len(names)]
            self.case_team.append(team)
            slots = self.teams[team]["slots"]
            day = int(self.case_start[i])
            best, best_load = None, None
            for k, slot in enumerate(slots):
                ends = slot["ends"]
                while ends and ends[0] < day:
                    heapq.heappop(ends)
                load = len(ends) / slot["weight"] + noise[i, k % 4] * 1.5
                if best_load is None or load < best_load:
                    best, best_load = k, load
            alloc, last = int(self.case_alloc[i]), int(self.case_end[i])
            posts = [(best, alloc)]
            span = min(last, END) - alloc
            if move[i] and span > 60 and len(slots) > 1:
                other = (best + 1 + int(noise[i, 0] * (len(slots) - 1))) % len(slots)
                posts.append((other, alloc + int(span * move_at[i])))
            heapq.heappush(slots[best]["ends"], last)
            # split each post's stretch at changes of holder
            for p, (k, frm) in enumerate(posts):
                to = posts[p + 1][1] - 1 if p + 1 < len(posts) else last
                for h, (holder, since) in enumerate(slots[k]["holders"]):
                    until = slots[k]["holders"][h + 1][1] - 1 if h + 1 < len(slots[k]["holders"]) else NEVER
                    a, b = max(frm, since), min(to, until)
                    if a <= b:
                        seg_case.append(i)
                        seg_staff.append(holder)
                        seg_from.append(a)
                        seg_to.append(b)
        self.seg_case = np.array(seg_case, dtype=np.int64)
        self.seg_staff = np.array(seg_staff, dtype=np.int64)
        self.seg_from = np.array(seg_from, dtype=np.int64)
        self.seg_to = np.array(seg_to, dtype=np.int64)
        mgr = np.array([s.manager if s.manager is not None else -1 for s in self.staff])
        style = np.array([s.style for s in self.staff])
        self.staff_mgr = mgr
        self.staff_style = style
        self.seg_mgr = mgr[self.seg_staff]
        self.seg_style = style[self.seg_mgr]
        # lookup key: segments are in case order, then date order
        self._seg_key = self.seg_case * (1 << 22) + self.seg_from
        last_seg = np.r_[np.flatnonzero(np.diff(self.seg_case)), len(self.seg_case) - 1]
        self.case_staff = self.seg_staff[last_seg]
        self.case_tm = np.array([self.teams[t]["tm"] for t in self.case_team], dtype=np.int64)

    def segment_at(self, case: np.ndarray, day: np.ndarray) -> np.ndarray:
        """Index of the allocation segment holding each case on each day (the first before it)."""
        key = case * (1 << 22) + np.maximum(day, 0)
        idx = np.searchsorted(self._seg_key, key, side="right") - 1
        idx = np.clip(idx, 0, len(self.seg_case) - 1)
        wrong = self.seg_case[idx] != case
        if wrong.any():
            first = np.searchsorted(self.seg_case, case[wrong], side="left")
            idx[wrong] = first
        return idx

    def _children(self) -> None:
        """Most children have one case; about one in five comes back or has bail before an order."""
        rng = self.rng
        n = self.n_cases
        again = rng.random(n) < 0.22
        back = rng.integers(0, 1 << 30, n)
        child = np.empty(n, dtype=np.int64)
        firsts: list[int] = []  # case index of each child's first case
        for i in range(n):
            if again[i] and firsts:
                # a child whose first case began in the two years before this one
                lo = np.searchsorted(self.case_start[firsts], self.case_start[i] - 730)
                hi = np.searchsorted(self.case_start[firsts], self.case_start[i] - 30)
                if hi > lo:
                    child[i] = lo + back[i] % (hi - lo)
                    continue
            child[i] = len(firsts)
            firsts.append(i)
        self.case_child = child
        m = len(firsts)
        first_start = self.case_start[firsts]
        age = rng.choice(np.arange(10, 18), m, p=[0.02, 0.04, 0.07, 0.11, 0.16, 0.2, 0.21, 0.19])
        self.child_dob = first_start - (age * 365.25).astype(np.int64) - rng.integers(0, 365, m)
        self.child_sex = np.where(rng.random(m) < 0.83, "Male", "Female")
        ethnic = [
            "White",
            "Black or Black British",
            "Mixed",
            "Asian or Asian British",
            "Other ethnic group",
            "Not known",
        ]
        self.child_eth = np.array(ethnic)[rng.choice(6, m, p=[0.70, 0.10, 0.09, 0.07, 0.02, 0.02])]
        self.child_lac = rng.random(m) < 0.14
        self.n_children = m

    # ---- case records ---------------------------------------------------------------------------

    def poisson_points(self, lo: np.ndarray, hi: np.ndarray, gap: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Random points on each [lo, hi] at one per ``gap`` days: (owner index, day)."""
        span = np.maximum(hi - lo + 1, 0)
        counts = self.rng.poisson(span / gap)
        owner = np.repeat(np.arange(len(lo)), counts)
        day = lo[owner] + (self.rng.random(len(owner)) * span[owner]).astype(np.int64)
        return owner, day

    def month_grid(self, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each (interval, calendar month) overlap: owner index, first day and last day of it."""
        m0, m1 = month_of(lo), month_of(hi)
        counts = np.maximum(m1 - m0 + 1, 0)
        owner = np.repeat(np.arange(len(lo)), counts)
        offset = np.arange(len(owner)) - np.repeat(np.cumsum(counts) - counts, counts)
        month = m0[owner] + offset
        first = np.maximum(month_start(month), lo[owner])
        last = np.minimum(month_start(month + 1) - 1, hi[owner])
        return owner, first, last

    def build_records(self) -> None:
        self._absences()
        self._assessments()
        self._events()
        self._panels()
        self._audits()
        self._victims()
        self._notes()
        self._actions()
        self._audit_judgements()
        self._supervisions()

    # ---- staff absences ---------------------------------------------------------------------

    # reason: (absences a year per person, lengths in working days, their weights)
    _ABSENCE = (
        ("annual_leave", 6.0, (1, 2, 3, 5, 8, 10, 15), (0.2, 0.12, 0.1, 0.3, 0.05, 0.2, 0.03)),
        ("sickness", 1.6, (1, 2, 3, 4, 5, 7, 9, 10, 12, 15, 25, 40, 70), None),
        ("training", 2.5, (1, 2, 3), (0.6, 0.3, 0.1)),
        ("other", 0.4, (1, 2, 3, 5), (0.4, 0.3, 0.2, 0.1)),
    )
    _SICK_WEIGHTS = (0.3, 0.18, 0.12, 0.05, 0.05, 0.08, 0.07, 0.04, 0.03, 0.03, 0.025, 0.015, 0.01)

    def _absences(self) -> None:
        """Leave, sickness and training for every member of staff, never overlapping; a few still
        away on the last day. Each service has one fortnight's leave across the 25 May 2026 bank
        holiday."""
        rng = self.rng
        n_staff = len(self.staff)
        lo = np.array([max(s.start if s.start is not None else START, START) for s in self.staff], dtype=np.int64)
        hi = np.array([min(s.end if s.end is not None else END, END) for s in self.staff], dtype=np.int64)
        who, first, length, reason = [], [], [], []
        for r, (_reason, per_year, lengths, weights) in enumerate(self._ABSENCE):
            owner, day = self.poisson_points(lo, hi, np.full(n_staff, 365.25 / per_year))
            w = np.array(weights if weights is not None else self._SICK_WEIGHTS)
            who.append(owner)
            first.append(day)
            length.append(np.array(lengths)[rng.choice(len(lengths), len(owner), p=w / w.sum())])
            reason.append(np.full(len(owner), r))
        who, first, length, reason = (np.concatenate(x) for x in (who, first, length, reason))
        # one fortnight's leave from Wednesday 20 May 2026 over the bank holiday (10 working days)
        holder = next(
            (
                s.idx
                for s in self.staff
                if s.role == "case_manager"
                and lo[s.idx] <= _BANK_HOLIDAY_LEAVE[0]
                and hi[s.idx] >= _BANK_HOLIDAY_LEAVE[1]
            ),
            None,
        )
        if holder is not None:
            away = who == holder
            clash = away & (first <= _BANK_HOLIDAY_LEAVE[1] + 20) & (first >= _BANK_HOLIDAY_LEAVE[0] - 150)
            who, first, length, reason = (x[~clash] for x in (who, first, length, reason))
            who, first = np.r_[who, holder], np.r_[first, _BANK_HOLIDAY_LEAVE[0]]
            length, reason = np.r_[length, 10], np.r_[reason, 0]
        first = add_workdays(first, 0)
        last = add_workdays(first, length - 1)
        order = np.lexsort((first, who))
        who, first, last, reason = who[order], first[order], last[order], reason[order]
        # never two at once: drop any that starts before an earlier one (kept or not) has ended
        big = np.int64(1 << 22)
        reach = np.maximum.accumulate(who * big + last)
        keep = who * big + first > np.r_[-1, reach[:-1]]
        # within employment; one running past the last day is still going (leave booked beyond it is
        # not in the extract)
        keep &= first <= hi[who]
        over = last > hi[who]
        leaving = over & (hi[who] < END)
        ongoing = over & ~leaving
        keep &= ~(ongoing & np.isin(reason, [0, 2]))
        last = np.where(leaving, hi[who], np.where(ongoing, NEVER, last))
        who, first, last, reason = who[keep], first[keep], last[keep], reason[keep]
        # a few off sick on the last day with no return date yet (at least one in each service)
        here = np.flatnonzero(hi >= END)
        off = here[rng.random(len(here)) < 0.04]
        if len(off) == 0 and len(here):
            off = here[rng.integers(len(here), size=1)]
        since = add_workdays(END - rng.integers(5, 45, len(off)), 0)
        since = np.maximum(since, lo[off])
        since_of = np.full(n_staff, NEVER)
        since_of[off] = since
        clash = np.minimum(last, END) >= since_of[who]
        who, first, last, reason = (x[~clash] for x in (who, first, last, reason))
        who, first = np.r_[who, off], np.r_[first, since]
        last, reason = np.r_[last, np.full(len(off), NEVER)], np.r_[reason, np.ones(len(off), np.int64)]
        order = np.lexsort((first, who))
        who, first, last, reason = who[order], first[order], last[order], reason[order]
        self.absences = {"staff": who, "from": first, "to": last, "reason": reason}
        self._absence_key = who * big + first

    def absent_at(self, staff: np.ndarray, day: np.ndarray) -> np.ndarray:
        """Index of the absence each person is on each day, or -1."""
        a = self.absences
        if len(a["staff"]) == 0:
            return np.full(len(staff), -1)
        idx = np.searchsorted(self._absence_key, staff * (1 << 22) + day, side="right") - 1
        safe = np.maximum(idx, 0)
        on = (idx >= 0) & (a["staff"][safe] == staff) & (np.minimum(a["to"][safe], END) >= day)
        return np.where(on, idx, -1)

    def _assessments(self) -> None:
        rng = self.rng
        ap = np.isin(self.case_disp, [DISPOSAL_NAMES.index(d) for d in self.assetplus if d in DISPOSAL_NAMES])
        cases = np.flatnonzero(ap)
        start, last, end = self.case_start[cases], self.case_last[cases], self.case_end[cases]
        style = self.seg_style[self.segment_at(cases, start)]
        rows: list[dict[str, np.ndarray]] = []
        stage_names = ("initial", "review", "end", "psr", "bail_remand")

        def add(owner: np.ndarray, stage: str, started: np.ndarray, completed: np.ndarray) -> None:
            rows.append(
                {
                    "case": cases[owner],
                    "stage": np.full(len(owner), stage_names.index(stage)),
                    "started": started,
                    "completed": completed,
                }
            )

        disp = self.case_disp[cases]
        bail = np.isin(disp, [DISPOSAL_NAMES.index("bail_supervision"), DISPOSAL_NAMES.index("remand")])
        order = ~bail
        # psr before sentence for most YROs and DTOs
        psr = np.flatnonzero(
            np.isin(disp, [DISPOSAL_NAMES.index("yro"), DISPOSAL_NAMES.index("dto")]) & (rng.random(len(cases)) < 0.9)
        )
        add(psr, "psr", start[psr] - rng.integers(15, 26, len(psr)), start[psr] - rng.integers(1, 6, len(psr)))
        b = np.flatnonzero(bail & (rng.random(len(cases)) < 0.85))
        add(b, "bail_remand", start[b] + rng.integers(0, 3, len(b)), add_workdays(start[b], rng.integers(2, 9, len(b))))
        # initial stage: most within 20 working days, drifting teams later
        o = np.flatnonzero(order)
        wd_quick = rng.integers(8, 20, len(o))
        wd_late = rng.integers(21, 45, len(o))
        wd_very = rng.integers(46, 90, len(o))
        late_p = np.array([0.07, 0.15, 0.30])[style[o]]
        u = rng.random(len(o))
        wd = np.where(u < late_p, wd_late, wd_quick)
        wd = np.where(u < late_p * 0.2, wd_very, wd)
        initial_done = add_workdays(start[o], wd)
        initial_started = start[o] + rng.integers(0, 4, len(o))
        rows.append(
            {"case": cases[o], "stage": np.full(len(o), 0), "started": initial_started, "completed": initial_done}
        )
        # reviews every ~3 months after the initial stage until the case ends
        lo_gap = np.array([s.review_gap[0] for s in STYLES])[style[o]]
        hi_gap = np.array([s.review_gap[1] for s in STYLES])[style[o]]
        gap = rng.integers(lo_gap, hi_gap + 1)
        room = np.minimum(last[o], END + 40) - initial_done - 20
        k = np.maximum(room // gap, 0)
        owner = np.repeat(np.arange(len(o)), k)
        j = np.arange(len(owner)) - np.repeat(np.cumsum(k) - k, k) + 1
        done = initial_done[owner] + j * gap[owner] + rng.integers(-7, 8, len(owner))
        rows.append(
            {
                "case": cases[o][owner],
                "stage": np.full(len(owner), 1),
                "started": done - rng.integers(5, 20, len(owner)),
                "completed": done,
            }
        )
        # end stage for most closed orders
        closed = np.flatnonzero((end <= END) & (rng.random(len(cases)) < 0.8) & order)
        add(
            closed, "end", end[closed] - rng.integers(6, 21, len(closed)), end[closed] - rng.integers(0, 5, len(closed))
        )

        case = np.concatenate([r["case"] for r in rows])
        stage = np.concatenate([r["stage"] for r in rows])
        started = np.concatenate([r["started"] for r in rows])
        completed = np.concatenate([r["completed"] for r in rows])
        keep = started <= END
        case, stage, started, completed = case[keep], stage[keep], started[keep], completed[keep]
        completed = np.maximum(completed, started)
        order_ = np.lexsort((started, case))
        case, stage, started, completed = case[order_], stage[order_], started[order_], completed[order_]
        n = len(case)
        # ratings: the case's level, moving a step now and then
        level = self.case_level[case] + rng.choice([-1, 0, 1], n, p=[0.1, 0.8, 0.1])
        level = np.clip(level, 0, 3)
        which = rng.choice(3, n, p=[0.4, 0.4, 0.2])  # which of rosh/swb carries the level (2: both)
        other = np.clip(level - rng.integers(0, 2, n), 0, 3)
        rosh = np.where(which == 1, other, level)
        swb = np.where(which == 0, other, level)
        lor = np.clip(np.minimum(level, 2) + rng.choice([-1, 0, 1], n, p=[0.3, 0.5, 0.2]), 0, 2)
        # countersignature by the manager's style when the stage was completed
        seg = self.segment_at(case, completed)
        st = self.seg_style[seg]
        probs = np.array([s.countersign for s in STYLES])[st]
        u = rng.random(n)
        cum = np.cumsum(probs, axis=1)
        band = (u[:, None] > cum).sum(axis=1)
        wd = np.choose(np.minimum(band, 2), [rng.integers(0, 5, n), rng.integers(5, 16, n), rng.integers(16, 70, n)])
        signed = add_workdays(completed, wd)
        signed = np.where(band >= 3, NEVER, signed)
        signer = np.where(rng.random(n) < 0.85, self.seg_mgr[seg], self.case_tm[case])
        done = completed <= END
        # gatekeeping by the countersigner's style: good managers send more back, and most let no
        # answer "yet to clarify" through; those who do accept one to four on many stages
        signer_style = self.staff_style[signer]
        rp = np.array([s.returned for s in STYLES])[signer_style]
        returned = (rng.random(n)[:, None] > np.cumsum(rp, axis=1)).sum(axis=1).clip(0, 3)
        open_p = np.where(self.staff_accepts_ytc[signer], 0.45, 0.02)
        ytc = np.where(rng.random(n) < open_p, rng.integers(1, 5, n), 0)
        self.stages = {
            "case": case,
            "stage": stage,
            "started": started,
            "completed": np.where(done, completed, NEVER),
            "signed": np.where(done & (signed <= END), signed, NEVER),
            "signer": signer,
            "rosh": rosh,
            "swb": swb,
            "lor": lor,
            "done": done,
            "returned": returned,
            "ytc": ytc,
        }
        self.stage_names = stage_names

    def _events(self) -> None:
        rng = self.rng
        n = self.n_cases
        monthly = np.array([0.07, 0.22, 0.45, 0.7])[self.case_level]
        owner, day = self.poisson_points(self.case_start, self.case_last, _MONTH / monthly)
        types = np.array(
            [
                "arrest",
                "charge",
                "new_offence",
                "missing_episode",
                "police_callout",
                "safeguarding_concern",
                "exploitation_concern",
                "serious_incident",
                "custody",
                "breach",
                "other",
            ]
        )
        kind = rng.choice(len(types), len(owner), p=[0.21, 0.07, 0.1, 0.16, 0.1, 0.12, 0.05, 0.05, 0.02, 0.07, 0.05])
        # court orders begin with the court appearance that made them
        court = np.flatnonzero(np.isin(self.case_kind, ["court", "intensive"]) & (rng.random(n) < 0.7))
        owner = np.concatenate([owner, court])
        day = np.concatenate([day, self.case_start[court]])
        names = np.concatenate([types[kind], np.full(len(court), "court_appearance")])
        # incidents happen at any hour; courts sit in the day
        occurred = day * 1440 + np.where(
            names == "court_appearance", rng.integers(600, 960, len(owner)), rng.integers(0, 1440, len(owner))
        )
        delay = np.where(
            rng.random(len(owner)) < 0.8, rng.integers(0, 600, len(owner)), rng.integers(600, 4 * 1440, len(owner))
        )
        notified = occurred + delay
        keep = np.flatnonzero(notified // 1440 <= END)
        keep = keep[np.lexsort((occurred[keep], owner[keep]))]
        self.events = {
            "case": owner[keep],
            "type": names[keep],
            "occurred": occurred[keep],
            "notified": notified[keep],
            "notified_given": rng.random(len(keep)) < 0.85,
        }

    def _panels(self) -> None:
        """Risk panels about every four weeks while a case is rated high, more often under good managers."""
        rng = self.rng
        s = self.stages
        done = s["done"]
        case, completed = s["case"][done], s["completed"][done]
        high = np.maximum(s["rosh"][done], s["swb"][done]) >= 2
        nxt = np.r_[completed[1:], NEVER]
        same = np.r_[case[1:] == case[:-1], False]
        until = np.where(same, nxt, NEVER)
        hi = np.minimum(until - 1, self.case_last[case])
        lo = completed + rng.integers(2, 11, len(case))
        idx = np.flatnonzero(high & (hi >= lo))
        span = hi[idx] - lo[idx]
        k = span // 28 + 1
        owner = np.repeat(idx, k)
        j = np.arange(len(owner)) - np.repeat(np.cumsum(k) - k, k)
        day = to_weekday(lo[owner] + j * 28 + rng.integers(-3, 4, len(owner)))
        pcase = case[owner]
        keep = day <= np.minimum(self.case_last[pcase], END)
        pcase, day = pcase[keep], day[keep]
        seg = self.segment_at(pcase, day)
        held = rng.random(len(day)) < style_column(self.seg_style[seg], "panel_p")
        pcase, day = pcase[held], day[held]
        n = len(day)
        kinds = np.array(["risk_management_panel", "high_risk_panel", "mace", "strategy", "mappa"])
        panel = kinds[rng.choice(5, n, p=[0.6, 0.15, 0.15, 0.05, 0.05])]
        # 004: every case reviewed at the weekly POD meeting on a rolling three-monthly basis
        first_pod = self.case_start + rng.integers(20, 60, self.n_cases)
        seg0 = self.segment_at(np.arange(self.n_cases), first_pod)
        st0 = self.seg_style[seg0]
        gaps = np.array([s.pod_gap for s in STYLES])[st0]
        gap = rng.integers(gaps[:, 0], gaps[:, 1] + 1)
        k = np.maximum((np.minimum(self.case_last, END) - first_pod) // gap + 1, 0)
        owner = np.repeat(np.arange(self.n_cases), k)
        j = np.arange(len(owner)) - np.repeat(np.cumsum(k) - k, k)
        p_day = to_weekday(first_pod[owner] + j * gap[owner] + rng.integers(-5, 6, len(owner)))
        skipped = rng.random(len(owner)) < style_column(st0[owner], "pod_skip_p")
        # a few cases are never brought to POD at all
        never = (rng.random(self.n_cases) < 0.5 * style_column(st0, "pod_skip_p"))[owner]
        ok = ~skipped & ~never & (p_day <= np.minimum(self.case_last[owner], END))
        # gangs partnership group after an exploitation concern; MARP after some safeguarding concerns
        ev = self.events
        gpg = np.flatnonzero((ev["type"] == "exploitation_concern") & (rng.random(len(ev["case"])) < 0.6))
        marp = np.flatnonzero((ev["type"] == "safeguarding_concern") & (rng.random(len(ev["case"])) < 0.25))
        g_day = to_weekday(ev["notified"][gpg] // 1440 + rng.integers(7, 29, len(gpg)))
        m_day = to_weekday(ev["notified"][marp] // 1440 + rng.integers(3, 15, len(marp)))
        pcase = np.concatenate([pcase, owner[ok], ev["case"][gpg], ev["case"][marp]])
        day = np.concatenate([day, p_day[ok], g_day, m_day])
        panel = np.concatenate(
            [panel, np.full(ok.sum(), "pod"), np.full(len(gpg), "gpg"), np.full(len(marp), "marp")]
        ).astype(object)
        keep = day <= np.minimum(self.case_last[pcase], END)
        pcase, day, panel = pcase[keep], day[keep], panel[keep]
        order = np.lexsort((day, pcase))
        pcase, day, panel = pcase[order], day[order], panel[order]
        seg = self.segment_at(pcase, day)
        n = len(day)
        # chairs: operational managers chair risk management panels (000 §3), team managers or
        # senior practitioners chair POD; partner agencies chair MAPPA and many strategy meetings
        tm = self.case_tm[pcase]
        om = self.staff_mgr[tm]
        sp = self._senior_practitioners()[tm]
        u = rng.random(n)
        chair = np.full(n, -1)
        chair = np.where(panel == "risk_management_panel", np.where(u < 0.85, om, self.hos), chair)
        chair = np.where(panel == "high_risk_panel", np.where(u < 0.6, om, self.hos), chair)
        chair = np.where(np.isin(panel, ["mace", "gpg"]), np.where(u < 0.5, om, -1), chair)
        chair = np.where(panel == "strategy", np.where(u < 0.3, tm, -1), chair)
        chair = np.where(np.isin(panel, ["pod", "marp"]), np.where(u < 0.6, tm, sp), chair)
        st = self.seg_style[seg]
        rp = np.array([s.panel_record for s in STYLES])[st]
        band = (rng.random(n)[:, None] > np.cumsum(rp, axis=1)).sum(axis=1)
        rec_delay = np.choose(np.minimum(band, 1), [rng.integers(0, 3, n), rng.integers(3, 22, n)])
        recorded = day + rec_delay
        recorded = np.where((band >= 2) | (recorded > END), NEVER, recorded)
        self.panels = {"case": pcase, "panel": panel, "day": day, "recorded": recorded, "seg": seg, "chair": chair}

    def _senior_practitioners(self) -> np.ndarray:
        """For each team manager's index, the team's senior practitioner (the team manager
        where the team has none)."""
        out = np.arange(len(self.staff))
        for team in self.teams.values():
            managers = team["managers"]
            out[team["tm"]] = managers[1] if len(managers) > 1 else team["tm"]
        return out

    def _audits(self) -> None:
        """A quarterly audit round samples open cases; the auditor judges the oversight too."""
        rng = self.rng
        owner, first, last = self.month_grid(self.case_start, self.case_last)
        month = month_of(first)
        quarter_month = (month % 3) == 1  # Feb, May, Aug, Nov rounds
        # the round samples cases open long enough to show a pattern more than new ones
        settled = first - self.case_start[owner] >= 91
        pick = quarter_month & (rng.random(len(owner)) < np.where(settled, 0.15, 0.04)) & (last >= first)
        case = owner[pick]
        day = to_weekday(first[pick] + (rng.random(pick.sum()) * (last[pick] - first[pick] + 1)).astype(np.int64))
        keep = day <= np.minimum(END, self.case_last[case])
        case, day = case[keep], day[keep]
        n = len(case)
        seg = self.segment_at(case, day)
        st = self.seg_style[seg]
        grade_p = np.array([s.grades for s in STYLES])[st]
        grade = (rng.random(n)[:, None] > np.cumsum(grade_p, axis=1)).sum(axis=1).clip(0, 3)
        managers = [
            s.idx for s in self.staff if s.role in ("team_manager", "senior_practitioner", "operational_manager")
        ]
        # the quality lead audits some; managers audit the rest (003: the auditing manager adds
        # the immediate actions to the file)
        auditor = np.where(rng.random(n) < 0.3, self.qa, np.array(managers)[rng.integers(0, len(managers), n)])
        self.audits = {
            "case": case,
            "day": day,
            "grade": grade,
            "auditor": auditor,
            "seg": seg,
            "judged": rng.random(n) < 0.9,
        }

    def _victims(self) -> None:
        """Victims of the offences behind court orders and out-of-court disposals (never
        prevention or Turnaround): contact and restorative justice by the case's manager's style."""
        rng = self.rng
        offence = [DISPOSAL_NAMES.index(d) for d in _VICTIM_DISPOSALS]
        has = np.isin(self.case_disp, offence) & (rng.random(self.n_cases) < 0.55)
        count = np.where(has, rng.choice([1, 2, 3], self.n_cases, p=[0.8, 0.15, 0.05]), 0)
        case = np.repeat(np.arange(self.n_cases), count)
        identified = self.case_start[case] + rng.integers(0, 11, len(case))
        keep = identified <= np.minimum(self.case_last[case], END)
        case, identified = case[keep], identified[keep]
        n = len(case)
        st = self.seg_style[self.segment_at(case, identified)]
        contact = np.array([s.victim_contact for s in STYLES])[st]
        u = rng.random(n)
        in_time = u < contact[:, 0]
        late = ~in_time & (u < contact[:, 0] + contact[:, 1])
        c_wd = np.where(in_time, rng.integers(1, 11, n), rng.integers(11, 31, n))
        contacted = np.where(in_time | late, add_workdays(identified, c_wd), NEVER)
        contacted = np.where(contacted <= END, contacted, NEVER)
        reached = contacted < NEVER
        consent = reached & (rng.random(n) < 0.5)
        offer = np.array([s.rj_offer for s in STYLES])[st]
        u = rng.random(n)
        o_in = u < offer[:, 0]
        o_late = ~o_in & (u < offer[:, 0] + offer[:, 1])
        o_wd = np.where(o_in, rng.integers(np.minimum(c_wd, 20), 21), rng.integers(21, 46, n))
        offered = np.where(consent & (o_in | o_late), add_workdays(identified, o_wd), NEVER)
        offered = np.where(offered <= END, offered, NEVER)
        # taking part is known a few weeks after the offer
        known = offered + 20 <= END
        self.victims = {
            "case": case,
            "identified": identified,
            "consent": consent,
            "consent_known": reached,
            "contacted": contacted,
            "offered": offered,
            "took_part": known & (rng.random(n) < 0.4),
            "took_part_known": known,
        }
        first = np.full(self.n_cases, NEVER)
        np.minimum.at(first, case, identified)
        self.case_victim_from = first

    def _notes(self) -> None:
        rng = self.rng
        parts: list[dict[str, np.ndarray]] = []
        K = {k: i for i, k in enumerate(texts.KINDS)}

        def add(case, day, author, style, kind, heading, significant=None, quality=None):
            m = len(case)
            if m == 0:
                return
            parts.append(
                {
                    "case": np.asarray(case, dtype=np.int64),
                    "day": np.asarray(day, dtype=np.int64),
                    "author": np.asarray(author, dtype=np.int64),
                    "style": np.asarray(style, dtype=np.int64),
                    "kind": np.full(m, K[kind]) if isinstance(kind, str) else kind,
                    "heading": np.full(m, heading, dtype=object) if isinstance(heading, str) else heading,
                    "significant": np.zeros(m, bool) if significant is None else significant,
                    "quality": np.full(m, -1) if quality is None else quality,
                }
            )

        seg_lo = np.maximum(self.seg_from, START)
        seg_hi = np.minimum(self.seg_to, END)
        # oversight at allocation
        u = rng.random(len(self.seg_case))
        at_alloc = u < style_column(self.seg_style, "allocation_p")
        later = ~at_alloc & (u < style_column(self.seg_style, "allocation_p") + 0.3)
        alloc_day = np.where(
            at_alloc,
            add_workdays(self.seg_from, (rng.random(len(u)) < 0.3).astype(int)),
            self.seg_from + rng.integers(4, 25, len(u)),
        )
        sel = (at_alloc | later) & (alloc_day <= self.case_last[self.seg_case])
        add(
            self.seg_case[sel],
            alloc_day[sel],
            self.seg_mgr[sel],
            self.seg_style[sel],
            "allocation",
            "Management Oversight",
        )
        # ad hoc oversight
        # managers look at raised-risk cases more often, whatever their style
        gap = style_column(self.seg_style, "adhoc_gap_days") / np.where(self.case_level[self.seg_case] >= 1, 2, 1)
        owner, day = self.poisson_points(seg_lo, seg_hi, gap)
        headings = np.where(
            rng.random(len(owner)) < 0.015,
            # systems spell the heading differently; every spelling still maps to oversight
            np.array(
                [
                    "Management oversight",
                    "MANAGEMENT OVERSIGHT",
                    "Management Oversight – Review",
                    "Management  Oversight - Team Manager",
                ]
            )[rng.integers(0, 4, len(owner))],
            "Management Oversight",
        ).astype(object)
        add(self.seg_case[owner], to_weekday(day), self.seg_mgr[owner], self.seg_style[owner], "oversight", headings)
        # decisions, a third of them significant
        owner, day = self.poisson_points(seg_lo, seg_hi, np.where(self.seg_style == 2, 300.0, 150.0))
        tm = self.case_tm[self.seg_case[owner]]
        author = np.where(rng.random(len(owner)) < 0.6, self.seg_mgr[owner], tm)
        add(
            self.seg_case[owner],
            to_weekday(day),
            author,
            self.seg_style[owner],
            "decision",
            # 001: decisions made outside formal supervision are headed "Management Supervision of Case"
            np.where(rng.random(len(owner)) < 0.3, "Management Supervision of Case", "Management Decision").astype(
                object
            ),
            significant=rng.random(len(owner)) < 0.35,
        )
        # the monthly case discussion in the case manager's supervision
        owner, first, last = self.month_grid(seg_lo, seg_hi)
        day = first + (rng.random(len(owner)) * (last - first + 1)).astype(np.int64)
        st = self.seg_style[owner]
        keep = rng.random(len(owner)) < style_column(st, "case_supervision_p")
        owner, day, st = owner[keep], to_weekday(day[keep]), st[keep]
        heading = np.array(["Management Oversight - Supervision", "Case Supervision", "Supervision"], dtype=object)[
            rng.choice(3, len(owner), p=[0.55, 0.35, 0.10])
        ]
        add(self.seg_case[owner], day, self.seg_mgr[owner], st, "supervision", heading)
        # answers to trigger events
        ev = self.events
        trigger = ev["type"] != "court_appearance"
        trigger &= ev["type"] != "other"
        ecase, notified = ev["case"][trigger], ev["notified"][trigger] // 1440
        seg = self.segment_at(ecase, notified)
        st = self.seg_style[seg]
        u = rng.random(len(ecase))
        prompt = u < style_column(st, "event_p")
        slow = ~prompt & (u < style_column(st, "event_p") + 0.35)
        day = np.where(
            prompt,
            add_workdays(notified, (rng.random(len(u)) < 0.35).astype(int)),
            notified + rng.integers(3, 20, len(u)),
        )
        sel = prompt | slow
        serious = np.isin(
            ev["type"][trigger], ["serious_incident", "safeguarding_concern", "exploitation_concern", "custody"]
        )
        add(
            ecase[sel],
            day[sel],
            self.seg_mgr[seg][sel],
            st[sel],
            "event",
            "Management Oversight",
            significant=serious[sel] & (rng.random(sel.sum()) < 0.8),
        )
        # panel minutes on the child's record: the chair records them where a manager chaired
        p = self.panels
        heading_of = {
            "risk_management_panel": "Risk Management Panel",
            "high_risk_panel": "High Risk Panel",
            "mace": "Management Oversight by MACE",
            "strategy": "Strategy Meeting",
            "mappa": "Management Oversight by MAPPA",
            "pod": "POD",
            "gpg": "GPG",
            "marp": "MARP",
        }
        on_record = rng.random(len(p["case"])) < np.where(p["panel"] == "pod", 0.45, 0.6)
        heading = np.array([heading_of[x] for x in p["panel"]], dtype=object)
        heading = np.where(
            (p["panel"] == "pod") & (rng.random(len(heading)) < 0.3), "Management Oversight by POD", heading
        )
        by_chair = (p["chair"] >= 0) & (rng.random(len(heading)) < 0.6)
        author = np.where(by_chair, p["chair"], self.seg_mgr[p["seg"]])
        add(
            p["case"][on_record],
            p["day"][on_record],
            author[on_record],
            self.staff_style[author][on_record],
            "panel",
            heading[on_record],
        )
        # audits: the auditor's own entry, and direction on the file after it (QA1) by the style of
        # the manager who gives it; the quality lead is not a manager, so after their audits the
        # case manager's line manager gives the direction
        a = self.audits
        n_a = len(a["case"])
        lead = a["auditor"] == self.qa
        director = np.where(lead, self.seg_mgr[a["seg"]], a["auditor"])
        d_style = self.staff_style[director]
        u = rng.random(n_a)
        prompt = u < style_column(d_style, "audit_follow_p")
        late = ~prompt & (u < 0.5 + 0.5 * style_column(d_style, "audit_follow_p"))
        f_day = a["day"] + np.where(prompt, rng.choice(3, n_a, p=[0.55, 0.3, 0.15]), rng.integers(3, 15, n_a))
        own = ~lead & (prompt | late)
        add(a["case"][own], f_day[own], a["auditor"][own], d_style[own], "audit", "Case Audit")
        lead_note = lead & (rng.random(n_a) < 0.7)
        add(
            a["case"][lead_note],
            a["day"][lead_note],
            a["auditor"][lead_note],
            np.zeros(lead_note.sum(), np.int64),
            "audit",
            "Case Audit",
        )
        follow = lead & (prompt | late)
        add(a["case"][follow], f_day[follow], director[follow], d_style[follow], "followup", "Management Oversight")
        # 003: an inadequate audit gets a plan from the head of service (sometimes from an
        # operational manager instead, or late) (QA2)
        bad = np.flatnonzero(a["grade"] == 3)
        u = rng.random(len(bad))
        senior = np.where(rng.random(len(bad)) < 0.85, self.hos, self.ad)
        om = self.staff_mgr[self.case_tm[a["case"][bad]]]
        author = np.where(u < 0.65, senior, np.where(u < 0.8, om, senior))
        wd = np.where(
            u < 0.65,
            rng.integers(1, 11, len(bad)),
            np.where(u < 0.8, rng.integers(1, 11, len(bad)), rng.integers(11, 26, len(bad))),
        )
        made = u < 0.92
        add(
            a["case"][bad][made],
            add_workdays(a["day"][bad], wd)[made],
            author[made],
            self.staff_style[author][made],
            "senior",
            "Management Decision",
        )
        # 003: serious incidents seen by the head of service, mostly at once (ES1)
        sev = np.flatnonzero(ev["type"] == "serious_incident")
        s_day = ev["notified"][sev] // 1440
        u = rng.random(len(sev))
        at_once = u < 0.6
        s_when = np.where(
            at_once,
            add_workdays(s_day, (rng.random(len(sev)) < 0.4).astype(int)),
            s_day + rng.integers(3, 12, len(sev)),
        )
        made = u < 0.85
        add(
            ev["case"][sev][made],
            s_when[made],
            np.full(made.sum(), self.hos),
            np.zeros(made.sum(), np.int64),
            "senior",
            "Management Oversight",
            significant=np.ones(made.sum(), bool),
        )
        # operational managers' own reviews of high-risk cases (ES2), by their style
        high = self.case_level[self.seg_case] >= 2
        seg_om = self.staff_mgr[self.case_tm[self.seg_case]]
        gap = np.where(high, style_column(self.staff_style[seg_om], "senior_gap_days"), 1e9)
        owner, day = self.poisson_points(seg_lo, seg_hi, gap)
        add(
            self.seg_case[owner],
            to_weekday(day),
            seg_om[owner],
            self.staff_style[seg_om[owner]],
            "senior",
            "Management Oversight",
        )

        case = np.concatenate([x["case"] for x in parts])
        day = np.concatenate([x["day"] for x in parts])
        author = np.concatenate([x["author"] for x in parts])
        style = np.concatenate([x["style"] for x in parts])
        kind = np.concatenate([x["kind"] for x in parts])
        heading = np.concatenate([x["heading"] for x in parts])
        significant = np.concatenate([x["significant"] for x in parts])
        quality = np.concatenate([x["quality"] for x in parts])
        keep = (day <= self.case_last[case]) & (day >= self.case_start[case])
        case, day, author, style, kind, heading, significant, quality = (
            x[keep] for x in (case, day, author, style, kind, heading, significant, quality)
        )
        m = len(case)
        qp = np.array([s.quality for s in STYLES])[style]
        drawn = (rng.random(m)[:, None] > np.cumsum(qp, axis=1)).sum(axis=1).clip(0, 2)
        quality = np.where(quality >= 0, quality, drawn)
        quality = np.where(significant & (quality == 2), 1, quality)
        # on a case with a victim, some entries keep the victim in view (VC1), by style
        victim = (self.case_victim_from[case] <= day) & (rng.random(m) < style_column(style, "victim_note_p"))
        event_min = day * 1440 + rng.integers(8 * 60 + 30, 18 * 60, m)
        has_time = rng.random(m) >= style_column(style, "date_only_p")
        rp = np.array([s.record for s in STYLES])[style]
        band = (rng.random(m)[:, None] > np.cumsum(rp, axis=1)).sum(axis=1).clip(0, 2)
        late_lo = np.array([s.late_days[0] for s in STYLES])[style]
        late_hi = np.array([s.late_days[1] for s in STYLES])[style]
        delay = np.choose(
            band,
            [rng.integers(5, 300, m), rng.integers(300, 47 * 60, m), rng.integers(late_lo * 1440, late_hi * 1440 + 1)],
        )
        # significant matters are mostly written up at once, except under drifting managers
        delay = np.where(significant & (style != 2) & (rng.random(m) < 0.9), rng.integers(5, 360, m), delay)
        base = np.where(has_time, event_min, day * 1440)
        recorded = np.where(has_time, event_min, day * 1440 + 9 * 60) + delay
        mgmt = {
            "case": case,
            "event": base,
            "has_time": has_time,
            "recorded": recorded,
            "author": author,
            "heading": heading,
            "significant": significant,
            "kind": kind,
            "quality": quality,
            "style": style,
            "victim": victim,
        }
        # practitioners' contacts
        gap = np.array([CONTACT_GAP[k] for k in self.case_kind])
        lo = np.maximum(self.seg_from, START)
        owner, day = self.poisson_points(lo, np.minimum(self.seg_to, END), gap[self.seg_case])
        intensive = self.case_kind[self.seg_case[owner]] == "intensive"
        day = np.where(intensive | (rng.random(len(day)) < 0.1), day, to_weekday(day))
        ccase = self.seg_case[owner]
        keep = day <= self.case_last[ccase]
        owner, day, ccase = owner[keep], day[keep], ccase[keep]
        c = len(owner)
        cmin = day * 1440 + rng.integers(9 * 60, 20 * 60, c)
        cdelay = np.where(rng.random(c) < 0.85, rng.integers(10, 240, c), rng.integers(240, 6 * 1440, c))
        contact_types = np.array(
            [
                "Home Visit",
                "Office Appointment",
                "Telephone Contact",
                "Text Message",
                "School Visit",
                "Reparation Session",
            ],
            dtype=object,
        )
        contacts = {
            "case": ccase,
            "event": cmin,
            "has_time": np.ones(c, bool),
            "recorded": cmin + cdelay,
            "author": self.seg_staff[owner],
            "heading": contact_types[rng.choice(6, c, p=[0.3, 0.3, 0.22, 0.06, 0.06, 0.06])],
            "significant": np.zeros(c, bool),
            "kind": np.full(c, -1),
            "quality": np.full(c, -1),
            "style": np.full(c, -1),
            "victim": np.zeros(c, bool),
        }
        notes = {k: np.concatenate([mgmt[k], contacts[k]]) for k in mgmt}
        keep = notes["recorded"] // 1440 <= END
        notes = {k: v[keep] for k, v in notes.items()}
        order = np.lexsort((notes["event"], notes["case"]))
        self.notes = {k: v[order] for k, v in notes.items()}
        nt = self.notes
        nt["text"] = texts.pick(rng, nt["kind"], np.where(nt["kind"] >= 0, nt["quality"], 0), nt["victim"])

    def _actions(self) -> None:
        """Actions set by management entries: analytical entries set most of them."""
        rng = self.rng
        nt = self.notes
        mgmt = np.flatnonzero(np.isin(nt["kind"], [0, 1, 2, 3, 4]))
        p = np.array([0.45, 0.2, 0.03])[nt["quality"][mgmt]]
        setter = mgmt[rng.random(len(mgmt)) < p]
        setter = np.concatenate([setter, setter[rng.random(len(setter)) < 0.1]])
        setter.sort()
        n = len(setter)
        case = nt["case"][setter]
        set_day = nt["event"][setter] // 1440
        seg = self.segment_at(case, set_day)
        style = nt["style"][setter]
        owner = np.where(rng.random(n) < 0.85, self.seg_staff[seg], nt["author"][setter])
        due_in = rng.choice([7, 14, 21, 28, 42], n)
        due = np.where(rng.random(n) < 0.9, set_day + due_in, NEVER)
        done = rng.random(n) < style_column(style, "action_done_p")
        late = rng.random(n) < np.array([0.06, 0.2, 0.35])[style]
        completed = set_day + np.where(
            late, due_in + rng.integers(1, 15, n), (rng.uniform(0.2, 1.0, n) * due_in).astype(np.int64)
        )
        completed = np.where(done, completed, NEVER)
        confirm = rng.random(n) < style_column(style, "action_confirm_p")
        lo = np.array([s.confirm_delay[0] for s in STYLES])[style]
        hi = np.array([s.confirm_delay[1] for s in STYLES])[style]
        confirmed = add_workdays(np.minimum(completed, END + 1), rng.integers(lo, hi + 1))
        confirmed = np.where(done & confirm, confirmed, NEVER)
        completed = np.where(completed <= END, completed, NEVER)
        confirmed = np.where((confirmed <= END) & (completed <= END), confirmed, NEVER)
        self.actions = {
            "case": case,
            "note": setter,
            "owner": owner,
            "set": set_day,
            "due": due,
            "completed": completed,
            "confirmed": confirmed,
        }

    def _audit_judgements(self) -> None:
        """Each auditor's own judgement of oversight: what reading the file on the audit day
        shows (an inspector's checks, as JG1 makes them), with human noise.

        The auditor reads the 182 days up to the audit: gaps between management entries, stages
        left without countersignature or signed late, a late first assessment, events nobody
        answered, actions not followed up, an out-of-date assessment, a high-risk case with no
        panel, threadbare entries. Nothing recorded after the audit day is seen.
        """
        rng = self.rng
        a = self.audits
        n = len(a["case"])
        if n == 0:
            a["sufficient"] = np.zeros(0, bool)
            return
        big = np.int64(1 << 22)
        case, t = a["case"], a["day"]
        ws = np.maximum(t - 181, self.case_start[case])
        nt, st = self.notes, self.stages
        manager = np.array([s.role in MANAGER_ROLES for s in self.staff])
        mg = np.flatnonzero((nt["kind"] >= 0) & manager[nt["author"]])
        signed = np.flatnonzero(st["signed"] < NEVER)
        e_case = np.r_[nt["case"][mg], st["case"][signed]]
        e_day = np.r_[nt["event"][mg] // 1440, st["signed"][signed]]
        e_rec = np.r_[nt["recorded"][mg] // 1440, st["signed"][signed]]
        e_words = np.r_[texts.words_of(nt["text"][mg]), np.full(len(signed), -1)]
        e_panel = np.r_[nt["kind"][mg] == texts.KINDS.index("panel"), np.zeros(len(signed), bool)]
        order = np.lexsort((e_day, e_case))
        e_case, e_day, e_rec, e_words, e_panel = (x[order] for x in (e_case, e_day, e_rec, e_words, e_panel))
        e_key = e_case * big + e_day

        def pairs(key: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            """(audit, row) for each row whose key is in [lo, hi] for that audit."""
            first = np.searchsorted(key, lo, side="left")
            last = np.searchsorted(key, hi, side="right")
            k = np.maximum(last - first, 0)
            owner = np.repeat(np.arange(len(lo)), k)
            return owner, first[owner] + np.arange(len(owner)) - np.repeat(np.cumsum(k) - k, k)

        def any_by(owner: np.ndarray, flag: np.ndarray) -> np.ndarray:
            out = np.zeros(n, bool)
            out[owner[flag]] = True
            return out

        # ratings: each stage's level is the higher of rosh and swb
        done = np.flatnonzero(st["completed"] < NEVER)
        s_case, s_done = st["case"][done], st["completed"][done]
        order = np.lexsort((s_done, s_case))
        done, s_case, s_done = done[order], s_case[order], s_done[order]
        s_level = np.maximum(st["rosh"][done], st["swb"][done])
        s_signed, s_stage = st["signed"][done], st["stage"][done]
        s_key = s_case * big + s_done

        def level_at(day: np.ndarray) -> np.ndarray:
            idx = np.searchsorted(s_key, case * big + day, side="right") - 1
            ok = (idx >= 0) & (s_case[np.maximum(idx, 0)] == case)
            return np.where(ok, s_level[np.maximum(idx, 0)], -1)

        owner, row = pairs(s_key, case * big + ws, case * big + t)
        raised = any_by(owner, s_level[row] >= 1) | (level_at(ws) >= 1)
        # Evidence: gaps between management entries seen on the audit day
        o, r = pairs(e_key, case * big + ws, case * big + t)
        seen = e_rec[r] <= t[o]
        o, r = o[seen], r[seen]
        gap_n = np.where(raised, 28, 56)
        has = np.zeros(n, bool)
        has[o] = True
        first_day = np.full(n, NEVER)
        np.minimum.at(first_day, o, e_day[r])
        last_day = np.full(n, -NEVER)
        np.maximum.at(last_day, o, e_day[r])
        same = np.r_[False, o[1:] == o[:-1]]
        between = np.r_[0, np.diff(e_day[r])]
        evidence = ~has | (first_day - ws >= gap_n) | (t - last_day >= gap_n)
        evidence |= any_by(o, same & (between > gap_n[o]))
        # threadbare: more than half the entries with text under 40 words
        texted = e_words[r] > 0
        n_text = np.bincount(o[texted], minlength=n)
        n_short = np.bincount(o[texted & (e_words[r] < 40)], minlength=n)
        threadbare = 2 * n_short > n_text
        # stages completed in the window: countersigned, and in time
        owner, row = pairs(s_key, case * big + ws, case * big + t)
        c = s_done[row]
        unsigned = (add_workdays(c, 5) <= t[owner]) & (s_signed[row] > t[owner])
        late_sign = (s_signed[row] <= t[owner]) & (s_signed[row] > add_workdays(c, 5))
        not_signed = any_by(owner, unsigned)
        sign_late = any_by(owner, late_sign)
        critical = any_by(owner, unsigned & (add_workdays(c, 60) < t[owner]))
        critical |= any_by(owner, late_sign & (s_signed[row] > add_workdays(c, 60)))
        # assessment up to date, first assessment in time
        latest = np.searchsorted(s_key, case * big + t, side="right") - 1
        has_stage = (latest >= 0) & (s_case[np.maximum(latest, 0)] == case)
        out_of_date = has_stage & (t - s_done[np.maximum(latest, 0)] > 91)
        applies = np.isin(
            self.case_disp[case], [DISPOSAL_NAMES.index(d) for d in self.assetplus if d in DISPOSAL_NAMES]
        )
        first_stage = np.full(self.n_cases, NEVER)
        not_psr = s_stage != self.stage_names.index("psr")
        np.minimum.at(first_stage, s_case[not_psr], s_done[not_psr])
        fs = first_stage[case]
        fs = np.where(fs <= t, fs, NEVER)
        due = add_workdays(self.case_start[case], 20)
        first_late = applies & (due >= ws) & (due <= t) & (fs > due)
        due60 = add_workdays(self.case_start[case], 60)
        critical |= applies & (due60 <= t) & (fs > due60)
        # events nobody answered within a working day
        ev = self.events
        trig = np.flatnonzero((ev["type"] != "court_appearance") & (ev["type"] != "other"))
        v_case, v_day = ev["case"][trig], ev["notified"][trig] // 1440
        v_serious = np.isin(ev["type"][trig], ["serious_incident", "safeguarding_concern"])
        order = np.lexsort((v_day, v_case))
        v_case, v_day, v_serious = v_case[order], v_day[order], v_serious[order]
        v_key = v_case * big + v_day
        owner, row = pairs(v_key, case * big + ws, case * big + t)
        deadline = add_workdays(v_day[row], 1)
        lo_i = np.searchsorted(e_key, v_case[row] * big + v_day[row], side="left")
        hi_i = np.searchsorted(e_key, v_case[row] * big + deadline, side="right")
        unanswered = (hi_i == lo_i) & (deadline <= t[owner])
        no_answer = any_by(owner, unanswered)
        critical |= any_by(owner, unanswered & v_serious[row])
        # actions due in the window
        ac = self.actions
        due_on = np.where(ac["due"] < NEVER, ac["due"], ac["set"] + 28)
        order = np.lexsort((due_on, ac["case"]))
        a_case, a_due = ac["case"][order], due_on[order]
        a_done, a_conf = ac["completed"][order], ac["confirmed"][order]
        owner, row = pairs(a_case * big + a_due, case * big + ws, case * big + t)
        done_by = np.where(a_done[row] <= t[owner], a_done[row], NEVER)
        conf_by = add_workdays(np.minimum(done_by, END + 400), 10)
        missed = (done_by > a_due[row]) | ((conf_by <= t[owner]) & ~(a_conf[row] <= np.minimum(conf_by, t[owner])))
        not_followed = any_by(owner, missed)
        # a high-risk case with no panel in the four weeks before the audit
        p = self.panels
        order = np.lexsort((p["day"], p["case"]))
        p_key = p["case"][order] * big + p["day"][order]
        panel_meeting = np.searchsorted(p_key, case * big + t, side="right") > np.searchsorted(
            p_key, case * big + t - 27, side="left"
        )
        o, r = pairs(e_key, case * big + t - 27, case * big + t)
        panel_entry = any_by(o, e_panel[r])
        no_panel = (level_at(t) >= 2) & (level_at(t - 28) >= 2) & ~panel_meeting & ~panel_entry
        fails = (
            evidence.astype(int)
            + threadbare
            + applies * (not_signed.astype(int) + sign_late + out_of_date + first_late)
            + no_answer
            + not_followed
            + no_panel
        )
        insufficient = (raised & evidence) | (fails >= 2) | critical
        # human noise: auditors weigh things differently, and the grade they gave colours it
        flip = rng.random(n) < 0.15
        judged = np.where(flip, ~insufficient, insufficient)
        judged = np.where((a["grade"] == 3) & (rng.random(n) < 0.35), True, judged)
        judged = np.where((a["grade"] == 0) & (rng.random(n) < 0.35), False, judged)
        a["sufficient"] = ~judged

    def _supervisions(self) -> None:
        """Formal 1:1s monthly (fewer under drifting managers) and group sessions each quarter.

        A session never falls while the supervisee is away: it moves to their first day back, or
        is lost when that is next month. A supervisor away is covered by their own manager. On
        return from a long absence (10 working days or more) some managers hold a 1:1 within 5
        working days (SC3), by style.
        """
        rng = self.rng
        who = np.array([s.idx for s in self.staff if s.manager is not None])
        sup = self.staff_mgr[who]
        lo = np.array([max(self.staff[i].start or START, START) for i in who])
        hi = np.array([min(self.staff[i].end if self.staff[i].end is not None else END, END) for i in who])
        owner, first, last = self.month_grid(lo, hi)
        ok = last >= first
        owner, first, last = owner[ok], first[ok], last[ok]
        p = style_column(self.staff_style[sup[owner]], "staff_supervision_p")
        # specialists are mostly seen monthly whatever their manager's style
        specialist = np.array([self.staff[i].role == "specialist" for i in who])[owner]
        p = np.where(specialist, 0.5 * p + 0.475, p)
        held = rng.random(len(owner)) < p
        day = to_weekday(first + (rng.random(len(owner)) * (last - first + 1)).astype(np.int64))
        person = who[owner]
        away = self.absent_at(person, day)
        gone = np.maximum(away, 0)
        back = add_workdays(np.minimum(self.absences["to"][gone], END + 400), 1)
        # back too late for this month: held before they went, where the month allows
        before = to_weekday(first + (rng.random(len(owner)) * (self.absences["from"][gone] - first)).astype(np.int64))
        moved = np.where((back > last) & (self.absences["from"][gone] > first + 2), before, back)
        day = np.where(away >= 0, moved, day)
        keep = held & (day <= END) & (day <= last)
        # group supervision in the first month of each quarter, for about half the staff
        group = (month_of(first) % 3 == 0) & (rng.random(len(owner)) < 0.5)
        g_day = to_weekday(first + np.minimum(10, last - first))
        g_keep = group & (g_day <= END) & (g_day <= last) & (self.absent_at(person, g_day) < 0)
        # on return from a long absence
        a = self.absences
        ret = np.flatnonzero(np.array([self.staff[i].manager is not None for i in a["staff"]], dtype=bool))
        ret = ret[a["to"][ret] < END]
        span = np.busday_count(
            a["from"][ret].astype("datetime64[D]"), (a["to"][ret] + 1).astype("datetime64[D]"), holidays=_holidays()
        )
        ret = ret[span >= 10]
        r_who = a["staff"][ret]
        r_sup = self.staff_mgr[r_who]
        u = rng.random(len(ret))
        prompt = u < style_column(self.staff_style[r_sup], "return_supervision_p")
        later = ~prompt & (u < 0.5 + 0.5 * style_column(self.staff_style[r_sup], "return_supervision_p"))
        r_day = add_workdays(
            a["to"][ret], np.where(prompt, rng.integers(1, 6, len(ret)), rng.integers(6, 16, len(ret)))
        )
        r_end = np.array([self.staff[i].end if self.staff[i].end is not None else END for i in r_who], dtype=np.int64)
        r_keep = (prompt | later) & (r_day <= np.minimum(END, r_end))
        supervisee = np.concatenate([person[keep], r_who[r_keep], person[g_keep]])
        supervisor = np.concatenate([sup[owner[keep]], r_sup[r_keep], sup[owner[g_keep]]])
        days = np.concatenate([day[keep], r_day[r_keep], g_day[g_keep]])
        kind = np.array(["formal_1to1"] * (keep.sum() + r_keep.sum()) + ["group"] * g_keep.sum(), dtype=object)
        # cover: a supervisor away that day is replaced by their own manager
        covered = (self.absent_at(supervisor, days) >= 0) & (self.staff_mgr[supervisor] >= 0)
        supervisor = np.where(covered, self.staff_mgr[supervisor], supervisor)
        self.supervisions = {"supervisee": supervisee, "supervisor": supervisor, "day": days, "kind": kind}

    # ---- output ---------------------------------------------------------------------------------

    def frames(self, counters: dict[str, int]) -> dict[str, pl.DataFrame]:
        """Every table as strings and dates in canonical column order; ``counters`` numbers ids
        across services so they stay unique."""
        return build_frames(self, counters)


def _days(values: np.ndarray) -> pl.Series:
    """Day numbers as dates; NEVER (not yet, or not given) as empty."""
    v = pl.DataFrame({"v": np.asarray(values, dtype=np.int64)})
    return v.select(pl.when(pl.col("v") < NEVER).then(pl.col("v")).cast(pl.Int32).cast(pl.Date)).to_series()


def _ids(prefix: str, numbers: np.ndarray, width: int) -> pl.Series:
    v = pl.DataFrame({"v": np.asarray(numbers, dtype=np.int64)})
    return v.select(pl.concat_str([pl.lit(prefix), pl.col("v").cast(pl.String).str.zfill(width)])).to_series()


def _emails(names: list[str], ids: np.ndarray) -> list[str]:
    """Sign-in addresses on the reserved example domain; the id keeps them unique across services."""
    return [f"{n.casefold().replace(' ', '.')}.{i.casefold()}@example.org" for n, i in zip(names, ids, strict=True)]


def _seq(prefix: str, start: int, n: int, width: int) -> pl.Series:
    return _ids(prefix, np.arange(start, start + n), width)


def _where(mask: np.ndarray, yes: pl.Series, no: pl.Series | None = None) -> pl.Series:
    f = pl.DataFrame({"m": np.asarray(mask, dtype=bool), "a": yes})
    other = pl.lit(None, dtype=yes.dtype) if no is None else no
    return f.select(pl.when(pl.col("m")).then(pl.col("a")).otherwise(other)).to_series()


def _stamp(minutes: np.ndarray, has_time: np.ndarray) -> pl.Series:
    """YYYY-MM-DD HH:MM, or the date alone where no time was given."""
    ts = pl.Series(np.asarray(minutes, dtype=np.int64) * 60_000_000, dtype=pl.Int64).cast(pl.Datetime("us"))
    frame = pl.DataFrame({"ts": ts, "t": pl.Series(has_time, dtype=pl.Boolean)})
    return frame.select(
        pl.when(pl.col("t"))
        .then(pl.col("ts").dt.strftime("%Y-%m-%d %H:%M"))
        .otherwise(pl.col("ts").dt.strftime("%Y-%m-%d"))
    ).to_series()


def build_frames(svc: Service, counters: dict[str, int]) -> dict[str, pl.DataFrame]:
    rng = svc.rng
    p = svc.prefix

    def take(name: str, n: int) -> int:
        first = counters.get(name, 1)
        counters[name] = first + n
        return first

    staff_ids = _seq(f"{p}S", take("staff", len(svc.staff)), len(svc.staff), 4)
    sid = staff_ids.to_numpy()
    staff = pl.DataFrame(
        {
            "staff_id": staff_ids,
            "name": svc.names,
            "role": [s.role for s in svc.staff],
            "team": [s.team for s in svc.staff],
            "email": _emails(svc.names, sid),
            "line_manager_id": [sid[s.manager] if s.manager is not None else None for s in svc.staff],
            "start_date": _days(np.array([s.start if s.start is not None else NEVER for s in svc.staff])),
            "end_date": _days(np.array([s.end if s.end is not None else NEVER for s in svc.staff])),
            # a full-time post's fte is left empty half the time: the contract reads empty as 1
            "fte": pl.Series([None if s.fte == 1.0 and s.idx % 2 else s.fte for s in svc.staff], dtype=pl.Float64),
            "agency": pl.Series([s.agency for s in svc.staff], dtype=pl.Boolean),
        }
    )
    child_base = take("children", svc.n_children)
    # child references look like a case management system's: C + 7 digits, in no useful order
    child_ids = _ids(f"{p}C", 12000 + child_base + rng.permutation(svc.n_children), 7)
    cid = child_ids.to_numpy()
    children = pl.DataFrame(
        {
            "child_id": child_ids,
            "date_of_birth": _days(svc.child_dob),
            "sex": svc.child_sex,
            "ethnicity": svc.child_eth,
            "looked_after": svc.child_lac,
        }
    )
    case_ids = _seq(f"{p}Y", take("cases", svc.n_cases), svc.n_cases, 6)
    kid = case_ids.to_numpy()
    cases = pl.DataFrame(
        {
            "case_id": case_ids,
            "child_id": cid[svc.case_child],
            "team": svc.case_team,
            "case_manager_id": sid[svc.case_staff],
            "disposal": np.array(DISPOSAL_NAMES)[svc.case_disp],
            "start_date": _days(svc.case_start),
            "allocated_date": _days(svc.case_alloc),
            "end_date": _days(np.where(svc.case_end <= END, svc.case_end, NEVER)),
        }
    )
    nt = svc.notes
    n_notes = len(nt["case"])
    note_ids = _seq(f"{p}N", take("case_notes", n_notes), n_notes, 8)
    mgmt = nt["kind"] >= 0
    note_text = texts.texts_of(nt["text"])
    case_notes = pl.DataFrame(
        {
            "note_id": note_ids,
            "case_id": kid[nt["case"]],
            "note_type": pl.Series(nt["heading"].astype(str)),
            "author_id": sid[nt["author"]],
            "event_date": _stamp(nt["event"], nt["has_time"]),
            "recorded_at": _stamp(nt["recorded"], np.ones(n_notes, bool)),
            "significant": _where(mgmt, pl.Series(nt["significant"])),
            "text": note_text,
        }
    )
    s = svc.stages
    n_st = len(s["case"])
    ratings4 = np.array(["low", "medium", "high", "very_high"])
    done = s["done"]
    assessments = pl.DataFrame(
        {
            "assessment_id": _seq(f"{p}A", take("assessments", n_st), n_st, 7),
            "case_id": kid[s["case"]],
            "stage": np.array(svc.stage_names)[s["stage"]],
            "started_date": _days(s["started"]),
            "completed_date": _days(s["completed"]),
            "countersigned_date": _days(s["signed"]),
            "countersigned_by": _where(s["signed"] < NEVER, pl.Series(sid[s["signer"]])),
            "rosh": _where(done, pl.Series(ratings4[s["rosh"]])),
            "swb": _where(done, pl.Series(ratings4[s["swb"]])),
            "lor": _where(done, pl.Series(ratings4[s["lor"]])),
            "returned_count": _where(done, pl.Series(s["returned"], dtype=pl.Int32)),
            "yet_to_clarify": _where(done, pl.Series(s["ytc"], dtype=pl.Int32)),
        }
    )
    ev = svc.events
    n_ev = len(ev["case"])
    events = pl.DataFrame(
        {
            "event_id": _seq(f"{p}E", take("events", n_ev), n_ev, 7),
            "case_id": kid[ev["case"]],
            "event_type": ev["type"],
            "occurred_at": _stamp(ev["occurred"], np.ones(n_ev, bool)),
            "notified_at": _where(ev["notified_given"], _stamp(ev["notified"], np.ones(n_ev, bool))),
        }
    )
    ac = svc.actions
    n_ac = len(ac["case"])
    actions = pl.DataFrame(
        {
            "action_id": _seq(f"{p}T", take("actions", n_ac), n_ac, 7),
            "case_id": kid[ac["case"]],
            "note_id": note_ids.to_numpy()[ac["note"]],
            "owner_id": sid[ac["owner"]],
            "set_date": _days(ac["set"]),
            "due_date": _days(ac["due"]),
            "completed_date": _days(ac["completed"]),
            "confirmed_date": _days(ac["confirmed"]),
        }
    )
    sv = svc.supervisions
    n_sv = len(sv["day"])
    supervisions = pl.DataFrame(
        {
            "session_id": _seq(f"{p}V", take("supervisions", n_sv), n_sv, 7),
            "supervisee_id": sid[sv["supervisee"]],
            "supervisor_id": sid[sv["supervisor"]],
            "session_date": _days(sv["day"]),
            "kind": sv["kind"].astype(str),
        }
    )
    pn = svc.panels
    n_pn = len(pn["case"])
    panels = pl.DataFrame(
        {
            "meeting_id": _seq(f"{p}M", take("panels", n_pn), n_pn, 6),
            "case_id": kid[pn["case"]],
            "panel": pn["panel"],
            "meeting_date": _days(pn["day"]),
            "recorded_date": _days(pn["recorded"]),
            "chair_id": _where(pn["chair"] >= 0, pl.Series(sid[np.maximum(pn["chair"], 0)])),
        }
    )
    au = svc.audits
    n_au = len(au["case"])
    grades = np.array(["outstanding", "good", "requires_improvement", "inadequate"])
    audits = pl.DataFrame(
        {
            "audit_id": _seq(f"{p}Q", take("audits", n_au), n_au, 6),
            "case_id": kid[au["case"]],
            "auditor_id": sid[au["auditor"]],
            "audit_date": _days(au["day"]),
            "grade": grades[au["grade"]],
            "oversight_judgement": _where(
                au["judged"], pl.Series(np.where(au["sufficient"], "sufficient", "insufficient"))
            ),
        }
    )
    ab = svc.absences
    n_ab = len(ab["staff"])
    absences = pl.DataFrame(
        {
            "absence_id": _seq(f"{p}L", take("absences", n_ab), n_ab, 6),
            "staff_id": sid[ab["staff"]],
            "from_date": _days(ab["from"]),
            "to_date": _days(ab["to"]),
            "reason": np.array([r[0] for r in Service._ABSENCE])[ab["reason"]],
        }
    )
    vi = svc.victims
    n_vi = len(vi["case"])
    victims = pl.DataFrame(
        {
            "victim_id": _seq(f"{p}W", take("victims", n_vi), n_vi, 6),
            "case_id": kid[vi["case"]],
            "identified_date": _days(vi["identified"]),
            "consent_to_contact": _where(vi["consent_known"], pl.Series(vi["consent"])),
            "contacted_date": _days(vi["contacted"]),
            "rj_offered_date": _days(vi["offered"]),
            "rj_took_part": _where(vi["took_part_known"], pl.Series(vi["took_part"])),
        }
    )
    allocations = pl.DataFrame(
        {
            "case_id": kid[svc.seg_case],
            "staff_id": sid[svc.seg_staff],
            "from_date": _days(svc.seg_from),
            "to_date": _days(np.where(svc.seg_to <= END, svc.seg_to, NEVER)),
        }
    )
    return {
        "staff": staff,
        "children": children.sort("child_id"),
        "cases": cases,
        "case_notes": case_notes,
        "assessments": assessments,
        "events": events,
        "actions": actions,
        "supervisions": supervisions,
        "panels": panels,
        "audits": audits,
        "absences": absences,
        "victims": victims,
        "allocations": allocations,
    }
