"""Where in the spreadsheet a problem of an imported record is: its row, and the column of the
field concerned (`-` for a field the mapping fixes or the import makes, such as the id).

The checks locate a field by its line in a record's file; a record not yet written has none, so
its field paths are numbered instead (`Fields`) and a problem's line read back as a field, then
as the column the mapping fills it from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..core.problems import Problem, Severity
from ..yamlio import Document, Path, Span
from .mapping import Mapping


@dataclass(frozen=True, order=True)
class RowProblem:
    """One problem in one row, at the column of the field concerned."""

    row: int
    column: str
    code: str
    severity: Severity
    message: str
    hint: str

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


class Fields:
    """A record's field paths numbered: the checks locate a field of a record not yet written by its
    number (standing for a line), which names the field and so the spreadsheet's column. Numbered
    when first asked for: most rows have no problem to locate."""

    def __init__(self, record: dict[str, Any]) -> None:
        self.record = record
        self._paths: list[Path] | None = None
        self._document: Document | None = None

    @property
    def paths(self) -> list[Path]:
        if self._paths is None:
            self._paths = [()]
            _walk(self.record, (), self._paths)
        return self._paths

    @property
    def document(self) -> Document:
        if self._document is None:
            positions = {path: Span(i + 1, 1, i + 1, 1) for i, path in enumerate(self.paths)}
            self._document = Document(self.record, positions)
        return self._document


def _walk(value: Any, at: Path, into: list[Path]) -> None:
    """Every field path under `at`, in the record's order."""
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        into.append((*at, key))
        _walk(item, (*at, key), into)


def locator(fields: Fields) -> Callable[[str, Path], Span]:
    """Where the record checks find a field of a record not yet written: its number (see Fields)."""
    return lambda _, where: fields.document.span(where)


def at_row(problem: Problem, row: int, fields: Fields, mapping: Mapping) -> RowProblem:
    """A record's problem at its row, in the column of the field it names."""
    path = fields.paths[problem.line - 1] if 0 < problem.line <= len(fields.paths) else ()
    named = [str(p) for p in path if not isinstance(p, int)]
    if problem.code == "S002":  # a missing field: the column that should have given it
        named += problem.message.split("`")[1].replace("[", ".").replace("]", "").split(".")[-1:]
    if named[:1] == ["persons"]:
        named = ["person", *named[1:]]
    letters = {r.field: r.letter for r in mapping.rules}
    letter = next((letters[".".join(named[:n])] for n in range(len(named), 0, -1) if ".".join(named[:n]) in letters),
                  "-")
    return RowProblem(row, letter, problem.code, problem.severity, problem.message, problem.hint)
