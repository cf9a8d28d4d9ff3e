"""References between records point at records that exist."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import PurePosixPath

from .. import problems as P
from ..dataset import Dataset
from ..model import Initiative
from ..problems import Problem

# Where the ids each kind of reference names come from.
_FOLDERS = {
    "enterprise": ("data/registers/enterprises/",),
    "unit": ("data/units/",),
    "topic": ("data/topics.yaml",),
    "initiative": ("data/networks/", "data/partnerships/", "data/programmes/"),
}


def references(dataset: Dataset) -> Iterator[Problem]:
    """Every enterprise, unit and topic a record names exists in the dataset."""
    known = {
        "enterprise": set(dataset.ids("enterprise")),
        "unit": set(dataset.ids("unit")),
        "topic": {topic.id for topic in dataset.topics()},
        "initiative": {e.record.id for e in dataset.entries if isinstance(e.record, Initiative)},  # type: ignore[attr-defined]
    }
    # A file that failed to load still names its record: don't report every
    # reference to it as well (the file's own problem says what to fix).
    for file in dataset.failed_files:
        for target, folder in _FOLDERS.items():
            if file.startswith(folder):
                known[target].add(PurePosixPath(file).stem)
    for entry in dataset.entries:
        if entry.kind.single_file:
            continue
        for where, target, value in entry.record.references():  # type: ignore[attr-defined]
            if value in known[target]:
                continue
            span = dataset.locate(entry.file, where)
            close = difflib.get_close_matches(value, known[target], n=1)
            hint = f"did you mean `{close[0]}`?" if close else f"add the {target} to {' or '.join(_FOLDERS[target])} or correct the id"
            yield P.UNKNOWN_REFERENCE.at(
                entry.file, span.value_line, span.value_column, f"no {target} has the id `{value}`", hint
            )
