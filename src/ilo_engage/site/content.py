"""What the staff site's pages show: the audience's projection of each record, gathered in one
pass over the dataset (a dossier per enterprise without reading the contacts again for each)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..checks.deadlines import pending_steps
from ..core.audience import Audience, may_name
from ..load.dataset import Dataset
from ..lookup.dossier import Dossier, contact_summary, units_involved
from ..lookup.registers import Register, registers
from ..lookup.timeline import STEP_NAMES
from ..model import Contact, Enterprise, Initiative, Unit
from ..model.figures import current_figures, fill
from ..model.procedure import Office
from ..reports.annexes import figure_text
from ..reports.language import N_, Wording, wording

# The steps as a contact's page lists them, in sentences the catalogs translate (English: as
# lookup/dossier.py writes them, and as the site always printed them).
STEP_LINES = {
    "shared": N_("%(date)s shared with %(unit)s"),
    "analysed": N_("%(date)s needs analysis by %(unit)s"),
    "consulted": N_("%(date)s consulted %(unit)s"),
    "followed": N_("%(date)s follow-up by %(unit)s with %(with)s"),
    "referred": N_("%(date)s referred to %(units)s"),
    "closed": N_("%(date)s %(status)s"),
}
DUE_BY = N_("%(step)s, due by %(date)s")


@dataclass
class UnitPage:
    """A unit's page: the contacts it took part in, what waits on it, the initiatives it leads."""

    unit: Unit
    contacts: list[Contact] = field(default_factory=list)
    waiting: list[tuple[Contact, str]] = field(default_factory=list)  # (contact, the step it owes, and until when)
    initiatives: list[Initiative] = field(default_factory=list)
    covered: list[str] = field(default_factory=list)  # the countries it leads for (a regional office: its region's)
    region: str | None = None  # a regional office's region, by name


@dataclass
class Listing:
    """A topic's or a country's page: the enterprises, contacts and initiatives about it."""

    id: str
    name: str
    description: str = ""
    enterprises: list[Enterprise] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)


@dataclass
class StaffContent:
    """Everything the staff site shows, already projected for its audience."""

    audience: Audience
    registers: list[Register]
    enterprises: dict[str, Enterprise]  # the ones the audience may see, by id
    dossiers: dict[str, Dossier]
    initiatives: dict[str, Initiative]
    units: dict[str, UnitPage]
    topics: dict[str, Listing]
    countries: dict[str, Listing]
    contacts: list[Contact]  # the ones the audience may see, newest first
    totals: dict[str, int]  # every record counts, named or not
    words: Wording = field(default_factory=lambda: wording("en"))  # the language of the site's fixed words


def staff_content(dataset: Dataset, audience: Audience, words: Wording | None = None) -> StaffContent:
    """The projection of the whole dataset for the staff site, its words (steps waiting, countries'
    names) in the language of `words` (default English)."""
    words = words or wording("en")
    all_enterprises = dataset.by_id(Enterprise)
    enterprises = {k: e for k, e in sorted(all_enterprises.items(), key=lambda kv: kv[1].name.casefold())
                   if may_name(e, audience)}
    all_contacts = list(dataset.records(Contact))
    contacts = sorted((c for c in all_contacts if may_name(c, audience)), key=lambda c: (c.date, c.id), reverse=True)
    all_initiatives = [e.record for e in dataset.entries if isinstance(e.record, Initiative)]
    initiatives = {i.id: i for i in sorted(all_initiatives, key=lambda i: i.name.casefold()) if may_name(i, audience)}
    all_units = dataset.by_id(Unit)
    units = {k: UnitPage(u) for k, u in sorted(all_units.items(), key=lambda kv: kv[1].short.casefold())
             if may_name(u, audience)}
    office = Office.of(all_units.values(), dataset.regions())
    for page in units.values():
        page.covered = office.covered(page.unit)
        region = office.regions.get(page.unit.region or "")
        page.region = region.name if region else page.unit.region

    hidden: dict[str, int] = defaultdict(int)
    by_enterprise: dict[str, list[Contact]] = defaultdict(list)
    for contact in all_contacts:
        if contact.enterprise in enterprises and not may_name(contact, audience):
            hidden[contact.enterprise] += 1
    topics = {t.id: Listing(t.id, t.name, t.description or "") for t in dataset.topics()}
    countries: dict[str, Listing] = {}

    def country(code: str) -> Listing:
        if code not in countries:
            countries[code] = Listing(code, country_name(code, words))
        return countries[code]

    for contact in contacts:  # newest first, as every page lists them
        if contact.enterprise in enterprises:
            by_enterprise[contact.enterprise].append(contact)
        for unit_id in sorted(units_involved(contact) & units.keys()):
            units[unit_id].contacts.append(contact)
        if contact.assessed(dataset.settings.procedure.start):  # steps before the procedure are owed by no one
            for step in pending_steps(contact, office, dataset.settings.deadlines):
                if step.owner in units:
                    name = words.gettext(STEP_NAMES[step.step])
                    waiting = words.gettext(DUE_BY) % {"step": name, "date": _day(words, step.deadline)} \
                        if step.deadline else name
                    units[step.owner].waiting.append((contact, waiting))
        for topic in contact.topics:
            if topic in topics:
                topics[topic].contacts.append(contact)
        for code in contact.countries:
            country(code).contacts.append(contact)
    for enterprise in enterprises.values():
        country(enterprise.country).enterprises.append(enterprise)
    memberships: dict[str, list[Initiative]] = defaultdict(list)
    for initiative in initiatives.values():
        for participant in initiative.roster():
            if participant.enterprise in enterprises and initiative not in memberships[participant.enterprise]:
                memberships[participant.enterprise].append(initiative)
        for unit_id in initiative.lead_units:
            if unit_id in units:
                units[unit_id].initiatives.append(initiative)
        for topic in initiative.topics:
            if topic in topics:
                topics[topic].initiatives.append(initiative)
        for code in initiative.countries:
            country(code).initiatives.append(initiative)
    for unit in units.values():
        for topic in unit.unit.mandates:
            if topic in topics:
                topics[topic].units.append(unit.unit)
    dossiers = {}
    for enterprise_id, enterprise in enterprises.items():
        shown = by_enterprise.get(enterprise_id, [])
        joined = memberships.get(enterprise_id, [])
        involved = {u for c in shown for u in units_involved(c)} | {u for i in joined for u in i.lead_units}
        dossiers[enterprise_id] = Dossier(enterprise, shown, hidden.get(enterprise_id, 0), joined,
                                          sorted(involved & units.keys()))
    totals = {"enterprises": len(all_enterprises), "contacts": len(all_contacts),
              "initiatives": len(all_initiatives), "units": len(all_units)}
    return StaffContent(audience, registers(dataset, audience), enterprises, dossiers, initiatives, units, topics,
                        dict(sorted(countries.items(), key=lambda kv: _sort_key(words, kv[1].name))), contacts, totals,
                        words)


