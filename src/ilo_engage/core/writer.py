"""Writing record files so that nothing is ever lost or half-written.

A file is written to a hidden temporary file in the same folder, flushed to disk, then
moved into place: `create_file` links it under its name (which fails if the name is
taken, so an existing record is never overwritten) and `replace_file` renames it over
the old one. A writer killed at any point leaves the old file or none, never part of
one; a temporary file it leaves behind is hidden from the loader and from git, and is
swept away by the next write in that folder.

An edit (`replace_if_unchanged`) renames only if the file still holds what the edit read,
checked under a lock on the folder; command output the user names goes through
`write_output`, which refuses anything but a regular file outside the dataset's records.
Many new files at once, all or nothing (an import), go through `core/batch.py`.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # not on Windows: the comparison before the rename still holds
    fcntl = None  # type: ignore[assignment]

from .errors import IloEngageError
from .layout import CACHE_FOLDER, DATA_FOLDER, SETTINGS_FILE
from .problems import FileProblem
from .sourcetext import read, special_kind

TEMP_PREFIX = ".ilo-engage-"
TEMP_SUFFIX = ".tmp"
STALE_AFTER_SECONDS = 3600

# Tests set this to stop the writer after a step ("temp-written", "synced", "placed").
fault_hook: Callable[[str], None] | None = None


class RecordExists(IloEngageError):
    """A record file with this name exists already: nothing was written."""


class WriteFailed(IloEngageError):
    """The file could not be written: nothing was changed."""


def create_file(path: Path, text: str) -> None:
    """Write a new file; refuse if one of that name exists, even if created a moment ago."""
    create_bytes(path, text.encode("utf-8"))


class ChangedMeanwhile(IloEngageError):
    """The file changed between reading it and writing the edit: nothing was written."""


def digest_of(data: bytes) -> str:
    """The content hash an edit keeps of the file it started from."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def replace_if_unchanged(path: Path, text: str, original_digest: str, shown: str | None = None) -> None:
    """Replace a file's content all at once, but only if the file still holds what the edit read.

    Under a lock on the file's folder (held by every ilo-engage edit in it), the file is read
    again and its hash compared just before the rename: an edit saved meanwhile, by another
    command or an officer's editor, is never overwritten (ChangedMeanwhile, exit 1).
    """
    temporary = _write_temporary(path, text.encode("utf-8"))
    try:
        with folder_lock(path.parent):
            step("locked")
            try:  # non-blocking and bounded, like every read of a record
                current = digest_of(read(path))
            except (FileNotFoundError, FileProblem):  # gone, or now a FIFO or a huge file: not what was read
                current = None
            except OSError as exc:
                raise WriteFailed(f"cannot read {path} again before writing it: {exc.strerror}") from None
            if current != original_digest:
                raise ChangedMeanwhile(f"{shown or path} changed while you were editing; run it again")
            os.replace(temporary, path)
    except OSError as exc:
        raise WriteFailed(f"cannot write {path}: {exc.strerror}") from None
    finally:
        temporary.unlink(missing_ok=True)
    step("placed")
    sync_folder(path.parent)


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """An exclusive lock on a folder (flock on the folder itself: no lock file to leave behind),
    held by every edit of a file in it between its last check and its rename."""
    if fcntl is None:
        yield  # type: ignore[unreachable]  # on Windows only; mypy checks for this platform
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise WriteFailed(f"cannot lock {folder}: {exc.strerror}") from None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def replace_file(path: Path, text: str) -> None:
    """Replace a file's content all at once."""
    replace_file_bytes(path, text.encode("utf-8"))


def replace_file_bytes(path: Path, data: bytes) -> None:
    """Replace (or create) a file with these bytes all at once."""
    temporary = _write_temporary(path, data)
    try:
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise WriteFailed(f"cannot write {path}: {exc.strerror}") from None
    step("placed")
    sync_folder(path.parent)


class OutputRefused(IloEngageError):
    """--output names a place a report may not go: nothing was written."""

    exit_code = 2


# What an --output file may never replace, in any dataset: its records, settings and cache.
_PROTECTED_FOLDERS = (DATA_FOLDER, CACHE_FOLDER)


