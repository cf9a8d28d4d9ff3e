"""The checks `validate` runs, listed in one place.

Files that do not parse or do not fit their schema are reported by loading and take no
further part. Every record that loaded then goes through the record checks (one record,
with the units and settings as context), and the facts of all records through the
dataset checks (ids, references, names across files). See `base` for the two tiers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from ..core.problems import Problem
from ..load.dataset import Dataset, Entry
from ..model import Part, Unit
from ..model.procedure import Office
from .base import Context, Finding, Index, Locate, facts_of
from .duplicates import likely_duplicate_enterprises
from .former import contact_ids_name_their_enterprise, references_to_former_ids
from .integrity import duplicate_ids
from .records import contact_id_form, id_matches_file_name, unit_coverage, vocabulary_listed_once
from .references import references
from .report_text import dataset_report_problems, summary_figures
from .routing import procedure_followed
from .translations import translations_present

RecordCheck = Callable[[Entry[Part], Context], Iterable[Finding]]
DatasetCheck = Callable[[Index], Iterable[Problem]]

RECORD_CHECKS: tuple[RecordCheck, ...] = (
    id_matches_file_name,
    contact_id_form,
    vocabulary_listed_once,
    unit_coverage,
    procedure_followed,
    summary_figures,
    translations_present,
)

DATASET_CHECKS: tuple[DatasetCheck, ...] = (
    duplicate_ids,
    references,
    likely_duplicate_enterprises,
    references_to_former_ids,
    contact_ids_name_their_enterprise,
)


def context(dataset: Dataset, today: date | None = None) -> Context:
    """What record checks need, from a dataset."""
    office = Office.of(dataset.records(Unit), dataset.regions())
    return Context(office, dataset.settings.procedure, today or date.today(), dataset.settings.deadlines,
                   tuple(dataset.settings.languages))


def record_problems(entry: Entry[Part], ctx: Context, locate: Locate) -> list[Problem]:
    """Every record check's problems in one record."""
    return [finding.problem(entry.file, locate) for run in RECORD_CHECKS for finding in run(entry, ctx)]


def dataset_problems(index: Index) -> list[Problem]:
    """Every dataset check's problems across records."""
    return [problem for run in DATASET_CHECKS for problem in run(index)]


def check(dataset: Dataset, today: date | None = None) -> list[Problem]:
    """Every problem in a loaded dataset as of `today` (default: the real today), sorted by file and line."""
    ctx = context(dataset, today)
    found = list(dataset.load_problems)
    for entry in dataset.entries:
        found += record_problems(entry, ctx, dataset.locate)
    index = Index([facts_of(e) for e in dataset.entries], dataset.failed_files, dataset.locate,
                  {"topics": [t.id for t in dataset.topics()], "regions": [r.id for r in dataset.regions()]})
    found += dataset_problems(index)
    found += dataset_report_problems(dataset)
    return sorted(found)
