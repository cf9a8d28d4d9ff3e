"""The computed assessment of the procedure's implementation (para 1 asks for one):
how contacts entered, where and on what, how far each rule was met, how quickly needs
were analysed, and which departments and offices engaged little or not at all (para 23)."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..audience import Audience, may_name, unit_view
from ..checks import context
from ..checks.routing import ROUTING_RULES, breaches
from ..dataset import Dataset
from ..model import Contact, Enterprise, Initiative
from ..procedure import LEAD_KINDS, Office


@dataclass(frozen=True)
class Count:
    """A label and how many."""

    label: str
    count: int


@dataclass(frozen=True)
class RuleShare:
    """How many contacts under the procedure met one rule."""

    code: str
    title: str
    paragraph: str
    checked: int
    met: int

    @property
    def share(self) -> float:
        return self.met / self.checked if self.checked else 1.0


@dataclass(frozen=True)
class Assessment:
    """Numbers about the procedure, all computed from the contacts of a period."""

    start: date
    end: date
    contacts: int
    enterprises: int
    exempt: int  # contacts of the period dated before the procedure started
    by_entry_point: list[Count]
    by_initiator: list[Count]
    by_region: list[Count]
    by_topic: list[Count]
    by_status: list[Count]
    rules: list[RuleShare]
    analyses: int
    median_days_to_analysis: float | None
    longest_days_to_analysis: int | None
    register_sizes: list[Count]
    without_engagement: list[str]  # policy departments and field offices: no contact or initiative
    little_engagement: list[str]  # one only


def assess(dataset: Dataset, start: date, end: date, audience: Audience) -> Assessment:
    """The assessment of contacts dated from `start` to `end` inclusive; units named as the audience may see."""
    office = Office.of(e.record for e in dataset.of_kind("unit"))  # type: ignore[misc]
    enterprises: dict[str, Enterprise] = {k: e.record for k, e in dataset.ids("enterprise").items()}  # type: ignore[misc]
    contacts: list[Contact] = [
        e.record for e in dataset.of_kind("contact") if start <= e.record.date <= end  # type: ignore[attr-defined]
    ]
    ctx = context(dataset, today=max(end, start))
    under_procedure = [c for c in contacts if c.date >= ctx.settings.start]
    broken = {c.id: breaches(c, ctx) for c in under_procedure}
    delays = [(c.needs_analysis.date - c.date).days for c in under_procedure if c.needs_analysis]
    topic_names = {t.id: t.name for t in dataset.topics()}
    region_of = {country: r.name for r in dataset.regions() for country in r.countries}

    def places(contact: Contact) -> set[str]:
        countries = contact.countries or ([enterprises[contact.enterprise].country]
                                          if contact.enterprise in enterprises else [])
        return {region_of.get(c, "Other") for c in countries} or {"Not recorded"}

    engagement = Counter[str]()
    for c in contacts:
        engagement.update({u for u in (c.initiating_unit, c.technical_lead, *c.referred_to) if u})
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
        by_entry_point=_merged((short(u), n) for u, n in _ranked(entered)),
        by_initiator=[Count(k, n) for k, n in _ranked(Counter(c.initiated_by for c in contacts))],
        by_region=[Count(k, n) for k, n in _ranked(Counter(r for c in contacts for r in places(c)))],
        by_topic=[Count(topic_names.get(k, k), n) for k, n in _ranked(Counter(t for c in contacts for t in c.topics))],
        by_status=[Count(k, n) for k, n in _ranked(Counter(c.status for c in contacts))],
        rules=[
            RuleShare(r.code.code, r.code.title, r.paragraph, len(under_procedure),
                      sum(r.code.code not in found for found in broken.values()))
            for r in ROUTING_RULES
        ],
        analyses=len(delays),
        median_days_to_analysis=statistics.median(delays) if delays else None,
        longest_days_to_analysis=max(delays) if delays else None,
        register_sizes=[
            Count(short(b.id), len({c.enterprise for c in contacts if c.entry_point == b.id})) for b in bureaux
        ],
        without_engagement=[u.short for u in leads if engagement[u.id] == 0],
        little_engagement=[u.short for u in leads if engagement[u.id] == 1],
    )


def _merged(counts: Iterable[tuple[str, int]]) -> list[Count]:
    """Counts under the same label (units not named for the audience) added together, in first order."""
    merged: dict[str, int] = {}
    for label, n in counts:
        merged[label] = merged.get(label, 0) + n
    return sorted((Count(label, n) for label, n in merged.items()), key=lambda c: -c.count)


def _ranked(counter: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))
