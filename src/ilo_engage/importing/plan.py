"""What an import would do, decided before anything is written: each row made a record and checked
as `validate` checks a record (its schema, the record checks, then references and duplicate ids
across the whole dataset), rows already imported or repeating a record set aside.

A row is made a record in `rows.py`; its problems are placed at its row and column in `places.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from ..checks import RECORD_CHECKS, dataset_problems
from ..checks.base import Facts, Index, facts_of
from ..checks.scan import Workspace
from ..core.suggest import offered_file
from ..load.dataset import Entry
from ..load.schema_errors import schema_problems
from ..model import Contact, Enterprise, Part, kind_named
from ..model.common import source_key
from ..yamlio import Path, Span
from .dedupe import Names, Resemblance, contact_keys, enterprise_ids, imported_rows, registered_names
from .mapping import Mapping
from .places import Fields, RowProblem, at_row, locator
from .rows import complete, link_enterprise, row_record
from .sheets import Sheet


@dataclass(frozen=True)
class NewRecord:
    """A record the import would write."""

    row: int
    id: str
    relpath: str
    record: dict[str, Any]


@dataclass(frozen=True)
class Duplicate:
    """A row not written because it seems to repeat a record: registered, or an earlier row's."""

    row: int
    name: str
    resembles: Resemblance
    restricted: bool = False  # a confidential record: neither its id nor its file is shown


@dataclass
class Plan:
    """Everything an import would do and everything wrong, row by row."""

    sheet: Sheet
    mapping: Mapping
    new: list[NewRecord] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    already: list[tuple[int, str]] = field(default_factory=list)  # (row, id of the record made from it)
    empty_rows: int = 0

    @property
    def rejected(self) -> set[int]:
        """The rows with errors."""
        return {p.row for p in self.problems if p.is_error}

    def valid(self) -> list[NewRecord]:
        """The records of rows without errors."""
        rejected = self.rejected
        return [n for n in self.new if n.row not in rejected]


def plan_import(space: Workspace, sheet: Sheet, mapping: Mapping, distinct: frozenset[int] = frozenset()) -> Plan:
    """Every row of the sheet below the header made a record and checked; nothing is written.
    The rows in `distinct` are taken as records of their own, whatever they resemble."""
    plan = Plan(sheet, mapping)
    model: type[Part] = Enterprise if mapping.kind == "enterprises" else Contact
    kind = kind_named("enterprise" if model is Enterprise else "contact")
    facts = list(space.index.facts)
    done = imported_rows(facts)
    registered = [f for f in facts if f.kind == "enterprise"]
    names = registered_names(registered, mapping.threshold)
    ids = enterprise_ids(registered)
    same_contacts = contact_keys(f for f in facts if f.kind == "contact")
    taken = {f.id for f in facts if f.kind == kind.name and f.id}
    places: dict[str, tuple[int, Fields]] = {}
    new_facts: list[Facts] = []
    for row in range(mapping.header_row + 1, len(sheet.rows) + 1):
        cells = sheet.rows[row - 1]
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
            plan.empty_rows += 1
            continue
        source = source_key(sheet.name, sheet.sheet, row)
        if source in done:
            plan.already.append((row, done[source]))
            continue
        record, problems = row_record(sheet, row, mapping)
        if model is Contact and isinstance(record.get("enterprise"), str):
            problems += link_enterprise(record, row, mapping, ids, names)
        if any(p.is_error for p in problems):
            plan.problems += problems
            continue
        complete(space, record, model, taken)
        fields = Fields(record)
        try:
            loaded = model.model_validate(record)
        except ValidationError as exc:
            found = schema_problems(exc, model, fields.document, "")
            if len(found) > 1:  # the id is made from what is missing: that one says enough
                found = [p for p in found if p.message != "missing required field `id`"]
            plan.problems += problems + [at_row(p, row, fields, mapping) for p in found]
            continue
        relpath = f"{kind.location}/{record['id']}.yaml"
        entry = Entry(relpath, kind, loaded)
        known = facts_of(entry)  # its names normalised once, for the dedupe and the checks across records
        resembles = _resemblance(loaded, known, names, same_contacts, row, row in distinct)
        if resembles is not None:
            named = loaded.name if isinstance(loaded, Enterprise) else loaded.subject if isinstance(loaded, Contact) else ""
            restricted = resembles.file is not None and not offered_file(space.root / resembles.file)
            plan.duplicates.append(Duplicate(row, named, resembles, restricted))
            continue
        locate = locator(fields)
        problems += [at_row(finding.problem(relpath, locate), row, fields, mapping)
                     for run in RECORD_CHECKS for finding in run(entry, space.ctx)]
        plan.problems += problems
        taken.add(record["id"])
        places[relpath] = (row, fields)
        new_facts.append(known)
        plan.new.append(NewRecord(row, record["id"], relpath, record))
    plan.problems += _across(space, facts, new_facts, places, mapping)
    plan.problems.sort()
    return plan


def _resemblance(loaded: Part, known: Facts, names: Names, contacts: dict[str, str], row: int,
                 distinct: bool) -> Resemblance | None:
    """The record this one (with its facts) seems to repeat (None if `distinct`); else None, and it
    is remembered for the rows after it."""
    if isinstance(loaded, Enterprise):
        found = None if distinct else names.match(known.names)  # the identity keys among them
        if found is None:
            names.add(known.names, Resemblance(loaded.id, None, "", row))
        return found
    if isinstance(loaded, Contact):
        key = next(value for what, value in known.names if what == "contact")  # enterprise|date|subject
        if key in contacts and not distinct:
            return Resemblance(contacts[key], None, "same enterprise, date and subject")
        contacts[key] = loaded.id
    return None


def _across(space: Workspace, facts: list[Facts], new: list[Facts], places: dict[str, tuple[int, Fields]],
            mapping: Mapping) -> list[RowProblem]:
    """The dataset checks' problems in the new records (references, ids), with the registered ones."""
    if not new:
        return []

    def locate(file: str, where: Path) -> Span:
        if file in places:
            return places[file][1].document.span(where)
        return space.index.locate(file, where)

    found = dataset_problems(Index([*facts, *new], space.index.failed_files, locate, space.index.extra))
    return [at_row(p, places[p.file][0], places[p.file][1], mapping) for p in found if p.file in places]
