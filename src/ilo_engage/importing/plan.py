"""What an import would do, decided before anything is written: each row made a record and checked
as `validate` checks a record (its schema, the record checks, then references and duplicate ids
across the whole dataset), rows already imported or repeating a record set aside.

Problems point at the spreadsheet: its row, and the column of the field concerned (`-` for a
field the mapping fixes or the import makes, such as the id).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, count
from typing import Any

from pydantic import ValidationError

from ..checks import RECORD_CHECKS, dataset_problems
from ..checks.base import Facts, Index, enterprise_names, facts_of
from ..checks.scan import Workspace
from ..core.problems import Code, Problem, Severity
from ..core.suggest import offered_file
from ..load.dataset import Entry
from ..load.schema_errors import schema_problems
from ..model import Contact, Enterprise, Part, kind_named
from ..model.common import source_key
from ..yamlio import Document, Path, Span
from .convert import Unreadable, choice, convert
from .dedupe import Names, Resemblance, contact_keys, enterprise_for, enterprise_ids, imported_rows, registered_names
from .mapping import Mapping
from .sheets import Sheet

NO_ENTERPRISE = Code("I020", Severity.ERROR, "enterprise not registered",
                     "import the enterprises first, or write the id of a registered one (`ilo-engage find NAME`)")
SIMILAR_ENTERPRISE = Code("I021", Severity.WARNING, "enterprise found by a similar name",
                          "check that it is the one meant; write its id in the cell to be sure")


@dataclass(frozen=True, order=True)
class RowProblem:
    """One problem in one row, at the column of the field concerned."""

    row: int
    column: str
    code: str
    severity: Severity
    message: str
    hint: str

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


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


class _Fields:
    """A record's field paths numbered: the checks locate a field of a record not yet written by its
    number (standing for a line), which names the field and so the spreadsheet's column. Numbered
    when first asked for: most rows have no problem to locate."""

    def __init__(self, record: dict[str, Any]) -> None:
        self.record = record
        self._paths: list[Path] | None = None
        self._document: Document | None = None

    @property
    def paths(self) -> list[Path]:
        if self._paths is None:
            self._paths = [()]
            _walk(self.record, (), self._paths)
        return self._paths

    @property
    def document(self) -> Document:
        if self._document is None:
            positions = {path: Span(i + 1, 1, i + 1, 1) for i, path in enumerate(self.paths)}
            self._document = Document(self.record, positions)
        return self._document



def _walk(value: Any, at: Path, into: list[Path]) -> None:
    """Every field path under `at`, in the record's order."""
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        into.append((*at, key))
        _walk(item, (*at, key), into)


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
    places: dict[str, tuple[int, _Fields]] = {}
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
        record, problems = _record(sheet, row, mapping)
        if model is Contact and isinstance(record.get("enterprise"), str):
            problems += _link_enterprise(record, row, mapping, ids, names)
        if any(p.is_error for p in problems):
            plan.problems += problems
            continue
        _complete(space, record, model, taken)
        fields = _Fields(record)
        try:
            loaded = model.model_validate(record)
        except ValidationError as exc:
            found = schema_problems(exc, model, fields.document, "")
            if len(found) > 1:  # the id is made from what is missing: that one says enough
                found = [p for p in found if p.message != "missing required field `id`"]
            plan.problems += problems + [_at(p, row, fields, mapping) for p in found]
            continue
        resembles = _resemblance(loaded, names, same_contacts, row, row in distinct)
        if resembles is not None:
            named = loaded.name if isinstance(loaded, Enterprise) else loaded.subject if isinstance(loaded, Contact) else ""
            restricted = resembles.file is not None and not offered_file(space.root / resembles.file)
            plan.duplicates.append(Duplicate(row, named, resembles, restricted))
            continue
        relpath = f"{kind.location}/{record['id']}.yaml"
        entry = Entry(relpath, kind, loaded)
        locate = _locator(fields)
        problems += [_at(finding.problem(relpath, locate), row, fields, mapping)
                     for run in RECORD_CHECKS for finding in run(entry, space.ctx)]
        plan.problems += problems
        taken.add(record["id"])
        places[relpath] = (row, fields)
        new_facts.append(facts_of(entry))
        plan.new.append(NewRecord(row, record["id"], relpath, record))
    plan.problems += _across(space, facts, new_facts, places, mapping)
    plan.problems.sort()
    return plan


def _locator(fields: _Fields) -> Callable[[str, Path], Span]:
    """Where the record checks find a field of a record not yet written: its number (see _Fields)."""
    return lambda _, where: fields.document.span(where)


def _record(sheet: Sheet, row: int, mapping: Mapping) -> tuple[dict[str, Any], list[RowProblem]]:
    """A row's fields as the mapping fills them, and the cells that could not be read."""
    record: dict[str, Any] = {}
    problems = []
    for rule in mapping.rules:
        cell = rule.value if rule.index is None else sheet.cell(row, rule.index)
        try:
            value = convert(cell, mapping.type_of(rule.field), rule, mapping.dates)
        except Unreadable as exc:
            problems.append(RowProblem(row, rule.letter, exc.code.code, exc.code.severity, exc.message, exc.code.hint))
            continue
        if value is None:
            continue
        value = choice(value, rule.field, mapping.kind)
        if rule.field.startswith("person."):
            persons = record.setdefault("persons", [{}])
            persons[0][rule.field.split(".", 1)[1]] = value
        elif "." in rule.field:
            outer, inner = rule.field.split(".", 1)
            record.setdefault(outer, {})[inner] = value
        else:
            record[rule.field] = value
    record["imported_from"] = {"file": sheet.name, "sheet": sheet.sheet, "row": row}
    if mapping.kind == "contacts" and mapping.pre_procedure:
        record["pre_procedure"] = True
    return record, problems


