"""The progress report's content for one audience: what its template may show, and nothing else.

The report text (data/reports/<id>.yaml) decides the shape: its headings and paragraphs in
order, each paragraph its own text, then its initiatives' summaries, then its closing text.
Paragraphs are numbered 1, 2, 3 … across the body and the draft decision; footnotes are the
report text's own, plus any source of a record that is not the document being rendered.
Figures come from the records through placeholders (see `figures`); text from records is
printed literally (Markdown escaped), the report text's own inline formatting is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..core.audience import Audience, may_name
from ..core.errors import IloEngageError
from ..core.wording import count, long_date, typography
from ..load.dataset import Dataset
from ..model import Initiative, ReportText, Unit
from ..model.figures import Current, current_figures, fill, number
from ..model.reports import Block, Footnote, Paragraph as ParagraphText
from .assessment import Assessment, assess
from .computed import Table, computed_tables

MARK = "\x00"  # stands for a footnote mark while the text is filled in and escaped


@dataclass(frozen=True)
class Paragraph:
    """A numbered paragraph: its text (Markdown, footnote marks included), lettered items, notes."""

    number: int
    text: str
    items: tuple[str, ...] = ()
    notes: tuple[int, ...] = ()
    kind: str = "paragraph"


@dataclass(frozen=True)
class Heading:
    """A heading of the body: level 2 a section, 3 and 4 subheadings."""

    level: int
    text: str
    kind: str = "heading"


@dataclass(frozen=True)
class AssessmentSection:
    """The computed assessment of the procedure: its title, numbered paragraphs and tables."""

    title: str
    paragraphs: list[Paragraph]
    assessment: Assessment
    tables: list[Table]
    kind: str = "assessment"


@dataclass(frozen=True)
class FigureRow:
    """A stated figure, as printed: qualifier, value and unit, with where it is stated and what it was."""

    initiative: str
    label: str
    value: str
    as_of: str
    source: str
    previous: str = ""
    previous_source: str = ""
    change: str = ""


@dataclass(frozen=True)
class ParticipantRow:
    initiative: str
    leads: str
    participants: str


@dataclass(frozen=True)
class Illustration:
    """The register section drawn from example records, for an annex that says so."""

    title: str
    paragraphs: list[str]
    tables: list[Table]


@dataclass(frozen=True)
class Cover:
    title: str
    session: str
    symbol: str
    section: str
    date: str
    language: str
    purpose_kind: str
    purpose: str
    strategic_objective: str
    policy: str
    legal: str
    financial: str
    follow_up: str
    author_unit: str
    related_documents: tuple[str, ...]
    decision_paragraph: int


@dataclass(frozen=True)
class ProgressReport:
    """Everything the progress report template receives."""

    audience: str
    cover: Cover
    body: list[Paragraph | Heading | AssessmentSection]
    decision: Paragraph
    annexes: tuple[str, ...]
    tables: list[Table]
    figures: list[FigureRow]
    figures_history: bool
    participants: list[ParticipantRow]
    illustration: Illustration | None
    footnotes: list[tuple[int, str]]
    period_start: date
    period_end: date

    @property
    def paragraphs(self) -> list[Paragraph]:
        """Every numbered paragraph, in order (the draft decision last)."""
        found: list[Paragraph] = []
        for block in self.body:
            if isinstance(block, Paragraph):
                found.append(block)
            elif isinstance(block, AssessmentSection):
                found += block.paragraphs
        return [*found, self.decision]


@dataclass
class _Numbering:
    """Paragraph and footnote counters, shared across the whole report."""

    paragraph: int = 0
    footnotes: list[tuple[int, str]] = field(default_factory=list)

    def add(self, text: str, items: tuple[str, ...] = (), notes: tuple[str, ...] = ()) -> Paragraph:
        """A numbered paragraph; each MARK in its text becomes the mark of the next note, in order."""
        self.paragraph += 1
        numbers = []
        for note in notes:
            self.footnotes.append((len(self.footnotes) + 1, note))
            numbers.append(len(self.footnotes))
        marked = iter(numbers)
        text = re.sub(MARK, lambda _: f"[^{next(marked)}]", text)
        rest = "".join(f"[^{n}]" for n in marked)
        return Paragraph(self.paragraph, text + rest, items, tuple(numbers))


def progress_report(dataset: Dataset, audience: Audience, start: date | None = None, end: date | None = None,
                    text_id: str = "progress", examples: bool = False) -> ProgressReport:
    """The progress report's projection for an audience and period (default: the text's period)."""
    text = _report_text(dataset, text_id)
    start, end = start or text.period.start, end or text.period.end
    if start > end:
        raise IloEngageError(f"the period starts ({start}) after it ends ({end})")
    initiatives = {e.record.id: e.record for e in dataset.entries if isinstance(e.record, Initiative)}  # type: ignore[attr-defined]
    figures = {i: current_figures(r, end) for i, r in initiatives.items()}
    numbering = _Numbering()
    body: list[Paragraph | Heading | AssessmentSection] = []
    for block in text.body:
        if block.heading is not None:
            body.append(Heading(block.level, typography(block.heading)))
        elif block.assessment is not None:
            section = _assessment_section(dataset, block.assessment, numbering, start, end, audience)
            if section is not None:
                body.append(section)
        else:
            paragraph = _block(block, initiatives, figures, numbering, audience, text.symbol)
            if paragraph is not None:
                body.append(paragraph)
    decision = _paragraph(numbering, text.decision, figures)
    cover = Cover(
        title=text.title, session=text.session, symbol=text.symbol, section=text.section,
        date=long_date(text.date), language=text.language, purpose_kind=text.purpose_kind,
        purpose=typography(text.purpose.replace("{decision_paragraph}", str(decision.number))),
        strategic_objective=text.strategic_objective, policy=text.implications.policy,
        legal=text.implications.legal, financial=text.implications.financial,
        follow_up=text.implications.follow_up, author_unit=text.author_unit,
        related_documents=tuple(text.related_documents), decision_paragraph=decision.number,
    )
    visible = [r for r in initiatives.values() if may_name(r, audience)]
    rows = _figure_rows(visible, figures) if "figures" in text.annexes else []
    units: dict[str, Unit] = {k: e.record for k, e in dataset.ids("unit").items()}  # type: ignore[misc]
    return ProgressReport(
        audience=audience, cover=cover, body=body, decision=decision, annexes=tuple(text.annexes),
        tables=computed_tables(list(initiatives.values()), audience, end) if "computed-tables" in text.annexes else [],
        figures=rows, figures_history=any(r.previous for r in rows),
        participants=_participants(visible, units, dataset, audience) if "participants" in text.annexes else [],
        illustration=_illustration(dataset, start, end, audience) if examples else None,
        footnotes=numbering.footnotes, period_start=start, period_end=end,
    )


def report_date(dataset: Dataset, text_id: str = "progress") -> date:
    """The report's own date (used inside generated files, never 'now')."""
    return _report_text(dataset, text_id).date


