"""Validation that stays fast on large datasets: what each file yielded is cached by its
content (see `cache`); git, in a work tree, says which files are as the store saw them (see
`git_view`), and only the files that must be read are parsed and checked, on every core (see
`scan_files`).

The result is exactly that of `checks.check(dataset.load(root))`: the same record checks
and dataset checks run, only on fewer files.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from .. import __version__
from ..core import layout
from ..core.layout import SETTINGS_FILE
from ..core.problems import FileProblem, Problem
from ..load.dataset import Dataset, Entry, is_record_name, record_files
from ..load.settings import Settings, load_settings
from ..model import Part, kind_of
from . import cache, context, dataset_problems, git_view
from .base import PARTIAL, Context, Facts, Index, facts_of
from .report_text import files_report_problems
from .scan_files import FileResult, finish, read_all, read_file

# Files whose checks depend on others: always read, and part of the cache's fingerprint.
CONTEXT_FILES = tuple(place.prefix for place in layout.CONTEXT)
CACHE_FOLDER = cache.FOLDER


@dataclass
class Workspace:
    """A dataset as `validate` and the authoring commands see it: the units, topics and regions
    loaded whole (the context of every check), and what the cache or a fresh read says of
    every other file."""

    root: Path
    settings: Settings
    context_records: Dataset  # the units, topics and regions
    ctx: Context
    fingerprint: str
    results: dict[str, FileResult]  # every file but the context files, when read afresh
    cached: dict[str, cache.FileState]  # what the cache knew of the files not read afresh
    state: cache.State | None
    context_problems: list[Problem]  # the settings' and the context files'
    files_read: int
    files_parsed: int
    use_cache: bool
    changed: bool  # whether anything differs from what the cache holds
    _across: list[Problem] | None = field(default=None, repr=False)  # the problems across files, once found
    _saved: bool = field(default=False, repr=False)
    touched: dict[str, cache.FileState] = field(default_factory=dict)  # unchanged files with a new time
    stored: bool = False  # whether the store holds what this workspace saw (after save_cache)
    view: git_view.GitView | None = None  # what git said of the files, in a work tree

    def digest(self, file: str) -> str | None:
        """The content hash of a file as this workspace saw it."""
        if file in self.results:
            return self.results[file].digest
        previous = self.cached.get(file)
        return previous.digest if previous is not None else None

    def problems(self) -> list[Problem]:
        """Every problem in the dataset, sorted by file and line. Nothing is written: see `save_cache`."""
        found = list(self.context_problems)
        found += [p for r in self.results.values() for p in r.problems]
        try:
            found += [p for s in self.cached.values() for p in s.found()]
        except cache.StoreDamaged:  # only a damaged store: everything is read again, and saved anew
            self._read_cached_again()
            return self.problems()
        return sorted(found + self._problems_across())

    def _problems_across(self) -> list[Problem]:
        """The dataset checks' problems (and the report text's): the cache's if nothing changed."""
        if self._across is None:
            if not self.changed and self.state is not None and self.state.dataset_problems is not None:
                self._across = self.state.dataset_problems
            else:
                self._across = dataset_problems(self.index)
                self._across += files_report_problems(self.root, [*self.cached, *self.results], self.index)
        return self._across

    def ids(self, model: type[Part]) -> dict[str, Facts]:
        """The facts of the records of one model by id."""
        return {f.id: f for f in self.index.of_kind(model) if f.id is not None}

    @cached_property
    def _stored_facts(self) -> dict[str, Any] | None:
        """The cached facts of the files not read afresh (None: the cache's facts can't be trusted)."""
        return cache.load_facts(self.root, self.state) if self.state and self.cached else {}

    @cached_property
    def index(self) -> Index:
        """The facts of every record, from the cache and the files read afresh."""
        stored = self._stored_facts
        facts: list[Facts] = [facts_of(e) for e in self.context_records.entries]
        failed = [p.file for p in self.context_problems if p.file != SETTINGS_FILE and p.code.startswith(("F", "S"))]
        if stored is None:  # the facts file is not the state's: read those files again
            self._read_cached_again()
            stored = {}
        for file, data in [*((f, stored.get(f)) for f in self.cached),
                           *((r.file, r.facts) for r in self.results.values())]:
            kind = kind_of(file)
            if data and kind is not None:
                facts.append(Facts.from_json(file, kind.name, data))
                if PARTIAL[0] in facts[-1].names:  # read in part: its references checked, the file still failed
                    failed.append(file)
            else:
                failed.append(file)
        return Index(facts, sorted(set(failed)), Dataset(self.root, self.settings).locate,
                     {"topics": [t.id for t in self.context_records.topics()],
                      "regions": [r.id for r in self.context_records.regions()]})

    def _read_cached_again(self) -> None:
        for result in read_all(self.root, [(f, None) for f in self.cached], self.ctx, None):
            self.results[result.file] = result
        self.files_parsed += len(self.cached)
        self.cached = {}
        self.changed = True

    def save_cache(self) -> None:
        """Remember what this read found, for the next one, in one update of the store: the rows
        of the files read afresh or touched, and the problems across files (nothing to do when
        nothing changed or the store is not used)."""
        if not self.use_cache or self._saved:
            return
        if not self.changed and self.state is not None and self.state.dataset_problems is not None:
            if self.view is not None and self.state.index != self.view.key and self._agreed_index() is not None:
                cache.note_index(self.root, self.state, self.view.key)  # committed since: noted for next time
            self.stored = True
            return
        across = self._problems_across()
        rows = [cache.Row(file, previous, touched=True) for file, previous in self.touched.items()]
        for r in self.results.values():
            if r.digest:
                state = cache.FileState(r.size, r.mtime_ns, r.digest, r.reuse_until, r.problems)
                kind = kind_of(r.file)
                failed = {"kind": kind.name if r.failed and kind else None}
                rows.append(cache.Row(r.file, state, r.facts, **(r.row or failed)))
        known = self.state.files if self.state else {}
        removed = [f for f in known if f not in self.cached and f not in self.results]
        self.stored = cache.save(self.root, self.fingerprint, self.state, rows, removed, across, self._agreed_index())
        self._saved = True

    def _agreed_index(self) -> str | None:
        """Git's index key, if every file git lists is as the index has it and so is every row
        this workspace leaves in the store (then the next command need not read the rows: see
        `cache.load_state`)."""
        view = self.view
        if view is None or any(is_record_name(path) for path in view.listed):
            return None
        same = view.same
        agree = all(same.get(f) == s.digest for f, s in self.cached.items()) and \
            all(same.get(f) == r.digest for f, r in self.results.items())
        return view.key if agree else None


