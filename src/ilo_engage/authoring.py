"""Adding and changing records: each new text is checked against the whole dataset before
anything is written; errors stop the write, warnings are reported."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .checks import check
from .dataset import Dataset
from .errors import IloEngageError
from .model import KINDS, Kind
from .names import normalise
from .problems import Problem
from .writer import create_file, replace_file
from .yamlio import roundtrip

BASE32 = "abcdefghijklmnopqrstuvwxyz234567"


class RecordInvalid(IloEngageError):
    """The record has errors: nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("the record has errors: nothing was written")
        self.problems = problems


@dataclass(frozen=True)
class Draft:
    """A record's text ready to write, where, and the warnings it raised."""

    relpath: str
    text: str
    warnings: list[Problem]


def kind_named(name: str) -> Kind:
    return next(kind for kind in KINDS if kind.name == name)


def record_text(kind: Kind, data: dict[str, Any]) -> str:
    """A new record's YAML text in the canonical layout (empty fields left out)."""
    cleaned = _drop_empty(data)
    model = kind.model
    order = lambda path: (part.field_names() if (part := model.part_at(path)) else None)  # noqa: E731
    return roundtrip.dump(roundtrip.canonical(_fold_long_text(cleaned, 0), order))


def draft(dataset: Dataset, relpath: str, text: str) -> Draft:
    """Check a file's new text against the dataset; RecordInvalid if it has errors."""
    problems = dataset.with_text(relpath, text)
    problems += [p for p in check(dataset) if p.file == relpath and p not in problems]
    errors = [p for p in problems if p.is_error]
    if errors:
        raise RecordInvalid(sorted(problems))
    return Draft(relpath, text, sorted(problems))


def write_new(root: Path, draft: Draft) -> Path:
    """Write a new record's file; never overwrites."""
    path = root / draft.relpath
    create_file(path, draft.text)
    return path


def write_changed(root: Path, draft: Draft) -> Path:
    """Replace a record's file with its new text, all at once."""
    path = root / draft.relpath
    replace_file(path, draft.text)
    return path


def new_contact_id(day: date, enterprise: str, taken: set[str]) -> str:
    """`YYYY-MM-DD-<enterprise>-xxxx` with 4 random base32 characters, so two officers never collide."""
    while True:
        candidate = f"{day.isoformat()}-{enterprise}-{''.join(secrets.choice(BASE32) for _ in range(4))}"
        if candidate not in taken:
            return candidate


def slug_for(name: str) -> str:
    """An id made from a name: `Nestlé S.A.` → `nestle`."""
    return "-".join(normalise(name).split())[:64].strip("-")


def _drop_empty(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_empty(v) for k, v in value.items() if v not in (None, [], {}, "")}
    if isinstance(value, list):
        return [_drop_empty(v) for v in value]
    return value


def _fold_long_text(value: Any, indent: int) -> Any:
    if isinstance(value, dict):
        return {k: _fold_long_text(v, indent + 2) if not isinstance(v, str) else roundtrip.folded(v, indent + 2)
                for k, v in value.items()}
    if isinstance(value, list):
        return [_fold_long_text(v, indent + 2) for v in value]
    return value
