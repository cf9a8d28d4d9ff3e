"""Validation of a dataset, or of some of its files against the whole of it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .checks import check
from .dataset import load
from .errors import UsageError
from .problems import Problem


@dataclass(frozen=True)
class Result:
    """What a validation found, and how many files it read."""

    problems: list[Problem]
    files_read: int

    @property
    def errors(self) -> int:
        return sum(problem.is_error for problem in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


def validate(root: Path, paths: Sequence[Path] = ()) -> Result:
    """Every problem in the dataset; with paths, only those in these files or folders."""
    selected = [_relative(root, path) for path in paths]
    dataset = load(root)
    problems = check(dataset)
    if selected:
        problems = [p for p in problems if any(_within(p.file, chosen) for chosen in selected)]
    return Result(problems, dataset.files_read)


def _relative(root: Path, path: Path) -> str:
    absolute = path.resolve()
    if not absolute.exists():
        raise UsageError(f"{path}: no such file or folder")
    try:
        relative = absolute.relative_to(root).as_posix()
    except ValueError:
        raise UsageError(f"{path} is outside the dataset at {root}") from None
    return "" if relative == "." else relative


def _within(file: str, chosen: str) -> bool:
    return not chosen or file == chosen or file.startswith(chosen + "/")
