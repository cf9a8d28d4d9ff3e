"""`find`: enterprises by name, alias, id or identifier, whatever the accents, case or legal form."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from ..core.audience import Audience, may_name
from ..core.names import matches, normalise
from ..load.dataset import Dataset
from ..model import Contact, Enterprise


@dataclass(frozen=True)
class Match:
    """An enterprise found, with how many contacts it has."""

    enterprise: Enterprise
    contacts: int
    score: float


def find(dataset: Dataset, text: str, audience: Audience, counts: dict[str, int] | None = None) -> list[Match]:
    """Enterprises the audience may see whose names, aliases, id or identifiers match `text`, best
    first, with how many contacts each has (`counts`, else counted in the dataset)."""
    contacts: dict[str, int] = {}
    for contact in dataset.records(Contact) if counts is None else ():
        key = contact.enterprise
        contacts[key] = contacts.get(key, 0) + 1
    contacts = contacts if counts is None else counts
    query = normalise(text)
    found = []
    for enterprise in dataset.records(Enterprise):
        if not may_name(enterprise, audience):
            continue
        names = [enterprise.name, *enterprise.aliases, enterprise.id.replace("-", " "),
                 *(former.replace("-", " ") for former in enterprise.former_ids)]
        identifiers = enterprise.identifiers
        exact = identifiers is not None and text.strip() in (identifiers.lei, identifiers.website, identifiers.wikidata)
        if exact or matches(text, names):
            score = max(SequenceMatcher(None, query, normalise(n)).ratio() for n in names)
            found.append(Match(enterprise, contacts.get(enterprise.id, 0), 1.0 if exact else score))
    return sorted(found, key=lambda m: (-m.score, m.enterprise.name.casefold()))


def find_contacts(dataset: Dataset, text: str, audience: Audience) -> list[Contact]:
    """Contacts the audience may see whose id contains `text` or whose subject matches it, newest first."""
    needle = text.strip().lower()
    if not needle:
        return []
    found = [
        c for c in dataset.records(Contact)
        if may_name(c, audience) and (needle in c.id or matches(text, [c.subject]))
    ]
    return sorted(found, key=lambda c: (c.date, c.id), reverse=True)


def render(found: list[Match], fmt: str, contacts: list[Contact] | None = None) -> str:
    """The matches as `table`, `md` or `json`; contacts found by id or subject after the enterprises
    (in JSON, as items with a `contact` key)."""
    contacts = contacts or []
    if fmt == "json":
        import json

        return json.dumps(
            [{"id": m.enterprise.id, "name": m.enterprise.name, "kind": m.enterprise.kind,
              "country": m.enterprise.country, "contacts": m.contacts} for m in found]
            + [{"contact": c.id, "date": c.date.isoformat(), "enterprise": c.enterprise, "subject": c.subject,
                "status": c.status} for c in contacts],
            indent=2, ensure_ascii=False,
        ) + "\n"
    from . import tables

    draw = tables.markdown if fmt == "md" else tables.terminal
    out = ""
    if found or not contacts:
        headers = ("Id", "Name", "Kind", "Country", "Contacts")
        rows = [[m.enterprise.id, m.enterprise.name, m.enterprise.kind, m.enterprise.country, str(m.contacts)]
                for m in found]
        out = draw(headers, rows)
    if contacts:
        rows = [[c.id, c.subject, c.status] for c in contacts]
        out += ("\n" if out else "") + draw(("Contact", "Subject", "Status"), rows)
    return out
