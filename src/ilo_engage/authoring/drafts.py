"""Adding and changing records: each new text is checked against the whole dataset before
anything is written; errors stop the write, warnings are reported."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..checks import dataset_problems, record_problems
from ..checks.base import Index, facts_of
from ..checks.scan import Workspace
from ..core.errors import IloEngageError
from ..core.names import normalise
from ..core.problems import FileProblem, Problem
from ..core.sourcetext import decode
from ..core.writer import create_file, replace_if_unchanged
from ..load.dataset import Entry, load_text
from ..model import Kind, kind_of
from ..yamlio import Path as Path_, parse, roundtrip

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
    original: str | None = None  # for an edit: the content hash of the file it started from


def record_text(kind: Kind, data: dict[str, Any]) -> str:
    """A new record's YAML text in the canonical layout (empty fields left out)."""
    cleaned = _drop_empty(data)
    model = kind.model
    order = lambda path: (part.field_names() if (part := model.part_at(path)) else None)  # noqa: E731
    return roundtrip.dump(roundtrip.canonical(_fold_long_text(cleaned, 0), order))


def draft(space: Workspace, relpath: str, text: str, original: str | None = None) -> Draft:
    """Check a file's new text against the whole dataset, without writing it; RecordInvalid if it has errors."""
    kind = kind_of(relpath)
    if kind is None:
        raise IloEngageError(f"{relpath}: no kind of record lives there")
    try:  # what validate refuses in a file's text (a bidi override the writer left raw, a size)
        decode(text.encode("utf-8"))
    except FileProblem as exc:
        raise RecordInvalid([exc.problem(relpath)]) from None
    record, problems = load_text(text, relpath, kind)
    document: dict[str, Any] = {}

    def locate(file: str, where: Path_) -> Any:
        if file != relpath:
            return space.index.locate(file, where)
        if "text" not in document:
            document["text"] = parse(text, positions=True)
        return document["text"].span(where)

    facts = [f for f in space.index.facts if f.file != relpath]
    failed = [f for f in space.index.failed_files if f != relpath]
    if record is not None:
        entry = Entry(relpath, kind, record)
        problems += record_problems(entry, space.ctx, locate)
        facts.append(facts_of(entry))
    else:
        failed.append(relpath)
    index = Index(facts, failed, locate, space.index.extra, focus=relpath)
    problems += dataset_problems(index)
    if any(p.is_error for p in problems):
        raise RecordInvalid(sorted(problems))
    return Draft(relpath, text, sorted(problems), original)


def write_new(root: Path, draft: Draft) -> Path:
    """Write a new record's file; never overwrites."""
    path = root / draft.relpath
    create_file(path, draft.text)
    return path


def write_changed(root: Path, draft: Draft) -> Path:
    """Replace a record's file with its new text, all at once, if it is still the file the edit read."""
    if draft.original is None:
        raise ValueError("an edit needs the content hash of the file it started from")
    path = root / draft.relpath
    replace_if_unchanged(path, draft.text, draft.original, draft.relpath)
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
