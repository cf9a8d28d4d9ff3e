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
from ..reports.language import N_, Wording, wording
from ..reports.translation import Passages
from .content import StaffContent, contact_view, initiative_view
from .digest import Records, code_digest, digest

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "site"
ASSETS = ("site.css", "tables.js", "search.js")
SITE_TITLE = N_("ILO engagement with the private sector")
STAFF_FOOTER = N_("For ILO staff only: do not publish. Personal data is never shown; confidential records are "
                  "counted, not named.")
RESTRICTED_FOOTER = N_("Restricted: names confidential records; for those cleared to see them only. Personal data is "
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
    words = wording(language)
    env.filters["counted"] = (lambda n, noun: count(n, noun)) if words.english else words.counted
    # English pages print dates as ISO (as they always have); other languages in words, except in
    # tables, which keep ISO dates so that they sort.
    env.filters["day"] = str if words.english else partial(day, words)
    env.filters["number"] = words.count
    # The records' fixed values (a status, a kind …), in the language's words.
    env.filters["word"] = lambda value: words.gettext(str(value)) if value else value
    return env


def record_words() -> list[str]:
    """The records' fixed values the pages print in the language's words (`| word`), for the
    catalogs: kinds, sizes, statuses, who initiated a contact."""
    from typing import get_args

    from ..model.contacts import InitiatedBy, Status
    from ..model.enterprises import EnterpriseKind, Size
    from ..model.initiatives import InitiativeKind, InitiativeStatus
    from ..model.units import UnitKind

    kinds = (EnterpriseKind, Size, Status, InitiatedBy, InitiativeKind, InitiativeStatus, UnitKind)
    return list(dict.fromkeys(str(value) for kind in kinds for value in get_args(kind)))


def day(words: Wording, value: Any) -> str:
    """A date in words in the language of `words`; a partial date ('2015', '2015-06', as
    initiatives may give them) as precise as it is: '2015', 'juin 2015'."""
    from datetime import date

    if isinstance(value, date):
        return words.long_date(value)
    parts = str(value).split("-")
    if len(parts) == 3:
        return words.long_date(date.fromisoformat(str(value)))
    if len(parts) == 2:
        from babel.dates import format_skeleton

        return format_skeleton("yMMMM", date(int(parts[0]), int(parts[1]), 1), locale=words.locale)
    return str(value)


def assets(names: tuple[str, ...] = ASSETS) -> Iterator[Page]:
    """The style sheet and the scripts, as shipped with the package."""
    for name in names:
        yield f"assets/{name}", (TEMPLATES / "assets" / name).read_bytes()


STAFF_NAV = (("index.html", N_("Home")), ("registers/act-emp.html", N_("ACT/EMP register")),
             ("registers/actrav.html", N_("ACTRAV register")), ("enterprises/index.html", N_("Enterprises")),
             ("initiatives/index.html", N_("Initiatives")), ("units/index.html", N_("Units")),
             ("topics/index.html", N_("Topics")), ("countries/index.html", N_("Countries")),
             ("report/index.html", N_("Progress report")), ("search.html", N_("Search")))


@dataclass(frozen=True)
class Spec:
    """A page before it is rendered: where it goes, its template and title, and the values it shows."""

    path: str
    template: str
    title: str
    context: dict[str, Any]


class Renderer:
    """Renders pages with what every page shares (navigation, links to records)."""

    def __init__(self, content: StaffContent, nav: tuple[tuple[str, str], ...] = STAFF_NAV,
                 languages: tuple[str, ...] = (), passages: Passages | None = None) -> None:
        words = content.words
        footer = RESTRICTED_FOOTER if content.audience == "restricted" else STAFF_FOOTER
        self.env = environment(words.language)
        self.content = content
        self.words = words
        self.passages = passages  # a site in a language: the passages missing in it its pages print
        self.shared: dict[str, Any] = {
            "site_title": words.gettext(SITE_TITLE), "nav": tuple((href, words.gettext(label)) for href, label in nav),
            "footer": words.gettext(footer), "audience": content.audience,
            "enterprises": content.enterprises, "initiatives": content.initiatives, "units": content.units,
            "topics": content.topics, "country_names": {k: v.name for k, v in content.countries.items()},
            "contact_view": partial(contact_view, words=words), "searchable": False,
        }
        if languages:  # one of the sites of several languages: each page links to the same page in the others
            from .guide import LANGUAGE_NAMES

            self.shared["lang"] = words.language
            self.shared["languages"] = [(code, LANGUAGE_NAMES.get(code, code)) for code in languages]
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
        if self.passages is not None:
            html = self.passages.printed(html)
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


def home_page(renderer: Renderer, news: dict[str, Any] | None, charts: list[dict[str, Any]]) -> Page:
    """The home page: what is new, the counts, the charts."""
    content = renderer.content
    return renderer.page("index.html", "home.html.j2", content.words.gettext("Home"), registers=content.registers,
                         totals=content.totals, news=news, charts=charts)


def staff_pages(content: StaffContent) -> list[Callable[[], Spec]]:
    """Every page of the staff site but the home page, the report and the charts' own files, each
    as what gives its Spec when called (the build shares them out among its processes)."""
    pages: list[Callable[[], Spec]] = []
    words = content.words
    for register in content.registers:
        pages.append(partial(_spec, f"registers/{register.bureau.id}.html", "register.html.j2",
                             words.gettext("Register of %(bureau)s") % {"bureau": register.bureau.short},
                             register=register))
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


def _counted(words: Wording, n: int, noun: str) -> str:
    return count(n, noun) if words.english else words.counted(n, noun)


def _enterprises(content: StaffContent) -> Spec:
    words = content.words
    return _spec("enterprises/index.html", "index.html.j2", words.gettext("Enterprises"), items=[
        (f"enterprises/{k}.html", d.enterprise.name, _counted(words, len(d.contacts), "contact"))
        for k, d in content.dossiers.items()])


def _initiatives(content: StaffContent) -> Spec:
    words = content.words
    return _spec("initiatives/index.html", "index.html.j2", words.gettext("Initiatives"), items=[
        (f"initiatives/{k}.html", i.name, f"{words.gettext(i.kind)}, {words.gettext(i.status)}")
        for k, i in content.initiatives.items()])


def _units(content: StaffContent) -> Spec:
    words = content.words
    return _spec("units/index.html", "index.html.j2", words.gettext("Units"), items=[
        (f"units/{k}.html", f"{u.unit.short}: {u.unit.name}", _counted(words, len(u.contacts), "contact"))
        for k, u in content.units.items()])


def _topics(content: StaffContent) -> Spec:
    words = content.words
    return _spec("topics/index.html", "index.html.j2", words.gettext("Topics"), items=[
        (f"topics/{k}.html", t.name, _counted(words, len(t.contacts), "contact")) for k, t in content.topics.items()])


def _countries(content: StaffContent) -> Spec:
    words = content.words
    return _spec("countries/index.html", "index.html.j2", words.gettext("Countries"), items=[
        (f"countries/{k}.html", c.name, _counted(words, len(c.contacts), "contact"))
        for k, c in content.countries.items()])


_INDEXES = (_enterprises, _initiatives, _units, _topics, _countries)
