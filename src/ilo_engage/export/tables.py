"""The registers as tables, projected for an audience: what `export sqlite`, `csv` and `json` write.

A table per kind of record (enterprises, contacts, initiatives, units, topics), link tables for
their lists (a contact's topics, countries and procedure steps with their dates, an initiative's
members and partners, lead units, topics and countries) and the figures with their history (every
entry, each with its date and source). Only records the audience may name are exported; a
reference to one it may not name is left empty. Personal data (`persons`) and `notes` are never
exported (core/audience.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..core.audience import Audience, may_name
from ..load.dataset import Dataset
from ..model import Contact, Enterprise, Initiative, Unit
from ..model.initiatives import Figure


@dataclass
class Table:
    """One table: its rows, its key, what its columns mean, what they refer to, what is searched."""

    name: str
    description: str
    columns: dict[str, str]  # column → what it holds
    rows: list[dict[str, Any]] = field(default_factory=list)
    pk: str | tuple[str, ...] | None = "id"
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (column, table, its column)
    search: tuple[str, ...] = ()  # columns indexed for full-text search


def _described(model: type[Any], names: list[str], extra: dict[str, str] | None = None) -> dict[str, str]:
    """Columns named after the model's fields, described by the model's own descriptions."""
    found = {}
    for name in names:
        info = model.model_fields.get(name)
        found[name] = (extra or {}).get(name) or (info.description if info is not None else "") or ""
    return found


def _text(value: Any) -> Any:
    """A value as a cell: text for translatable and partial dates, ISO dates, numbers as numbers."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def build(dataset: Dataset, audience: Audience) -> list[Table]:
    """Every table of the export, for this audience."""
    enterprises = {e.id: e for e in dataset.records(Enterprise) if may_name(e, audience)}
    units = {u.id: u for u in dataset.records(Unit) if may_name(u, audience)}
    contacts = [c for c in dataset.records(Contact) if may_name(c, audience)]
    initiatives = [i for i in dataset.records(Initiative) if may_name(i, audience)]
    topics = {t.id: t for t in dataset.topics()}
    return [
        _units(units), _topics(topics), _enterprises(enterprises), *_contacts(contacts, enterprises, units, topics),
        *_initiatives(initiatives, enterprises, units, topics),
    ]


def _kept(value: str | None, known: dict[str, Any]) -> str | None:
    return value if value in known else None


def _units(units: dict[str, Unit]) -> Table:
    names = ["id", "name", "short", "kind", "group", "visibility"]
    table = Table("units", "The units of the Office and the group secretariats that take part in the procedure.",
                  _described(Unit, names), search=("name", "short"))
    table.rows = [{n: _text(getattr(u, n, None)) for n in names} for u in units.values()]
    return table


def _topics(topics: dict[str, Any]) -> Table:
    table = Table("topics", "The subjects of engagement (data/topics.yaml).",
                  {"id": "The topic's id.", "name": "The topic's name as reports print it."})
    table.rows = [{"id": t.id, "name": _text(t.name)} for t in topics.values()]
    return table


def _enterprises(enterprises: dict[str, Enterprise]) -> Table:
    names = ["id", "name", "kind", "country", "size", "multinational", "example", "visibility"]
    extra = {"lei": "Legal Entity Identifier (ISO 17442).", "website": "Its website.",
             "company_number": "Its number in its country's register of companies.",
             "wikidata": "Its Wikidata item.", "sectors": "Its sectors, separated by `; `.",
             "aliases": "Other names it is known by, separated by `; `.",
             "former_ids": "Ids it had before a rename or merge, separated by `; `."}
    table = Table("enterprises", "The register of enterprises the Office engages with (para 3(d)).",
                  {**_described(Enterprise, names), **extra}, search=("name", "aliases"))
    for e in enterprises.values():
        row = {n: _text(getattr(e, n)) for n in names}
        ids = e.identifiers
        row.update(lei=ids.lei if ids else None, website=ids.website if ids else None,
                   company_number=ids.company_number if ids else None, wikidata=ids.wikidata if ids else None,
                   sectors="; ".join(e.sectors), aliases="; ".join(e.aliases), former_ids="; ".join(e.former_ids))
        table.rows.append(row)
    return table


