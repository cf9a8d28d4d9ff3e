"""The ACT/EMP and ACTRAV registers of enterprises engaging with the ILO (paras 3(d), 24),
derived from the contacts: never typed twice."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from ..core.audience import Audience, UnitView, may_name, unit_view
from ..load.dataset import Dataset
from ..model import Contact, Enterprise, Initiative, Unit
from ..model.procedure import Office
from .timing import Timing, timing


@dataclass(frozen=True)
class Filters:
    """Which contacts a register counts."""

    countries: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None

    def keep(self, contact: Contact, enterprise: Enterprise | None) -> bool:
        if (self.start and contact.date < self.start) or (self.end and contact.date > self.end):
            return False
        if self.topics and not set(self.topics) & set(contact.topics):
            return False
        places = set(contact.countries) | ({enterprise.country} if enterprise else set())
        return not self.countries or bool(set(self.countries) & places)


@dataclass(frozen=True)
class Row:
    """One enterprise in a register."""

    enterprise: str
    name: str
    country: str
    sectors: tuple[str, ...]
    contacts: int
    first_contact: date
    last_contact: date
    topics: tuple[str, ...]
    technical_leads: tuple[str, ...]
    initiatives: tuple[str, ...]
    in_both_registers: bool
    # Illustrative (`example: true`), not a real engagement: every output says so.
    example: bool = False

    def as_dict(self) -> dict[str, object]:
        return {
            "enterprise": self.enterprise,
            "name": self.name,
            "country": self.country,
            "sectors": list(self.sectors),
            "contacts": self.contacts,
            "first_contact": self.first_contact.isoformat(),
            "last_contact": self.last_contact.isoformat(),
            "topics": list(self.topics),
            "technical_leads": list(self.technical_leads),
            "initiatives": list(self.initiatives),
            "in_both_registers": self.in_both_registers,
            "example": self.example,
        }


@dataclass
class Register:
    """A bureau's register: the enterprises whose contacts entered through it."""

    bureau: UnitView  # a projection: templates receive this, never the unit's record
    rows: list[Row] = field(default_factory=list)
    # Enterprises and contacts the audience may not see named: they still count in the totals.
    not_shown: int = 0
    hidden_contacts: int = 0
    # Its contacts under the procedure over time (every contact counts, named or not).
    timing: Timing | None = None

    @property
    def contacts(self) -> int:
        return sum(row.contacts for row in self.rows) + self.hidden_contacts


def registers(dataset: Dataset, audience: Audience, filters: Filters = Filters(),
              as_of: date | None = None) -> list[Register]:
    """The register of each bureau, in the order of the units (ACT/EMP, ACTRAV), with its contacts'
    time per step and overdue steps as of `as_of` (default: the end of `filters`, else today)."""
    day = as_of or filters.end or date.today()
    office = Office.of(dataset.records(Unit), dataset.regions())
    enterprises = dataset.by_id(Enterprise)
    bureaux = [u for u in office.units.values() if u.kind == "bureau"]
    by_bureau: dict[str, dict[str, list[Contact]]] = {b.id: defaultdict(list) for b in bureaux}
    for contact in dataset.records(Contact):
        entered = _entry_bureau(contact, office)
        if entered in by_bureau and filters.keep(contact, enterprises.get(contact.enterprise)):
            by_bureau[entered][contact.enterprise].append(contact)
    memberships = _memberships(dataset, audience)
    named_units = {u.id for u in office.units.values() if may_name(u, audience)}
    # Only what the audience may see is named: an enterprise it may see, through contacts it
    # may see. Everything else still counts in the register's totals.
    shown = {
        bureau: {
            e: [c for c in found if may_name(c, audience)]
            for e, found in by_enterprise.items()
            if e in enterprises and may_name(enterprises[e], audience)
        }
        for bureau, by_enterprise in by_bureau.items()
    }
    result = []
    for bureau in bureaux:
        register = Register(unit_view(bureau, audience), timing=_timing(by_bureau[bureau.id], dataset, office, audience, day))
        elsewhere = {e for b, found in shown.items() if b != bureau.id for e, cs in found.items() if cs}
        for enterprise_id, contacts in by_bureau[bureau.id].items():
            visible = shown[bureau.id].get(enterprise_id, [])
            register.hidden_contacts += len(contacts) - len(visible)
            if not visible:
                register.not_shown += 1
                continue
            enterprise = enterprises[enterprise_id]
            register.rows.append(_row(enterprise, visible, memberships, enterprise_id in elsewhere, named_units))
        register.rows.sort(key=lambda row: row.name.casefold())
        result.append(register)
    return result


def _timing(by_enterprise: dict[str, list[Contact]], dataset: Dataset, office: Office, audience: Audience,
            day: date) -> Timing:
    """The register's contacts under the procedure (from its start) over time, units named for the audience."""
    start = dataset.settings.procedure.start
    contacts = [c for found in by_enterprise.values() for c in found if c.assessed(start)]

    def name(unit: str | None) -> str:
        if unit is None:
            return "not recorded"
        return unit_view(office.units[unit], audience).short if unit in office.units else unit

    return timing(contacts, office, dataset.settings.deadlines, day, name)


