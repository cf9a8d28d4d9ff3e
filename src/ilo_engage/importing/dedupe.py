"""Which rows repeat a registered record or an earlier row of the same file.

An enterprise is the same as another if an identifier says so (LEI, website domain, company
number in its country), else if its name, normalised as `find` normalises it (accents, case,
punctuation and legal form aside), is the same or similar from the mapping's threshold on
(rapidfuzz's token-sort ratio, 0-100). Names are compared only with names that share a word, so
10,000 rows are not compared with each other pairwise. A contact is the same as another with the
same enterprise, date and subject (normalised).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..checks.base import IDENTITY_KEYS, Facts
from ..core.names import normalise

# Words so common among the names that sharing one says nothing: left out of the comparison's
# index once a word is in more than this many names (the others still find the pair).
COMMON_WORD_LIMIT = 200


@dataclass(frozen=True)
class Resemblance:
    """The record (an id, or an earlier row's new id) a row resembles, and why."""

    id: str
    file: str | None  # the registered record's file; None for an earlier row of the import
    reason: str  # "same LEI", "same name", "name 93% similar"
    row: int | None = None  # the earlier row, for a repeat within the file


class Names:
    """The enterprises known so far (registered, then each row accepted), by identifier and name."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self.by_key: dict[tuple[str, str], Resemblance] = {}
        # Each name with its words sorted (what the token-sort ratio compares: sorted once, here).
        self.names: list[tuple[str, Resemblance]] = []
        self.words: dict[str, list[int]] = defaultdict(list)

    def add(self, keys: Iterable[tuple[str, str]], found: Resemblance) -> None:
        """Remember an enterprise by its identity keys (`checks.base.enterprise_names`; other keys
        of `Facts.names` are passed over)."""
        for what, value in keys:
            if what not in IDENTITY_KEYS:
                continue
            self.by_key.setdefault((what, value), found)
            if what == "name":
                position = len(self.names)
                words = value.split()
                self.names.append((" ".join(sorted(words)), found))
                for word in set(words):
                    self.words[word].append(position)

    def match(self, keys: Iterable[tuple[str, str]]) -> Resemblance | None:
        """The known enterprise these keys resemble most: an identifier, then the name (at equal
        similarity, the one known first)."""
        keys = [k for k in keys if k[0] in IDENTITY_KEYS]
        for what, value in sorted(keys, key=lambda k: k[0] == "name"):
            found = self.by_key.get((what, value))
            if found is not None:
                return _because(found, f"same {what}")
        from rapidfuzz import fuzz, process

        best: tuple[float, int] | None = None
        for what, value in keys:
            if what != "name":
                continue
            words = value.split()
            candidates: set[int] = set()
            for word in set(words):
                positions = self.words.get(word, ())
                if len(positions) <= COMMON_WORD_LIMIT:
                    candidates.update(positions)
            if not candidates:
                continue
            # token_sort_ratio(a, b) is the ratio of a and b with their words sorted; the best of
            # the candidates in one call (the first of equals).
            positions = sorted(candidates)
            closest = process.extractOne(" ".join(sorted(words)), [self.names[p][0] for p in positions],
                                         scorer=fuzz.ratio, score_cutoff=self.threshold)
            if closest is not None and (best is None or closest[1] > best[0]):
                best = (closest[1], positions[closest[2]])
        if best is None:
            return None
        return _because(self.names[best[1]][1], f"name {int(best[0])}% similar")


def _because(found: Resemblance, reason: str) -> Resemblance:
    return Resemblance(found.id, found.file, reason, found.row)


def registered_names(facts: Iterable[Facts], threshold: float) -> Names:
    """The registered enterprises, from the dataset's facts."""
    names = Names(threshold)
    for each in facts:
        if each.id is not None:
            names.add(each.names, Resemblance(each.id, each.file, ""))
    return names


def enterprise_ids(facts: Iterable[Facts]) -> dict[str, str]:
    """Every registered enterprise's id, name and alias (normalised) → its id, for a contact's
    `enterprise` cell, which may give either."""
    found: dict[str, str] = {}
    for each in facts:
        if each.id is None:
            continue
        found[each.id] = each.id
        for what, value in each.names:
            if what == "name":
                found.setdefault(value, each.id)
    return found


def enterprise_for(cell: str, ids: dict[str, str], names: Names) -> tuple[str | None, str | None]:
    """The registered enterprise a contact's cell names (by id, name or alias, then by a name
    similar from the threshold on): its id, and how it was found when by similarity."""
    if cell in ids:
        return ids[cell], None
    key = normalise(cell)
    if key in ids:
        return ids[key], None
    found = names.match([("name", key)])
    if found is None or found.file is None:
        return None, None
    return found.id, found.reason


def imported_rows(facts: Iterable[Facts]) -> dict[str, str]:
    """`file#row` → the id of the record imported from it, for every record `import` made."""
    return {value: f.id for f in facts for what, value in f.names if what == "imported" and f.id is not None}


def contact_keys(facts: Iterable[Facts]) -> dict[str, str]:
    """What makes each registered contact the same as another (enterprise|date|subject) → its id."""
    return {value: f.id for f in facts for what, value in f.names if what == "contact" and f.id is not None}
