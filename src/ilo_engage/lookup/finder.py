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


def find(dataset: Dataset, text: str, audience: Audience) -> list[Match]:
    """Enterprises the audience may see whose names, aliases, id or identifiers match `text`, best first."""
    contacts: dict[str, int] = {}
    for contact in dataset.records(Contact):
        key = contact.enterprise
        contacts[key] = contacts.get(key, 0) + 1
    query = normalise(text)
    found = []
    for enterprise in dataset.records(Enterprise):
        if not may_name(enterprise, audience):
            continue
        names = [enterprise.name, *enterprise.aliases, enterprise.id.replace("-", " ")]
        identifiers = enterprise.identifiers
        exact = identifiers is not None and text.strip() in (identifiers.lei, identifiers.website, identifiers.wikidata)
        if exact or matches(text, names):
            score = max(SequenceMatcher(None, query, normalise(n)).ratio() for n in names)
            found.append(Match(enterprise, contacts.get(enterprise.id, 0), 1.0 if exact else score))
    return sorted(found, key=lambda m: (-m.score, m.enterprise.name.casefold()))


def render(found: list[Match], fmt: str) -> str:
    """The matches as `table`, `md` or `json`."""
    if fmt == "json":
        import json

        return json.dumps(
            [{"id": m.enterprise.id, "name": m.enterprise.name, "kind": m.enterprise.kind,
              "country": m.enterprise.country, "contacts": m.contacts} for m in found],
            indent=2, ensure_ascii=False,
        ) + "\n"
    from . import tables

    headers = ("Id", "Name", "Kind", "Country", "Contacts")
    rows = [[m.enterprise.id, m.enterprise.name, m.enterprise.kind, m.enterprise.country, str(m.contacts)] for m in found]
    return tables.markdown(headers, rows) if fmt == "md" else tables.terminal(headers, rows)
