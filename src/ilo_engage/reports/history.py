"""A dataset as it was at a git revision or date, read into a temporary folder without
touching the working tree (`report --as-of`)."""

from __future__ import annotations

import io
import re
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import UsageError

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@contextmanager
def dataset_as_of(root: Path, revision: str) -> Iterator[Path]:
    """The dataset root as of `revision` (a commit, tag, branch or YYYY-MM-DD), in a temporary folder."""
    _git(root, "rev-parse", "--show-prefix")  # inside a repository at all?
    commit = _commit(root, revision)
    # Run in the dataset's folder, git archive takes paths from there and writes them relative to it.
    archive = subprocess.run(
        ["git", "-C", str(root), "archive", "--format=tar", commit, "--", "."],
        capture_output=True, check=False,
    )
    if archive.returncode != 0:
        raise UsageError(f"cannot read the dataset at {revision}: {archive.stderr.decode(errors='replace').strip()}")
    with tempfile.TemporaryDirectory(prefix="ilo-engage-as-of-") as folder:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(folder, filter="data")
        yield Path(folder)


def _commit(root: Path, revision: str) -> str:
    if _DATE.fullmatch(revision):
        found = _git(root, "rev-list", "-1", f"--before={revision} 23:59:59", "HEAD").strip()
        if not found:
            raise UsageError(f"no commit on or before {revision}")
        return found
    return _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").strip()


def _git(root: Path, *args: str) -> str:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise UsageError("--as-of needs git, which is not installed") from None
    if result.returncode != 0:
        detail = result.stderr.strip() or f"'{' '.join(args)}' found nothing"
        raise UsageError(f"--as-of: {detail}")
    return result.stdout
