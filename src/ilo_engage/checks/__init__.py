"""The checks `validate` runs on a loaded dataset, listed in one place.

A check is a plain function from a dataset to the problems it finds. Files
that do not parse or do not fit their schema are reported by loading
(`dataset.load_problems`) and take no further part in the checks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..dataset import Dataset
from ..problems import Problem
from .duplicates import likely_duplicate_enterprises
from .integrity import contact_ids, duplicate_ids, duplicate_vocabulary, ids_match_file_names
from .references import references
from .routing import procedure_rules

Check = Callable[[Dataset], Iterable[Problem]]

CHECKS: tuple[Check, ...] = (
    ids_match_file_names,
    duplicate_ids,
    contact_ids,
    duplicate_vocabulary,
    references,
    likely_duplicate_enterprises,
    procedure_rules,
)


def check(dataset: Dataset, checks: Iterable[Check] | None = None) -> list[Problem]:
    """Every problem in the dataset: loading's and each check's, sorted by file and line."""
    found = list(dataset.load_problems)
    for run in CHECKS if checks is None else checks:
        found.extend(run(dataset))
    return sorted(found)
