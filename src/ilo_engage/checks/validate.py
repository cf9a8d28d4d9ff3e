"""Validation of a dataset, or of some of its files against the whole of it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..core.errors import UsageError
from ..core.problems import Problem
from .scan import scan


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


def validate(root: Path, paths: Sequence[Path] = (), select: Sequence[str] = (), ignore: Sequence[str] = (),
             use_cache: bool = True, today: date | None = None) -> Result:
    """Every problem in the dataset as of `today` (default: the real today); with paths, only those
    in these files or folders; with select or ignore, only the codes starting with one of those
    (or none of those)."""
    selected = relative_paths(root, paths)
    select, ignore = _codes(select), _codes(ignore)
    # The cache holds results as of the real today: another day is checked afresh.
    other_day = today is not None and today != date.today()
    scanned = scan(root, use_cache=use_cache and not other_day, today=today)
    problems = without_knock_on(scanned.problems)
    if selected:
        problems = [p for p in problems if any(within(p.file, chosen) for chosen in selected)]
    if select:
        problems = [p for p in problems if p.code.startswith(select)]
    if ignore:
        problems = [p for p in problems if not p.code.startswith(ignore)]
    return Result(problems, scanned.files_read)


def known_codes() -> list[str]:
    """Every problem code validate can report."""
    from ..core.problems import CODES
    from .routing import ROUTING_RULES

    return [code.code for code in CODES] + [rule.code.code for rule in ROUTING_RULES]


def _codes(options: Sequence[str]) -> tuple[str, ...]:
    """Codes or code prefixes, given repeated or comma-separated; unknown ones are a usage error."""
    wanted = tuple(part.strip().upper() for option in options for part in option.split(",") if part.strip())
    known = known_codes()
    for prefix in wanted:
        if not any(code.startswith(prefix) for code in known):
            raise UsageError(f"no problem code starts with {prefix!r}; codes are {', '.join(known)}")
    return wanted


def relative_paths(root: Path, paths: Sequence[Path]) -> list[str]:
    """Paths given on the command line, relative to the dataset root; a usage error if outside it."""
    return [_relative(root, path) for path in paths]


def _relative(root: Path, path: Path) -> str:
    # The folders on the way are resolved, the last name is not: a file of the dataset that is a
    # link is named by its place in the dataset (and refused there if it leads outside), as
    # validate without paths names it.
    if not (path.exists() or path.is_symlink()):
        raise UsageError(f"{path}: no such file or folder")
    absolute = path.absolute()
    placed = absolute.parent.resolve() / absolute.name if absolute.name not in ("", ".", "..") else absolute.resolve()
    try:
        relative = placed.relative_to(root.resolve()).as_posix()
    except ValueError:
        raise UsageError(f"{path} is outside the dataset at {root}") from None
    return "" if relative == "." else relative


def within(file: str, chosen: str) -> bool:
    """Whether a dataset file is (in) a chosen file or folder ('' is the whole dataset)."""
    return not chosen or file == chosen or file.startswith(chosen + "/")


def without_knock_on(problems: list[Problem]) -> list[Problem]:
    """The problems less those that follow from another: a contact whose enterprise is unknown
    (D003) is not also told its id should name that unknown enterprise (D005); fixing the
    enterprise fixes both."""
    unknown_enterprise = {p.file for p in problems if p.code == "D003" and p.message.startswith("no enterprise ")}
    return [p for p in problems if not (p.code == "D005" and p.file in unknown_enterprise)]
