"""The assessment of the procedure as the report shows it: a numbered section where the report text
places it (when the period has real contacts), and an annex illustrating it with the example records.

Which paragraphs the section has is decided here, from the numbers; their words are the template's
(`assessment` in templates/words.md.j2), so that the report's prose lives in the templates and the
report text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..core.audience import Audience
from ..core.wording import typography
from ..load.dataset import Dataset
from ..model.figures import per_cent
from .assessment import Assessment, Count, assess
from .computed import Table
from .paragraphs import Numbering


@dataclass(frozen=True)
class Said:
    """A paragraph of the assessment: its number in the report (None in the annex) and which of the
    template's paragraphs it is (`contacts`, `rules`, `analyses`, `engagement`)."""

    number: int | None
    says: str


@dataclass(frozen=True)
class AssessmentSection:
    """The computed assessment of the procedure: its title, numbered paragraphs and tables."""

    title: str
    paragraphs: list[Said]
    assessment: Assessment
    tables: list[Table]
    kind: str = "assessment"


@dataclass(frozen=True)
class Illustration:
    """The register section drawn from example records, for an annex that says so."""

    paragraphs: list[Said]
    assessment: Assessment
    tables: list[Table]


def assessment_section(dataset: Dataset, title: str, numbering: Numbering, start: date, end: date,
                       audience: Audience) -> AssessmentSection | None:
    """The assessment, only if the period has contacts that are not examples."""
    a = assess(dataset, start, end, audience, examples=False)
    if not a.contacts:
        return None
    paragraphs = [Said(numbering.next(), says) for says in paragraphs_of(a)]
    return AssessmentSection(typography(title), paragraphs, a, assessment_tables(a))


def illustration(dataset: Dataset, start: date, end: date, audience: Audience) -> Illustration | None:
    """The register section drawn from the example records only, for an annex marked as such."""
    a = assess(dataset, start, end, audience, examples=True)
    if not a.contacts:
        return None
    return Illustration([Said(None, says) for says in paragraphs_of(a)], a, assessment_tables(a))


def paragraphs_of(a: Assessment) -> list[str]:
    """The paragraphs the numbers call for: the contacts always; how they met the rules if any was
    subject to the procedure; the needs analyses if any; the time steps took, what was still open and
    overdue at the period's end; the units that engaged little if any."""
    says = ["contacts"]
    if a.subject:
        says.append("rules")
    if a.analyses or a.subject:  # the needs analyses, then the time steps took and what was open
        says.append("analyses")
    if a.without_engagement or a.little_engagement:
        says.append("engagement")
    return says


def assessment_tables(a: Assessment) -> list[Table]:
    """The rule table (met, breached, not yet due for each requirement) and the breakdowns."""
    rules = Table("rules", [(r.title, r.paragraph, str(r.met), str(r.breached), str(r.not_yet_due),
                             _share(r.met, r.due)) for r in a.rules if r.applies])
    steps = Table("steps", [(t.step, str(t.count), _days(t.median_days), _days(t.longest_days))
                            for t in a.step_times])
    return [rules, *([steps] if a.step_times else []), _counts("regions", a.by_region),
            _counts("topics", a.by_topic)]


def _days(n: float) -> str:
    return f"{n:g}"


def _counts(kind: str, counts: list[Count]) -> Table:
    return Table(kind, [(c.label, str(c.count)) for c in counts])


def _share(part: int, whole: int) -> str:
    return per_cent(Decimal(part * 100 / whole).quantize(Decimal("1"))) if whole else "–"
