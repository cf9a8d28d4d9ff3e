"""The staff site's pages, rendered from the package's own templates (never the dataset's:
pages are HTML, and a dataset's templates come from pull requests)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Any

from ..core.names import normalise
from ..core.wording import count
from ..lookup.dossier import Dossier
from ..model import Initiative
from .content import StaffContent, contact_view, initiative_view
from .digest import Records, code_digest, digest

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "site"
ASSETS = ("site.css", "tables.js", "search.js")
SITE_TITLE = "ILO engagement with the private sector"
STAFF_FOOTER = "For ILO staff only: do not publish. Personal data is never shown; confidential records are counted, not named."
RESTRICTED_FOOTER = ("Restricted: names confidential records; for those cleared to see them only. Personal data is "
                     "never shown.")

# A page: where it goes in the site, and its bytes.
Page = tuple[str, bytes]


@cache
def environment(language: str = "en") -> Any:
    """Jinja for HTML: autoescaped, strict about undefined names, the package's templates only; the
    fixed words (`_()`) in `language`, from the package's catalogs. One per language for the
    process, so that each template is compiled once (forked workers inherit them)."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from ..reports.language import translations

    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      keep_trailing_newline=True, trim_blocks=False, extensions=["jinja2.ext.i18n"])
    env.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]  # added by the i18n extension
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


@dataclass(frozen=True)
class Spec:
    """A page before it is rendered: where it goes, its template and title, and the values it shows."""

    path: str
    template: str
    title: str
    context: dict[str, Any]


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
        self._shared_digest: str | None = None  # taken when first needed, once
        self._shared_taken = False
        self._records: Records = {}  # the records' digests, for this build (see digest.py)

    def page(self, path: str, template: str, title: str, **context: Any) -> Page:
        return self.render(Spec(path, template, title, context))

    def render(self, spec: Spec) -> Page:
        """The page's bytes."""
        base = "../" * spec.path.count("/")
        values = {**self.shared, "base": base, "here": spec.path, "title": spec.title, **spec.context}
        html = self.env.get_template(spec.template).render(values)
        return spec.path, html.encode("utf-8")

    def digest(self, spec: Spec) -> str | None:
        """What the page is made from (see digest.py): equal digests, equal bytes."""
        shared = self.shared_digest()
        if shared is None:
            return None
        return digest(shared, spec.path, spec.template, spec.title, spec.context, records=self._records)

    def shared_digest(self) -> str | None:
        """The digest of what every page may show besides its own values: the records pages link
        to (the units' and topics' own records, not the contacts their pages list) and the code."""
        if not self._shared_taken:
            c = self.content
            self._shared_digest = digest(
                code_digest(), {k: v for k, v in self.shared.items() if k not in ("units", "topics", "contact_view")},
                {k: u.unit for k, u in c.units.items()}, {k: (t.id, t.name, t.description) for k, t in c.topics.items()},
                records=self._records)
            self._shared_taken = True
        return self._shared_digest


def home_page(content: StaffContent, news: dict[str, Any] | None, charts: list[dict[str, Any]]) -> Page:
    """The home page: what is new, the counts, the charts."""
    return Renderer(content).page("index.html", "home.html.j2", "Home", registers=content.registers,
                                  totals=content.totals, news=news, charts=charts)


def staff_pages(content: StaffContent) -> list[Callable[[], Spec]]:
    """Every page of the staff site but the home page, the report and the charts' own files, each
    as what gives its Spec when called (the build shares them out among its processes)."""
    pages: list[Callable[[], Spec]] = []
    for register in content.registers:
        pages.append(partial(_spec, f"registers/{register.bureau.id}.html", "register.html.j2",
                             f"Register of {register.bureau.short}", register=register))
    for enterprise_id, dossier in content.dossiers.items():
        pages.append(partial(_enterprise_page, enterprise_id, dossier))
    for initiative in content.initiatives.values():
        pages.append(partial(_initiative_page, content, initiative))
    for unit_id, unit_page in content.units.items():
        pages.append(partial(_spec, f"units/{unit_id}.html", "unit.html.j2", unit_page.unit.short, page=unit_page))
    for topic_id, listing in content.topics.items():
        pages.append(partial(_spec, f"topics/{topic_id}.html", "listing.html.j2", listing.name, listing=listing,
                             kind="topic"))
    for code, listing in content.countries.items():
        pages.append(partial(_spec, f"countries/{code}.html", "listing.html.j2", listing.name, listing=listing,
                             kind="country"))
    pages += [partial(index, content) for index in _INDEXES]
    return pages


def _spec(path: str, template: str, title: str, **context: Any) -> Spec:
    return Spec(path, template, title, context)


def _enterprise_page(enterprise_id: str, dossier: Dossier) -> Spec:
    e = dossier.enterprise
    # What search should match as `find` does: accents, case and legal forms set aside.
    terms = " ".join(dict.fromkeys(normalise(n) for n in (e.name, *e.aliases, e.id.replace("-", " "))))
    return _spec(f"enterprises/{enterprise_id}.html", "enterprise.html.j2", e.name, dossier=dossier,
                 search_terms=terms, searchable=True)


def _initiative_page(content: StaffContent, initiative: Initiative) -> Spec:
    return _spec(f"initiatives/{initiative.id}.html", "initiative.html.j2", initiative.name, i=initiative,
                 view=initiative_view(initiative, content.enterprises, content.units), searchable=True)


def _enterprises(content: StaffContent) -> Spec:
    return _spec("enterprises/index.html", "index.html.j2", "Enterprises", items=[
        (f"enterprises/{k}.html", d.enterprise.name, count(len(d.contacts), "contact"))
        for k, d in content.dossiers.items()])


def _initiatives(content: StaffContent) -> Spec:
    return _spec("initiatives/index.html", "index.html.j2", "Initiatives", items=[
        (f"initiatives/{k}.html", i.name, f"{i.kind}, {i.status}") for k, i in content.initiatives.items()])


def _units(content: StaffContent) -> Spec:
    return _spec("units/index.html", "index.html.j2", "Units", items=[
        (f"units/{k}.html", f"{u.unit.short}: {u.unit.name}", count(len(u.contacts), "contact"))
        for k, u in content.units.items()])


def _topics(content: StaffContent) -> Spec:
    return _spec("topics/index.html", "index.html.j2", "Topics", items=[
        (f"topics/{k}.html", t.name, count(len(t.contacts), "contact")) for k, t in content.topics.items()])


def _countries(content: StaffContent) -> Spec:
    return _spec("countries/index.html", "index.html.j2", "Countries", items=[
        (f"countries/{k}.html", c.name, count(len(c.contacts), "contact")) for k, c in content.countries.items()])


_INDEXES = (_enterprises, _initiatives, _units, _topics, _countries)
