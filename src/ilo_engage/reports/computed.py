"""Numbers the report computes from initiative records, shown as tables.

Conventions the records follow (see the bundled dataset): a partnership portfolio states
its number of partnerships as a figure in unit `partnerships` and its value in `US$ million`;
a programme's participants by area are figures labelled `participants: <area>`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..core.audience import Audience, may_name
from ..model import Figure, Initiative, Partnership
from ..model.figures import current_figures, number, per_cent
from ..model.initiatives import Component, InitiativeKind
from ..model.language import original

AREA_PREFIX = "participants: "
COMPONENT_TITLES = {"A": "A. Enterprise and supply chain policies and practices",
                    "B": "B. International initiatives on enterprise behaviour",
                    "C": "C. Building knowledge and outreach"}
# The table's rows and columns, in the order the report prints them.
_COMPONENTS: tuple[Component, ...] = ("A", "B", "C")
_KINDS: tuple[InitiativeKind, ...] = ("network", "partnership", "programme")


@dataclass(frozen=True)
class Table:
    """A table the report prints: which one (`kind`; its title, column headings and note are the
    words template's, templates/words.md.j2), its rows, what it is about (an initiative's name)
    and the values its note states, if it has one."""

    kind: str
    rows: list[tuple[str, ...]]
    about: str = ""
    note: dict[str, str] = field(default_factory=dict)


def computed_tables(initiatives: list[Initiative], audience: Audience, end: date | None = None) -> list[Table]:
    """Every table computed from the initiatives (all counted; only visible ones named), from each
    figure's latest value as of `end`."""
    tables = [_by_component(initiatives)]
    shown = [i for i in initiatives if may_name(i, audience)]
    tables += [t for t in (_portfolios(shown, end), *(_areas(i, end) for i in shown)) if t is not None]
    return tables


def _latest(initiative: Initiative, end: date | None) -> list[Figure]:
    return [c.figure for c in current_figures(initiative, end).values()]


def _by_component(initiatives: list[Initiative]) -> Table:
    counts = Counter((i.component, i.kind) for i in initiatives)
    rows: list[tuple[str, ...]] = [
        (COMPONENT_TITLES[c], *(str(counts[(c, k)]) for k in _KINDS), str(sum(counts[(c, k)] for k in _KINDS)))
        for c in _COMPONENTS
    ]
    rows.append(("Total", *(str(sum(counts[(c, k)] for c in _COMPONENTS)) for k in _KINDS), str(len(initiatives))))
    return Table("components", rows)


def _portfolios(initiatives: list[Initiative], end: date | None) -> Table | None:
    rows: list[tuple[str, ...]] = []
    count_total, value_total = Decimal(0), Decimal(0)
    for initiative in initiatives:
        if not isinstance(initiative, Partnership):
            continue
        counts = [f.value for f in _latest(initiative, end) if original(f.unit) == "partnerships"]
        values = [f.value for f in _latest(initiative, end) if original(f.unit) == "US$ million"]
        if counts and values:
            rows.append((initiative.name, number(counts[0]), number(values[0])))
            count_total += counts[0]
            value_total += values[0]
    if len(rows) < 2:
        return None
    rows.append(("Total", number(count_total), number(value_total)))
    return Table("portfolios", rows)


def _areas(initiative: Initiative, end: date | None) -> Table | None:
    figures = _latest(initiative, end)
    # Figures are told apart by their first language's label and unit, in whatever language printed.
    areas = [(original(f.label).removeprefix(AREA_PREFIX), f.value) for f in figures
             if original(f.label).startswith(AREA_PREFIX)]
    if not areas:
        return None
    total = sum((value for _, value in areas), Decimal(0))
    rows: list[tuple[str, ...]] = [(area, number(value), _share(value, total)) for area, value in areas]
    rows.append(("Total of these areas", number(total), per_cent(Decimal(100)) if total else "–"))
    stated = [f for f in figures if original(f.unit) == "participants" and not original(f.label).startswith(AREA_PREFIX)]
    note: dict[str, str] = {}
    if stated and stated[0].value != total:  # the note says both
        note = {"total": number(total), "qualifier": stated[0].qualifier or "", "stated": number(stated[0].value),
                "source": stated[0].source}
    return Table("areas", rows, initiative.name, note)


def _share(value: Decimal, total: Decimal) -> str:
    """A share in whole per cent; a dash when the total is zero (all figures 0 is valid data)."""
    return per_cent((value * 100 / total).quantize(Decimal("1"))) if total else "–"
