"""References between records point at records that exist."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from ..core import layout, problems as P
from ..core.problems import Problem
from ..core.suggest import closest
from .base import Index, decode_place

# Where the ids each kind of reference names come from.
_PLACES: dict[str, tuple[layout.Place, ...]] = {
    "enterprise": (layout.ENTERPRISES,),
    "unit": (layout.UNITS,),
    "topic": (layout.TOPICS,),
    "region": (layout.REGIONS,),
    "initiative": layout.INITIATIVES,
}
_FOLDERS = {target: tuple(place.prefix for place in places) for target, places in _PLACES.items()}
# Topics and regions are entries of a vocabulary file, not records: their ids come in the index's extra.
_VOCABULARIES = {"topic": "topics", "region": "regions"}
_KINDS = {target: tuple(place.kind for place in places) for target, places in _PLACES.items()
          if target not in _VOCABULARIES}


def references(index: Index) -> Iterator[Problem]:
    """Every enterprise, unit, topic, region and initiative a record names exists in the dataset."""
    known: dict[str, set[str]] = {
        target: {f.id for f in index.facts if f.kind in kinds and f.id} for target, kinds in _KINDS.items()
    }
    for target, extra in _VOCABULARIES.items():
        known[target] = set(index.extra.get(extra, ()))
    # A former id of an enterprise is known: checks/former.py says which id to write instead.
    known["enterprise"] |= {v for f in index.facts if f.kind == "enterprise" for what, v in f.names if what == "former"}
    # A file that failed to load still names its record: don't report every
    # reference to it as well (the file's own problem says what to fix).
    for file in index.failed_files:
        for target, folders in _FOLDERS.items():
            if file.startswith(folders):
                known[target].add(PurePosixPath(file).stem)
    for facts in index.reported():
        for reference in facts.references:
            where, target, value = reference.split("|")
            if value in known[target]:
                continue
            span = index.locate(facts.file, decode_place(where))
            close = closest(value, known[target])
            hint = f"did you mean `{close}`?" if close else f"add the {target} to {' or '.join(_FOLDERS[target])} or correct the id"
            yield P.UNKNOWN_REFERENCE.at(
                facts.file, span.value_line, span.value_column, f"no {target} has the id `{value}`", hint
            )
