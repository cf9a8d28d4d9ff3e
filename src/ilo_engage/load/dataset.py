"""Loading a dataset: every file under data/ read, parsed and validated into records.

Files that cannot be read as a record of their kind become problems here;
checks across records come afterwards (see `checks`). Field positions are not
kept: `Dataset.locate` parses a file again when a problem needs a line.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Generic, TypeVar, cast

from pydantic import ValidationError

from ..core import problems as P
from ..core.layout import SETTINGS_FILE
from ..core.problems import FileProblem, Problem
from ..core.sourcetext import decode, read
from ..model import DATA_FOLDER, KINDS, Kind, kind_of
from ..model.common import Part, Record
from ..model.vocabulary import Region, Regions, Topic, Topics
from ..yamlio import Document, Path as FieldPath, Span, parse
from .schema_errors import schema_problems
from .settings import Settings, load_settings

RECORD_SUFFIX = ".yaml"


R = TypeVar("R", bound=Part)
R_co = TypeVar("R_co", bound=Part, covariant=True)  # an Entry[Contact] is an Entry[Part]
I = TypeVar("I", bound=Record)  # noqa: E741 - a record that has an id


@dataclass(frozen=True, slots=True)
class Entry(Generic[R_co]):
    """A record that validated, with the file it came from (relative to the dataset root)."""

    file: str
    kind: Kind
    record: R_co


@dataclass
class Dataset:
    """All the records of a dataset and the problems met while loading them."""

    root: Path
    settings: Settings
    entries: list[Entry[Part]] = field(default_factory=list)
    load_problems: list[Problem] = field(default_factory=list)
    failed_files: list[str] = field(default_factory=list)
    files_read: int = 0

    def records(self, model: type[R]) -> Iterator[R]:
        """The records of one model (`Initiative`: all three kinds), in file order."""
        return (entry.record for entry in self.entries if isinstance(entry.record, model))

    def entries_of(self, model: type[R]) -> Iterator[Entry[R]]:
        """The entries whose record is of one model, in file order, with their files."""
        return (cast("Entry[R]", entry) for entry in self.entries if isinstance(entry.record, model))

    def by_id(self, model: type[I]) -> dict[str, I]:
        """The records of one model by id (the first, where an id is duplicated)."""
        found: dict[str, I] = {}
        for record in self.records(model):
            found.setdefault(record.id, record)
        return found

    def topics(self) -> list[Topic]:
        return [topic for vocabulary in self.records(Topics) for topic in vocabulary.topics]

    def regions(self) -> list[Region]:
        return [region for vocabulary in self.records(Regions) for region in vocabulary.regions]

    def locate(self, file: str, loc: FieldPath) -> Span:
        """Where a field of a file is (or its nearest enclosing field), parsing the file again."""
        return _positions(self.root / file).span(loc)


@lru_cache(maxsize=256)
def _positions(path: Path) -> Document:
    return parse(decode(read(path)), positions=True)


def load(root: Path) -> Dataset:
    """Read every record file of the dataset at `root`."""
    _positions.cache_clear()
    try:
        settings = load_settings(root)
        problems: list[Problem] = []
    except FileProblem as exc:
        settings, problems = Settings(), [exc.problem(SETTINGS_FILE)]
    dataset = Dataset(root, settings, load_problems=problems)
    for relpath in record_files(root):
        dataset.files_read += 1
        kind = kind_of(relpath)
        if listed_outside(root, relpath):
            dataset.load_problems.append(outside(relpath))
            dataset.failed_files.append(relpath)
            continue
        if kind is None or not relpath.endswith(RECORD_SUFFIX):
            dataset.load_problems.append(misplaced(relpath))
            continue
        record, problems = load_file(root, relpath, kind)
        dataset.load_problems += problems
        if record is not None:
            dataset.entries.append(Entry(relpath, kind, record))
        else:
            dataset.failed_files.append(relpath)
    return dataset


def record_files(root: Path) -> list[str]:
    """Dataset-relative paths of the YAML files under data/, sorted; hidden names are skipped.

    One rule for symbolic links: a link is followed while it stays inside the dataset; a link
    (to a file or a folder, data/ included) that leads outside it is listed itself, to be refused
    by its path (see `leads_outside`), and nothing beyond it is read. Names ending in .yaml or
    .yml in any case are listed, so that one the tool ignores (`aatif.YAML`) is said to be ignored.
    """
    found: list[str] = []
    top = root / DATA_FOLDER
    if leads_outside(root, DATA_FOLDER):
        return [DATA_FOLDER] if top.is_symlink() else []
    seen = {os.path.realpath(top)}
    for folder, subfolders, files in os.walk(top, followlinks=True):
        relfolder = Path(folder).relative_to(root).as_posix()
        kept = []
        for name in sorted(subfolders):
            if name.startswith("."):
                continue
            if leads_outside(root, f"{relfolder}/{name}"):
                found.append(f"{relfolder}/{name}")
                continue
            real = os.path.realpath(os.path.join(folder, name))
            if real not in seen:  # a link back to a folder already walked is not walked again
                seen.add(real)
                kept.append(name)
        subfolders[:] = kept
        found += [
            f"{relfolder}/{name}"
            for name in files
            if not name.startswith(".") and name.lower().endswith((".yaml", ".yml"))
        ]
    return sorted(found)


_DATA_PREFIX = DATA_FOLDER + "/"


def is_record_name(relpath: str) -> bool:
    """Whether `record_files` lists a dataset-relative path it reaches: under data/, no hidden
    name on the way, a name ending in .yaml or .yml in any case."""
    # "/." marks a hidden name on the way: data/ itself is not one. (Called once per file: kept cheap.)
    return (relpath.startswith(_DATA_PREFIX) and "/." not in relpath
            and (relpath[-5:].lower() == ".yaml" or relpath[-4:].lower() == ".yml"))


def leads_outside(root: Path, relpath: str) -> bool:
    """Whether a dataset path, through a symbolic link on its way, leads outside the dataset."""
    real_root = os.path.realpath(root)
    real = os.path.realpath(os.path.join(root, relpath))
    return real != real_root and not real.startswith(real_root.rstrip(os.sep) + os.sep)


def listed_outside(root: Path, relpath: str) -> bool:
    """`leads_outside` for a path `record_files` listed, whose folders it already followed only inside
    the dataset: only a path that is itself a link needs resolving (one lstat for the others)."""
    return os.path.islink(os.path.join(root, relpath)) and leads_outside(root, relpath)


def outside(relpath: str) -> Problem:
    """The problem of a path that a symbolic link leads outside the dataset."""
    return P.LINK_OUTSIDE.at(relpath, 1, 1, "a symbolic link that leads outside the dataset: not read")


def load_file(root: Path, relpath: str, kind: Kind) -> tuple[Part | None, list[Problem]]:
    """One file read and validated as its kind: the record, or the problems that stop it."""
    if listed_outside(root, relpath):
        return None, [outside(relpath)]
    try:
        text = decode(read(root / relpath))
    except FileProblem as exc:
        return None, [exc.problem(relpath)]
    except OSError as exc:
        return None, [P.UNREADABLE.at(relpath, 1, 1, f"cannot read the file: {exc.strerror}")]
    return load_text(text, relpath, kind)


def load_text(text: str, relpath: str, kind: Kind) -> tuple[Part | None, list[Problem]]:
    """A file's text parsed and validated as its kind: the record, or the problems that stop it."""
    try:
        document = parse(text)
    except FileProblem as exc:
        return None, [exc.problem(relpath)]
    try:
        return kind.model.model_validate(document.data), []
    except ValidationError as exc:
        located = parse(text, positions=True)
        return None, schema_problems(exc, kind.model, located, relpath)


def misplaced(relpath: str) -> Problem:
    """The problem of a YAML file where no kind of record lives, or that the tool ignores."""
    if not relpath.endswith((".yaml", ".yml")):  # `.YAML`, `.Yml`: record-like, but not read
        return P.IGNORED_FILE.at(relpath, 1, 1, "this file is ignored: record files end in .yaml, in lower case")
    if relpath.endswith(".yml"):
        return P.UNKNOWN_FILE.at(relpath, 1, 1, "record files end in .yaml", "rename the file to end in .yaml")
    places = ", ".join(kind.location + ("" if kind.single_file else "/") for kind in KINDS)
    return P.UNKNOWN_FILE.at(relpath, 1, 1, "no kind of record lives here", f"record files belong in {places}")

