"""The engagement procedure of GB.326/INS/3 para 3, as knowledge shared by the routing rules,
the `route` advisor and `add-contact`.

Units are data: the bureau for a contact is the unit of kind `bureau` whose `group`
matches the constituents concerned, and technical leads are found by their mandates
(topics) and the countries they cover: a field office its own list, a regional office its
region's (data/regions.yaml).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from . import Contact, Unit
from .vocabulary import Region

LEAD_KINDS = ("policy-department", "field-office", "regional-office")
# Leads whose mandate is a set of countries: a candidate only for a contact in one of them.
COVERING_KINDS = ("field-office", "regional-office")
# At equal fit, the office nearest the country leads: a country office before its regional office.
_NEARNESS = {"field-office": 0, "regional-office": 1}

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
    """A unit that could lead on a contact, with why: the contact's topics its mandate covers and
    the contact's countries it covers (for a regional office, through `region`, its region's name)."""

    unit: Unit
    topics: tuple[str, ...]
    countries: tuple[str, ...]
    region: str | None = None

    @property
    def fits(self) -> bool:
        """A policy department fits by topic; a field or regional office only when it covers a country
        of the contact (its mandate is its countries), then ranked by topic; another kind by either."""
        if self.unit.kind == "policy-department":
            return bool(self.topics)
        if self.unit.kind in COVERING_KINDS:
            return bool(self.countries)
        return bool(self.topics or self.countries)

    @property
    def rank(self) -> tuple[int, int, int, str]:
        """Its place among candidates, best first: more of the contact's topics in its mandate, then
        more of its countries covered, then the nearer office (a country office before the regional
        office covering the same countries), then by short name."""
        return -len(self.topics), -len(self.countries), _NEARNESS.get(self.unit.kind, 2), self.unit.short

    def reasons(self, topic_names: dict[str, str] | None = None) -> list[str]:
        names = topic_names or {}
        found = []
        if self.topics:
            found.append("mandate covers " + ", ".join(names.get(t, t) for t in self.topics))
        if self.countries:
            where = f" (its region, {self.region})" if self.region else ""
            found.append("covers " + ", ".join(self.countries) + where)
        return found


@dataclass
class Office:
    """The units of the Office as the procedure needs them, and the regions its regional offices cover."""

    units: dict[str, Unit] = field(default_factory=dict)
    regions: dict[str, Region] = field(default_factory=dict)

    @classmethod
    def of(cls, units: Iterable[Unit], regions: Iterable[Region] = ()) -> Office:
        return cls({unit.id: unit for unit in units}, {region.id: region for region in regions})

    def covered(self, unit: Unit) -> list[str]:
        """The countries a unit covers: a field office's own, a regional office's region's (none if
        the region is unknown: validate reports it)."""
        if unit.kind == "regional-office":
            region = self.regions.get(unit.region or "")
            return list(region.countries) if region else []
        return list(unit.countries)

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
        covered = set(self.covered(unit))
        region = self.regions.get(unit.region or "") if unit.kind == "regional-office" else None
        found = tuple(c for c in countries if c in covered)
        return Candidate(unit, tuple(t for t in topics if t in unit.mandates), found,
                         region.name if region and found else None)

    def candidate_leads(self, topics: Iterable[str], countries: Iterable[str]) -> list[Candidate]:
        """Policy departments whose mandate covers a topic, and field and regional offices covering a
        country, best fit first (`Candidate.rank`)."""
        topics, countries = list(topics), list(countries)
        found = [
            self.candidate(unit, topics, countries) for unit in self.units.values() if unit.kind in LEAD_KINDS
        ]
        return sorted((c for c in found if c.fits), key=lambda c: c.rank)

    def outside_mandate(self, lead: Unit, topics: Sequence[str], countries: Sequence[str]) -> str:
        """Why a lead does not fit a contact's topics and countries (R007), and whom `route` proposes."""
        if lead.kind not in LEAD_KINDS:
            why = f"{lead.short} is a {lead.kind}; a policy department, field office or regional office leads"
        elif lead.kind == "policy-department":
            why = f"{lead.short}'s mandate covers none of the contact's topics ({', '.join(topics) or 'none'})"
        else:
            scope = "its region's countries" if lead.kind == "regional-office" else "the countries it covers"
            why = (f"{lead.short} covers none of the contact's countries ({', '.join(countries) or 'none'}): "
                   f"a {lead.kind.replace('-', ' ')} leads only in {scope}")
        return f"{why}; {self.proposed(topics, countries)}"

    def proposed(self, topics: Sequence[str], countries: Sequence[str], shown: int = 5) -> str:
        """The candidate leads `route` ranks first for some topics and countries, as a clause."""
        candidates = self.candidate_leads(topics, countries)
        if not candidates:
            return "no policy department, field office or regional office fits the contact's topics and countries"
        named = ", ".join(f"{c.unit.short} (`{c.unit.id}`)" for c in candidates[:shown])
        more = f" and {len(candidates) - shown} more" if len(candidates) > shown else ""
        return f"`route` proposes, best first: {named}{more}"

    def _of_kind(self, kind: str, group: str | None) -> Unit | None:
        if group is None:
            return None
        return next((u for u in self.units.values() if u.kind == kind and u.group == group), None)
