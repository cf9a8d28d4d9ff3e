"""The engagement procedure of GB.326/INS/3 para 3, as knowledge shared by the routing rules,
the `route` advisor and `add-contact`.

Units are data: the bureau for a contact is the unit of kind `bureau` whose `group`
matches the constituents concerned, and technical leads are found by their mandates
(topics) and countries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from . import Contact, Unit

LEAD_KINDS = ("policy-department", "field-office")

# Once referred, a contact has a technical lead; once in progress, a follow-up is due.
REFERRED_OR_LATER = frozenset({"referred", "in-progress", "closed"})
UNDER_WAY_OR_CLOSED = frozenset({"in-progress", "closed"})

GROUP_OF_INITIATOR = {"management": "employers", "workers-organization": "workers"}


def group_concerned(initiated_by: str, counterpart: str | None) -> str | None:
    """Whose bureau handles a contact: the employers' (management) or the workers'.

    An enterprise's management or a workers' organization decides it when it made the
    contact (para 3(a)); when an ILO unit made it, the counterpart it engages does (para 3(b)).
    """
    if initiated_by == "ilo-unit":
        return GROUP_OF_INITIATOR.get(counterpart or "")
    return GROUP_OF_INITIATOR.get(initiated_by)


def is_enterprise_initiated(contact: Contact) -> bool:
    """Whether the enterprise side approached the ILO (not an ILO unit the enterprise)."""
    return contact.initiated_by != "ilo-unit"


@dataclass(frozen=True)
class Candidate:
    """A unit that could lead on a contact, with why."""

    unit: Unit
    topics: tuple[str, ...]
    countries: tuple[str, ...]

    @property
    def fits(self) -> bool:
        """A policy department fits by topic; a field office only when it covers a country of the
        contact (its mandate is its countries), then ranked by topic; another kind by either."""
        if self.unit.kind == "policy-department":
            return bool(self.topics)
        if self.unit.kind == "field-office":
            return bool(self.countries)
        return bool(self.topics or self.countries)

    def reasons(self, topic_names: dict[str, str] | None = None) -> list[str]:
        names = topic_names or {}
        found = []
        if self.topics:
            found.append("mandate covers " + ", ".join(names.get(t, t) for t in self.topics))
        if self.countries:
            found.append("covers " + ", ".join(self.countries))
        return found


@dataclass
class Office:
    """The units of the Office as the procedure needs them."""

    units: dict[str, Unit] = field(default_factory=dict)

    @classmethod
    def of(cls, units: Iterable[Unit]) -> Office:
        return cls({unit.id: unit for unit in units})

    def bureau(self, group: str | None) -> Unit | None:
        """ACT/EMP for the employers, ACTRAV for the workers (para 3(a))."""
        return self._of_kind("bureau", group)

    def secretariat(self, group: str | None) -> Unit | None:
        """The group secretariat the bureau of that group shares with (para 3(a))."""
        return self._of_kind("secretariat", group)

    def other_group(self, group: str | None) -> str | None:
        return {"employers": "workers", "workers": "employers"}.get(group or "")

    def entry_bureau(self, contact: Contact) -> Unit | None:
        """The bureau a contact should enter through, or None if the record cannot tell."""
        return self.bureau(group_concerned(contact.initiated_by, contact.counterpart))

    def candidate(self, unit: Unit, topics: Iterable[str], countries: Iterable[str]) -> Candidate:
        """How well a unit's mandate fits some topics and countries (para 3(c))."""
        return Candidate(
            unit,
            tuple(t for t in topics if t in unit.mandates),
            tuple(c for c in countries if c in unit.countries),
        )

    def candidate_leads(self, topics: Iterable[str], countries: Iterable[str]) -> list[Candidate]:
        """Policy departments whose mandate covers a topic and field offices covering a country,
        best fit first: more topics matched, then more countries, then by short name."""
        topics, countries = list(topics), list(countries)
        found = [
            self.candidate(unit, topics, countries) for unit in self.units.values() if unit.kind in LEAD_KINDS
        ]
        return sorted(
            (c for c in found if c.fits), key=lambda c: (-len(c.topics), -len(c.countries), c.unit.short)
        )

    def _of_kind(self, kind: str, group: str | None) -> Unit | None:
        if group is None:
            return None
        return next((u for u in self.units.values() if u.kind == kind and u.group == group), None)