def _entry_bureau(contact: Contact, office: Office) -> str | None:
    """The bureau whose register holds a contact: its recorded entry point, else the one the procedure gives."""
    recorded = office.units.get(contact.entry_point or "")
    if recorded is not None and recorded.kind == "bureau":
        return recorded.id
    expected = office.entry_bureau(contact)
    return expected.id if expected else None


def _row(enterprise: Enterprise, contacts: list[Contact], memberships: dict[str, list[str]], in_both: bool,
         named_units: set[str]) -> Row:
    return Row(
        enterprise=enterprise.id,
        name=enterprise.name,
        country=enterprise.country,
        sectors=tuple(enterprise.sectors),
        contacts=len(contacts),
        first_contact=min(c.date for c in contacts),
        last_contact=max(c.date for c in contacts),
        topics=_sorted(t for c in contacts for t in c.topics),
        technical_leads=_sorted(c.technical_lead for c in contacts if c.technical_lead in named_units),
        initiatives=tuple(memberships.get(enterprise.id, [])),
        in_both_registers=in_both,
        example=enterprise.example or all(c.example for c in contacts),
    )


def _memberships(dataset: Dataset, audience: Audience) -> dict[str, list[str]]:
    """Enterprise id → the initiatives (visible to the audience) it is a member or partner of."""
    found: dict[str, list[str]] = defaultdict(list)
    for entry in dataset.entries:
        if isinstance(entry.record, Initiative) and may_name(entry.record, audience):
            for participant in entry.record.roster():
                if participant.enterprise:
                    found[participant.enterprise].append(entry.record.id)
    return {k: sorted(set(v)) for k, v in found.items()}


def _sorted(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(values)))


HEADERS = ("Enterprise", "Country", "Sectors", "Contacts", "First", "Last", "Topics", "Technical leads",
           "Initiatives", "In both")


def render(found: list[Register], fmt: str) -> str:
    """The registers as text: `table`, `md`, `csv` or `json`."""
    if fmt == "json":
        import json

        return json.dumps(
            [
                {
                    "register": r.bureau.id,
                    "bureau": r.bureau.short,
                    "enterprises": [row.as_dict() for row in r.rows],
                    "enterprises_not_shown": r.not_shown,
                    "contacts_not_shown": r.hidden_contacts,
                    "contacts": r.contacts,
                    **(_timing_dict(r.timing) if r.timing else {}),
                }
                for r in found
            ],
            indent=2,
            ensure_ascii=False,
        ) + "\n"
    from . import tables

    if fmt == "csv":
        rows = [[r.bureau.short, *_cells(row)] for r in found for row in r.rows]
        return tables.spreadsheet_csv(("Register", *HEADERS), rows)
    parts = []
    for r in found:
        title = f"Register of {r.bureau.short}: {_count(len(r.rows) + r.not_shown, 'enterprise')}, {_count(r.contacts, 'contact')}"
        note = f"Not shown to this audience: {_count(r.not_shown, 'enterprise')}, {_count(r.hidden_contacts, 'contact')}." if r.hidden_contacts else ""
        rows = [_cells(row) for row in r.rows]
        if fmt == "md":
            parts.append(f"## {title}\n\n" + tables.markdown(HEADERS, rows) + (f"\n{note}\n" if note else "")
                         + _timing_text(r.timing, fmt))
        else:
            parts.append(tables.terminal(HEADERS, rows, title=title) + (f"{note}\n" if note else "")
                         + _timing_text(r.timing, fmt))
    return "\n".join(parts)


STEP_HEADERS = ("Step", "Contacts", "Median days", "Longest days")


def _timing_dict(t: Timing) -> dict[str, object]:
    return {
        "as_of": t.as_of.isoformat(),
        "step_times": [{"step": s.step, "contacts": s.count, "median_days": s.median_days,
                        "longest_days": s.longest_days} for s in t.step_times],
        "overdue_by_unit": [{"unit": unit, "overdue": n} for unit, n in t.overdue_by_unit],
        "open": t.open,
    }


def _timing_text(t: Timing | None, fmt: str) -> str:
    """The register's time per step and overdue steps, under its table."""
    if t is None:
        return ""
    from . import tables

    overdue = f"{_count(t.overdue, 'step')} overdue" + (
        " (" + ", ".join(f"{unit} {n}" for unit, n in t.overdue_by_unit) + ")" if t.overdue else "")
    summary = f"As of {t.as_of.isoformat()}: {_count(t.open, 'contact')} open, {overdue}.\n"
    if not t.step_times:
        return ("\n" if fmt == "md" else "") + summary
    rows = [[s.step, str(s.count), _days(s.median_days), str(s.longest_days)] for s in t.step_times]
    if fmt == "md":
        return "\n" + summary + "\nTime per step, in days from the step it follows:\n\n" + tables.markdown(STEP_HEADERS, rows)
    return summary + tables.terminal(STEP_HEADERS, rows, title="Time per step, in days from the step it follows")


def _days(median: float) -> str:
    return f"{median:g}"


def _cells(row: Row) -> list[str]:
    return [
        f"{row.name} ({row.enterprise})" + (" [example]" if row.example else ""),
        row.country,
        ", ".join(row.sectors),
        str(row.contacts),
        row.first_contact.isoformat(),
        row.last_contact.isoformat(),
        ", ".join(row.topics),
        ", ".join(row.technical_leads),
        ", ".join(row.initiatives),
        "yes" if row.in_both_registers else "",
    ]


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
