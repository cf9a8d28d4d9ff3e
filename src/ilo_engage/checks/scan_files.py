"""The files the cache cannot answer for, read and checked: one file's `FileResult` (its
problems of loading and of the record checks, and its facts for the checks across records),
in worker processes when there are many.

`scan` decides which files to read; this module only reads them.
"""

from __future__ import annotations

import hashlib
import os
import signal
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from ..core.problems import FileProblem, Problem
from ..core.sourcetext import decode, read
from ..load.dataset import Entry, listed_outside, load_text, misplaced, outside
from ..model import Contact, Part, kind_of
from ..yamlio import Path as FieldPath, parse
from . import record_problems
from .base import PARTIAL, Context, Facts, facts_of, latest_date
from .deadlines import next_change
from .stored import row_of

# Below this many files to read, worker processes cost more than they save.
PARALLEL_FROM = 2000


@dataclass
class FileResult:
    """What one file yielded: its facts (as JSON, if it loaded) and its own problems."""

    file: str
    size: int
    mtime_ns: int
    digest: str  # the content's git blob id (`blob_id`); "" when unreadable
    facts: list[Any] | None
    problems: list[Problem]
    reuse_until: str | None = None
    as_cached: bool = False  # read and found with the content the cache has: its cached result holds
    row: dict[str, Any] | None = None  # what the store keeps of the record, if it loaded (stored.row_of)
    failed: bool = False  # a record file that did not load (as `load` lists it in failed_files)



def blob_id(data: bytes) -> str:
    """The id git gives this content (a blob's SHA-1): the store's digest of a file, so that a file
    git reports as its index has it is known unchanged without reading it (see `git_view`)."""
    found = hashlib.sha1(b"blob %d\0" % len(data), usedforsecurity=False)
    found.update(data)
    return found.hexdigest()


def read_file(root: Path, file: str, known_digest: str | None) -> tuple[FileResult, Entry[Part] | None, str | None]:
    """Read one file: its result (problems of loading only), its record if it loaded, and its text."""
    if listed_outside(root, file):  # the one rule for links: see dataset.record_files
        return FileResult(file, 0, 0, "", None, [outside(file)], failed=True), None, None
    path = os.path.join(root, file)
    kind = kind_of(file)
    try:
        stat = os.stat(path)
        data = read(path)
    except FileProblem as exc:  # far too large: refused before it is read whole
        return FileResult(file, 0, 0, "", None, [exc.problem(file)], failed=_record_file(file)), None, None
    except OSError as exc:
        from ..core import problems as P

        unreadable = P.UNREADABLE.at(file, 1, 1, f"cannot read the file: {exc.strerror}")
        return FileResult(file, 0, 0, "", None, [unreadable], failed=_record_file(file)), None, None
    digest = blob_id(data)
    if known_digest == digest:
        return FileResult(file, stat.st_size, stat.st_mtime_ns, digest, None, [], as_cached=True), None, None
    result = FileResult(file, stat.st_size, stat.st_mtime_ns, digest, None, [])
    if kind is None or not file.endswith(".yaml"):
        result.problems.append(misplaced(file))
        return result, None, None
    result.failed = True  # until it loads
    try:
        text = decode(data)
    except FileProblem as exc:
        result.problems.append(exc.problem(file))
        return result, None, None
    record, problems = load_text(text, file, kind)
    result.problems += problems
    if record is None:
        result.facts = _partial_facts(file, kind, text)
        return result, None, text
    entry = Entry(file, kind, record)
    result.facts = facts_of(entry).as_json()
    result.row, result.failed = row_of(entry), False
    return result, entry, text


def _record_file(file: str) -> bool:
    """Whether a file that could not be read counts as a record file that failed to load."""
    return kind_of(file) is not None and file.endswith(".yaml")


def _partial_facts(file: str, kind: Any, text: str) -> list[Any] | None:
    """The facts of a record with schema errors: the references of its valid fields, marked partial
    (the file still counts as failed: its id is not known, its other checks wait for the fix)."""
    from ..load.partial import partial_references
    from .base import encode_reference

    try:
        data = parse(text).data
    except FileProblem:
        return None
    references = partial_references(kind, data)
    if not references:
        return None
    return Facts(file, kind.name, None, tuple(encode_reference(*r) for r in references), PARTIAL).as_json()


def finish(result: FileResult, entry: Entry[Part] | None, text: str | None, ctx: Context) -> FileResult:
    """Run the record checks on a file that loaded; locate fields in its text only if a check finds something."""
    if entry is None or text is None:
        return result
    positions: dict[str, Any] = {}

    def locate(file: str, where: FieldPath) -> Any:
        if "document" not in positions:
            positions["document"] = parse(text, positions=True)
        return positions["document"].span(where)

    locate.text = text  # type: ignore[attr-defined]  # for a finding placed inside a field's text

    result.problems += record_problems(entry, ctx, locate)
    # A result that depends on the day (a step dated in the future, a deadline still to come) is
    # reused only until that day.
    changes = [d for d in (latest_date(entry.record), _deadline_passes(entry, ctx)) if d and d > ctx.today]
    if changes:
        result.reuse_until = min(changes).isoformat()
    return result


def _deadline_passes(entry: Entry[Part], ctx: Context) -> date | None:
    if not isinstance(entry.record, Contact) or not entry.record.assessed(ctx.settings.start):
        return None
    return next_change(entry.record, ctx.office, ctx.deadlines, ctx.today)


def read_and_check(root: Path, file: str, known_digest: str | None, ctx: Context) -> FileResult:
    return finish(*read_file(root, file, known_digest), ctx)


def _init_worker() -> None:
    # Ctrl-C reaches every process of the terminal's group: the parent alone stops and ends
    # the workers (leaving the pool terminates them), so that only "interrupted" is printed.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _work(root: Path, ctx: Context, batch: list[tuple[str, str | None]]) -> list[FileResult]:
    """One batch of files, in a worker (the context travels with each batch of up to 500 files)."""
    return [read_and_check(root, file, digest, ctx) for file, digest in batch]


def read_all(root: Path, files: list[tuple[str, str | None]], ctx: Context, jobs: int | None) -> list[FileResult]:
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers < 2 or (len(files) < PARALLEL_FROM and jobs is None):
        return [read_and_check(root, file, digest, ctx) for file, digest in files]
    import multiprocessing

    # The models' schemas are built on first use (model/types.py): here, once, not in every worker.
    for kind in {kind_of(file) for file, _ in files}:
        if kind is not None:
            kind.model.model_rebuild()
    size = max(1, min(500, len(files) // (workers * 4) or 1))
    batches = [files[i:i + size] for i in range(0, len(files), size)]
    with multiprocessing.get_context("fork").Pool(workers, _init_worker) as pool:
        return [result for batch in pool.imap(partial(_work, root, ctx), batches) for result in batch]
