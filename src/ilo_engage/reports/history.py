"""A dataset as it was at a git revision or date, read into a temporary folder without
touching the working tree (`report --as-of`).

The files are read from git's objects (`ls-tree`, `cat-file`), not exported with `git archive`:
an export applies `.gitattributes` (`export-ignore` would silently drop records), a checkout
applies filters; the objects are the files exactly as committed.
"""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path

from ..core.errors import IloEngageError, UsageError
from ..core.layout import DATA_FOLDER, SETTINGS_FILE

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# What a report reads of a dataset: other files (and links among them) are left where they are.
_READ = (SETTINGS_FILE, f"{DATA_FOLDER}/", "templates/")
_LINK_MODE = "120000"
_FILE_MODES = ("100644", "100755")


class LinkOutOfDataset(IloEngageError):
    """The dataset at that revision holds a link leading out of it: it is not read."""


@contextmanager
def dataset_as_of(root: Path, revision: str) -> Iterator[Path]:
    """The dataset root as of `revision` (a commit, tag, branch or YYYY-MM-DD), in a temporary folder."""
    _inside_a_repository(root)
    commit = _commit(root, revision)
    entries = _tree(root, commit)
    contents = _blobs(root, [object_id for _, object_id, _ in entries])
    with tempfile.TemporaryDirectory(prefix="ilo-engage-as-of-") as folder:
        _write_tree(Path(folder), entries, contents, revision)
        yield Path(folder)


def _commit(root: Path, revision: str) -> str:
    if _DATE.fullmatch(revision):
        from ..core.dates import parse_date

        try:
            day = parse_date(revision)
        except ValueError as exc:
            raise UsageError(f"--as-of: {exc}") from None
        if day >= date.today():  # git's date parser misreads far dates: the future is simply now
            return _git(root, "rev-parse", "--verify", "HEAD^{commit}").strip()
        end_of_day = int(datetime.combine(day, time.max).timestamp())
        found = _git(root, "rev-list", "-1", f"--before=@{end_of_day}", "HEAD").strip()
        if not found:
            raise UsageError(f"--as-of {revision}: the dataset has no commit on or before that day")
        return found
    try:
        return _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").strip()
    except UsageError:
        raise UsageError(f"--as-of {revision}: no commit, branch or tag of the dataset's repository has that "
                         "name; give one of them (`git log --oneline` lists commits) or a date, YYYY-MM-DD") from None


def _inside_a_repository(root: Path) -> None:
    """--as-of reads the dataset's git history: say so plainly when there is none."""
    try:
        _git(root, "rev-parse", "--show-prefix")
    except UsageError:
        raise UsageError(f"--as-of reads the dataset's git history, but {root} is not in a git repository "
                         "(`git init` and a first commit start one)") from None
    try:
        _git(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    except UsageError:
        raise UsageError("--as-of reads the dataset's git history, but its repository has no commit yet") from None


def _tree(root: Path, commit: str) -> list[tuple[str, str, str]]:
    """(mode, object id, path relative to the dataset root) of each file a report reads, at the commit."""
    entries = []
    for line in _git_bytes(root, "ls-tree", "-r", "-z", commit, "--", ".").split(b"\0"):
        if not line:
            continue
        meta, _, path = line.partition(b"\t")
        mode, kind, object_id = meta.decode().split()
        name = os.fsdecode(path)
        if kind == "blob" and (name == _READ[0] or name.startswith(_READ[1:])):  # submodules hold no records
            entries.append((mode, object_id, name))
    return entries


def _blobs(root: Path, object_ids: list[str]) -> dict[str, bytes]:
    """Object id → content, read in one `git cat-file --batch`."""
    wanted = sorted(set(object_ids))
    result = subprocess.run(["git", "-C", str(root), "cat-file", "--batch"],
                            input="".join(f"{o}\n" for o in wanted).encode(), capture_output=True, check=False)
    if result.returncode != 0:
        raise UsageError(f"--as-of: {result.stderr.decode(errors='replace').strip()}")
    out, position, contents = result.stdout, 0, {}
    for object_id in wanted:
        header_end = out.index(b"\n", position)
        _, _, size = out[position:header_end].decode().split()
        start = header_end + 1
        contents[object_id] = out[start:start + int(size)]
        position = start + int(size) + 1
    return contents


def _write_tree(folder: Path, entries: list[tuple[str, str, str]], contents: dict[str, bytes], revision: str) -> None:
    """The files as committed; a link only if it stays inside the dataset."""
    for mode, object_id, path in entries:
        parts = path.split("/")
        if path.startswith("/") or ".." in parts or "" in parts:  # git never stores these
            raise LinkOutOfDataset(f"{path} at {revision} is not a path inside the dataset")
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if mode == _LINK_MODE:
            link = os.fsdecode(contents[object_id])
            if posixpath.isabs(link) or posixpath.normpath(posixpath.join(posixpath.dirname(path), link)).startswith(".."):
                raise LinkOutOfDataset(f"{path} at {revision} is a link to {link}, outside the dataset: "
                                       "links out of the dataset are not read")
            os.symlink(link, target)
        elif mode in _FILE_MODES:
            with open(target, "xb") as handle:
                handle.write(contents[object_id])
    real = os.path.realpath(folder)
    for mode, _, path in entries:  # links through links: where each leads in the end
        if mode == _LINK_MODE and os.path.commonpath([real, os.path.realpath(folder / path)]) != real:
            raise LinkOutOfDataset(f"{path} at {revision} leads outside the dataset: links out of it are not read")


def _git(root: Path, *args: str) -> str:
    return _git_bytes(root, *args).decode("utf-8", errors="replace")


def _git_bytes(root: Path, *args: str) -> bytes:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise UsageError("--as-of needs git, which is not installed") from None
    if result.returncode != 0:
        detail = result.stderr.decode(errors="replace").strip() or f"'{' '.join(args)}' found nothing"
        raise UsageError(f"--as-of: {detail}")
    return result.stdout
