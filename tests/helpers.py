"""What the tests share: where the fixtures are, writing a file into a dataset, running the CLI.

Fixtures (`clean_dataset`, `broken_dataset`) stay in `conftest.py`, where pytest finds them; the
plain values and functions are imported from here: `from tests.helpers import FIXTURES, invoke`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import IO, Any

from typer.testing import CliRunner, Result

from ilo_engage.cli import app
from ilo_engage.yamlio import parse

FIXTURES = Path(__file__).parent / "fixtures"
PROJECT = Path(__file__).parent.parent

_runner = CliRunner()
# As `ilo-engage init` writes it.
GITIGNORE = ".ilo-engage-cache/\n.ilo-engage-*.tmp\n"
# The clean fixture's [deadlines]: far off, so that its open contacts are never overdue whatever
# day the tests run. A test that writes its own settings file adds them to stay clean.
FAR_DEADLINES = "\n[deadlines]\nshared = 26000\nneeds_analysis = 36500\nconsultation = 36500\nreferral = 36500\nfollow_up = 36500\n"


def write(root: Path, relpath: str, text: str | bytes) -> Path:
    """Write a file into a dataset, creating its folder."""
    path = root / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def huge_sparse_file(path: Path, size: int = 64 * 1024 * 1024) -> Path:
    """A file of `size` bytes that takes no room on the disk."""
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


def invoke(root: Path | None, *args: str, input: str | None = None,  # noqa: A002  # click's name
           env: dict[str, str] | None = None) -> Result:
    """The command in this process, on the dataset at `root` (`--root` added unless None)."""
    argv = [*args, "--root", str(root)] if root is not None else list(args)
    return _runner.invoke(app, argv, input=input, env=env)


def run(*args: str, env: dict[str, str] | None = None, timeout: float = 120,
        stdin: int | IO[Any] | None = subprocess.DEVNULL) -> subprocess.CompletedProcess[str]:
    """The command in its own process (`python -m ilo_engage`), for what the in-process runner
    replaces: standard streams, signals, exit through the interpreter. A hang fails the test
    after `timeout` seconds instead of blocking the suite."""
    return subprocess.run([sys.executable, "-m", "ilo_engage", *args], stdin=stdin, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=timeout)


class Repository:
    """A git repository holding a dataset, with commits dated as asked (for `--as-of DATE`)."""

    def __init__(self, top: Path, dataset: Path) -> None:
        self.top, self.root = top, dataset

    def git(self, *args: str, day: str = "2016-01-01") -> str:
        stamp = f"{day}T12:00:00+00:00"
        env = {**os.environ, "GIT_AUTHOR_NAME": "Officer", "GIT_AUTHOR_EMAIL": "officer@example.org",
               "GIT_COMMITTER_NAME": "Officer", "GIT_COMMITTER_EMAIL": "officer@example.org",
               "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp, "GIT_CONFIG_NOSYSTEM": "1",
               "GIT_CONFIG_GLOBAL": os.devnull}
        result = subprocess.run(["git", "-C", str(self.top), *args], capture_output=True, text=True, env=env)
        assert result.returncode == 0, (args, result.stdout, result.stderr)
        return result.stdout

    def commit(self, message: str, day: str = "2016-01-01") -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message, day=day)
        return self.git("rev-parse", "HEAD").strip()

    def branch(self, name: str, start: str = "main") -> None:
        self.git("checkout", "-q", "-b", name, start)

    def merge(self, *branches: str) -> None:
        self.git("checkout", "-q", "main")
        for branch in branches:
            self.git("merge", "-q", "--no-ff", "-m", f"Merge {branch}", branch)

    def invoke(self, *args: str) -> Result:
        return invoke(self.root, *args)

    def run(self, *args: str) -> str:
        """A command that must succeed; its standard output."""
        result = self.invoke(*args)
        assert result.exit_code == 0, (args, result.output)
        return result.stdout

    def record(self, relpath: str) -> dict[str, Any]:
        return parse((self.root / relpath).read_text(encoding="utf-8")).data


def make_repository(top: Path, subfolder: str = "") -> Repository:
    """A repository whose first commit is a copy of the clean fixture (in `subfolder` if given)."""
    dataset = top / subfolder if subfolder else top
    shutil.copytree(FIXTURES / "clean", dataset)
    (dataset / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    repository = Repository(top, dataset)
    repository.git("init", "-q", "-b", "main")
    repository.commit("The clean dataset", day="2015-12-01")
    return repository
