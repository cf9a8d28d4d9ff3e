"""The progress report's content for one audience: what its template may show, and nothing else.

The report text (data/reports/<id>.yaml) decides the shape: its headings and paragraphs in
order (reports/paragraphs.py), the assessment where it places it (reports/assessment_section.py),
the draft decision, and the annexes it lists (reports/annexes.py, reports/computed.py). The words
are the report text's and the templates' (templates/progress.md.j2, templates/words.md.j2): this
module gathers values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..core.audience import Audience, may_name
from ..core.errors import IloEngageError
from ..core.layout import REPORTS
from ..core.wording import long_date, typography
from ..load.dataset import Dataset
from ..model import Initiative, ReportText, Unit
from ..model.figures import current_figures
from .annexes import FigureRow, ParticipantRow, figure_rows, participant_rows
from .assessment_section import AssessmentSection, Illustration, Said, assessment_section, illustration
from .computed import Table, computed_tables
from .paragraphs import Heading, Numbering, Paragraph, body_paragraph, decision_paragraph

__all__ = ["Cover", "ProgressReport", "long_date", "progress_report", "report_date"]


@dataclass(frozen=True)
class Cover:
    """The cover page of a Governing Body paper, from the report text."""

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
    # The Word cover's labels in the report's language, by their English (none: English).
    labels: dict[str, str] = field(default_factory=dict)


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
    def paragraphs(self) -> list[Paragraph | Said]:
        """Every numbered paragraph, in order (the draft decision last)."""
        found: list[Paragraph | Said] = []
        for block in self.body:
            if isinstance(block, Paragraph):
                found.append(block)
            elif isinstance(block, AssessmentSection):
                found += block.paragraphs
        return [*found, self.decision]


def progress_report(dataset: Dataset, audience: Audience, start: date | None = None, end: date | None = None,
                    text_id: str = "progress", examples: bool = False) -> ProgressReport:
    """The progress report's projection for an audience and period (default: the text's period)."""
    text = _report_text(dataset, text_id)
    start, end = start or text.period.start, end or text.period.end
    if start > end:
        raise IloEngageError(f"the period starts ({start}) after it ends ({end})")
    initiatives = {e.record.id: e.record for e in dataset.entries if isinstance(e.record, Initiative)}
    figures = {i: current_figures(r, end) for i, r in initiatives.items()}
    numbering = Numbering()
    body: list[Paragraph | Heading | AssessmentSection] = []
    for block in text.body:
        if block.heading is not None:
            body.append(Heading(block.level, typography(block.heading)))
        elif block.assessment is not None:
            section = assessment_section(dataset, block.assessment, numbering, start, end, audience)
            if section is not None:
                body.append(section)
        else:
            paragraph = body_paragraph(block, initiatives, figures, numbering, audience, text.symbol)
            if paragraph is not None:
                body.append(paragraph)
    decision = decision_paragraph(numbering, text.decision, figures)
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
    rows = figure_rows(visible, figures) if "figures" in text.annexes else []
    units = dataset.by_id(Unit)
    return ProgressReport(
        audience=audience, cover=cover, body=body, decision=decision, annexes=tuple(text.annexes),
        tables=computed_tables(list(initiatives.values()), audience, end) if "computed-tables" in text.annexes else [],
        figures=rows, figures_history=any(r.previous for r in rows),
        participants=participant_rows(visible, units, dataset, audience) if "participants" in text.annexes else [],
        illustration=illustration(dataset, start, end, audience) if examples else None,
        footnotes=numbering.footnotes, period_start=start, period_end=end,
    )


def report_date(dataset: Dataset, text_id: str = "progress") -> date:
    """The report's own date (used inside generated files, never 'now')."""
    return _report_text(dataset, text_id).date


def _report_text(dataset: Dataset, text_id: str) -> ReportText:
    text = dataset.by_id(ReportText).get(text_id)
    if text is None:
        raise IloEngageError(f"the dataset has no report text {REPORTS.location}/{text_id}.yaml")
    return text
