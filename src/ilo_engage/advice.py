"""`route`: what the procedure asks of a new contact, before it is recorded."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .audience import Audience
from .dataset import Dataset
from .dossier import Dossier, dossier
from .errors import UsageError
from .model import Unit
from .procedure import Candidate, Office, group_concerned


@dataclass(frozen=True)
class Advice:
    """The entry point, candidate leads, and the consultations and sharing a contact requires."""

    initiated_by: str
    counterpart: str | None
    entry_point: Unit
    share_with: list[Unit]
    needs_analysis_by: Unit | None
    consult: Unit | None
    candidates: list[Candidate]
    topic_names: dict[str, str]
    engagement: Dossier | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "entry_point": self.entry_point.id,
            "share_with": [u.id for u in self.share_with],
            "needs_analysis_by": self.needs_analysis_by.id if self.needs_analysis_by else None,
            "consult": self.consult.id if self.consult else None,
            "technical_leads": [
                {"unit": c.unit.id, "kind": c.unit.kind, "topics": list(c.topics), "countries": list(c.countries),
                 "reasons": c.reasons(self.topic_names)}
                for c in self.candidates
            ],
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
    office = Office.of(e.record for e in dataset.of_kind("unit"))  # type: ignore[misc]
    topic_names = {t.id: t.name for t in dataset.topics()}
    for topic in topics:
        if topic not in topic_names:
            close = difflib.get_close_matches(topic, topic_names, n=1)
            raise UsageError(f"no topic has the id {topic!r}" + (f"; did you mean {close[0]!r}?" if close else ""))
    if initiated_by == "ilo-unit" and counterpart is None:
        raise UsageError("an ILO unit's contact needs --counterpart management or workers-organization")
    group = group_concerned(initiated_by, counterpart)
    entry = office.bureau(group)
    if entry is None:
        raise UsageError(f"the dataset has no bureau for the {group} (a unit of kind bureau with group: {group})")
    other = office.bureau(office.other_group(group))
    secretariat = office.secretariat(group)
    return Advice(
        initiated_by=initiated_by,
        counterpart=counterpart,
        entry_point=entry,
        share_with=[u for u in (other, secretariat) if u is not None],
        needs_analysis_by=entry if initiated_by != "ilo-unit" else None,
        consult=entry if initiated_by == "ilo-unit" else None,
        candidates=office.candidate_leads(topics, [c.upper() for c in countries]),
        topic_names=topic_names,
        engagement=dossier(dataset, enterprise, audience) if enterprise else None,
    )


def render(advice: Advice, fmt: str) -> str:
    """The advice as `text` or `json`."""
    if fmt == "json":
        import json

        return json.dumps(advice.as_dict(), indent=2, ensure_ascii=False) + "\n"
    entry = advice.entry_point
    lines = [f"Entry point: {entry.short} ({entry.id}) — GB.326/INS/3 para 3(a)"]
    lines.append("Share with: " + ", ".join(f"{u.short} ({u.id})" for u in advice.share_with) + " — para 3(a)")
    if advice.needs_analysis_by:
        lines.append(f"Needs analysis: by {advice.needs_analysis_by.short}, before referral — para 3(b)")
    if advice.consult:
        lines.append(f"Consult: {advice.consult.short} ({advice.consult.id}) before engaging — para 3(b)")
    lines.append("Technical lead candidates, best fit first — para 3(c):")
    if not advice.candidates:
        lines.append("  none: no policy department or field office covers these topics or countries")
    for rank, candidate in enumerate(advice.candidates, start=1):
        unit = candidate.unit
        lines.append(f"  {rank}. {unit.short} ({unit.id}, {unit.kind}): {'; '.join(candidate.reasons(advice.topic_names))}")
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