@dataclass(frozen=True)
class ScanResult:
    problems: list[Problem]
    files_read: int
    files_parsed: int


def scan(root: Path, use_cache: bool = True, jobs: int | None = None, today: date | None = None) -> ScanResult:
    """Every problem in the dataset at `root`, as `check(load(root))` finds them."""
    space = workspace(root, use_cache, jobs, today)
    problems = space.problems()
    space.save_cache()
    return ScanResult(problems, space.files_read, space.files_parsed)


def workspace(root: Path, use_cache: bool = True, jobs: int | None = None, today: date | None = None) -> Workspace:
    """The dataset at `root`, read through the cache."""
    today = today or date.today()
    context_problems: list[Problem] = []
    try:
        settings = load_settings(root)
    except FileProblem as exc:
        settings = Settings()
        context_problems.append(exc.problem(SETTINGS_FILE))
    # Git, where it can answer, says which files exist and which are as the store saw them.
    view = git_view.ask(root) if use_cache else None
    listing = view.files(root) if view is not None else None
    files = [f for f in listing if is_record_name(f)] if listing is not None else record_files(root)
    context_files = [f for f in files if f.startswith(CONTEXT_FILES)]
    others = [f for f in files if not f.startswith(CONTEXT_FILES)]

    # The units, topics and regions first: the other files' checks depend on them.
    dataset = Dataset(root, settings)
    context_results = [read_file(root, f, None) for f in context_files]
    dataset.entries += [entry for _, entry, _ in context_results if entry is not None]
    ctx = context(dataset, today)
    for result, entry, text in context_results:
        context_problems += finish(result, entry, text, ctx).problems

    fingerprint = _fingerprint(settings, context_results)
    # With nothing git lists, the store may vouch for all its rows at once (see cache.load_state).
    clean = view is not None and not any(is_record_name(path) for path in view.listed)
    index = (view.key, {file: view.same[file] for file in others}) if view is not None and clean else None
    state = cache.load_state(root, fingerprint, index) if use_cache else None
    known = state.files if state else {}
    cached: dict[str, cache.FileState] = {}
    to_read: list[tuple[str, str | None]] = []
    for file in others:
        previous = known.get(file)
        if previous is not None and (_same_by_git(view, file, previous, today)
                                     or _unchanged(os.path.join(root, file), previous, today)):
            cached[file] = previous
        elif previous is not None and not _expired(previous, today):
            to_read.append((file, previous.digest))  # same content: its cached result still holds
        else:
            to_read.append((file, None))
    results: dict[str, FileResult] = {}
    touched: dict[str, cache.FileState] = {}
    for result in read_all(root, to_read, ctx, jobs):
        if result.as_cached:  # touched but not changed (e.g. by a checkout): reuse, note its new time
            previous = known[result.file]
            previous.size, previous.mtime_ns = result.size, result.mtime_ns
            cached[result.file] = touched[result.file] = previous
        else:
            results[result.file] = result
    changed = (state is None or state.dataset_problems is None or bool(results) or bool(touched)
               or set(known) != set(others))
    parsed = len(context_files) + len(results)
    return Workspace(root, settings, dataset, ctx, fingerprint, results, cached, state, context_problems,
                     len(files), parsed, use_cache, changed, touched=touched, view=view)


def _expired(previous: cache.FileState, today: date) -> bool:
    """Whether a cached result depended on a day that has come (a step dated in the future)."""
    return previous.reuse_until is not None and today.isoformat() >= previous.reuse_until


def _same_by_git(view: git_view.GitView | None, file: str, previous: cache.FileState, today: date) -> bool:
    """Whether git says the file has the content its row describes (never a row that has expired)."""
    return view is not None and view.same.get(file) == previous.digest and not _expired(previous, today)


def _unchanged(path: str, previous: cache.FileState, today: date) -> bool:
    """Whether a file is as the store saw it (same size and time, not touched around its row's writing)."""
    if _expired(previous, today):
        return False
    try:
        stat = os.stat(path)
    except OSError:
        return False
    # A file changed in the same instant its row was written could keep its size and time.
    settled = stat.st_mtime_ns < (previous.seen_at - 0.5) * 1e9
    return settled and stat.st_size == previous.size and stat.st_mtime_ns == previous.mtime_ns


def _fingerprint(settings: Settings, context_results: list[tuple[FileResult, Entry[Part] | None, str | None]]) -> str:
    """What every cached result depends on, keyed with a secret of this machine: a cache that
    came with the dataset (committed, say, by a pull request) is never trusted."""
    digest = hashlib.blake2b(digest_size=16, key=cache.machine_key())
    digest.update(f"{cache.FORMAT}:{__version__}:{settings.model_dump_json()}".encode())
    for result, _, _ in context_results:
        digest.update(f"{result.file}:{result.digest}".encode())
    return digest.hexdigest()
