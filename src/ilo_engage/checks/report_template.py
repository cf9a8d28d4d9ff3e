"""T007: text of the report still as the starter left it: a "[bracketed instruction]" to replace.

`ilo-engage init` writes a report text whose every sentence to write is in square brackets
("[GB.xxx/INS/x]", "[Policy implications.]"); left in place, they would be printed to the
Governing Body. Square brackets that open a Markdown link (`[text](url)`) are not placeholders.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from ..core import problems as P
from ..core.problems import Problem
from ..model import ReportText

# "[text]" that starts with a letter, a digit or a dot (not a footnote mark "[^1]"), and is not
# the text of a Markdown link.
UNFILLED = re.compile(r"\[([\w.][^\[\]\n]*)\](?!\()")

Find = Callable[[str, tuple[Any, ...], str, int, str], tuple[int, int]]


def unfilled(file: str, report: ReportText, find: Find) -> Iterator[Problem]:
    """Each bracketed placeholder left in a report text's strings, where it is written."""
    for where, text in _strings(report.model_dump(by_alias=True, exclude_defaults=True), ()):
        for match in UNFILLED.finditer(text):
            line, column = find(file, where, text, match.start(), match.group(0))
            yield P.REPORT_UNFILLED.at(file, line, column, f"{match.group(0)} is still to be written")


def _strings(value: Any, where: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*where, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*where, index))
