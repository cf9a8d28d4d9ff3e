"""A spreadsheet row made a record, before any check: its cells converted into the fields the
mapping names, a contact's enterprise cell made a registered enterprise's id, and what the import
itself adds (the id, a contact's entry point, where the record came from)."""

from __future__ import annotations

from datetime import date
from itertools import chain, count
from typing import Any

from ..checks.scan import Workspace
from ..core.problems import Code, Severity
from ..model import Contact, Enterprise, Part
from .convert import Unreadable, choice, convert
from .dedupe import Names, enterprise_for
from .mapping import Mapping
from .places import RowProblem
from .sheets import Sheet

NO_ENTERPRISE = Code("I020", Severity.ERROR, "enterprise not registered",
                     "import the enterprises first, or write the id of a registered one (`ilo-engage find NAME`)")
SIMILAR_ENTERPRISE = Code("I021", Severity.WARNING, "enterprise found by a similar name",
                          "check that it is the one meant; write its id in the cell to be sure")


def row_record(sheet: Sheet, row: int, mapping: Mapping) -> tuple[dict[str, Any], list[RowProblem]]:
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


def link_enterprise(record: dict[str, Any], row: int, mapping: Mapping, ids: dict[str, str],
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


def complete(space: Workspace, record: dict[str, Any], model: type[Part], taken: set[str]) -> None:
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
