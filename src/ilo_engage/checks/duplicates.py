"""Enterprises registered twice under different ids: the same name once accents, case and
legal form are set aside, or the same website or LEI."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from .. import problems as P
from ..dataset import Dataset, Entry
from ..model import Enterprise
from ..names import normalise
from ..problems import Problem


def likely_duplicate_enterprises(dataset: Dataset) -> Iterator[Problem]:
    """A warning on each enterprise that looks like another one (para 24: one clear picture)."""
    keys: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for entry in dataset.of_kind("enterprise"):
        enterprise: Enterprise = entry.record  # type: ignore[assignment]
        for key in _keys(enterprise):
            keys[key].append(entry)
    reported: set[tuple[str, str]] = set()
    for (what, _), entries in sorted(keys.items()):
        for entry in entries:
            for other in entries:
                pair = (entry.file, other.file)
                if other is entry or pair in reported:
                    continue
                reported.add(pair)
                span = dataset.locate(entry.file, ("name",))
                yield P.LIKELY_DUPLICATE.at(
                    entry.file,
                    span.line,
                    span.column,
                    f"same {what} as `{other.record.id}` ({other.file})",  # type: ignore[attr-defined]
                )


def _keys(enterprise: Enterprise) -> set[tuple[str, str]]:
    found = {("name", normalise(name)) for name in (enterprise.name, *enterprise.aliases)}
    if enterprise.identifiers:
        if enterprise.identifiers.lei:
            found.add(("LEI", enterprise.identifiers.lei))
        if enterprise.identifiers.website:
            site = enterprise.identifiers.website.split("://", 1)[1].removeprefix("www.").rstrip("/").lower()
            found.add(("website", site))
    return found
