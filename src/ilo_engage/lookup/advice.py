"""`route`: what the procedure asks of a new contact, before it is recorded."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..core.audience import Audience, UnitView, may_name, unit_view
from ..core.errors import UsageError
from ..load.dataset import Dataset
from ..model import Unit
from ..model.procedure import Candidate, Office, group_concerned
from .dossier import Dossier, dossier


@dataclass(frozen=True)
class Advice:
    """The entry point, candidate leads, and the consultations and sharing a contact requires."""

    initiated_by: str
    counterpart: str | None
    # Units as the audience may see them: a unit it may not name is said to be there, unnamed.
    entry_point: UnitView
    share_with: list[UnitView]
    needs_analysis_by: UnitView | None
    consult: UnitView | None
    candidates: list[Candidate]  # only units the audience may name
    candidates_not_shown: int
    topic_names: dict[str, str]
    engagement: Dossier | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "entry_point": self.entry_point.id or None,
            "share_with": [u.id or None for u in self.share_with],
            "needs_analysis_by": self.needs_analysis_by.id or None if self.needs_analysis_by else None,
            "consult": self.consult.id or None if self.consult else None,
            "technical_leads": [
                {"unit": c.unit.id, "kind": c.unit.kind, "topics": list(c.topics), "countries": list(c.countries),
                 "reasons": c.reasons(self.topic_names)}
                for c in self.candidates
            ],
            "technical_leads_not_shown": self.candidates_not_shown,
            "already_engaged": self.engagement.as_dict() if self.engagement else None,
        }


def advise(
    dataset: Dataset,
    initiated_by: str,
    counterpart: str | None,
    topics: Sequence[str],
    countries: Sequence[str],
    enterprise: str | None,
    audience: Audience,
) -> Advice:
    """Advice for a contact made by `initiated_by` (with `counterpart` when an ILO unit made it)."""
    office = Office.of(dataset.records(Unit), dataset.regions())
    topic_names = {t.id: t.name for t in dataset.topics()}
    for topic in topics:
        if topic not in topic_names:
            from ..core.suggest import unknown_id

            raise UsageError(unknown_id("topic", topic, topic_names))
    if initiated_by == "ilo-unit" and counterpart is None:
        raise UsageError("an ILO unit's contact needs --counterpart management or workers-organization")
    group = group_concerned(initiated_by, counterpart)
    entry = office.bureau(group)
    if entry is None:
        raise UsageError(f"the dataset has no bureau for the {group} (a unit of kind bureau with group: {group})")
    other = office.bureau(office.other_group(group))
    secretariat = office.secretariat(group)
    candidates = office.candidate_leads(topics, [c.upper() for c in countries])
    named = [c for c in candidates if may_name(c.unit, audience)]
    shown = unit_view(entry, audience)
    return Advice(
        initiated_by=initiated_by,
        counterpart=counterpart,
        entry_point=shown,
        share_with=[unit_view(u, audience) for u in (other, secretariat) if u is not None],
        needs_analysis_by=shown if initiated_by != "ilo-unit" else None,
        consult=shown if initiated_by == "ilo-unit" else None,
        candidates=named,
        candidates_not_shown=len(candidates) - len(named),
        topic_names=topic_names,
        engagement=dossier(dataset, enterprise, audience) if enterprise else None,
    )


def render(advice: Advice, fmt: str) -> str:
    """The advice as `text` or `json`."""
    if fmt == "json":
        import json

        return json.dumps(advice.as_dict(), indent=2, ensure_ascii=False) + "\n"
    entry = advice.entry_point
    lines = [f"Entry point: {_named(entry)} — GB.326/INS/3 para 3(a)"]
    lines.append("Share with: " + ", ".join(_named(u) for u in advice.share_with) + " — para 3(a)")
    if advice.needs_analysis_by:
        lines.append(f"Needs analysis: by {advice.needs_analysis_by.short}, before referral — para 3(b)")
    if advice.consult:
        lines.append(f"Consult: {_named(advice.consult)} before engaging — para 3(b)")
    lines.append("Technical lead candidates, best fit first — para 3(c):")
    if not advice.candidates and not advice.candidates_not_shown:
        lines.append("  none: no policy department, field office or regional office covers these topics or countries")
    for rank, candidate in enumerate(advice.candidates, start=1):
        unit = candidate.unit
        lines.append(f"  {rank}. {unit.short} ({unit.id}, {unit.kind}): {'; '.join(candidate.reasons(advice.topic_names))}")
    if advice.candidates_not_shown:
        lines.append(f"  and {advice.candidates_not_shown} unit{'s' if advice.candidates_not_shown != 1 else ''} "
                     "not named for this audience")
    lines.append(f"  The lead follows up with {entry.short} — para 3(c)")
    if advice.engagement is not None:
        d = advice.engagement
        lines.append(f"Already engaged: {d.enterprise.name} has {len(d.contacts) + d.contacts_not_shown} contacts"
                     + (f" ({d.contacts_not_shown} not shown)" if d.contacts_not_shown else ""))
        lines += [f"  {c.date} {c.subject} [{c.status}; {c.entry_point or '?'}"
                  + (f", lead {c.technical_lead}" if c.technical_lead else "") + "]" for c in d.contacts]
        lines += [f"  member of {i.name}" for i in d.initiatives]
        if d.units:
            lines.append("  units involved: " + ", ".join(d.units))
    return "\n".join(lines) + "\n"


def _named(unit: UnitView) -> str:
    return f"{unit.short} ({unit.id})" if unit.shown else unit.short
