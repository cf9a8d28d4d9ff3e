"""Writing a whole site so that a reader never sees half of one and two builds lose nothing.

The site is built in a fresh hidden folder beside the output, then swapped in with one rename
(an atomic exchange where the system has one). A page whose bytes are those of the previous
build is linked from it rather than written again, so a rebuild writes only what changed and
the unchanged files keep their times. The output may be a new folder, an empty one, or a site
this command built (it holds MARKER); never a link, a file, or a dataset's records.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import secrets
import shutil
import stat
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..core.writer import OutputRefused, refuse_protected

MARKER = ".ilo-engage-site"
TEMP_PREFIX = ".ilo-engage-site-"
STALE_AFTER_SECONDS = 3600


@dataclass
class Written:
    """What a build did to the output: pages written anew, and kept as they were."""

    written: list[str]
    unchanged: int


def check_site_folder(output: Path) -> bool:
    """OutputRefused unless a site may be built at `output`; whether a previous build is there."""
    refuse_protected(output / "index.html")
    try:
        found = os.lstat(output)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise OutputRefused(f"--output {output}: {exc.strerror}") from None
    if stat.S_ISLNK(found.st_mode):
        raise OutputRefused(f"--output {output} is a symbolic link: name the folder itself")
    if not stat.S_ISDIR(found.st_mode):
        raise OutputRefused(f"--output {output} is not a folder")
    if (output / MARKER).is_file():
        return True
    if any(output.iterdir()):
        raise OutputRefused(f"--output {output} is a folder with other files in it: name a new or empty "
                            "folder, or one this command built")
    return False


def write_site(output: Path, pages: Iterable[tuple[str, bytes]], finish: object = None) -> Written:
    """Write every page into a new folder, linking those unchanged since the previous build, run
    `finish(folder)` (the search index) on it, then swap it in place of the output."""

    def fill(staging: Staging) -> None:
        for relpath, data in pages:
            staging.place(relpath, data)
        if callable(finish):
            finish(staging.folder)
            staging.relink_unchanged()

    return build_folder(output, fill)


class Staging:
    """The new site's folder while it is filled: pages placed in it (linked from the previous
    build where their bytes are the same), and what was written anew."""

    def __init__(self, folder: Path, previous: Path | None, previous_fd: int | None = None) -> None:
        self.folder, self.previous = folder, previous
        # The previous build's folder as it was when this build began: a build swapped in meanwhile
        # is never mistaken for it (the one opened is then removed, and nothing is kept from it).
        self.previous_fd = previous_fd
        self.written: list[str] = []
        self.unchanged = 0

    def read_previous(self, relpath: str) -> bytes | None:
        """A file of the previous build (None if there was none, or it is gone)."""
        if self.previous_fd is None:
            return None
        try:
            fd = os.open(relpath, os.O_RDONLY, dir_fd=self.previous_fd)
        except OSError:
            return None
        with os.fdopen(fd, "rb") as handle:
            return handle.read()

    def keep(self, relpath: str) -> bool:
        """Link a page of the previous build into the new folder as it is; whether it could be."""
        if self.previous_fd is None:
            return False
        target = self.folder / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(relpath, target, src_dir_fd=self.previous_fd, follow_symlinks=False)
        except OSError:
            return False
        self.unchanged += 1
        return True

    def place(self, relpath: str, data: bytes) -> None:
        """Put one page in the new folder."""
        if _place(self.folder, self.previous, relpath, data):
            self.written.append(relpath)
        else:
            self.unchanged += 1

    def add(self, written: list[str], unchanged: int) -> None:
        """Count pages another process placed in this folder."""
        self.written += written
        self.unchanged += unchanged

    def relink_unchanged(self, under: str = "") -> None:
        """Files written by another program (the search index) that the previous build had: linked.
        With `under`, only the files in that folder of the site (where that program writes) are
        compared: a large site's other files need not be looked at again."""
        if self.previous is not None:
            self.unchanged += _relink_unchanged(self.folder, self.previous, {*self.written}, under)


