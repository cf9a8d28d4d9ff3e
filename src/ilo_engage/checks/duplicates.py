"""Enterprises registered twice under different ids: the same name once accents, case and
legal form are set aside, or the same website or LEI."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from ..core import problems as P
from ..core.problems import Problem
from ..model import Enterprise
from .base import IDENTITY_KEYS, Facts, Index


def likely_duplicate_enterprises(index: Index) -> Iterator[Problem]:
    """A warning on each enterprise that looks like another one (para 24: one clear picture)."""
    keys: dict[tuple[str, str], list[Facts]] = defaultdict(list)
    for facts in index.of_kind(Enterprise):
        for key in facts.names:
            if key[0] in IDENTITY_KEYS:
                keys[key].append(facts)
    reported: set[tuple[str, str]] = set()
    for (what, _), group in sorted(keys.items()):
        for facts in group:
            if index.focus is not None and facts.file != index.focus:
                continue
            for other in group:
                pair = (facts.file, other.file)
                if other is facts or pair in reported:
                    continue
                reported.add(pair)
                span = index.locate(facts.file, ("name",))
                yield P.LIKELY_DUPLICATE.at(facts.file, span.line, span.column,
                                            f"same {what} as `{other.id}` ({other.file})")
