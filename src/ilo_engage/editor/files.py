"""The dataset's `admin/` folder: the editor's page, its configuration and what installs the editor.

`admin_files` computes every file from the package and the dataset; `write_admin` writes those that
differ (nothing if the vocabulary cannot be read), `stale_files` names those that differ without
writing, for `editor config --check` and the tests.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..core.errors import UsageError
from ..core.problems import FileProblem
from ..yamlio import parse, roundtrip
from .config import DEFAULT_REPO, HEADER, config, vocabulary

ADMIN = "admin"
PACKAGED = Path(__file__).resolve().parent / "admin"
# Copied as they are: the page, its script, the npm set-up (versions pinned by the lock) and the licences.
STATIC = ("index.html", "editor.js", "package.json", "package-lock.json", "LICENSES.md")
GITIGNORE = "# What `npm ci` installs here: never committed.\nnode_modules/\n"
CONFIG = f"{ADMIN}/config.yml"


def admin_files(root: Path, repo: str | None = None) -> dict[str, bytes]:
    """Dataset-relative path → content of every file of the editor, for the dataset at `root`.

    The Git host's `backend` of an existing configuration is kept; `repo` (OWNER/NAME) sets its
    repository."""
    backend = _backend(root)
    if repo is not None:
        if repo.count("/") != 1 or not all(repo.split("/")):
            raise UsageError(f"--repo: expected OWNER/NAME (the GitHub repository of the dataset), got {repo!r}")
        backend = {**(backend or {"name": "github", "branch": "main"}), "repo": repo}
    text = HEADER + roundtrip.dump(config(vocabulary(root), backend))
    files = {CONFIG: text.encode("utf-8")}
    files.update({f"{ADMIN}/{name}": (PACKAGED / name).read_bytes() for name in STATIC})
    files[f"{ADMIN}/.gitignore"] = GITIGNORE.encode("utf-8")
    return files


def stale_files(root: Path) -> list[str]:
    """The editor's files that are missing or differ from what `editor config` would write now."""
    return [relpath for relpath, data in admin_files(root).items()
            if not (root / relpath).is_file() or (root / relpath).read_bytes() != data]


def write_admin(root: Path, repo: str | None = None) -> list[str]:
    """Write the editor's files that are missing or differ; the dataset-relative paths written."""
    from ..core.writer import replace_file_bytes

    files = admin_files(root, repo)  # all computed first: an unreadable unit writes nothing
    written = []
    for relpath, data in files.items():
        target = root / relpath
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        replace_file_bytes(target, data)
        written.append(relpath)
    return written


def _backend(root: Path) -> dict[str, Any] | None:
    """The `backend` of the dataset's current configuration, if it has one."""
    path = root / CONFIG
    if not path.is_file():
        return None
    try:
        data = parse(path.read_text(encoding="utf-8")).data
    except (FileProblem, UnicodeDecodeError):
        return None  # a broken file is replaced whole
    backend = data.get("backend")
    if isinstance(backend, dict) and backend.get("repo") not in (None, DEFAULT_REPO, ""):
        return dict(backend)
    return backend if isinstance(backend, dict) else None
