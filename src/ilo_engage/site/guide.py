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
from ..reports.language import N_, Wording, in_language, wording
from .pages import Page, environment

# The ways, in the order the guide gives them, with what each is (para 25 asks for "the many
# different ways that companies can work with the ILO").
WAYS = (
    ("network", N_("Join a business network"), N_("Networks the ILO runs or supports bring companies together to "
     "share practice on one subject.")),
    ("training", N_("Use a training package or course"), N_("Training packages and courses for enterprises, "
     "their suppliers and their staff.")),
    ("helpdesk", N_("Ask the helpdesk"), N_("Advice on international labour standards for companies, free and "
     "confidential.")),
    ("partnership", N_("Partner with the ILO"), N_("Public–private partnerships and programmes that work with "
     "companies and their suppliers.")),
    ("dialogue", N_("Take part in a dialogue or event"), N_("Dialogues and events where enterprises meet the ILO "
     "and its constituents.")),
)
NAV = (("index.html", N_("Ways to work with the ILO")),)
FOOTER = N_("Published by the International Labour Office from its public records of initiatives "
            "(GB.326/INS/3 para 25).")
TITLE = N_("Working with the ILO: a guide for companies")
# The languages' own names, for the links between the sites of a guide in several languages.
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español"}


@dataclass(frozen=True)
class Way:
    """One way a company can work with the ILO, and the initiatives that offer it."""

    id: str
    title: str
    what: str
    offers: list[dict[str, Any]]


def guide(dataset: Dataset, words: Wording | None = None) -> list[Way]:
    """The ways, each with the public initiatives that say how a company takes part (their titles
    and descriptions in the language of `words`, default English)."""
    words = words or wording("en")
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
        ways.append(Way(way_id, words.gettext(title), words.gettext(what), offers))
    return ways


def guide_pages(dataset: Dataset, language: str = "en", languages: tuple[str, ...] = ()) -> Iterator[Page]:
    """The guide: one page, a section per way, an entry per initiative, its fixed words in
    `language`; with `languages`, links to the guide in each (built in sibling folders, by code)."""
    from .pages import SITE_TITLE

    words = wording(language)
    with in_language(language):  # the figures in the summaries, in the language's style
        ways = guide(dataset, words)
    html = environment(language).get_template("guide.html.j2").render(
        site_title=words.gettext(TITLE), nav=[(href, words.gettext(label)) for href, label in NAV],
        footer=words.gettext(FOOTER), audience="public", base="", here="index.html",
        title=words.gettext(NAV[0][1]), searchable=False, ways=ways, staff_title=SITE_TITLE, lang=language,
        languages=[(code, LANGUAGE_NAMES.get(code, code)) for code in languages])
    yield "index.html", html.encode("utf-8")
