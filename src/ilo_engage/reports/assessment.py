"""The computed assessment of the procedure's implementation (para 1 asks for one):
how contacts entered, where and on what, how far each rule was met, how quickly needs
were analysed, and which departments and offices engaged little or not at all (para 23).

Each contact under the procedure is, for each rule that applies to it, met, breached or not
yet due: a rule whose step the contact has not reached is not yet due while the step is within
its deadline ([deadlines] in ilo-engage.toml) at the period's end, and breached once the step is
overdue. The deadline rules themselves (R015–R019) and the dating rules (R013, R014) are not
listed apart: an overdue step shows as its rule breached. Example records (`example: true`) are counted apart: never with real ones."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from ..checks import context
from ..checks.deadlines import pending_steps
from ..checks.routing import ROUTING_RULES, breaches
from ..core.audience import Audience, may_name, unit_view
from ..load.dataset import Dataset
from ..lookup.timing import StepTime, open_at, overdue_by_unit, step_times
from ..model import Contact, Enterprise, Initiative, Unit
from ..model.procedure import LEAD_KINDS, REFERRED_OR_LATER, UNDER_WAY_OR_CLOSED, Office, is_enterprise_initiated


@dataclass(frozen=True)
class Count:
    """A label and how many."""

    label: str
    count: int


# What each rule requires, as the report names it (validate names a rule by its breach).
REQUIREMENTS = {
    "R011": "the contact records who made it and whom it engages",
    "R001": "entry point is the right bureau",
    "R002": "shared with the other bureau",
    "R003": "shared with the group secretariat",
    "R004": "needs analysis made by the entry bureau",
    "R009": "needs analysis made promptly",
    "R005": "referred to a technical lead",
    "R006": "the ILO unit consulted the bureau",
    "R007": "technical lead acts within its mandate",
    "R008": "technical lead followed up with the entry bureau",
    "R010": "steps dated in order",
    "R012": "outcome recorded",
}
# Rules of a step an open contact can be late for, and that step (the others are due at once, or only at the end).
STEP_OF_RULE = {"R002": "share", "R003": "share", "R004": "analyse", "R009": "analyse", "R005": "refer",
                "R006": "consult", "R008": "follow-up"}
# Rules the assessment does not list apart (see above).
NOT_LISTED = frozenset({"R013", "R014", "R015", "R016", "R017", "R018", "R019"})
ENDED = frozenset({"closed", "declined"})


@dataclass(frozen=True)
class RuleShare:
    """For one rule: how many contacts it applies to met it, breached it, or have not reached it yet."""

    code: str
    title: str
    paragraph: str
    met: int
    breached: int
    not_yet_due: int

    @property
    def applies(self) -> int:
        return self.met + self.breached + self.not_yet_due

    @property
    def due(self) -> int:
        return self.met + self.breached


def rule_state(code: str, contact: Contact, broken: set[str], overdue: set[str],
               pending: set[str] | None = None) -> str | None:
    """'met', 'breached' or 'not yet due' for one rule and contact; None if the rule does not apply."""
    enterprise = is_enterprise_initiated(contact)
    if (code in ("R004", "R009") and not enterprise) or (code == "R006" and enterprise):
        return None
    if code in broken:
        return "breached"
    past_received = contact.status != "received"
    shared = past_received or "share" not in (pending or set())  # a sharing already recorded is met
    reached = {
        "R002": shared, "R003": shared, "R004": past_received, "R006": past_received,
        "R009": past_received or contact.needs_analysis is not None,
        "R005": contact.status in REFERRED_OR_LATER,
        "R007": contact.technical_lead is not None,
        "R008": contact.status in UNDER_WAY_OR_CLOSED,
        "R012": contact.status in ENDED,
    }.get(code, True)
    if reached:
        return "met"
    if contact.status in ENDED:
        return None  # an ended contact never reaches this step: the rule does not apply to it
    return "breached" if STEP_OF_RULE.get(code) in overdue else "not yet due"


@dataclass(frozen=True)
class Assessment:
    """Numbers about the procedure, all computed from the contacts of a period."""

    start: date
    end: date
    contacts: int
    enterprises: int
    exempt: int  # contacts of the period dated before the procedure started, or from a register before it
    examples: bool  # whether these are the example records (True) or the real ones (False)
    by_entry_point: list[Count]
    by_initiator: list[Count]
    by_region: list[Count]
    by_topic: list[Count]
    by_status: list[Count]
    rules: list[RuleShare]
    contacts_breaching: int  # contacts under the procedure that breached at least one rule
    analyses: int
    median_days_to_analysis: float | None
    longest_days_to_analysis: int | None
    register_sizes: list[Count]
    without_engagement: list[str]  # policy departments and field offices: no contact or initiative
    little_engagement: list[str]  # one only
    step_times: list[StepTime] = field(default_factory=list)  # days each step took (lookup/timing.py)
    overdue_by_unit: list[Count] = field(default_factory=list)  # steps overdue at the period's end
    open_at_end: int = 0  # contacts under the procedure still open at the period's end

    @property
    def overdue(self) -> int:
        return sum(c.count for c in self.overdue_by_unit)

    @property
    def subject(self) -> int:
        """The contacts subject to the procedure: those not dated before it started."""
        return self.contacts - self.exempt

    @property
    def most_breached(self) -> list[RuleShare]:
        """The three rules breached most often (ties by code), for the report to name."""
        return sorted((r for r in self.rules if r.breached), key=lambda r: (-r.breached, r.code))[:3]


def assess(dataset: Dataset, start: date, end: date, audience: Audience, examples: bool = False) -> Assessment:
    """The assessment of the real contacts (or, with `examples`, the example ones) dated from `start`
    to `end` inclusive; units named as the audience may see."""
    office = Office.of(dataset.records(Unit), dataset.regions())
    enterprises = dataset.by_id(Enterprise)
    contacts = [c for c in dataset.records(Contact) if start <= c.date <= end and c.example == examples]
    ctx = context(dataset, today=max(end, start))
    under_procedure = [c for c in contacts if c.assessed(ctx.settings.start)]
    broken = {c.id: breaches(c, ctx) for c in under_procedure}
    waiting = {c.id: pending_steps(c, office, ctx.deadlines) for c in under_procedure}
    overdue = {c.id: {s.step for s in waiting[c.id] if s.overdue(end)} for c in under_procedure}
    pending = {c.id: {s.step for s in waiting[c.id]} for c in under_procedure}
    states = {r.code.code: Counter(rule_state(r.code.code, c, broken[c.id], overdue[c.id], pending[c.id]) for c in under_procedure)
              for r in ROUTING_RULES}
    delays = [(c.needs_analysis.date - c.date).days for c in under_procedure if c.needs_analysis]
    topic_names = {t.id: t.name for t in dataset.topics()}
    region_of = {country: r.name for r in dataset.regions() for country in r.countries}

    def places(contact: Contact) -> set[str]:
        countries = contact.countries or ([enterprises[contact.enterprise].country]
                                          if contact.enterprise in enterprises else [])
        return {region_of.get(c, "Other") for c in countries} or {"Not recorded"}

    engagement = Counter[str]()
    for c in contacts:
        engagement.update({u for u in (c.initiating_unit, c.technical_lead, *c.referred_units) if u})
    for e in dataset.entries:
        if isinstance(e.record, Initiative):
            engagement.update(set(e.record.lead_units))
    leads = sorted((u for u in office.units.values() if u.kind in LEAD_KINDS and may_name(u, audience)),
                   key=lambda u: u.short)
    bureaux = [u for u in office.units.values() if u.kind == "bureau"]

    def short(unit_id: str) -> str:
        return unit_view(office.units[unit_id], audience).short if unit_id in office.units else unit_id
    entered = Counter(c.entry_point or "not recorded" for c in contacts)
    return Assessment(
        start=start,
        end=end,
        contacts=len(contacts),
        enterprises=len({c.enterprise for c in contacts}),
        exempt=len(contacts) - len(under_procedure),
        examples=examples,
        by_entry_point=_merged((short(u), n) for u, n in _ranked(entered)),
        by_initiator=[Count(k, n) for k, n in _ranked(Counter(c.initiated_by for c in contacts))],
        by_region=[Count(k, n) for k, n in _ranked(Counter(r for c in contacts for r in places(c)))],
        by_topic=[Count(topic_names.get(k, k), n) for k, n in _ranked(Counter(t for c in contacts for t in c.topics))],
        by_status=[Count(k, n) for k, n in _ranked(Counter(c.status for c in contacts))],
        rules=[
            RuleShare(r.code.code, REQUIREMENTS.get(r.code.code, r.code.title), r.paragraph,
                      states[r.code.code]["met"], states[r.code.code]["breached"], states[r.code.code]["not yet due"])
            for r in ROUTING_RULES if r.code.code not in NOT_LISTED
        ],
        contacts_breaching=sum(
            any(rule_state(r.code.code, c, broken[c.id], overdue[c.id], pending[c.id]) == "breached" for r in ROUTING_RULES)
            for c in under_procedure
        ),
        analyses=len(delays),
        median_days_to_analysis=statistics.median(delays) if delays else None,
        longest_days_to_analysis=max(delays) if delays else None,
        register_sizes=[
            Count(short(b.id), len({c.enterprise for c in contacts if c.entry_point == b.id})) for b in bureaux
        ],
        without_engagement=[u.short for u in leads if engagement[u.id] == 0],
        little_engagement=[u.short for u in leads if engagement[u.id] == 1],
        step_times=step_times(under_procedure, end),
        overdue_by_unit=[Count(k, n) for k, n in _ranked(overdue_by_unit(
            under_procedure, office, ctx.deadlines, end, lambda u: short(u) if u else "not recorded"))],
        open_at_end=sum(open_at(c, end) for c in under_procedure),
    )


def _merged(counts: Iterable[tuple[str, int]]) -> list[Count]:
    """Counts under the same label (units not named for the audience) added together, in first order."""
    merged: dict[str, int] = {}
    for label, n in counts:
        merged[label] = merged.get(label, 0) + n
    return sorted((Count(label, n) for label, n in merged.items()), key=lambda c: -c.count)


def _ranked(counter: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))