def figure_text(figure) -> str:  # noqa: ANN001 - a Figure
    """A stated figure as the annex prints it, with its unit: 'more than 20 employers' organizations'."""
    value = figure.value
    words = number(value)
    if figure.unit.startswith("US$"):
        scale = figure.unit.removeprefix("US$").strip()
        words = f"US${words}" + (f" {scale}" if scale else "")
    elif figure.unit == "per cent":
        words = f"{words} per cent"
    else:
        words = f"{words} {figure.unit}"
    return f"{figure.qualifier} {words}" if figure.qualifier else words


def literal(text: str) -> str:
    """Record text as Markdown that prints it literally: markup characters escaped, and nothing at
    the start read as a list item, a heading, a quote or a table."""
    text = re.sub(r"([\\`*_\[\]<>~])", r"\\\1", typography(text))  # `|` is for table cells to escape
    return _no_block_start(text)


def _no_block_start(text: str) -> str:
    """Escape what would open a block at the start of a paragraph's text ('2015. …', '# x', '- x')."""
    match = re.match(r"(\d+)([.)])(\s|$)", text)
    if match:
        return f"{match[1]}\\{match[2]}{text[match.end(2):]}"
    if re.match(r"[#>+=-]", text):
        return "\\" + text
    return text


def _report_text(dataset: Dataset, text_id: str) -> ReportText:
    entry = dataset.ids("report").get(text_id)
    if entry is None:
        raise IloEngageError(f"the dataset has no report text data/reports/{text_id}.yaml")
    return entry.record  # type: ignore[return-value]


def _block(block: Block, initiatives: dict[str, Initiative], figures: dict[str, dict[str, Current]],
           numbering: _Numbering, audience: Audience, symbol: str) -> Paragraph | None:
    """A paragraph of the body: own text, the summaries of the initiatives it may show, closing text."""
    parts: list[str] = []
    notes: list[str] = []
    raw = " ".join(" ".join(p.split()) for p in
                   (block.text or "", *(initiatives[i].summary for i in block.initiatives if i in initiatives),
                    block.closing or "") if p)
    marks = _marks(raw, block.footnotes)
    offset = 0
    if block.text:
        parts.append(_own(block.text, figures, marks, offset))
        offset += len(" ".join(block.text.split())) + 1
    shown = False
    for initiative_id in block.initiatives:
        initiative = initiatives.get(initiative_id)
        if initiative is None:
            continue
        summary = " ".join(initiative.summary.split())
        if may_name(initiative, audience):
            shown = True
            parts.append(_record(summary, initiative.id, figures, marks, offset))
            notes += [s for s in initiative.sources if not _is_document(s, symbol) and s not in notes]
        offset += len(summary) + 1
    if block.closing:
        parts.append(_own(block.closing, figures, marks, offset))
    if not parts or (block.initiatives and not shown and not block.text and not block.closing):
        return None
    text = _no_block_start(" ".join(p for p in parts if p))
    own_notes = [typography(n.text) for n in block.footnotes]
    items = tuple(_no_block_start(typography(fill(" ".join(i.split()), None, figures))) for i in block.items)
    # The report text's notes are marked where it says; a record's source is marked at the end.
    return numbering.add(text, items, (*own_notes, *notes))


