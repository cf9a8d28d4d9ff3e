"""Checks of what the progress report will say: figures in prose, footnote marks, the period,
and example records mixed with real ones.

- T001 (error): a placeholder names no figure.
- T002 (warning): prose writes out a number equal to a figure's value instead of its placeholder.
- T003 (warning): a figure no text uses (only its latest value counts; earlier ones are history).
- T004 (warning): a footnote's `after` words are not in its paragraph.
- T005 (warning): the report's period ends after the report's date.
- T006 (warning): the report's period holds both example and real contacts.
- T007 (warning): text the starter left in square brackets, still to be written (report_template.py).

An initiative's own summary is checked with the record (T001 and T002 on `{key}`, cached like
every record check), and leaves in its facts the figures it does not state and the figures of
other initiatives it names. The checks across records read only the report texts and the
initiatives they name, so an unchanged dataset of many initiatives is not read again.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path as FilePath

from ..core import problems as P
from ..core.problems import Problem
from ..core.wording import count
from ..load.dataset import Dataset, Entry
from ..model import Contact, Initiative, Part, ReportText
from ..model.figures import Current, current_figures, numbers, placeholders
from ..model.reports import one_line
from ..yamlio import Path
from .base import EXAMPLE, Context, Facts, Finding, Index, Locate
from .report_template import unfilled
from .text_places import Finder, Placed, ReadText, text_reader

INITIATIVE_KINDS = ("network", "partnership", "programme")


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


def summary_figures(entry: Entry[Part], ctx: Context) -> Iterator[Finding]:
    """A record check: the placeholders and numbers of an initiative's own summary (T001, T002)."""
    initiative = entry.record
    if not isinstance(initiative, Initiative):
        return
    own = current_figures(initiative)
    text = initiative.summary
    for p in placeholders(text):
        if p.initiative is None and p.key not in own:
            yield Placed(P.REPORT_PLACEHOLDER, ("summary",), _unknown(p.written, initiative.id, {initiative.id: own}),
                         text=text, start=p.start, piece=p.written)
    values = {c.figure.value: key for key, c in own.items()}
    for start, written, value in numbers(text):
        if value in values:
            yield Placed(P.REPORT_NUMBER_WRITTEN, ("summary",),
                         f"{written} is the value of figure `{values[value]}` of {initiative.id}: write {{{values[value]}}}",
                         text=text, start=start, piece=written,
                         hint=f"replace {written} with {{{values[value]}}}, so that a changed figure changes the text")


def figure_facts(initiative: Initiative) -> tuple[tuple[str, str], ...]:
    """What the checks across records need of an initiative's figures, kept with its facts:
    ('unstated', 'key:index') for each figure its summary does not state, ('names', 'other.key')
    for each figure of another initiative its summary names."""
    own = current_figures(initiative)
    stated = {p.key for p in placeholders(initiative.summary) if p.initiative in (None, initiative.id)}
    found = [("unstated", f"{key}:{initiative.figures.index(c.figure)}") for key, c in own.items() if key not in stated]
    found += [("names", f"{p.initiative}.{p.key}") for p in placeholders(initiative.summary)
              if p.initiative is not None and not (p.initiative == initiative.id and p.key in own)]
    return tuple(found)