def write_output(path: Path, data: bytes, force: bool = False) -> None:
    """Write a command's output (a report, a schema) to a file the user named.

    Only a regular file: a new one, or an existing one with `force`. Never a record, the
    settings or the cache of a dataset, and never through or over a link, a device or a FIFO
    (renaming over a link replaces the link itself; the check before makes the refusal clear).
    """
    if check_output(path, force):
        replace_file_bytes(path, data)
    else:
        create_bytes(path, data)  # fails rather than replace a file made in the meantime


def check_output(path: Path, force: bool = False) -> bool:
    """OutputRefused unless `write_output` may write there; whether the file exists."""
    refuse_protected(path)
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise OutputRefused(f"--output {path}: {exc.strerror}") from None
    if stat.S_ISLNK(found.st_mode):
        raise OutputRefused(f"--output {path} is a symbolic link: name the file itself")
    if not stat.S_ISREG(found.st_mode):
        raise OutputRefused(f"--output {path} is {special_kind(found.st_mode)}, not a regular file")
    if not force:
        raise OutputRefused(f"--output {path} exists: add --force to replace it")
    return True


def create_bytes(path: Path, data: bytes) -> None:
    """Write a new file with these bytes; refuse if one of that name exists."""
    _link_new(_write_temporary(path, data), path)
    step("placed")
    sync_folder(path.parent)


def refuse_protected(path: Path) -> None:
    """Refuse a path inside a dataset's records or cache, or onto a settings file."""
    if path.name == SETTINGS_FILE:
        raise OutputRefused(f"--output {path} would replace a dataset's settings file: write elsewhere")
    try:
        folder = path.parent.resolve()
    except (OSError, RuntimeError) as exc:
        raise OutputRefused(f"--output {path}: {getattr(exc, 'strerror', None) or exc}") from None
    for candidate in (folder, *folder.parents):
        if (candidate / SETTINGS_FILE).is_file():
            inside = folder.relative_to(candidate).parts
            if inside and inside[0] in _PROTECTED_FOLDERS:
                raise OutputRefused(f"--output {path} is inside the {inside[0]}/ folder of the dataset at "
                                    f"{candidate}, which holds only its records or cache: write elsewhere")


def sweep_temporary_files(folder: Path, older_than: float = STALE_AFTER_SECONDS) -> list[Path]:
    """Remove temporary files (and a batch's staging folders) an interrupted writer left in a
    folder; the ones removed."""
    now, swept = time.time(), []
    for candidate in folder.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"):
        try:
            found = candidate.lstat()
            if now - found.st_mtime > older_than:
                if stat.S_ISDIR(found.st_mode):  # a batch's staging folder (core/batch.py)
                    shutil.rmtree(candidate)
                else:
                    candidate.unlink()
                swept.append(candidate)
        except OSError:
            continue  # another writer's file, gone or busy: not ours to worry about
    return swept


def _link_new(temporary: Path, path: Path) -> None:
    """Link a written temporary file into place under a name no file has yet (the link refuses an
    existing one, so two writers never overwrite each other), then remove the temporary name."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise RecordExists(f"{path.name} exists already: nothing was written") from None
    except OSError as exc:
        raise WriteFailed(f"cannot write {path}: {exc.strerror}") from None
    finally:
        temporary.unlink(missing_ok=True)


def _write_temporary(path: Path, data: bytes, sweep: bool = True) -> Path:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if sweep:
            sweep_temporary_files(path.parent)
        temporary = path.parent / f"{TEMP_PREFIX}{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}"
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except OSError as exc:
        raise WriteFailed(f"cannot write in {path.parent}: {exc.strerror}") from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            step("temp-written")
            handle.flush()
            os.fsync(handle.fileno())
        step("synced")
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise WriteFailed(f"cannot write {path}: {exc.strerror}") from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def sync_folder(folder: Path) -> None:
    """Make a folder's entries durable (a name just given to a file); best effort, as not every system can."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def step(name: str) -> None:
    """Where a test may stop the writer (`fault_hook`): after a temporary file is written, synced, placed."""
    if fault_hook is not None:
        fault_hook(name)
