"""Ids are unique across the whole dataset, whatever the kind of record."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from ..core import problems as P
from ..core.problems import Problem
from .base import Facts, Index


def duplicate_ids(index: Index) -> Iterator[Problem]:
    """Two files with the same id: a problem at each, naming the others."""
    by_id: dict[str, list[Facts]] = defaultdict(list)
    for facts in index.facts:
        if facts.id is not None and facts.kind not in ("topics", "regions"):
            by_id[facts.id].append(facts)
    for record_id, group in by_id.items():
        if len(group) < 2:
            continue
        for facts in group:
            if index.focus is not None and facts.file != index.focus:
                continue
            others = ", ".join(other.file for other in group if other is not facts)
            span = index.locate(facts.file, ("id",))
            yield P.DUPLICATE_ID.at(facts.file, span.line, span.value_column, f"id `{record_id}` is also used by {others}")
