"""The progress report's content for one audience: what its template may show, and nothing else.

Paragraphs are numbered 1, 2, 3 … across sections, sources become footnotes, and every
number is either stated (printed as stored, with its qualifier) or computed here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..audience import Audience, may_name
from ..dataset import Dataset
from ..errors import IloEngageError
from ..model import Enterprise, Figure, Initiative, ReportText, Unit
from ..model.reports import Paragraph as ParagraphText
from .assessment import Assessment, assess
from .computed import Table, computed_tables


@dataclass(frozen=True)
class Paragraph:
    """A numbered paragraph: its text, lettered items, and the numbers of its footnotes."""

    number: int
    text: str
    items: tuple[str, ...] = ()
    notes: tuple[int, ...] = ()


@dataclass(frozen=True)
class FigureRow:
    """A stated figure, as printed: qualifier, value and unit, with where it is stated."""

    initiative: str
    label: str
    value: str
    as_of: str
    source: str


@dataclass(frozen=True)
class Subsection:
    title: str
    paragraphs: list[Paragraph]


@dataclass(frozen=True)
class Section:
    letter: str
    title: str
    subsections: list[Subsection]


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


@dataclass(frozen=True)
class ProgressReport:
    """Everything the progress report template receives."""

    audience: str
    cover: Cover
    background: list[Paragraph]
    overview_title: str
    sections: list[Section]
    assessment_title: str
    assessment: Assessment
    assessment_paragraphs: list[Paragraph]
    recommendations_title: str
    recommendations: list[Paragraph]
    decision: Paragraph
    figures: list[FigureRow]
    tables: list[Table]
    initiatives_not_shown: int
    footnotes: list[tuple[int, str]]
    period_start: date
    period_end: date


@dataclass
class _Numbering:
    """Paragraph and footnote counters, shared across the whole report."""

    paragraph: int = 0
    footnotes: list[tuple[int, str]] = field(default_factory=list)

    def add(self, text: str, items: tuple[str, ...] = (), notes: tuple[str, ...] = ()) -> Paragraph:
        self.paragraph += 1
        numbers = []
        for note in notes:
            self.footnotes.append((len(self.footnotes) + 1, note))
            numbers.append(len(self.footnotes))
        return Paragraph(self.paragraph, text, items, tuple(numbers))


def progress_report(dataset: Dataset, audience: Audience, start: date | None = None, end: date | None = None,
                    text_id: str = "progress") -> ProgressReport:
    """The progress report's projection for an audience and period (default: the text's period)."""
    text = _report_text(dataset, text_id)
    start, end = start or text.period.start, end or text.period.end
    if start > end:
        raise IloEngageError(f"the period starts ({start}) after it ends ({end})")
    numbering = _Numbering()
    background = [_paragraph(numbering, p) for p in text.background]
    sections, shown, not_shown = _overview(dataset, text, numbering, audience)
    assessment = assess(dataset, start, end, audience)
    assessment_paragraphs = _assessment_paragraphs(numbering, assessment)
    recommendations = [_paragraph(numbering, p) for p in text.recommendations]
    decision = _paragraph(numbering, text.decision)
    cover = Cover(
        title=text.title, session=text.session, symbol=text.symbol, section=text.section,
        date=long_date(text.date), language=text.language, purpose_kind=text.purpose_kind,
        purpose=text.purpose.replace("{decision_paragraph}", str(decision.number)),
        strategic_objective=text.strategic_objective, policy=text.implications.policy,
        legal=text.implications.legal, financial=text.implications.financial,
        follow_up=text.implications.follow_up, author_unit=text.author_unit,
        related_documents=tuple(text.related_documents),
    )
    return ProgressReport(
        audience=audience, cover=cover, background=background, overview_title=text.overview_title,
        sections=sections, assessment_title=text.assessment_title, assessment=assessment,
        assessment_paragraphs=assessment_paragraphs, recommendations_title=text.recommendations_title,
        recommendations=recommendations, decision=decision, figures=_figure_rows(shown),
        tables=computed_tables([e.record for e in dataset.entries if isinstance(e.record, Initiative)], audience),
        initiatives_not_shown=not_shown, footnotes=numbering.footnotes, period_start=start, period_end=end,
    )


def report_date(dataset: Dataset, text_id: str = "progress") -> date:
    """The report's own date (used inside generated files, never 'now')."""
    return _report_text(dataset, text_id).date


def figure_text(figure: Figure) -> str:
    """A stated figure as printed: 'more than 20 employers' organizations'."""
    value = figure.value
    number = f"{int(value):,}" if value == value.to_integral_value() else f"{value:,}"
    if figure.unit.startswith("US$"):
        scale = figure.unit.removeprefix("US$").strip()
        words = f"US${number}" + (f" {scale}" if scale else "")
    elif figure.unit == "per cent":
        words = f"{number} per cent"
    else:
        words = f"{number} {figure.unit}"
    return f"{figure.qualifier} {words}" if figure.qualifier else words


def long_date(day: date) -> str:
    return f"{day.day} {day.strftime('%B')} {day.year}"


def _report_text(dataset: Dataset, text_id: str) -> ReportText:
    entry = dataset.ids("report").get(text_id)
    if entry is None:
        raise IloEngageError(f"the dataset has no report text data/reports/{text_id}.yaml")
    return entry.record  # type: ignore[return-value]


def _paragraph(numbering: _Numbering, text: ParagraphText) -> Paragraph:
    return numbering.add(text.text.strip(), tuple(i.strip() for i in text.items), tuple(text.footnotes))


