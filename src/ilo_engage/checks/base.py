"""What checks work on: findings in one record, facts about every record, and their context.

Checks come in two tiers, so that `validate` can reuse what it learnt about unchanged files:
- a record check looks at one record (with the units and settings as context) and yields
  findings in it;
- a dataset check looks at the facts of all records (ids, references, names) and yields
  problems across files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..core.names import normalise
from ..core.problems import Code, Problem
from ..load.dataset import Entry
from ..load.settings import DeadlineSettings, ProcedureSettings
from ..model import Contact, Enterprise, Initiative, Part, kinds_of
from ..model.procedure import Office
from ..yamlio import Path, Span

Locate = Callable[[str, Path], Span]


@dataclass(frozen=True)
class Context:
    """What record checks need besides the record: the units, the settings, today, the deadlines."""

    office: Office
    settings: ProcedureSettings
    today: date
    deadlines: DeadlineSettings = field(default_factory=DeadlineSettings)
    languages: tuple[str, ...] = ("en",)  # the dataset's, its first the one plain texts are in


@dataclass(frozen=True, slots=True)
class Finding:
    """Something wrong at a place in one record; `at_value` points at the value, not the key."""

    code: Code
    where: Path
    message: str
    at_value: bool = False
    first: Path | None = None  # for a repeat: where the value first stands

    def problem(self, file: str, locate: Locate) -> Problem:
        span = locate(file, self.where)
        line, column = (span.value_line, span.value_column) if self.at_value else (span.line, span.column)
        message = self.message
        if self.first is not None:
            message += f" (first on line {locate(file, self.first).line})"
        return self.code.at(file, line, column, message)


@dataclass(frozen=True, slots=True)
class Facts:
    """What dataset checks need to know of one record that loaded."""

    file: str
    kind: str
    id: str | None
    # Each reference as "where|kind of record|id", where is a dotted path ("follow_ups.1.by"):
    # compact in memory and in the cache, decoded only by the references check.
    references: tuple[str, ...] = ()
    # Keys that would show an enterprise registered twice; for a contact, whether it is an example;
    # for an initiative, figures its summary does not state and figures of others it names.
    names: tuple[tuple[str, str], ...] = ()

    def as_json(self) -> list[Any]:
        return [self.id, list(self.references), [f"{what}:{value}" for what, value in self.names]]

    @classmethod
    def from_json(cls, file: str, kind: str, data: list[Any]) -> Facts:
        record_id, references, names = data
        return cls(file, kind, record_id, references, tuple(tuple(n.split(":", 1)) for n in names))


# A contact's facts carry this mark when it is an example record (report checks count them apart).
EXAMPLE: tuple[tuple[str, str], ...] = (("example", "true"),)
# The facts of a record with schema errors, read from its valid fields only (load/partial.py).
PARTIAL: tuple[tuple[str, str], ...] = (("partial", "true"),)


def encode_reference(where: Path, target: str, value: str) -> str:
    return f"{'.'.join(str(step) for step in where)}|{target}|{value}"


def decode_place(where: str) -> Path:
    """A dotted path back as the tuple that locates a field ("follow_ups.1.by")."""
    return tuple(int(step) if step.isdigit() else step for step in where.split("."))


@dataclass
class Index:
    """The facts of every record, the files that failed to load, and how to find a field's line."""

    facts: list[Facts]
    failed_files: list[str]
    locate: Locate
    extra: dict[str, Any] = field(default_factory=dict)
    focus: str | None = None  # report only on this file (e.g. a record about to be written)

    def of_kind(self, model: type[Part]) -> Iterable[Facts]:
        """The facts of the records of one model (`Initiative`: all three kinds)."""
        names = {kind.name for kind in kinds_of(model)}
        return (f for f in self.facts if f.kind in names)

    def reported(self) -> Iterable[Facts]:
        """The records whose problems are wanted: all, or the one in focus."""
        return self.facts if self.focus is None else (f for f in self.facts if f.file == self.focus)


def facts_of(entry: Entry[Part]) -> Facts:
    """The facts of a loaded record."""
    record = entry.record
    references = tuple(encode_reference(*r) for r in record.references()) if hasattr(record, "references") else ()
    return Facts(entry.file, entry.kind.name, getattr(record, "id", None), references,
                 enterprise_names(record) + _imported(record) + tuple(("former", i) for i in record.former_ids)
                 if isinstance(record, Enterprise) else
                 _contact_facts(record) if isinstance(record, Contact) else
                 _figure_facts(record) if isinstance(record, Initiative) else ())


# The keys of `Facts.names` that say an enterprise is the same as another (the duplicates check's).
IDENTITY_KEYS = frozenset({"name", "LEI", "website", "company number"})


def _imported(record: Enterprise | Contact) -> tuple[tuple[str, str], ...]:
    """The spreadsheet row an imported record came from (`import` skips a row imported already)."""
    return (("imported", record.imported_from.key()),) if record.imported_from else ()


def _contact_facts(contact: Contact) -> tuple[tuple[str, str], ...]:
    """Whether it is an example, where it was imported from, and what makes two contacts the same
    (enterprise, date and subject: `import` skips a row that repeats one)."""
    same = ("contact", f"{contact.enterprise}|{contact.date.isoformat()}|{normalise(contact.subject)}")
    return (EXAMPLE if contact.example else ()) + _imported(contact) + (same,)


def _figure_facts(initiative: Initiative) -> tuple[tuple[str, str], ...]:
    from .report_text import figure_facts  # it builds on the report's figures: imported when needed

    return figure_facts(initiative)


def enterprise_names(enterprise: Enterprise) -> tuple[tuple[str, str], ...]:
    """The keys by which two records would be the same enterprise: name or alias, LEI, website,
    company number (in its country)."""
    found = {("name", normalise(name)) for name in (enterprise.name, *enterprise.aliases)}
    if enterprise.identifiers:
        if enterprise.identifiers.lei:
            found.add(("LEI", enterprise.identifiers.lei))
        if enterprise.identifiers.website:
            site = enterprise.identifiers.website.split("://", 1)[1].removeprefix("www.").rstrip("/").lower()
            found.add(("website", site))
        if enterprise.identifiers.company_number:
            number = "".join(enterprise.identifiers.company_number.split()).upper()
            found.add(("company number", f"{enterprise.country}:{number}"))
    return tuple(sorted(found))


def latest_date(record: Any) -> date | None:
    """A contact's latest date (a step dated in the future is an error only until that day)."""
    if not isinstance(record, Contact):
        return None
    dates = [record.date, *(s.date for s in record.shared_with), *(s.date for s in record.consultations),
             *(s.date for s in record.follow_ups)]
    if record.needs_analysis:
        dates.append(record.needs_analysis.date)
    dates += [d for d in (record.referred_on, record.closed_on) if d is not None]
    return max(dates)
