"""Ids: one per record, unique across the dataset, and the file named after it."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import PurePosixPath

from .. import problems as P
from ..dataset import Dataset, Entry
from ..problems import Problem


def ids_match_file_names(dataset: Dataset) -> Iterator[Problem]:
    """A record's file is named `<id>.yaml`, so it can be found without searching."""
    for entry in _records(dataset):
        stem = PurePosixPath(entry.file).stem
        if stem != entry.record.id:  # type: ignore[attr-defined]
            span = dataset.locate(entry.file, ("id",))
            yield P.ID_NOT_FILE_NAME.at(
                entry.file,
                span.line,
                span.value_column,
                f"id `{entry.record.id}` differs from the file name `{stem}.yaml`",  # type: ignore[attr-defined]
            )


_CONTACT_SUFFIX = re.compile(r"-[a-z2-7]{4}")


def contact_ids(dataset: Dataset) -> Iterator[Problem]:
    """A contact's id is its date, its enterprise and four random base32 characters,
    so that two officers adding contacts at once never pick the same name."""
    for entry in dataset.of_kind("contact"):
        contact = entry.record
        prefix = f"{contact.date.isoformat()}-{contact.enterprise}"  # type: ignore[attr-defined]
        if contact.id.startswith(prefix) and _CONTACT_SUFFIX.fullmatch(contact.id[len(prefix):]):  # type: ignore[attr-defined]
            continue
        span = dataset.locate(entry.file, ("id",))
        yield P.CONTACT_ID.at(
            entry.file, span.line, span.value_column, f"contact id `{contact.id}` should be `{prefix}-` and 4 characters"  # type: ignore[attr-defined]
        )


def duplicate_ids(dataset: Dataset) -> Iterator[Problem]:
    """Ids are unique across the whole dataset, whatever the kind of record."""
    by_id: dict[str, list[Entry]] = defaultdict(list)
    for entry in _records(dataset):
        by_id[entry.record.id].append(entry)  # type: ignore[attr-defined]
    for record_id, entries in by_id.items():
        if len(entries) < 2:
            continue
        for entry in entries:
            others = ", ".join(other.file for other in entries if other is not entry)
            span = dataset.locate(entry.file, ("id",))
            yield P.DUPLICATE_ID.at(
                entry.file, span.line, span.value_column, f"id `{record_id}` is also used by {others}"
            )


def duplicate_vocabulary(dataset: Dataset) -> Iterator[Problem]:
    """Each topic and region is listed once, and each country is in one region only."""
    for entry in dataset.of_kind("topics"):
        yield from _repeats(dataset, entry, [("topics", i, "id", t.id) for i, t in enumerate(entry.record.topics)])  # type: ignore[attr-defined]
    for entry in dataset.of_kind("regions"):
        regions = entry.record.regions  # type: ignore[attr-defined]
        yield from _repeats(dataset, entry, [("regions", i, "id", r.id) for i, r in enumerate(regions)])
        countries = [("regions", i, "countries", j, c) for i, r in enumerate(regions) for j, c in enumerate(r.countries)]
        yield from _repeats(dataset, entry, countries)


def _repeats(dataset: Dataset, entry: Entry, items: list[tuple]) -> Iterator[Problem]:
    """A problem at each repeat of a value; `items` are (*where, value)."""
    first: dict[str, tuple] = {}
    for *where, value in items:
        if value in first:
            earlier = dataset.locate(entry.file, first[value])
            span = dataset.locate(entry.file, tuple(where))
            yield P.DUPLICATE_ENTRY.at(
                entry.file, span.line, span.value_column, f"`{value}` is listed again (first on line {earlier.line})"
            )
        else:
            first[value] = tuple(where)


def _records(dataset: Dataset) -> Iterator[Entry]:
    return (entry for entry in dataset.entries if not entry.kind.single_file)