def _overview(dataset: Dataset, text: ReportText, numbering: _Numbering,
              audience: Audience) -> tuple[list[Section], list[Initiative], int]:
    initiatives = {e.record.id: e.record for e in dataset.entries if isinstance(e.record, Initiative)}  # type: ignore[attr-defined]
    enterprises: dict[str, Enterprise] = {k: e.record for k, e in dataset.ids("enterprise").items()}  # type: ignore[misc]
    units: dict[str, Unit] = {k: e.record for k, e in dataset.ids("unit").items()}  # type: ignore[misc]
    placed: set[str] = set()
    shown: list[Initiative] = []
    sections = []
    for part in text.overview:
        subsections = []
        listed = [(s.title, s.initiatives) for s in part.subsections]
        unlisted = sorted(i for i, r in initiatives.items()
                          if r.component == part.component and all(i not in ids for _, ids in listed))
        if unlisted:
            listed.append(("Other initiatives", unlisted))
        for title, ids in listed:
            paragraphs = []
            for initiative_id in ids:
                initiative = initiatives.get(initiative_id)
                placed.add(initiative_id)
                if initiative is None or not may_name(initiative, audience):
                    continue
                shown.append(initiative)
                paragraphs.append(numbering.add(_initiative_text(initiative, enterprises, units, audience),
                                                notes=tuple(initiative.sources)))
            if paragraphs:
                subsections.append(Subsection(title, paragraphs))
        sections.append(Section(part.component, part.title, subsections))
    return sections, shown, len(initiatives) - len(shown)


def _initiative_text(initiative: Initiative, enterprises: dict[str, Enterprise], units: dict[str, Unit],
                     audience: Audience) -> str:
    text = " ".join(initiative.summary.split())
    roster = initiative.roster()
    if roster:
        named = []
        for participant in roster:
            enterprise = enterprises.get(participant.enterprise or "")
            if participant.organization:
                named.append(f"{participant.organization} ({participant.role})")
            elif enterprise is not None and may_name(enterprise, audience):
                named.append(f"{enterprise.name} ({participant.role})")
        hidden = len(roster) - len(named)
        word = "members" if initiative.roster_field == "members" else "partners"
        listed = "; ".join(named) + (f"; and {hidden} not named here" if hidden else "")
        text += f" The records list {len(roster)} {word if len(roster) != 1 else word[:-1]}: {listed}."
    leads = [units[u].short for u in initiative.lead_units if u in units and may_name(units[u], audience)]
    if leads:
        text += f" Lead: {', '.join(leads)}."
    return text


def _figure_rows(initiatives: list[Initiative]) -> list[FigureRow]:
    return [
        FigureRow(i.name, f.label, figure_text(f), f.as_of, f.source)
        for i in initiatives for f in i.figures
    ]


def _assessment_paragraphs(numbering: _Numbering, a: Assessment) -> list[Paragraph]:
    period = f"Between {long_date(a.start)} and {long_date(a.end)}"
    paragraphs = []
    if not a.contacts:
        paragraphs.append(numbering.add(f"{period}, the registers record no contact with enterprises."))
        return paragraphs
    entry = _listing(a.by_entry_point)
    registers = "; ".join(f"{c.label}'s register {_n(c.count, 'enterprise')}" for c in a.register_sizes)
    paragraphs.append(numbering.add(
        f"{period}, the registers record {_n(a.contacts, 'contact')} with {_n(a.enterprises, 'enterprise')}"
        f" ({registers}). Contacts by entry point: {entry}."
        + (f" {_n(a.exempt, 'contact')} predate the procedure and are not assessed." if a.exempt else "")
    ))
    met_all = [r for r in a.rules if r.met == r.checked]
    weakest = sorted((r for r in a.rules if r.met < r.checked), key=lambda r: r.share)[:3]
    text = (f"Of the {_n(a.rules[0].checked if a.rules else 0, 'contact')} subject to the procedure, "
            f"{len(met_all)} of the {len(a.rules)} rules were met by every contact.")
    if weakest:
        text += " The rules least often met were: " + "; ".join(
            f"{r.title} (para 3{_para_suffix(r.paragraph)}), met by {_pct(r.share)}" for r in weakest) + "."
    paragraphs.append(numbering.add(text))
    if a.analyses:
        paragraphs.append(numbering.add(
            f"The entry bureaux recorded {_n(a.analyses, 'needs analysis', 'needs analyses')}, made a median of "
            f"{_days(a.median_days_to_analysis)} after the contact (the longest: {_days(a.longest_days_to_analysis)})."
        ))
    quiet = []
    if a.without_engagement:
        quiet.append(f"no engagement recorded for {', '.join(a.without_engagement)}")
    if a.little_engagement:
        quiet.append(f"a single engagement for {', '.join(a.little_engagement)}")
    if quiet:
        paragraphs.append(numbering.add(
            "Among policy departments and field offices, the records show " + "; and ".join(quiet)
            + ". These may benefit from internal assistance and training to identify opportunities for "
            "engagement (para 23 of GB.326/INS/3)."
        ))
    return paragraphs


def _listing(counts: list, noun: str | None = None) -> str:
    return ", ".join(f"{c.label} {c.count if noun is None else _n(c.count, noun)}" for c in counts) or "none"


def _n(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"


def _pct(share: float) -> str:
    return f"{Decimal(share * 100).quantize(Decimal('1'))} per cent"


def _days(days: float | int | None) -> str:
    if days is None:
        return "–"
    value = f"{days:g}"
    return f"{value} day" if value == "1" else f"{value} days"


def _para_suffix(paragraph: str) -> str:
    return paragraph[1:] if paragraph.startswith("3") else f" {paragraph}"