def _contacts(contacts: list[Contact], enterprises: dict[str, Enterprise], units: dict[str, Unit],
              topics: dict[str, Any]) -> Iterator[Table]:
    names = ["id", "date", "enterprise", "initiated_by", "initiating_unit", "counterpart", "channel", "subject",
             "entry_point", "technical_lead", "status", "outcome", "closed_on", "pre_procedure", "example",
             "visibility"]
    unit_columns = ("initiating_unit", "entry_point", "technical_lead")
    table = Table("contacts", "The register of contacts with or from enterprises, one row each (para 3).",
                  _described(Contact, names), search=("subject", "outcome"),
                  foreign_keys=(("enterprise", "enterprises", "id"),
                                *((c, "units", "id") for c in unit_columns)))
    contact_topics = Table("contact_topics", "The topics each contact concerns.",
                           {"contact": "The contact's id.", "topic": "A topic's id."}, pk=("contact", "topic"),
                           foreign_keys=(("contact", "contacts", "id"), ("topic", "topics", "id")))
    countries = Table("contact_countries", "The countries each contact concerns (ISO 3166-1 alpha-2).",
                      {"contact": "The contact's id.", "country": "A country's code."}, pk=("contact", "country"),
                      foreign_keys=(("contact", "contacts", "id"),))
    steps = Table("contact_steps", "Each step of the procedure taken on each contact, with its date (para 3).",
                  {"contact": "The contact's id.", "step": "shared, needs-analysis, consultation, referral, "
                   "follow-up or closed.", "unit": "The unit that took it, or was informed, consulted or referred to.",
                   "with_unit": "For a follow-up, the unit followed up with.", "date": "When (empty if not recorded).",
                   "summary": "What was recorded of it."}, pk=None,
                  foreign_keys=(("contact", "contacts", "id"), ("unit", "units", "id"), ("with_unit", "units", "id")))
    for c in contacts:
        row = {n: _text(getattr(c, n)) for n in names}
        row["enterprise"] = _kept(c.enterprise, enterprises)
        for column in unit_columns:
            row[column] = _kept(row[column], units)
        table.rows.append(row)
        contact_topics.rows += [{"contact": c.id, "topic": t} for t in dict.fromkeys(c.topics) if t in topics]
        countries.rows += [{"contact": c.id, "country": country} for country in dict.fromkeys(c.countries)]
        steps.rows += [{"contact": c.id, "step": step, "unit": _kept(unit, units), "with_unit": _kept(other, units),
                        "date": _text(day), "summary": _text(summary)}
                       for step, unit, other, day, summary in _steps(c)]
    yield from (table, contact_topics, countries, steps)


def _steps(c: Contact) -> Iterator[tuple[str, str | None, str | None, Any, Any]]:
    yield from (("shared", s.with_, None, s.date, None) for s in c.shared_with)
    if c.needs_analysis:
        yield "needs-analysis", c.needs_analysis.by, None, c.needs_analysis.date, c.needs_analysis.summary
    yield from (("consultation", s.with_, None, s.date, s.summary) for s in c.consultations)
    yield from (("referral", unit, None, c.referred_on, None) for unit in c.referred_units)
    yield from (("follow-up", s.by, s.with_, s.date, s.summary) for s in c.follow_ups)
    if c.closed_on:
        yield "closed", None, None, c.closed_on, c.outcome


def _initiatives(initiatives: list[Initiative], enterprises: dict[str, Enterprise], units: dict[str, Unit],
                 topics: dict[str, Any]) -> Iterator[Table]:
    names = ["id", "kind", "name", "component", "status", "started", "ended", "summary", "visibility"]
    table = Table("initiatives", "Business networks, public-private partnerships and programmes (para 2).",
                  _described(Initiative, names, {"kind": "network, partnership or programme."}),
                  search=("name", "summary"))
    roster = Table("initiative_participants", "The members of each network and the partners of each partnership "
                   "and programme, with their roles.",
                   {"initiative": "The initiative's id.", "enterprise": "A registered enterprise's id.",
                    "organization": "An organization not in the register.", "role": "Its role."}, pk=None,
                   foreign_keys=(("initiative", "initiatives", "id"), ("enterprise", "enterprises", "id")))
    leads = Table("initiative_lead_units", "The units that lead each initiative.",
                  {"initiative": "The initiative's id.", "unit": "A unit's id."}, pk=("initiative", "unit"),
                  foreign_keys=(("initiative", "initiatives", "id"), ("unit", "units", "id")))
    linked_topics = Table("initiative_topics", "The topics each initiative concerns.",
                          {"initiative": "The initiative's id.", "topic": "A topic's id."}, pk=("initiative", "topic"),
                          foreign_keys=(("initiative", "initiatives", "id"), ("topic", "topics", "id")))
    countries = Table("initiative_countries", "The countries each initiative works in.",
                      {"initiative": "The initiative's id.", "country": "A country's code."},
                      pk=("initiative", "country"), foreign_keys=(("initiative", "initiatives", "id"),))
    figures = Table("figures", "The figures stated about each initiative, every value with its date and source: "
                    "a figure's history is its rows of one key.",
                    {"initiative": "The initiative's id.", **_described(Figure, ["key", "label", "value", "unit",
                                                                                 "qualifier", "as_of", "source"])},
                    pk=None, foreign_keys=(("initiative", "initiatives", "id"),))
    for i in initiatives:
        table.rows.append({n: _text(getattr(i, n, None)) for n in names})
        for p in i.roster():
            shown = p.enterprise if p.enterprise in enterprises else None
            if p.enterprise and shown is None and not p.organization:
                continue  # an enterprise the audience may not see: left out, not named
            roster.rows.append({"initiative": i.id, "enterprise": shown, "organization": p.organization,
                                "role": p.role})
        leads.rows += [{"initiative": i.id, "unit": u} for u in dict.fromkeys(i.lead_units) if u in units]
        linked_topics.rows += [{"initiative": i.id, "topic": t} for t in dict.fromkeys(i.topics) if t in topics]
        countries.rows += [{"initiative": i.id, "country": c} for c in dict.fromkeys(i.countries)]
        figures.rows += [{"initiative": i.id, "key": f.key, "label": f.label,
                          "value": float(f.value) if f.value % 1 else int(f.value), "unit": f.unit,
                          "qualifier": f.qualifier, "as_of": _text(f.as_of), "source": f.source} for f in i.figures]
    yield from (table, roster, leads, linked_topics, countries, figures)
