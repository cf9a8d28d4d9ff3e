"""What the store holds of each file, as values: a file's state (its size, time, content id and
problems), the state of the whole store, a row as an update writes it, and problems as JSON.
`cache` reads and writes them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..core.problems import Problem, Severity


@dataclass
class FileState:
    """What the store knows of one file."""

    size: int
    mtime_ns: int
    digest: str
    reuse_until: str | None = None  # a contact dated in the future is checked again from that day
    problems: list[Problem] = field(default_factory=list)
    seen_at: float = 0.0  # when the row was written: a file changed in that instant is read again
    # The problems as the store keeps them (file, JSON), until `found` decodes them: most commands
    # never ask for the problems of files that did not change, which at 100,000 records are many.
    stored_problems: tuple[str, str] | None = None

    def found(self) -> list[Problem]:
        """The file's problems."""
        if self.stored_problems is not None:
            file, text = self.stored_problems
            try:
                self.problems = [problem_from_json(file, p) for p in json.loads(text)]
            except (ValueError, KeyError, TypeError, IndexError, RecursionError):
                raise StoreDamaged(file) from None
            self.stored_problems = None
        return self.problems


class StoreDamaged(Exception):
    """What the store holds of a file cannot be read back: the file is read again."""


@dataclass
class State:
    """The store's index of files, and the problems the dataset checks found across them (None
    when another command's update came between: they are found again)."""

    generation: str  # changes with every update
    files: dict[str, FileState]
    dataset_problems: list[Problem] | None
    # The git index every row agrees with (`git_view.GitView.key`), if the last update found they all do.
    index: str | None = None


@dataclass
class Row:
    """One file's row as an update writes it."""

    file: str
    state: FileState
    facts: list[Any] | None = None
    kind: str | None = None
    id: str | None = None
    enterprise: str | None = None
    record: str | None = None  # the record as JSON (model_dump_json), if it loaded
    keys: str | None = None  # what find looks for (see checks/stored.py)
    touched: bool = False  # the same content found with a new time: only size and time are updated


def problem_json(problem: Problem) -> list[Any]:
    return [problem.line, problem.column, problem.code, problem.severity.value, problem.message, problem.hint]


def problem_from_json(file: str, data: list[Any]) -> Problem:
    line, column, code, severity, message, hint = data
    return Problem(file, int(line), int(column), str(code), _SEVERITIES[severity], str(message), str(hint))


# A dictionary, not `Severity(value)`: a store holds a problem per overdue step, tens of thousands.
_SEVERITIES = {severity.value: severity for severity in Severity}
