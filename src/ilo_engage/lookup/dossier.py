"""One enterprise's dossier: every contact, initiative and unit involved, newest first —
who in the Office is already talking to a company (para 24)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core.audience import Audience, may_name
from ..core.errors import IloEngageError
from ..load.dataset import Dataset
from ..model import Contact, Enterprise, Initiative, Unit


@dataclass(frozen=True)
class Dossier:
    """What an audience may see of one enterprise's engagement with the ILO."""

    enterprise: Enterprise
    contacts: list[Contact]  # newest first
    contacts_not_shown: int
    initiatives: list[Initiative]
    units: list[str]  # every unit involved in a shown contact or initiative
    asked_as: str | None = None  # the former id it was asked by, after a rename or merge

    def as_dict(self) -> dict[str, Any]:
        e = self.enterprise
        return {
            "enterprise": {"id": e.id, "name": e.name, "kind": e.kind, "country": e.country,
                           "sectors": e.sectors, "size": e.size, "multinational": e.multinational,
                           "aliases": e.aliases},
            "contacts": [contact_summary(c) for c in self.contacts],
            "contacts_not_shown": self.contacts_not_shown,
            "initiatives": [{"id": i.id, "name": i.name, "kind": i.kind, "status": i.status} for i in self.initiatives],
            "units": self.units,
            "asked_as": self.asked_as,
        }


def dossier(dataset: Dataset, enterprise_id: str, audience: Audience) -> Dossier:
    """The dossier of an enterprise; an error if there is none the audience may see."""
    enterprises = dataset.by_id(Enterprise)
    asked_as = None
    if enterprise_id not in enterprises:  # renamed or merged: its former id still leads to it
        survivor = next((e.id for e in enterprises.values() if enterprise_id in e.former_ids), None)
        if survivor is not None:
            asked_as, enterprise_id = enterprise_id, survivor
    enterprise = enterprises.get(enterprise_id)
    if enterprise is None or not may_name(enterprise, audience):
        from ..core.suggest import unknown_id

        visible = [i for i, e in enterprises.items() if may_name(e, audience)]
        # Asked by a former id, the error names that id: a confidential survivor's id stays unsaid.
        raise IloEngageError(unknown_id("enterprise", asked_as or enterprise_id, visible))
    contacts = [c for c in dataset.records(Contact) if c.enterprise == enterprise_id]
    shown = sorted((c for c in contacts if may_name(c, audience)), key=lambda c: (c.date, c.id), reverse=True)
    initiatives = [
        i for i in dataset.records(Initiative)
        if may_name(i, audience) and any(p.enterprise == enterprise_id for p in i.roster())
    ]
    named_units = {k for k, u in dataset.by_id(Unit).items() if may_name(u, audience)}
    units = sorted(({u for c in shown for u in units_involved(c)} | {u for i in initiatives for u in i.lead_units})
                   & named_units)
    return Dossier(enterprise, shown, len(contacts) - len(shown), initiatives, units, asked_as)


def units_involved(contact: Contact) -> set[str]:
    """Every unit that took a step on a contact."""
    found = {contact.initiating_unit, contact.entry_point, contact.technical_lead, *contact.referred_units}
    found |= {s.with_ for s in contact.shared_with} | {s.with_ for s in contact.consultations}
    found |= {s.by for s in contact.follow_ups} | {s.with_ for s in contact.follow_ups}
    if contact.needs_analysis:
        found.add(contact.needs_analysis.by)
    return {u for u in found if u}


def contact_summary(contact: Contact) -> dict[str, Any]:
    """A contact as outputs show it: the procedure's steps, never persons or notes."""
    return {
        "id": contact.id,
        "date": contact.date.isoformat(),
        "initiated_by": contact.initiated_by,
        "initiating_unit": contact.initiating_unit,
        "counterpart": contact.counterpart,
        "subject": contact.subject,
        "topics": contact.topics,
        "countries": contact.countries,
        "status": contact.status,
        "entry_point": contact.entry_point,
        "needs_analysis": contact.needs_analysis.date.isoformat() if contact.needs_analysis else None,
        "referred_to": contact.referred_units,
        "referred_on": contact.referred_on.isoformat() if contact.referred_on else None,
        "closed_on": contact.closed_on.isoformat() if contact.closed_on else None,
        "technical_lead": contact.technical_lead,
        "steps": _steps(contact),
        "outcome": contact.outcome,
    }


def _steps(contact: Contact) -> list[str]:
    steps = [f"{s.date} shared with {s.with_}" for s in contact.shared_with]
    if contact.needs_analysis:
        steps.append(f"{contact.needs_analysis.date} needs analysis by {contact.needs_analysis.by}")
    steps += [f"{s.date} consulted {s.with_}" for s in contact.consultations]
    steps += [f"{s.date} follow-up by {s.by} with {s.with_}" for s in contact.follow_ups]
    if contact.referral and contact.referral.date:
        steps.append(f"{contact.referral.date} referred to {', '.join(contact.referral.to)}")
    if contact.closed_on:
        steps.append(f"{contact.closed_on} {contact.status}")
    return sorted(steps)


def render(d: Dossier, fmt: str) -> str:
    """The dossier as `text`, `md` or `json`."""
    if fmt == "json":
        import json

        return json.dumps(d.as_dict(), indent=2, ensure_ascii=False) + "\n"
    e = d.enterprise
    h1, h2, bullet = ("# ", "## ", "- ") if fmt == "md" else ("", "", "  ")
    lines = [f"{h1}{e.name} ({e.id})", f"{e.kind}, {e.country}" + (f"; {', '.join(e.sectors)}" if e.sectors else "")]
    if d.asked_as:
        lines.append(f"`{d.asked_as}` is a former id of `{e.id}` (renamed or merged): refer to `{e.id}` from now on.")
    lines.append("")
    lines.append(f"{h2}Contacts ({len(d.contacts)} shown" + (f", {d.contacts_not_shown} not shown" if d.contacts_not_shown else "") + ")")
    for c in d.contacts:
        lead = f", lead {c.technical_lead}" if c.technical_lead else ""
        lines.append(f"{bullet}{c.date} {c.id}: {c.subject} [{c.status}; via {c.entry_point or c.initiating_unit or '?'}{lead}]")
        lines += [f"{bullet}    {step}" for step in _steps(c)]
        if c.outcome:
            lines.append(f"{bullet}    outcome: {c.outcome}")
    lines += ["", f"{h2}Initiatives"] + [f"{bullet}{i.name} ({i.kind}, {i.status})" for i in d.initiatives]
    if not d.initiatives:
        lines.append(f"{bullet}none")
    lines += ["", f"{h2}Units involved", bullet + (", ".join(d.units) or "none")]
    return "\n".join(lines) + "\n"
