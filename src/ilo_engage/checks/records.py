"""Checks of one record on its own: its id against its file name and its form, and
vocabularies that list an entry twice."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from ..core import problems as P
from ..load.dataset import Entry
from ..model import Contact, Part, Regions, Topics, Unit
from ..yamlio import Path
from .base import Context, Finding

_CONTACT_SUFFIX = re.compile(r"-[a-z2-7]{4}")


def id_matches_file_name(entry: Entry[Part], ctx: Context) -> Iterator[Finding]:
    """A record's file is named `<id>.yaml`, so it can be found without searching."""
    if entry.kind.single_file:
        return
    stem = PurePosixPath(entry.file).stem
    record_id = entry.record.id  # type: ignore[attr-defined]
    if stem != record_id:
        yield Finding(P.ID_NOT_FILE_NAME, ("id",), f"id `{record_id}` differs from the file name `{stem}.yaml`", True)


def contact_id_form(entry: Entry[Part], ctx: Context) -> Iterator[Finding]:
    """A contact's id is its date, its enterprise and four random base32 characters,
    so that two officers adding contacts at once never pick the same name."""
    contact = entry.record
    if not isinstance(contact, Contact):
        return
    prefix = f"{contact.date.isoformat()}-{contact.enterprise}"
    if contact.id.startswith(prefix) and _CONTACT_SUFFIX.fullmatch(contact.id[len(prefix):]):
        return
    if contact.id.startswith(f"{contact.date.isoformat()}-") and _CONTACT_SUFFIX.fullmatch(contact.id[-5:]):
        return  # another enterprise id in it: one of the enterprise's former ids? (checks/former.py decides)
    yield Finding(P.CONTACT_ID, ("id",), contact_id_message(contact.id, prefix), True)


def contact_id_message(contact_id: str, prefix: str) -> str:
    """What D005 says of a contact id not in the agreed form."""
    return f"contact id `{contact_id}` should be `{prefix}-` and 4 characters"


def unit_coverage(entry: Entry[Part], ctx: Context) -> Iterator[Finding]:
    """A regional office names its region (whose countries it covers, so it lists none of its own);
    no other kind of unit names a region. Whether the region exists is the references check's (D003)."""
    unit = entry.record
    if not isinstance(unit, Unit):
        return
    if unit.kind == "regional-office":
        if unit.region is None:
            yield Finding(P.MISSING_FIELD, ("kind",), "a regional office names its region: add `region: <id>` "
                          "(`ilo-engage list regions` lists them)", True)
        if unit.countries:
            yield Finding(P.INVALID_VALUE, ("countries",), "a regional office covers its region's countries: "
                          "remove `countries` (a country office is a unit of kind field-office)")
    elif unit.region is not None:
        yield Finding(P.INVALID_VALUE, ("region",), f"only a regional office names a region, not a unit of kind "
                      f"{unit.kind}: remove `region`, or make the unit's kind regional-office", True)


def vocabulary_listed_once(entry: Entry[Part], ctx: Context) -> Iterator[Finding]:
    """Each topic and region is listed once, and each country is in one region only."""
    record = entry.record
    if isinstance(record, Topics):
        yield from _repeats([(("topics", i, "id"), t.id) for i, t in enumerate(record.topics)])
    elif isinstance(record, Regions):
        yield from _repeats([(("regions", i, "id"), r.id) for i, r in enumerate(record.regions)])
        yield from _repeats([(("regions", i, "countries", j), c)
                             for i, r in enumerate(record.regions) for j, c in enumerate(r.countries)])


def _repeats(items: list[tuple[Path, str]]) -> Iterator[Finding]:
    first: dict[str, Path] = {}
    for where, value in items:
        if value in first:
            yield Finding(P.DUPLICATE_ENTRY, where, f"`{value}` is listed again", True, first[value])
        else:
            first[value] = where
