"""The assessment of the procedure in words and tables, for the report section and its illustration."""

from __future__ import annotations

from decimal import Decimal

from ..core.wording import count, date_range
from .assessment import Assessment, Count
from .computed import Table


def assessment_sentences(a: Assessment) -> list[str]:
    """The assessment's paragraphs, each a plain sentence or two (numbers agree with their nouns)."""
    registers = "; ".join(f"{c.label}’s register {count(c.count, 'enterprise')}" for c in a.register_sizes)
    first = (f"In the period {date_range(a.start, a.end)}, the registers record {count(a.contacts, 'contact')} with "
             f"{count(a.enterprises, 'enterprise')}" + (f" ({registers})" if registers else "") + ". "
             f"Contacts by entry point: {_listing(a.by_entry_point)}.")
    if a.exempt:
        first += f" {count(a.exempt, 'contact', ('predates', 'predate'))} the procedure and "
        first += "is not assessed." if a.exempt == 1 else "are not assessed."
    sentences = [first]
    subject = a.contacts - a.exempt
    if subject:
        text = (f"Of the {count(subject, 'contact')} subject to the procedure, "
                f"{count(subject - a.contacts_breaching, 'contact', ('meets', 'meet'))} every rule that is due and "
                f"{count(a.contacts_breaching, 'contact', ('breaches', 'breach'))} at least one.")
        breached = sorted((r for r in a.rules if r.breached), key=lambda r: (-r.breached, r.code))[:3]
        if breached:
            text += " The requirements most often not met: " + "; ".join(
                f"{r.title} (para {r.paragraph}), breached by {r.breached} of {count(r.due, 'contact')} due"
                for r in breached) + "."
        sentences.append(text)
    if a.analyses:
        sentences.append(
            f"The entry bureaux recorded {count(a.analyses, 'needs analysis')}, made a median of "
            f"{_days(a.median_days_to_analysis)} after the contact (the longest: {_days(a.longest_days_to_analysis)})."
        )
    quiet = []
    if a.without_engagement:
        quiet.append(f"no engagement recorded for {', '.join(a.without_engagement)}")
    if a.little_engagement:
        quiet.append(f"a single engagement for {', '.join(a.little_engagement)}")
    if quiet:
        sentences.append("Among policy departments and field offices, the records show " + "; and ".join(quiet) + ".")
    return sentences


def assessment_tables(a: Assessment) -> list[Table]:
    """The rule table (met, breached, not yet due for each requirement) and the breakdowns."""
    rules = Table(
        "Contacts and the requirements of the procedure",
        ("Requirement", "Paragraph", "Met", "Breached", "Not yet due", "Met of due"),
        [(r.title, r.paragraph, str(r.met), str(r.breached), str(r.not_yet_due), _share(r.met, r.due))
         for r in a.rules if r.applies],
        "Each contact counts once per requirement that applies to it. An open contact whose step is overdue "
        "counts as breached.",
    )
    return [rules, _counts("Contacts by region", "Region", a.by_region),
            _counts("Contacts by topic", "Topic", a.by_topic)]


def _counts(title: str, header: str, counts: list[Count]) -> Table:
    return Table(title, (header, "Contacts"), [(c.label, str(c.count)) for c in counts])


def _listing(counts: list[Count]) -> str:
    return ", ".join(f"{c.label} {c.count}" for c in counts) or "none"


def _share(part: int, whole: int) -> str:
    return f"{Decimal(part * 100 / whole).quantize(Decimal('1'))}%" if whole else "–"


def _days(days: float | int | None) -> str:
    if days is None:
        return "–"
    value = f"{days:g}"
    return f"{value} day" if value == "1" else f"{value} days"
