"""The home page's charts: static SVG drawn at build time with pygal (no script, no font or file
fetched), each with a text alternative and a page with its figures as a table.

Counts take in every record, named or not (the audience projection names records, and a count
names none); only the labels of units follow the projection."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..core.audience import unit_view
from ..load.dataset import Dataset
from ..model import Contact, Enterprise, Unit
from ..model.procedure import Office
from ..reports.language import N_, Wording
from .content import StaffContent
from .pages import Page, Renderer

WIDTH, HEIGHT = 800, 400
QUARTER = N_("%(year)s Q%(quarter)s")
EXAMPLE_MARK = N_(" (example data)")
BY_BUREAU = N_("Contacts per quarter, by the bureau they entered through")
BY_REGION = N_("Contacts per quarter, by region")
COMPLIANCE = N_("Compliance with the procedure, by rule")
COMPLIANCE_LONG = N_("Compliance with the procedure, by rule: contacts that met, breached or have not yet reached "
                     "each step")
STATES = (N_("met"), N_("breached"), N_("not yet due"))


def quarter(contact: Contact, words: Wording | None = None) -> str:
    """'2015 Q3' (in English; in another language as its catalog writes it, e.g. 'T3 2015')."""
    year, number = contact.date.year, (contact.date.month - 1) // 3 + 1
    if words is None or words.english:
        return f"{year} Q{number}"
    return words.gettext(QUARTER) % {"year": year, "quarter": number}


def chart_files(dataset: Dataset, content: StaffContent, renderer: Renderer) -> tuple[list[dict[str, Any]], list[Page]]:
    """The charts the home page shows, and their files (SVG and table pages)."""
    every = list(dataset.records(Contact))
    # Example records never count with real ones; a dataset of examples only charts them, titled so.
    contacts = [c for c in every if not c.example]
    examples = not contacts
    contacts = contacts or every
    if not contacts:
        return [], []
    words = content.words
    mark = words.gettext(EXAMPLE_MARK) if examples else ""
    office = Office.of(dataset.records(Unit), dataset.regions())
    enterprises = dataset.by_id(Enterprise)
    first, last = min(contacts, key=lambda c: c.date).date, max(contacts, key=lambda c: c.date).date
    quarters = [words.gettext(QUARTER) % {"year": y, "quarter": q} if not words.english else f"{y} Q{q}"
                for y in range(first.year, last.year + 1) for q in range(1, 5)
                if (y, q) >= (first.year, (first.month - 1) // 3 + 1) and (y, q) <= (last.year, (last.month - 1) // 3 + 1)]

    def bureau(contact: Contact) -> str:
        unit = office.units.get(contact.entry_point or "") or office.entry_bureau(contact)
        return unit_view(unit, content.audience).short if unit is not None else words.gettext("Not recorded")

    region_of = {country: r.name for r in dataset.regions() for country in r.countries}

    def region(contact: Contact) -> str:
        places = contact.countries or ([enterprises[contact.enterprise].country] if contact.enterprise in enterprises else [])
        return region_of.get(places[0], words.gettext("Other")) if places else words.gettext("Not recorded")

    from ..reports.assessment import assess

    rules = [(f"{r.code} {words.gettext(r.title)}", r.met, r.breached, r.not_yet_due)
             for r in assess(dataset, first, last, content.audience, examples=examples).rules if r.applies]
    charts = [
        _per_quarter("contacts-by-bureau", words.gettext(BY_BUREAU) + mark, quarters,
                     Counter((quarter(c, words), bureau(c)) for c in contacts), words),
        _per_quarter("contacts-by-region", words.gettext(BY_REGION) + mark, quarters,
                     Counter((quarter(c, words), region(c)) for c in contacts), words),
    ]
    if rules:  # none when every contact predates the procedure
        charts.append(_compliance(rules, mark, words))
    pages: list[Page] = []
    for chart in charts:
        pages.append((chart["file"], chart.pop("svg")))
        pages.append(renderer.page(chart["table_file"], "table.html.j2", chart["title"],
                                   headers=chart.pop("headers"), rows=chart.pop("rows")))
    return charts, pages


def _style() -> Any:
    import pygal
    from pygal.style import Style

    # Colours told apart by readers with colour-blindness (Okabe–Ito), dark text on white.
    return Style(background="white", plot_background="white", foreground="#1a1a1a", foreground_strong="#1a1a1a",
                 foreground_subtle="#4a4a4a", opacity="1", opacity_hover="1", transition="none",
                 font_family="system-ui, sans-serif",
                 colors=("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")), pygal


def _config(chart: Any, title: str) -> Any:
    # js=[]: pygal would otherwise link a script on a remote host; the pages make no request outside.
    chart.config.js = []
    chart.config.title = title
    chart.config.width, chart.config.height = WIDTH, HEIGHT
    chart.config.legend_at_bottom = True
    chart.config.print_values = False
    chart.config.show_minor_x_labels = True
    return chart


def _render(chart: Any, name: str) -> bytes:
    """The SVG, the same bytes for the same figures (a rebuild rewrites only charts that changed):
    pygal's random id and the date in its comment replaced by the chart's name; no script."""
    import re

    chart.uuid = name
    svg: bytes = chart.render()
    # Its inline configuration script serves only pygal's tooltip script, which the charts do not load.
    svg = re.sub(rb"<script[^>]*>.*?</script>", b"", svg, flags=re.S)
    return re.sub(rb"<!--Generated with pygal [^>]*?-->", b"<!--Generated with pygal-->", svg, count=1)


def _per_quarter(name: str, title: str, quarters: list[str], counts: Counter[tuple[str, str]],
                 words: Wording) -> dict[str, Any]:
    style, pygal = _style()
    series = sorted({s for _, s in counts}, key=lambda s: (-sum(n for (_, k), n in counts.items() if k == s), s))
    chart = _config(pygal.StackedBar(style=style, x_label_rotation=45, truncate_label=-1), title)
    chart.x_labels = quarters
    for s in series:
        chart.add(s, [counts.get((q, s), 0) for q in quarters])
    totals = {s: sum(n for (_, k), n in counts.items() if k == s) for s in series}
    alt = (words.gettext("%(title)s: stacked bars for each quarter from %(first)s to %(last)s. In all, %(totals)s. "
                         "The table page gives every quarter.")
           % {"title": title, "first": quarters[0], "last": quarters[-1],
              "totals": "; ".join(f"{s} {words.count(n)}" for s, n in totals.items())})
    rows = [[q, *(counts.get((q, s), 0) for s in series), sum(counts.get((q, s), 0) for s in series)] for q in quarters]
    return {"file": f"charts/{name}.svg", "table_file": f"charts/{name}.html", "title": title, "alt": alt,
            "width": WIDTH, "height": HEIGHT, "svg": _render(chart, name), "headers": [words.gettext("Quarter"), *series, words.gettext("All")],
            "rows": rows}


def _compliance(rules: list[tuple[str, int, int, int]], mark: str, words: Wording) -> dict[str, Any]:
    style, pygal = _style()
    title = words.gettext(COMPLIANCE_LONG) + mark
    chart = _config(pygal.HorizontalStackedBar(style=style, truncate_label=-1), words.gettext(COMPLIANCE) + mark)
    chart.config.height = max(HEIGHT, 40 * len(rules) + 120)
    chart.x_labels = [label for label, *_ in rules]
    for i, state in enumerate(STATES):
        chart.add(words.gettext(state), [r[i + 1] for r in rules])
    alt = words.gettext("%(title)s: %(rules)s.") % {"title": words.gettext(COMPLIANCE) + mark, "rules": "; ".join(
        words.gettext("%(rule)s: %(met)s met, %(breached)s breached, %(due)s not yet due")
        % {"rule": label, "met": words.count(met), "breached": words.count(breached), "due": words.count(due)}
        for label, met, breached, due in rules)}
    return {"file": "charts/compliance-by-rule.svg", "table_file": "charts/compliance-by-rule.html", "title": title,
            "alt": alt, "width": WIDTH, "height": chart.config.height, "svg": _render(chart, "compliance-by-rule"),
            "headers": [words.gettext("Rule"), words.gettext("Met"), words.gettext("Breached"),
                        words.gettext("Not yet due")],
            "rows": [list(r) for r in rules]}
