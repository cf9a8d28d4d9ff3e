"""The public guide for companies (para 25): the ways a company can work with the ILO, from the
public initiatives that say how a company engages. Nothing else of the dataset reaches it: no
register, contact, enterprise, member, person, figure history or internal record."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..core.audience import may_name, unit_view
from ..load.dataset import Dataset
from ..model import Initiative, Unit
from ..model.figures import current_figures, fill
from .pages import Page, environment

# The ways, in the order the guide gives them, with what each is (para 25 asks for "the many
# different ways that companies can work with the ILO").
WAYS = (
    ("network", "Join a business network", "Networks the ILO runs or supports bring companies together to share "
     "practice on one subject."),
    ("training", "Use a training package or course", "Training packages and courses for enterprises, their "
     "suppliers and their staff."),
    ("helpdesk", "Ask the helpdesk", "Advice on international labour standards for companies, free and "
     "confidential."),
    ("partnership", "Partner with the ILO", "Public–private partnerships and programmes that work with companies "
     "and their suppliers."),
    ("dialogue", "Take part in a dialogue or event", "Dialogues and events where enterprises meet the ILO and its "
     "constituents."),
)
NAV = (("index.html", "Ways to work with the ILO"),)
FOOTER = ("Published by the International Labour Office from its public records of initiatives "
          "(GB.326/INS/3 para 25).")


@dataclass(frozen=True)
class Way:
    """One way a company can work with the ILO, and the initiatives that offer it."""

    id: str
    title: str
    what: str
    offers: list[dict[str, Any]]


def guide(dataset: Dataset) -> list[Way]:
    """The ways, each with the public initiatives that say how a company takes part."""
    units = dataset.by_id(Unit)
    initiatives = sorted((e.record for e in dataset.entries if isinstance(e.record, Initiative)
                          and may_name(e.record, "public") and e.record.engagement is not None),
                         key=lambda i: i.name.casefold())
    ways = []
    for way_id, title, what in WAYS:
        offers = []
        for i in initiatives:
            engagement = i.engagement
            if engagement is None or engagement.way != way_id:
                continue
            leads = [unit_view(units[u], "public") for u in i.lead_units if u in units]
            offers.append({
                "id": i.id, "name": i.name, "status": i.status,
                "summary": fill(" ".join(i.summary.split()), i.id, {i.id: current_figures(i)}),
                "how": engagement.how, "gets": engagement.gets, "gives": engagement.gives,
                "contact": engagement.contact, "source": engagement.source,
                "leads": [u.name for u in leads if u.shown],
            })
        ways.append(Way(way_id, title, what, offers))
    return ways


def guide_pages(dataset: Dataset) -> Iterator[Page]:
    """The guide: one page, a section per way, an entry per initiative."""
    from .pages import SITE_TITLE

    html = environment().get_template("guide.html.j2").render(
        site_title="Working with the ILO: a guide for companies", nav=NAV, footer=FOOTER, audience="public",
        base="", here="index.html", title="Ways to work with the ILO", searchable=False, ways=guide(dataset),
        staff_title=SITE_TITLE)
    yield "index.html", html.encode("utf-8")
