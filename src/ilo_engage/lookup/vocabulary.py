"""What `ilo-engage list` prints: the ids an officer may type, with the words they stand for."""

from __future__ import annotations

from collections.abc import Callable

from ..core.audience import Audience, may_name
from ..load.dataset import Dataset
from ..model import Contact, Enterprise, Unit

Listing = tuple[tuple[str, ...], list[list[str]]]  # headers and rows


def _topics(dataset: Dataset, audience: Audience) -> Listing:
    return ("Id", "Topic"), [[t.id, t.name] for t in dataset.topics()]


def _units(dataset: Dataset, audience: Audience) -> Listing:
    units = sorted((u for u in dataset.records(Unit) if may_name(u, audience)), key=lambda u: u.id)
    return ("Id", "Short", "Kind", "Name"), [[u.id, u.short, u.kind, u.name] for u in units]


def _regions(dataset: Dataset, audience: Audience) -> Listing:
    return ("Id", "Region", "Countries"), [[r.id, r.name, str(len(r.countries))] for r in dataset.regions()]


def _countries(dataset: Dataset, audience: Audience) -> Listing:
    import pycountry

    region_of = {code: r.id for r in dataset.regions() for code in r.countries}
    rows = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        name = getattr(country, "common_name", None) or country.name
        rows.append([country.alpha_2, name, region_of.get(country.alpha_2, "")])
    return ("Code", "Country", "Region"), rows


def _enterprises(dataset: Dataset, audience: Audience) -> Listing:
    shown = sorted((e for e in dataset.records(Enterprise) if may_name(e, audience)), key=lambda e: e.id)
    return ("Id", "Name", "Country"), [[e.id, e.name, e.country] for e in shown]


def _contacts(dataset: Dataset, audience: Audience) -> Listing:
    shown = sorted((c for c in dataset.records(Contact) if may_name(c, audience)), key=lambda c: c.id)
    return ("Id", "Status", "Subject"), [[c.id, c.status, c.subject] for c in shown]


LISTS: dict[str, Callable[[Dataset, Audience], Listing]] = {
    "topics": _topics, "units": _units, "regions": _regions, "countries": _countries,
    "enterprises": _enterprises, "contacts": _contacts,
}


def listing(dataset: Dataset, what: str, audience: Audience) -> Listing:
    """The headers and rows of one list, for an audience (what it may not see is left out)."""
    return LISTS[what](dataset, audience)


def render(listed: Listing, fmt: str) -> str:
    """A list as `table`, `md`, `csv` or `json` (objects keyed by the headers in lower case)."""
    headers, rows = listed
    if fmt == "json":
        import json

        return json.dumps([dict(zip((h.lower() for h in headers), row, strict=True)) for row in rows],
                          indent=2, ensure_ascii=False) + "\n"
    from . import tables

    if fmt == "csv":
        return tables.spreadsheet_csv(headers, rows)
    return tables.markdown(headers, rows) if fmt == "md" else tables.terminal(headers, rows)