def report_problems(reports: list[tuple[str, ReportText]], initiatives: list[Facts],
                    load: Callable[[str], tuple[str, Initiative] | None], contacts: Iterable[ContactStamp],
                    locate: Locate, read_text: ReadText) -> list[Problem]:
    """The problems across records: report texts' placeholders, numbers and footnote marks,
    figures stated nowhere, qualified placeholders in summaries, the period and its contacts."""
    loaded: dict[str, tuple[str, Initiative] | None] = {}

    def figures_of(initiative_id: str) -> dict[str, Current]:
        if initiative_id not in loaded:
            loaded[initiative_id] = load(initiative_id)
        found = loaded[initiative_id]
        return current_figures(found[1]) if found else {}

    def known(initiative_id: str) -> bool:
        figures_of(initiative_id)
        return loaded[initiative_id] is not None

    finder = Finder(locate, read_text)
    found: list[Problem] = []
    used: set[tuple[str, str]] = set()
    for file, report in reports:
        for t in _report_texts(file, report):
            for p in placeholders(t.text):
                if p.initiative is None or not known(p.initiative) or p.key not in figures_of(p.initiative):
                    line, column = finder.find(t.file, t.where, t.text, p.start, p.written)
                    owner = p.initiative
                    message = _unknown(p.written, owner, {owner: figures_of(owner)} if owner and known(owner) else {})
                    found.append(P.REPORT_PLACEHOLDER.at(t.file, line, column, message))
                else:
                    used.add((p.initiative, p.key))
            owners = [*t.nearby, *(p.initiative for p in placeholders(t.text) if p.initiative)]
            values = {c.figure.value: (o, key) for o in owners for key, c in figures_of(o).items()}
            for start, written, value in numbers(t.text):
                if value in values:
                    owner, key = values[value]
                    line, column = finder.find(t.file, t.where, t.text, start, written)
                    found.append(P.REPORT_NUMBER_WRITTEN.at(
                        t.file, line, column, f"{written} is the value of figure `{key}` of {owner}: write "
                        f"{{{owner}.{key}}}", f"replace {written} with {{{owner}.{key}}}, so that a changed figure "
                        "changes the text"))
        found += _anchors(file, report, lambda i: (loaded.get(i) or load(i)), locate)
        found += unfilled(file, report, finder.find)
    for facts in initiatives:
        for what, named in facts.names:
            if what != "names":
                continue
            owner, key = named.split(".", 1)
            if known(owner) and key in figures_of(owner):
                used.add((owner, key))
                continue
            mine = load(facts.id or "")
            if mine is not None:
                mark = next(p for p in placeholders(mine[1].summary) if f"{p.initiative}.{p.key}" == named)
                line, column = finder.find(facts.file, ("summary",), mine[1].summary, mark.start, mark.written)
                found.append(P.REPORT_PLACEHOLDER.at(facts.file, line, column, _unknown(
                    mark.written, owner, {owner: figures_of(owner)} if known(owner) else {})))
    for facts in initiatives:
        for what, named in facts.names:
            key, _, index = named.rpartition(":")
            if what == "unstated" and (facts.id, key) not in used:
                span = locate(facts.file, ("figures", int(index)))
                found.append(P.REPORT_FIGURE_UNUSED.at(
                    facts.file, span.line, span.column, f"no text states figure `{key}`: write {{{key}}} in the "
                    f"summary, or {{{facts.id}.{key}}} in a report text"))
    stamps = list(contacts)
    for file, report in reports:
        if report.period.end > report.date:
            span = locate(file, ("period", "to"))
            found.append(P.REPORT_PERIOD_AFTER_DATE.at(
                file, span.value_line, span.value_column,
                f"the period ends on {report.period.end}, after the report's date ({report.date})"))
        within = [s for s in stamps if report.period.start <= s.date <= report.period.end]
        examples = sum(s.example for s in within)
        if examples and examples < len(within):
            span = locate(file, ("period",))
            found.append(P.REPORT_EXAMPLES_MIXED.at(
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


def _report_texts(file: str, report: ReportText) -> Iterator[_Text]:
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


def _anchors(file: str, report: ReportText, load: Callable[[str], tuple[str, Initiative] | None],
             locate: Locate) -> Iterator[Problem]:
    for i, block in enumerate(report.body):
        if not block.footnotes:
            continue
        summaries = [found[1].summary for x in block.initiatives if (found := load(x)) is not None]
        words = block.words(summaries)
        for j, note in enumerate(block.footnotes):
            if note.after and one_line(note.after) not in words:
                span = locate(file, ("body", i, "footnotes", j, "after"))
                yield P.REPORT_NOTE_ANCHOR.at(file, span.value_line, span.value_column,
                                              f"the paragraph has no “{note.after}”: the mark goes at its end")


def _unknown(written: str, owner: str | None, figures: dict[str, dict[str, Current]]) -> str:
    if owner is None:
        return f"{written} names no figure: in a report text, write {{initiative-id.key}}"
    if owner not in figures:
        return f"{written} names no figure: there is no initiative `{owner}`"
    keys = ", ".join(sorted(figures[owner])) or "none"
    return f"{written} names no figure of {owner} (its figures: {keys})"


def dataset_report_problems(dataset: Dataset) -> list[Problem]:
    """The problems across records of a loaded dataset."""
    from .base import facts_of

    reports = [(e.file, e.record) for e in dataset.entries_of(ReportText)]
    if not reports:
        return []
    initiatives = {e.record.id: (e.file, e.record) for e in dataset.entries if isinstance(e.record, Initiative)}
    facts = [facts_of(e) for e in dataset.entries if isinstance(e.record, Initiative)]
    stamps = contact_stamps(facts_of(e) for e in dataset.entries_of(Contact))
    return report_problems(reports, facts, initiatives.get, stamps, dataset.locate, text_reader(dataset.root))


def files_report_problems(root: FilePath, files: Iterable[str], index: Index) -> list[Problem]:
    """The problems across records of a dataset read through the cache: only the report texts and
    the initiatives they (or a summary) name are read; the others are known by their facts."""
    from ..load.dataset import load_file
    from ..model import kind_of

    reports = []
    for file in files:
        kind = kind_of(file)
        if kind is not None and kind.name == "report":
            record, _ = load_file(root, file, kind)
            if isinstance(record, ReportText):
                reports.append((file, record))
    if not reports:
        return []
    initiatives = [f for f in index.facts if f.kind in INITIATIVE_KINDS]
    by_id = {f.id: f for f in initiatives if f.id}

    def load(initiative_id: str) -> tuple[str, Initiative] | None:
        facts = by_id.get(initiative_id)
        kind = kind_of(facts.file) if facts is not None else None
        if facts is None or kind is None:  # an initiative's facts come from a file of its kind's folder
            return None
        record, _ = load_file(root, facts.file, kind)
        return (facts.file, record) if isinstance(record, Initiative) else None

    return report_problems(reports, initiatives, functools.lru_cache(maxsize=None)(load),
                           contact_stamps(index.of_kind(Contact)), index.locate, text_reader(root))