def build_folder(output: Path, fill: Callable[[Staging], None]) -> Written:
    """Make a new site with `fill` in a fresh folder beside the output, then swap it in place of the
    output at once; if `fill` fails, the output stays as it was and the new folder is removed."""
    had_site = check_site_folder(output)
    parent = output.parent if output.parent != Path("") else Path(".")
    parent.mkdir(parents=True, exist_ok=True)
    _sweep(parent)
    folder = parent / f"{TEMP_PREFIX}{secrets.token_hex(6)}"
    folder.mkdir()
    previous_fd = None
    try:
        with contextlib.suppress(OSError):  # none: every page is written
            previous_fd = os.open(output, os.O_RDONLY | os.O_DIRECTORY) if had_site else None
        staging = Staging(folder, output if had_site else None, previous_fd)
        fill(staging)
        (folder / MARKER).write_text("A site built by `ilo-engage site`; the next build replaces this folder.\n",
                                     encoding="utf-8")
        _swap(folder, output)
    finally:
        if previous_fd is not None:
            os.close(previous_fd)
        shutil.rmtree(folder, ignore_errors=True)  # the previous site, after the swap; else the half-built one
    return Written(sorted(staging.written), staging.unchanged)


def _place(staging: Path, previous: Path | None, relpath: str, data: bytes) -> bool:
    """Put one page in the new folder; whether it had to be written (False: linked, unchanged)."""
    target = staging / relpath
    target.parent.mkdir(parents=True, exist_ok=True)
    if previous is not None:
        old = previous / relpath
        with contextlib.suppress(OSError):  # gone meanwhile (another build swapped): write it
            if old.stat().st_size == len(data) and old.read_bytes() == data:
                os.link(old, target)
                return False
    target.write_bytes(data)
    return True


def _relink_unchanged(staging: Path, previous: Path, placed: set[str], under: str = "") -> int:
    """Files the finishing step wrote (the search index) that are byte for byte the previous ones:
    linked to those instead, so their times say they did not change."""
    kept = 0
    for path in (staging / under).rglob("*"):
        relpath = path.relative_to(staging).as_posix()
        if relpath in placed or not path.is_file() or path.is_symlink():
            continue
        old = previous / relpath
        with contextlib.suppress(OSError):
            if old.stat().st_ino == path.stat().st_ino:
                continue  # a page linked already
            if old.stat().st_size == path.stat().st_size and old.read_bytes() == path.read_bytes():
                temporary = path.with_name(path.name + ".link")
                os.link(old, temporary)
                os.replace(temporary, path)
                kept += 1
    return kept


def _swap(staging: Path, output: Path) -> None:
    """Put the new site in place at once; the old one ends up in `staging`, to be removed."""
    if not output.exists():
        try:
            os.rename(staging, output)
        except OSError:  # made meanwhile by another build: exchange with it instead
            pass
        else:
            staging.mkdir()  # the caller removes it
            return
    if _exchange(staging, output):
        return
    # No atomic exchange on this system: two renames, with the output missing for a moment
    # (a reader then finds no site, never half of one).
    aside = staging.parent / f"{TEMP_PREFIX}{secrets.token_hex(6)}-old"
    os.rename(output, aside)
    os.rename(staging, output)
    os.rename(aside, staging)


def _exchange(a: Path, b: Path) -> bool:
    """Exchange two folders atomically (Linux renameat2 RENAME_EXCHANGE); whether it was done."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return bool(result == 0)


def _sweep(parent: Path) -> None:
    """Remove the staging folders of builds interrupted long ago."""
    now = time.time()
    for candidate in parent.glob(f"{TEMP_PREFIX}*"):
        with contextlib.suppress(OSError):
            if candidate.is_dir() and not candidate.is_symlink() and now - candidate.stat().st_mtime > STALE_AFTER_SECONDS:
                shutil.rmtree(candidate, ignore_errors=True)
