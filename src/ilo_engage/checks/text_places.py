"""Where a piece of a field's text stands in its file: the report-text checks point at the very
placeholder or number they find, not at the start of the field that holds it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path as FilePath

from ..core.problems import Problem
from ..yamlio import Path
from .base import Finding, Locate

# A file's text by its path in the dataset.
ReadText = Callable[[str], str]


@dataclass(frozen=True, slots=True)
class Placed(Finding):
    """A finding at a piece of a field's text (its n-th occurrence), not at the field itself."""

    text: str = ""
    start: int = 0
    piece: str = ""
    hint: str | None = None

    def problem(self, file: str, locate: Locate) -> Problem:
        line, column = Finder(locate, _text_behind(locate)).find(file, self.where, self.text, self.start, self.piece)
        return self.code.at(file, line, column, self.message, self.hint)


def _text_behind(locate: Locate) -> ReadText:
    """How to read a file's text from a locate function: the text it holds, or its dataset's root."""
    text = getattr(locate, "text", None)
    if text is not None:
        return lambda _file: text
    root = getattr(getattr(locate, "__self__", None), "root", None)
    if root is None:
        return lambda _file: ""
    return lambda file: (root / file).read_text(encoding="utf-8", errors="replace")


class Finder:
    """Line and column of a piece of a text in its file: the text's n-th occurrence of the piece,
    searched from where the field's value starts (folded lines keep words whole)."""

    def __init__(self, locate: Locate, read_text: ReadText) -> None:
        self.locate, self.read_text = locate, read_text

    def find(self, file: str, where: Path, text: str, start: int, piece: str) -> tuple[int, int]:
        span = self.locate(file, where)
        # A number is found whole: "20" is not the start of "2015".
        pattern = re.compile(r"(?<![\w.,])" + re.escape(piece) + r"(?!\w)" if piece[0].isdigit() else re.escape(piece))
        nth = len(pattern.findall(text[:start]))
        try:
            lines = self.read_text(file).splitlines()
        except OSError:
            return span.value_line, span.value_column
        for index in range(span.value_line - 1, len(lines)):
            first = span.value_column - 1 if index == span.value_line - 1 else 0
            for match in pattern.finditer(lines[index], first):
                if nth == 0:
                    return index + 1, match.start() + 1
                nth -= 1
        return span.value_line, span.value_column


def text_reader(root: FilePath) -> ReadText:
    """How to read a file's text in the dataset at `root` (undecodable bytes replaced: only positions are sought)."""
    return lambda file: (root / file).read_text(encoding="utf-8", errors="replace")
