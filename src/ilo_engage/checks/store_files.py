"""Where the store lives and whether its files can be trusted: the dataset's own cache folder
(never a link, never outside the dataset), the store's files (links planted in their place are
removed, never followed), and the secret of this machine that keys the store's fingerprint."""

from __future__ import annotations

import os
import secrets
import stat
from contextlib import suppress
from pathlib import Path

from ..core.layout import CACHE_FOLDER

STORE_FILE = "store.sqlite"
# The files SQLite may keep beside the database: each is checked before the database is opened.
COMPANIONS = ("", "-wal", "-shm", "-journal")


def machine_key() -> bytes:
    """A random secret kept outside any dataset (in the user's cache folder), created on first
    use; without one (no writable home), every store is treated as foreign."""
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
    right inside the dataset. Such a folder is ignored: neither read nor written."""
    folder = root / CACHE_FOLDER
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
    if not stat.S_ISDIR(found.st_mode) or os.path.realpath(folder) != os.path.join(os.path.realpath(root), CACHE_FOLDER):
        return None
    return folder


def safe_files(folder: Path) -> bool:
    """Whether the store's files are plain files or absent; links and other odd entries planted in
    their place are removed (never followed), and False if one cannot be."""
    for suffix in COMPANIONS:
        path = folder / (STORE_FILE + suffix)
        try:
            found = os.lstat(path)
        except FileNotFoundError:
            continue
        except OSError:
            return False
        if stat.S_ISREG(found.st_mode) and found.st_nlink == 1:
            continue
        try:
            os.unlink(path)  # a link is removed itself; what it points to is untouched
        except OSError:
            return False
    return True


def remove_store(folder: Path) -> None:
    for suffix in COMPANIONS:
        with suppress(OSError):
            os.unlink(folder / (STORE_FILE + suffix))