def _sort_key(words: Wording, name: str) -> Any:
    """English names sort as they always have; others as the language's readers expect ("Égypte"
    among the E's)."""
    if words.english:
        return name
    from ..core.names import normalise

    return normalise(name), name


def _day(words: Wording, day: Any) -> str:
    return str(day) if words.english else words.long_date(day)


def country_name(code: str, words: Wording | None = None) -> str:
    """A country's name: in English pycountry's (its ISO code if it has none), in another language
    Babel's (the Unicode CLDR's, as the Office's French and Spanish papers name countries)."""
    if words is not None and not words.english:
        from babel import Locale

        found_name = Locale.parse(words.locale).territories.get(code)
        if found_name:
            return str(found_name)
    import pycountry

    found = pycountry.countries.get(alpha_2=code)
    return getattr(found, "common_name", None) or getattr(found, "name", None) or code


def initiative_view(initiative: Initiative, enterprises: dict[str, Enterprise], units: dict[str, UnitPage]) -> dict[str, Any]:
    """An initiative as its page shows it: the summary with its figures filled in, each figure
    with its date and source, members the audience may see named and how many it may not."""
    figures = {initiative.id: current_figures(initiative)}
    members, others = [], 0
    for p in initiative.roster():
        if p.organization:
            members.append({"name": p.organization, "role": p.role, "id": None})
        elif p.enterprise in enterprises:
            members.append({"name": enterprises[p.enterprise].name, "role": p.role, "id": p.enterprise})
        else:
            others += 1
    return {
        "summary": fill(" ".join(initiative.summary.split()), initiative.id, figures),
        "figures": [{"label": c.figure.label, "text": figure_text(c.figure), "as_of": str(c.figure.as_of),
                     "source": c.figure.source} for c in figures[initiative.id].values()],
        "members": members,
        "members_not_named": others,
        "leads": [units[u].unit for u in initiative.lead_units if u in units],
    }


def contact_view(contact: Contact, words: Wording | None = None) -> dict[str, Any]:
    """A contact as the site shows it: the procedure's steps, never persons or notes (the steps in
    the language of `words`)."""
    summary = contact_summary(contact)
    if words is not None and not words.english:
        lines = step_lines(contact, words)
        summary["steps"] = [lines.get(step, step) for step in summary["steps"]]
    return summary


def step_lines(contact: Contact, words: Wording) -> dict[str, str]:
    """The contact's steps as sentences in the language of `words`, by the English line
    lookup/dossier.contact_summary writes for each (its order, and build.json's keys)."""
    lines: dict[str, str] = {}

    def line(key: str, english: str, day: Any, **values: str) -> None:
        lines[f"{day} {english}"] = words.gettext(STEP_LINES[key]) % {"date": words.long_date(day), **values}

    for s in contact.shared_with:
        line("shared", f"shared with {s.with_}", s.date, unit=s.with_)
    if contact.needs_analysis:
        line("analysed", f"needs analysis by {contact.needs_analysis.by}", contact.needs_analysis.date,
             unit=contact.needs_analysis.by)
    for c in contact.consultations:
        line("consulted", f"consulted {c.with_}", c.date, unit=c.with_)
    for f in contact.follow_ups:
        line("followed", f"follow-up by {f.by} with {f.with_}", f.date, unit=f.by, **{"with": f.with_})
    if contact.referral and contact.referral.date:
        to = ", ".join(contact.referral.to)
        line("referred", f"referred to {to}", contact.referral.date, units=to)
    if contact.closed_on:
        line("closed", contact.status, contact.closed_on, status=words.gettext(contact.status))
    return lines
