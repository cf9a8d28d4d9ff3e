"""The cache of what `validate` learnt about each file, kept as JSON (never anything that can
run code) in `.ilo-engage-cache/` at the dataset root, which git ignores.

Two files, so that the common case reads little: `state.json` holds each file's size, time and
content hash and the problems found last time; `facts.json` holds what the dataset checks need
of every record, read only when some file changed. A cache that is corrupt, of another format,
or made with other units or settings (the fingerprint) is ignored and written anew. A cache folder
that is a link, or leads out of the dataset, is neither read nor written.
"""

from __future__ import annotations

import json
import os
import secrets
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.layout import CACHE_FOLDER
from ..core.problems import Problem, Severity
from ..core.writer import WriteFailed, replace_file

FOLDER = CACHE_FOLDER
STATE_FILE = "state.json"
FACTS_FILE = "facts.json"
FORMAT = 5  # 5: facts name where a record was imported from, and what makes contacts the same


@dataclass
class FileState:
    """What the cache knows of one file."""

    size: int
    mtime_ns: int
    digest: str
    reuse_until: str | None = None  # a contact dated in the future is checked again from that day
    problems: list[Problem] = field(default_factory=list)


@dataclass
class State:
    """The cache's index of files, and the problems the dataset checks found across them."""

    written_at: float
    generation: str  # both cache files of one writing carry the same
    files: dict[str, FileState]
    dataset_problems: list[Problem]


def machine_key() -> bytes:
    """A random secret kept outside any dataset (in the user's cache folder), created on first
    use; without one (no writable home), every cache is treated as foreign."""
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ilo-engage"
    path = folder / "cache-key"
    try:
        key = path.read_bytes()
        if len(key) == 32:
            return key
    except OSError:
        pass
    try:
        folder.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(32)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(key)
        return key
    except FileExistsError:
        return path.read_bytes()[:32] or secrets.token_bytes(32)
    except OSError:
        return secrets.token_bytes(32)


def cache_folder(root: Path, create: bool = False) -> Path | None:
    """The dataset's own cache folder, or None if it cannot be trusted with a write: a link (a
    pull request can commit one pointing anywhere) or anything else that is not a plain folder
    right inside the dataset. Such a cache is ignored: neither read nor written."""
    folder = root / FOLDER
    try:
        found = os.lstat(folder)
    except FileNotFoundError:
        if not create:
            return None
        try:
            folder.mkdir()  # makes a folder, never follows a link: one planted meanwhile makes it fail
        except OSError:
            return None
        found = os.lstat(folder)
    except OSError:
        return None
    if not stat.S_ISDIR(found.st_mode) or os.path.realpath(folder) != os.path.join(os.path.realpath(root), FOLDER):
        return None
    return folder


def _read_json(root: Path, name: str) -> Any:
    """One cache file's JSON, never read through a link."""
    folder = cache_folder(root)
    if folder is None:
        raise OSError("no cache folder to trust")
    descriptor = os.open(folder / name, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK)
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError(f"{name} is not a regular file")
        return json.loads(handle.read())


def load_state(root: Path, fingerprint: str) -> State | None:
    """The cached state, or None if there is none that can be trusted."""
    try:
        data = _read_json(root, STATE_FILE)
        if data["format"] != FORMAT or data["fingerprint"] != fingerprint:
            return None
        problems = data["problems"]
        files = {
            file: FileState(int(size), int(mtime), str(digest), until,
                            [problem_from_json(file, p) for p in problems.get(file, ())])
            for file, (size, mtime, digest, until) in data["files"].items()
        }
        dataset = [problem_from_json(p[0], p[1:]) for p in data["dataset_problems"]]
        return State(float(data["written_at"]), str(data["generation"]), files, dataset)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError):
        return None


def load_facts(root: Path, state: State) -> dict[str, Any] | None:
    """File → the facts the dataset checks need (as JSON), or None if they are not the state's."""
    try:
        data = _read_json(root, FACTS_FILE)
        if data["format"] != FORMAT or data["generation"] != state.generation or not isinstance(data["facts"], dict):
            return None
        return data["facts"]
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None


def save(root: Path, fingerprint: str, files: dict[str, FileState], facts: dict[str, Any],
         dataset_problems: list[Problem]) -> None:
    """Write both cache files; a dataset that cannot hold them is still validated."""
    generation = secrets.token_hex(8)
    state = {
        "format": FORMAT,
        "fingerprint": fingerprint,
        "generation": generation,
        "written_at": time.time(),
        "files": {f: [s.size, s.mtime_ns, s.digest, s.reuse_until] for f, s in files.items()},
        "problems": {f: [problem_json(p) for p in s.problems] for f, s in files.items() if s.problems},
        "dataset_problems": [[p.file, *problem_json(p)] for p in dataset_problems],
    }
    folder = cache_folder(root, create=True)
    if folder is None:  # a planted or odd cache: validate works without one
        return
    try:  # renaming over a planted link replaces the link, never the file it points to
        replace_file(folder / FACTS_FILE,
                     json.dumps({"format": FORMAT, "generation": generation, "facts": facts}, separators=(",", ":")))
        replace_file(folder / STATE_FILE, json.dumps(state, separators=(",", ":")))
    except WriteFailed:
        pass


def problem_json(problem: Problem) -> list[Any]:
    return [problem.line, problem.column, problem.code, problem.severity.value, problem.message, problem.hint]


def problem_from_json(file: str, data: list[Any]) -> Problem:
    line, column, code, severity, message, hint = data
    return Problem(file, int(line), int(column), str(code), Severity(severity), str(message), str(hint))
