"""The staff site's pages, rendered from the package's own templates (never the dataset's:
pages are HTML, and a dataset's templates come from pull requests)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache, partial
from pathlib import Path
from typing import Any

from ..core.names import normalise
from ..core.wording import count
from ..lookup.dossier import Dossier
from ..model import Initiative
from .content import StaffContent, contact_view, initiative_view

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "site"
ASSETS = ("site.css", "tables.js", "search.js")
SITE_TITLE = "ILO engagement with the private sector"
STAFF_FOOTER = "For ILO staff only: do not publish. Personal data is never shown; confidential records are counted, not named."
RESTRICTED_FOOTER = ("Restricted: names confidential records; for those cleared to see them only. Personal data is "
                     "never shown.")

# A page: where it goes in the site, and its bytes.
Page = tuple[str, bytes]


@cache
def environment() -> Any:
    """Jinja for HTML: autoescaped, strict about undefined names, the package's templates only.
    One for the process, so that each template is compiled once (forked workers inherit them)."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      keep_trailing_newline=True, trim_blocks=False)
    env.filters["counted"] = lambda n, noun: count(n, noun)
    return env


def assets(names: tuple[str, ...] = ASSETS) -> Iterator[Page]:
    """The style sheet and the scripts, as shipped with the package."""
    for name in names:
        yield f"assets/{name}", (TEMPLATES / "assets" / name).read_bytes()


STAFF_NAV = (("index.html", "Home"), ("registers/act-emp.html", "ACT/EMP register"),
             ("registers/actrav.html", "ACTRAV register"), ("enterprises/index.html", "Enterprises"),
             ("initiatives/index.html", "Initiatives"), ("units/index.html", "Units"),
             ("topics/index.html", "Topics"), ("countries/index.html", "Countries"),
             ("report/index.html", "Progress report"), ("search.html", "Search"))


class Renderer:
    """Renders pages with what every page shares (navigation, links to records)."""

    def __init__(self, content: StaffContent, nav: tuple[tuple[str, str], ...] = STAFF_NAV) -> None:
        footer = RESTRICTED_FOOTER if content.audience == "restricted" else STAFF_FOOTER
        self.env = environment()
        self.content = content
        self.shared: dict[str, Any] = {
            "site_title": SITE_TITLE, "nav": nav, "footer": footer, "audience": content.audience,
            "enterprises": content.enterprises, "initiatives": content.initiatives, "units": content.units,
            "topics": content.topics, "country_names": {k: v.name for k, v in content.countries.items()},
            "contact_view": contact_view, "searchable": False,
        }

    def page(self, path: str, template: str, title: str, **context: Any) -> Page:
        base = "../" * path.count("/")
        values = {**self.shared, "base": base, "here": path, "title": title, **context}
        html = self.env.get_template(template).render(values)
        return path, html.encode("utf-8")


def home_page(content: StaffContent, news: dict[str, Any] | None, charts: list[dict[str, Any]]) -> Page:
    """The home page: what is new, the counts, the charts."""
    return Renderer(content).page("index.html", "home.html.j2", "Home", registers=content.registers,
                                  totals=content.totals, news=news, charts=charts)


def staff_pages(content: StaffContent) -> list[Callable[[], Page]]:
    """Every page of the staff site but the home page, the report and the charts' own files, each
    as what renders it when called (the build shares them out among its processes)."""
    r = Renderer(content)
    pages: list[Callable[[], Page]] = []
    for register in content.registers:
        pages.append(partial(r.page, f"registers/{register.bureau.id}.html", "register.html.j2",
                             f"Register of {register.bureau.short}", register=register))
    for enterprise_id, dossier in content.dossiers.items():
        pages.append(partial(_enterprise_page, r, enterprise_id, dossier))
    for initiative in content.initiatives.values():
        pages.append(partial(_initiative_page, r, content, initiative))
    for unit_id, unit_page in content.units.items():
        pages.append(partial(r.page, f"units/{unit_id}.html", "unit.html.j2", unit_page.unit.short, page=unit_page))
    for topic_id, listing in content.topics.items():
        pages.append(partial(r.page, f"topics/{topic_id}.html", "listing.html.j2", listing.name, listing=listing,
                             kind="topic"))
    for code, listing in content.countries.items():
        pages.append(partial(r.page, f"countries/{code}.html", "listing.html.j2", listing.name, listing=listing,
                             kind="country"))
    pages += [partial(index, r, content) for index in _INDEXES]
    return pages


def _enterprise_page(r: Renderer, enterprise_id: str, dossier: Dossier) -> Page:
    e = dossier.enterprise
    # What search should match as `find` does: accents, case and legal forms set aside.
    terms = " ".join(dict.fromkeys(normalise(n) for n in (e.name, *e.aliases, e.id.replace("-", " "))))
    return r.page(f"enterprises/{enterprise_id}.html", "enterprise.html.j2", e.name, dossier=dossier,
                  search_terms=terms, searchable=True)


def _initiative_page(r: Renderer, content: StaffContent, initiative: Initiative) -> Page:
    return r.page(f"initiatives/{initiative.id}.html", "initiative.html.j2", initiative.name, i=initiative,
                  view=initiative_view(initiative, content.enterprises, content.units), searchable=True)


def _enterprises(r: Renderer, content: StaffContent) -> Page:
    return r.page("enterprises/index.html", "index.html.j2", "Enterprises", items=[
        (f"enterprises/{k}.html", d.enterprise.name, count(len(d.contacts), "contact"))
        for k, d in content.dossiers.items()])


def _initiatives(r: Renderer, content: StaffContent) -> Page:
    return r.page("initiatives/index.html", "index.html.j2", "Initiatives", items=[
        (f"initiatives/{k}.html", i.name, f"{i.kind}, {i.status}") for k, i in content.initiatives.items()])


def _units(r: Renderer, content: StaffContent) -> Page:
    return r.page("units/index.html", "index.html.j2", "Units", items=[
        (f"units/{k}.html", f"{u.unit.short}: {u.unit.name}", count(len(u.contacts), "contact"))
        for k, u in content.units.items()])


def _topics(r: Renderer, content: StaffContent) -> Page:
    return r.page("topics/index.html", "index.html.j2", "Topics", items=[
        (f"topics/{k}.html", t.name, count(len(t.contacts), "contact")) for k, t in content.topics.items()])


def _countries(r: Renderer, content: StaffContent) -> Page:
    return r.page("countries/index.html", "index.html.j2", "Countries", items=[
        (f"countries/{k}.html", c.name, count(len(c.contacts), "contact")) for k, c in content.countries.items()])


_INDEXES = (_enterprises, _initiatives, _units, _topics, _countries)
