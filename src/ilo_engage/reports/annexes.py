"""The rows of the progress report's annexes: the figures stated about initiatives (with their
history) and the lead units and participants recorded. Values only: the words around them are the
template's (templates/progress.md.j2 and words.md.j2)."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.audience import Audience, may_name
from ..load.dataset import Dataset
from ..model import Enterprise, Figure, Initiative, Unit
from ..model.figures import SCALES, STYLE, number, spoken
from ..model.language import original
from .paragraphs import Figures, literal


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
    """An initiative's lead units and the members and partners the audience may see named, each
    with its role; `others` counts those not named."""

    initiative: str
    leads: str
    named: tuple[tuple[str, str], ...]
    others: int


def figure_text(figure: Figure) -> str:
    """A stated figure as the annex prints it, with its unit: 'more than 20 employers' organizations'
    (in another language, the figure as its prose states it, then the unit's counted noun as recorded)."""
    if STYLE.get() is not None:
        return stated_in_language(figure)
    words = number(figure.value)
    if figure.unit.startswith("US$"):
        scale = figure.unit.removeprefix("US$").strip()
        words = f"US${words}" + (f" {scale}" if scale else "")
    elif figure.unit == "per cent":
        words = f"{words} per cent"
    else:
        words = f"{words} {figure.unit}"
    return f"{figure.qualifier} {words}" if figure.qualifier else words


def figure_rows(initiatives: list[Initiative], figures: Figures) -> list[FigureRow]:
    """Each current figure of the initiatives, with its previous value and the change if it has one."""
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


def participant_rows(initiatives: list[Initiative], units: dict[str, Unit], dataset: Dataset,
                     audience: Audience) -> list[ParticipantRow]:
    """Each initiative's lead units and participants, named only where the audience may see them
    (an organization always; an enterprise when visible and not an example)."""
    enterprises = dataset.by_id(Enterprise)
    rows = []
    for initiative in initiatives:
        named: list[tuple[str, str]] = []
        hidden = 0
        for p in initiative.roster():
            enterprise = enterprises.get(p.enterprise or "")
            if p.organization:
                named.append((p.organization, p.role))
            elif enterprise is not None and may_name(enterprise, audience) and not enterprise.example:
                named.append((enterprise.name, p.role))
            else:
                hidden += 1
        leads = ", ".join(units[u].short for u in initiative.lead_units if u in units and may_name(units[u], audience))
        rows.append(ParticipantRow(literal(initiative.name), literal(leads), tuple(named), hidden))
    return rows


def stated_in_language(figure: Figure) -> str:
    """A figure in a document's other language: as its prose states it ('39,8 millions de dollars des
    États-Unis', 'environ 120'), then the counted noun of its unit as the record writes it in that
    language ('entreprises'; the first language's, marked, in a draft where it has none)."""
    words = [w for w in figure.unit.split(" ") if w]  # on spaces only: a no-break space stays in the noun
    rest = [w for w in words if not w.endswith("$") and w not in SCALES]
    noun = "" if original(figure.unit) == "per cent" else " ".join(rest)
    return f"{spoken(figure)} {noun}".rstrip()