def _link_enterprise(record: dict[str, Any], row: int, mapping: Mapping, ids: dict[str, str],
                     names: Names) -> list[RowProblem]:
    """A contact's enterprise cell made the id of a registered enterprise."""
    letter = next(r.letter for r in mapping.rules if r.field == "enterprise")
    cell = record["enterprise"]
    found, how = enterprise_for(cell, ids, names)
    if found is None:
        return [RowProblem(row, letter, NO_ENTERPRISE.code, NO_ENTERPRISE.severity,
                           f"no registered enterprise has the id or name {cell!r}", NO_ENTERPRISE.hint)]
    record["enterprise"] = found
    if how is None:
        return []
    return [RowProblem(row, letter, SIMILAR_ENTERPRISE.code, SIMILAR_ENTERPRISE.severity,
                       f"{cell!r} taken as `{found}` ({how})", SIMILAR_ENTERPRISE.hint)]


def _complete(space: Workspace, record: dict[str, Any], model: type[Part], taken: set[str]) -> None:
    """What the import makes: the id (from the name, or the date and enterprise), a contact's entry
    point (the bureau for whoever made it, para 3(a))."""
    from ..authoring.drafts import new_contact_id, slug_for

    if model is Enterprise and not record.get("id") and isinstance(record.get("name"), str):
        base = slug_for(record["name"]) or "enterprise"
        country = str(record.get("country", "")).lower()
        candidates = chain((base, f"{base}-{country}" if country else base), (f"{base}-{n}" for n in count(2)))
        record["id"] = next(c for c in candidates if c not in taken)  # lazily: most rows take the first
    elif model is Contact:
        if not record.get("entry_point") and record.get("initiated_by"):
            # Only the fields entry_bureau reads (a partial record: never validated, never written).
            probe = Contact.model_construct(**{"initiated_by": record["initiated_by"],
                                               "counterpart": record.get("counterpart")})
            bureau = space.ctx.office.entry_bureau(probe)
            if bureau is not None:
                record["entry_point"] = bureau.id
        if not record.get("id") and isinstance(record.get("date"), date) and isinstance(record.get("enterprise"), str):
            record["id"] = new_contact_id(record["date"], record["enterprise"], taken)
    if "id" in record:
        record.update({"id": record.pop("id")} | {k: record.pop(k) for k in list(record) if k != "id"})


def _resemblance(loaded: Part, names: Names, contacts: dict[str, str], row: int,
                 distinct: bool) -> Resemblance | None:
    """The record this one seems to repeat (None if `distinct`); else None, and it is remembered for
    the rows after it."""
    if isinstance(loaded, Enterprise):
        keys = enterprise_names(loaded)
        found = None if distinct else names.match(keys)
        if found is None:
            names.add(keys, Resemblance(loaded.id, None, "", row))
        return found
    if isinstance(loaded, Contact):
        from ..core.names import normalise

        key = f"{loaded.enterprise}|{loaded.date.isoformat()}|{normalise(loaded.subject)}"
        if key in contacts and not distinct:
            return Resemblance(contacts[key], None, "same enterprise, date and subject")
        contacts[key] = loaded.id
    return None


def _at(problem: Problem, row: int, fields: _Fields, mapping: Mapping) -> RowProblem:
    """A record's problem at its row, in the column of the field it names."""
    path = fields.paths[problem.line - 1] if 0 < problem.line <= len(fields.paths) else ()
    named = [str(p) for p in path if not isinstance(p, int)]
    if problem.code == "S002":  # a missing field: the column that should have given it
        named += problem.message.split("`")[1].replace("[", ".").replace("]", "").split(".")[-1:]
    if named[:1] == ["persons"]:
        named = ["person", *named[1:]]
    letters = {r.field: r.letter for r in mapping.rules}
    letter = next((letters[".".join(named[:n])] for n in range(len(named), 0, -1) if ".".join(named[:n]) in letters),
                  "-")
    return RowProblem(row, letter, problem.code, problem.severity, problem.message, problem.hint)


def _across(space: Workspace, facts: list[Facts], new: list[Facts], places: dict[str, tuple[int, _Fields]],
            mapping: Mapping) -> list[RowProblem]:
    """The dataset checks' problems in the new records (references, ids), with the registered ones."""
    if not new:
        return []

    def locate(file: str, where: Path) -> Span:
        if file in places:
            return places[file][1].document.span(where)
        return space.index.locate(file, where)

    found = dataset_problems(Index([*facts, *new], space.index.failed_files, locate, space.index.extra))
    return [_at(p, places[p.file][0], places[p.file][1], mapping) for p in found if p.file in places]
