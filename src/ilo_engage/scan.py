"""Validation that stays fast on large datasets: what each file yielded is cached by its
content, and the files that must be read are parsed and checked on every core.

The result is exactly that of `checks.check(dataset.load(root))`: the same record checks
and dataset checks run, only on fewer files. The cache is JSON (never anything that can
run code), lives in `.ilo-engage-cache/` at the dataset root (ignored by git), and is
rebuilt whenever it is corrupt, from another version, or the units or settings changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from . import __version__
from .checks import context, dataset_problems, record_problems
from .checks.base import Context, Facts, Index, facts_of, latest_date
from .dataset import Dataset, Entry, _misplaced, load_text, record_files
from .model import kind_of
from .problems import FileProblem, Problem, Severity
from .settings import SETTINGS_FILE, Settings, load_settings
from .sourcetext import decode
from .yamlio import parse

CACHE_FOLDER = ".ilo-engage-cache"
CACHE_FILE = "validate.json"
CACHE_FORMAT = 1
# Files whose checks depend on others: always read, and part of the cache's fingerprint.
CONTEXT_FILES = ("data/units/", "data/topics.yaml", "data/regions.yaml")
# Below this many files to read, worker processes cost more than they save.
PARALLEL_FROM = 2000


@dataclass
class FileResult:
    """What one file yielded: its facts (if it loaded) and its own problems."""

    file: str
    size: int
    mtime_ns: int
    digest: str
    facts: Facts | None
    problems: list[Problem]
    reuse_until: str | None = None  # a contact dated in the future must be checked again from that day

    def as_json(self) -> list[Any]:
        return [self.size, self.mtime_ns, self.digest, self.facts.as_json() if self.facts else None,
                [_problem_json(p) for p in self.problems], self.reuse_until]

    @classmethod
    def from_json(cls, file: str, data: list[Any]) -> FileResult:
        size, mtime_ns, digest, facts, problems, reuse_until = data
        return cls(file, int(size), int(mtime_ns), str(digest), Facts.from_json(facts) if facts else None,
                   [_problem_from_json(file, p) for p in problems], reuse_until)


@dataclass
class Workspace:
    """A dataset as `validate` and the authoring commands see it: the units, topics and regions
    loaded whole (the context of every check), and the facts of every other record."""

    root: Path
    settings: Settings
    context_records: Dataset  # the units, topics and regions
    ctx: Context
    index: Index
    file_problems: list[Problem]  # loading's and the record checks', per file
    files_read: int
    files_parsed: int  # how many were not taken from the cache

    def problems(self) -> list[Problem]:
        """Every problem in the dataset, sorted by file and line."""
        return sorted(self.file_problems + dataset_problems(self.index))

    def ids(self, kind: str) -> dict[str, Facts]:
        """The records of one kind by id."""
        return {f.id: f for f in self.index.of_kind(kind) if f.id is not None}


@dataclass(frozen=True)
class ScanResult:
    problems: list[Problem]
    files_read: int
    files_parsed: int


def scan(root: Path, use_cache: bool = True, jobs: int | None = None, today: date | None = None) -> ScanResult:
    """Every problem in the dataset at `root`, as `check(load(root))` finds them."""
    space = workspace(root, use_cache, jobs, today)
    return ScanResult(space.problems(), space.files_read, space.files_parsed)


def workspace(root: Path, use_cache: bool = True, jobs: int | None = None, today: date | None = None) -> Workspace:
    """The dataset at `root`, read through the cache."""
    today = today or date.today()
    problems: list[Problem] = []
    try:
        settings = load_settings(root)
    except FileProblem as exc:
        settings = Settings()
        problems.append(exc.problem(SETTINGS_FILE))
    files = record_files(root)
    context_files = [f for f in files if f.startswith(CONTEXT_FILES)]
    others = [f for f in files if not f.startswith(CONTEXT_FILES)]

    # The units, topics and regions first: the other files' checks depend on them.
    dataset = Dataset(root, settings)
    context_results = [_read(root, f, None) for f in context_files]
    dataset.entries += [entry for _, entry, _ in context_results if entry is not None]
    ctx = context(dataset, today)
    results = [_finish(r, e, text, ctx, root) for r, e, text in context_results]

    fingerprint = _fingerprint(root, settings, context_results)
    cache = _load_cache(root, fingerprint) if use_cache else {}
    written_at = cache.pop("", None)
    cached: dict[str, FileResult] = cache  # type: ignore[assignment]
    to_read: list[tuple[str, str | None]] = []
    for file in others:
        previous = cached.get(file)
        if previous is not None and _unchanged(root / file, previous, written_at, today):
            results.append(previous)
        elif previous is not None and not _expired(previous, today):
            to_read.append((file, previous.digest))  # same content: its cached result still holds
        else:
            to_read.append((file, None))
    fresh = _read_all(root, to_read, ctx, jobs)
    for result in fresh:
        if result.digest == "same":  # touched but not changed (e.g. by a checkout): reuse, note its new time
            previous = cached[result.file]
            previous.size, previous.mtime_ns = result.size, result.mtime_ns
            result = previous
        results.append(result)

    for result in results:
        problems += result.problems
    index = Index(
        [r.facts for r in results if r.facts is not None],
        [r.file for r in results if r.facts is None],
        Dataset(root, settings).locate,
        {"topics": [t.id for t in dataset.topics()]},
    )
    if use_cache:
        _save_cache(root, fingerprint, [r for r in results if not r.file.startswith(CONTEXT_FILES)])
    parsed = len(context_files) + sum(r.digest != "same" for r in fresh)
    return Workspace(root, settings, dataset, ctx, index, problems, len(files), parsed)


def _read(root: Path, file: str, known_digest: str | None) -> tuple[FileResult, Entry | None, str | None]:
    """Read one file: its result (problems of loading only), its record if it loaded, and its text."""
    path = root / file
    kind = kind_of(file)
    try:
        stat = path.stat()
        data = path.read_bytes()
    except OSError as exc:
        from . import problems as P

        unreadable = P.UNREADABLE.at(file, 1, 1, f"cannot read the file: {exc.strerror}")
        return FileResult(file, 0, 0, "", None, [unreadable]), None, None
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    if known_digest == digest:
        return FileResult(file, stat.st_size, stat.st_mtime_ns, "same", None, []), None, None
    result = FileResult(file, stat.st_size, stat.st_mtime_ns, digest, None, [])
    if kind is None or not file.endswith(".yaml"):
        result.problems.append(_misplaced(file))
        return result, None, None
    try:
        text = decode(data)
    except FileProblem as exc:
        result.problems.append(exc.problem(file))
        return result, None, None
    record, problems = load_text(text, file, kind)
    result.problems += problems
    if record is None:
        return result, None, text
    entry = Entry(file, kind, record)
    result.facts = facts_of(entry)
    return result, entry, text


def _finish(result: FileResult, entry: Entry | None, text: str | None, ctx: Context, root: Path) -> FileResult:
    """Run the record checks on a file that loaded; locate fields in its text only if a check finds something."""
    if entry is None or text is None:
        return result
    positions: dict[str, Any] = {}

    def locate(file: str, where: tuple) -> Any:
        if "document" not in positions:
            positions["document"] = parse(text, positions=True)
        return positions["document"].span(where)

    result.problems += record_problems(entry, ctx, locate)
    latest = latest_date(entry.record)
    if latest is not None and latest > ctx.today:
        result.reuse_until = latest.isoformat()
    return result


def _read_and_check(root: Path, file: str, known_digest: str | None, ctx: Context) -> FileResult:
    return _finish(*_read(root, file, known_digest), ctx, root)


# Worker processes receive the context once, at start, rather than with every file.
_WORKER: dict[str, Any] = {}


def _init_worker(root: Path, ctx: Context) -> None:
    _WORKER["root"], _WORKER["ctx"] = root, ctx


def _work(batch: list[tuple[str, str | None]]) -> list[FileResult]:
    return [_read_and_check(_WORKER["root"], file, digest, _WORKER["ctx"]) for file, digest in batch]


def _read_all(root: Path, files: list[tuple[str, str | None]], ctx: Context, jobs: int | None) -> list[FileResult]:
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers < 2 or len(files) < PARALLEL_FROM and jobs is None:
        return [_read_and_check(root, file, digest, ctx) for file, digest in files]
    import multiprocessing

    size = max(1, min(500, len(files) // (workers * 4) or 1))
    batches = [files[i:i + size] for i in range(0, len(files), size)]
    with multiprocessing.get_context("fork").Pool(workers, _init_worker, (root, ctx)) as pool:
        return [result for batch in pool.imap(_work, batches) for result in batch]


def _expired(previous: FileResult, today: date) -> bool:
    """Whether a cached result depended on a day that has come (a step dated in the future)."""
    return previous.reuse_until is not None and today.isoformat() >= previous.reuse_until


def _unchanged(path: Path, previous: FileResult, written_at: float | None, today: date) -> bool:
    """Whether a file is as the cache saw it (same size and time, not touched around the cache's writing)."""
    if _expired(previous, today):
        return False
    try:
        stat = path.stat()
    except OSError:
        return False
    # A file changed in the same instant the cache was written could keep its size and time.
    settled = written_at is not None and stat.st_mtime_ns < (written_at - 2) * 1e9
    return settled and stat.st_size == previous.size and stat.st_mtime_ns == previous.mtime_ns


def _fingerprint(root: Path, settings: Settings, context_results: list[tuple[FileResult, Entry | None, str | None]]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{CACHE_FORMAT}:{__version__}:{settings.model_dump_json()}".encode())
    for result, _, _ in context_results:
        digest.update(f"{result.file}:{result.digest}".encode())
    return digest.hexdigest()


def _cache_path(root: Path) -> Path:
    return root / CACHE_FOLDER / CACHE_FILE


def _load_cache(root: Path, fingerprint: str) -> dict[str, Any]:
    """The cached results, or nothing if the cache is missing, corrupt or stale."""
    try:
        data = json.loads(_cache_path(root).read_text(encoding="utf-8"))
        if data.get("format") != CACHE_FORMAT or data.get("fingerprint") != fingerprint:
            return {}
        files = {file: FileResult.from_json(file, entry) for file, entry in data["files"].items()}
        return {"": float(data["written_at"]), **files}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _save_cache(root: Path, fingerprint: str, results: list[FileResult]) -> None:
    """Write the cache; a dataset that cannot hold it is still validated."""
    from .writer import WriteFailed, replace_file

    data = {"format": CACHE_FORMAT, "fingerprint": fingerprint, "written_at": time.time(),
            "files": {r.file: r.as_json() for r in results if r.digest not in ("", "same")}}
    try:
        replace_file(_cache_path(root), json.dumps(data, separators=(",", ":")))
    except WriteFailed:
        pass



def _problem_json(problem: Problem) -> list[Any]:
    return [problem.line, problem.column, problem.code, problem.severity.value, problem.message, problem.hint]


def _problem_from_json(file: str, data: list[Any]) -> Problem:
    line, column, code, severity, message, hint = data
    return Problem(file, int(line), int(column), str(code), Severity(severity), str(message), str(hint))