def _marks(raw: str, footnotes: list[Footnote]) -> list[int]:
    """Where each footnote's mark goes in the paragraph's raw text (its end if `after` is not found)."""
    places = []
    for note in footnotes:
        at = raw.find(note.after) if note.after else -1
        places.append(at + len(note.after) if at >= 0 and note.after else len(raw))
    return places


def _own(text: str, figures: dict[str, dict[str, Current]], marks: list[int], offset: int) -> str:
    """The report text's own words: typography, marks, figures; its inline Markdown kept."""
    raw = " ".join(text.split())
    return typography(fill(_place_marks(raw, marks, offset), None, figures))


def _record(text: str, own: str, figures: dict[str, dict[str, Current]], marks: list[int], offset: int) -> str:
    """A record's words: figures filled in, then printed literally (the marks are not escaped)."""
    return literal(typography(fill(_place_marks(text, marks, offset), own, figures)))


def _place_marks(text: str, marks: list[int], offset: int) -> str:
    inside = sorted(m - offset for m in marks if offset <= m <= offset + len(text))
    for at in reversed(inside):
        text = text[:at] + MARK + text[at:]
    return text


def _paragraph(numbering: _Numbering, text: ParagraphText, figures: dict[str, dict[str, Current]]) -> Paragraph:
    raw = " ".join(text.text.split())
    marked = _place_marks(raw, _marks(raw, text.footnotes), 0)
    return numbering.add(
        _no_block_start(typography(fill(marked, None, figures))),
        tuple(_no_block_start(typography(fill(" ".join(i.split()), None, figures))) for i in text.items),
        tuple(typography(n.text) for n in text.footnotes),
    )


def _is_document(source: str, symbol: str) -> bool:
    """Whether a source cites the document being rendered ('GB.326/INS/3 para 4' in GB.326/INS/3)."""
    return source == symbol or source.startswith((symbol + " ", symbol + ","))


def _figure_rows(initiatives: list[Initiative], figures: dict[str, dict[str, Current]]) -> list[FigureRow]:
    rows = []
    for initiative in initiatives:
        for current in figures[initiative.id].values():
            f, before = current.figure, current.previous
            change = ""
            if before is not None:
                delta = f.value - before.value
                change = ("+" if delta > 0 else "−" if delta < 0 else "±") + number(abs(delta))
            rows.append(FigureRow(literal(initiative.name), literal(f.label), literal(figure_text(f)), str(f.as_of),
                                  literal(f.source), literal(figure_text(before)) if before else "",
                                  literal(before.source) if before else "", change))
    return rows


def _participants(initiatives: list[Initiative], units: dict[str, Unit], dataset: Dataset,
                  audience: Audience) -> list[ParticipantRow]:
    enterprises = {k: e.record for k, e in dataset.ids("enterprise").items()}
    rows = []
    for initiative in initiatives:
        named, hidden = [], 0
        for p in initiative.roster():
            enterprise = enterprises.get(p.enterprise or "")
            if p.organization:
                named.append(f"{p.organization} ({p.role})")
            elif enterprise is not None and may_name(enterprise, audience) and not enterprise.example:  # type: ignore[attr-defined]
                named.append(f"{enterprise.name} ({p.role})")  # type: ignore[attr-defined]
            else:
                hidden += 1
        if hidden:
            named.append(f"{count(hidden, 'other')} not named here")
        leads = ", ".join(units[u].short for u in initiative.lead_units if u in units and may_name(units[u], audience))
        rows.append(ParticipantRow(literal(initiative.name), literal(leads), literal("; ".join(named))))
    return rows


def _assessment_section(dataset: Dataset, title: str, numbering: _Numbering, start: date,
                        end: date, audience: Audience) -> AssessmentSection | None:
    """The assessment, only if the period has contacts that are not examples."""
    a = assess(dataset, start, end, audience, examples=False)
    if not a.contacts:
        return None
    from .assessment_text import assessment_sentences, assessment_tables

    paragraphs = [numbering.add(literal(s)) for s in assessment_sentences(a)]
    return AssessmentSection(typography(title), paragraphs, a, assessment_tables(a))


def _illustration(dataset: Dataset, start: date, end: date, audience: Audience) -> Illustration | None:
    """The register section drawn from the example records only, for an annex marked as such."""
    from .assessment_text import assessment_sentences, assessment_tables

    a = assess(dataset, start, end, audience, examples=True)
    if not a.contacts:
        return None
    mark = " (example data)"
    tables = [Table(t.title + mark, t.headers, t.rows, t.note) for t in assessment_tables(a)]
    return Illustration("Illustration: the register section with example data",
                        [literal(s) for s in assessment_sentences(a)], tables)
