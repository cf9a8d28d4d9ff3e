"""Checks of what the progress report will say: figures in prose, footnote marks, the period,
and example records mixed with real ones.

- T001 (error): a placeholder names no figure.
- T002 (warning): prose writes out a number equal to a figure's value instead of its placeholder.
- T003 (warning): a figure no text uses (only its latest value counts; earlier ones are history).
- T004 (warning): a footnote's `after` words are not in its paragraph.
- T005 (warning): the report's period ends after the report's date.
- T006 (warning): the report's period holds both example and real contacts.

They read the report texts and initiatives (a few dozen files) and, for T006, only the dates
and `example` flags of the contacts, which contact file names and a line of each file give.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from ..model import Initiative, ReportText
from ..problems import Problem
from ..problems import REPORT_EXAMPLES_MIXED, REPORT_FIGURE_UNUSED, REPORT_NOTE_ANCHOR, REPORT_NUMBER_WRITTEN
from ..problems import REPORT_PERIOD_AFTER_DATE, REPORT_PLACEHOLDER
from ..reports.wording import count
from ..reports.figures import current_figures, number, placeholders, numbers
from ..yamlio import Path, Span
from .base import EXAMPLE, Facts

Locate = Callable[[str, Path], Span]
ReadText = Callable[[str], str]


@dataclass(frozen=True)
class ContactStamp:
    """What T006 needs of a contact: its date and whether it is an example."""

    file: str
    date: date
    example: bool


@dataclass(frozen=True)
class _Text:
    """A text that may hold placeholders: where it is and whose figures `{key}` names."""

    file: str
    where: Path
    text: str
    own: str | None  # the initiative a bare `{key}` belongs to
    nearby: tuple[str, ...]  # initiatives whose figures the text may restate (for T002)


def report_problems(reports: list[tuple[str, ReportText]], initiatives: list[tuple[str, Initiative]],
                    contacts: Iterable[ContactStamp], locate: Locate, read_text: ReadText) -> list[Problem]:
    """Every report-text problem in a dataset."""
    by_id = {i.id: (file, i) for file, i in initiatives}
    figures = {i.id: current_figures(i) for _, i in initiatives}
    texts = list(_texts(reports, initiatives))
    found: list[Problem] = []
    used: set[tuple[str, str]] = set()
    finder = _Finder(locate, read_text)
    for t in texts:
        for p in placeholders(t.text):
            owner = p.initiative or t.own
            if owner is None or p.key not in figures.get(owner, {}):
                line, column = finder.find(t.file, t.where, t.text, p.start, p.written)
                found.append(REPORT_PLACEHOLDER.at(t.file, line, column, _unknown(p.written, owner, figures)))
            else:
                used.add((owner, p.key))
        values = {c.figure.value: (owner, key) for owner in (t.own, *t.nearby) if owner
                  for key, c in figures.get(owner, {}).items()}
        for start, written, value in numbers(t.text):
            if value in values:
                owner, key = values[value]
                name = f"{{{key}}}" if owner == t.own else f"{{{owner}.{key}}}"
                line, column = finder.find(t.file, t.where, t.text, start, written)
                found.append(REPORT_NUMBER_WRITTEN.at(
                    t.file, line, column, f"{written} is the value of figure `{key}` of {owner}: write {name}",
                    f"replace {written} with {name}, so that a changed figure changes the text"))
    for initiative_id, current in figures.items():
        file, initiative = by_id[initiative_id]
        for key, c in current.items():
            if (initiative_id, key) not in used:
                index = initiative.figures.index(c.figure)
                span = locate(file, ("figures", index))
                found.append(REPORT_FIGURE_UNUSED.at(
                    file, span.line, span.column,
                    f"no text states figure `{key}` ({number(c.figure.value)} {c.figure.unit}): "
                    f"write {{{key}}} in the summary, or {{{initiative_id}.{key}}} in a report text"))
    found += _anchors(reports, by_id, locate)
    stamps = list(contacts)
    for file, report in reports:
        if report.period.end > report.date:
            span = locate(file, ("period", "to"))
            found.append(REPORT_PERIOD_AFTER_DATE.at(
                file, span.value_line, span.value_column,
                f"the period ends on {report.period.end}, after the report's date ({report.date})"))
        within = [s for s in stamps if report.period.start <= s.date <= report.period.end]
        examples = sum(s.example for s in within)
        if examples and examples < len(within):
            span = locate(file, ("period",))
            found.append(REPORT_EXAMPLES_MIXED.at(
                file, span.line, span.column,
                f"the period holds {count(examples, 'example contact')} and "
                f"{count(len(within) - examples, 'real contact')}: the report counts only the real ones"))
    return found


def contact_stamps(facts: Iterable[Facts]) -> Iterator[ContactStamp]:
    """The date and example flag of each contact, from its facts: the date its id begins with
    (D005 checks the form), the mark `facts_of` leaves on an example."""
    for f in facts:
        match = re.match(r"(\d{4})-(\d{2})-(\d{2})-", f.id or "")
        if not match:
            continue
        try:
            day = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            continue  # D005 or the schema reports it
        yield ContactStamp(f.file, day, EXAMPLE[0] in f.names)


def _texts(reports: list[tuple[str, ReportText]], initiatives: list[tuple[str, Initiative]]) -> Iterator[_Text]:
    for file, initiative in initiatives:
        yield _Text(file, ("summary",), initiative.summary, initiative.id, ())
    for file, report in reports:
        for i, block in enumerate(report.body):
            nearby = tuple(block.initiatives)
            for name in ("text", "closing"):
                value = getattr(block, name)
                if value:
                    yield _Text(file, ("body", i, name), value, None, nearby)
            for j, item in enumerate(block.items):
                yield _Text(file, ("body", i, "items", j), item, None, nearby)
        yield _Text(file, ("decision", "text"), report.decision.text, None, ())
        for j, item in enumerate(report.decision.items):
            yield _Text(file, ("decision", "items", j), item, None, ())


def _anchors(reports: list[tuple[str, ReportText]], by_id: dict[str, tuple[str, Initiative]],
             locate: Locate) -> Iterator[Problem]:
    for file, report in reports:
        for i, block in enumerate(report.body):
            words = " ".join(" ".join(p.split()) for p in (
                block.text or "", *(by_id[x][1].summary for x in block.initiatives if x in by_id), block.closing or ""))
            for j, note in enumerate(block.footnotes):
                if note.after and " ".join(note.after.split()) not in words:
                    span = locate(file, ("body", i, "footnotes", j, "after"))
                    yield REPORT_NOTE_ANCHOR.at(file, span.value_line, span.value_column,
                                                f"the paragraph has no “{note.after}”: the mark goes at its end")


def _unknown(written: str, owner: str | None, figures: dict) -> str:
    if owner is None:
        return f"{written} names no figure: in a report text, write {{initiative-id.key}}"
    if owner not in figures:
        return f"{written} names no figure: there is no initiative `{owner}`"
    keys = ", ".join(sorted(figures[owner])) or "none"
    return f"{written} names no figure of {owner} (its figures: {keys})"


class _Finder:
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


def dataset_report_problems(dataset) -> list[Problem]:  # noqa: ANN001 - a loaded Dataset
    """The report-text problems of a loaded dataset."""
    reports = [(e.file, e.record) for e in dataset.of_kind("report")]
    initiatives = [(e.file, e.record) for e in dataset.entries if isinstance(e.record, Initiative)]
    stamps = [ContactStamp(e.file, e.record.date, e.record.example) for e in dataset.of_kind("contact")]
    return report_problems(reports, initiatives, stamps, dataset.locate, _reader(dataset.root))


def files_report_problems(root, files: Iterable[str], locate: Locate,  # noqa: ANN001 - a Path
                          contacts: Iterable[Facts]) -> list[Problem]:
    """The report-text problems of a dataset's files, reading only the report texts and the
    initiatives (files that fail to load are left to the problems loading reports); the contacts
    are known by their facts."""
    from ..dataset import load_file
    from ..model import kind_of

    kinds = {file: kind for file in files if (kind := kind_of(file)) is not None}
    reports = [(f, r) for f, k in kinds.items() if k.name == "report"
               for r in [load_file(root, f, k)[0]] if isinstance(r, ReportText)]
    if not reports:
        return []
    initiatives = [(f, r) for f, k in kinds.items() if k.name in ("network", "partnership", "programme")
                   for r in [load_file(root, f, k)[0]] if isinstance(r, Initiative)]
    return report_problems(reports, initiatives, contact_stamps(contacts), locate, _reader(root))


def _reader(root) -> ReadText:  # noqa: ANN001 - a Path
    return lambda file: (root / file).read_text(encoding="utf-8", errors="replace")
