"""Keep the message catalogs of the documents' fixed words (gettext, with Babel).

    .venv/bin/python scripts/catalogs.py extract   # the messages, into src/ilo_engage/locale/ilo_engage.pot
    .venv/bin/python scripts/catalogs.py update    # each language's .po takes the new messages (to translate)
    .venv/bin/python scripts/catalogs.py compile   # each .po → .mo, shipped in the package

The messages come from the report templates (the root's templates/*.md.j2: `_()`, `ngettext()`),
the web site's pages (templates/site/*.html.j2 and the site's code: site/guide.py, pages.py,
content.py, charts.py, build.py; the records' kinds and statuses, site/pages.record_words),
the counted nouns and scales in reports/language.py, and the words of the tool that reach a
document as values (reports/language.code_words: the assessment's requirements, the steps, the
kinds of purpose, qualifiers, roles). tests/reports/test_catalogs.py fails while the template,
a catalog or a compiled file is stale, or a language leaves a message untranslated.
"""

from __future__ import annotations

import io
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

PROJECT = Path(__file__).resolve().parents[1]
LOCALE = PROJECT / "src" / "ilo_engage" / "locale"
TEMPLATE = LOCALE / "ilo_engage.pot"
DOMAIN = "ilo_engage"
TEMPLATES = ("progress.md.j2", "words.md.j2", "register.md.j2")
# The web site's templates whose words are translated: the public guide's and the staff site's.
SITE_TEMPLATES = ("base.html.j2", "guide.html.j2", "home.html.j2", "enterprise.html.j2", "initiative.html.j2",
                  "listing.html.j2", "macros.html.j2", "register.html.j2", "report.html.j2", "search.html.j2",
                  "index.html.j2", "table.html.j2", "unit.html.j2")
SITE_CODE = ("guide.py", "pages.py", "content.py", "charts.py", "build.py")
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_ngettext_marker": (1, 2), "N_": None}
FIXED_DATE = datetime(2016, 1, 21, tzinfo=UTC)
HEADER = "The fixed words of ilo-engage's documents (reports/language.py)."


def extracted() -> Catalog:
    """Every message the documents use, with where it comes from."""
    from ilo_engage.reports.language import code_words

    catalog = Catalog(domain=DOMAIN, project="ilo-engage", header_comment=f"# {HEADER}", fuzzy=False)
    package = PROJECT / "src" / "ilo_engage"
    sources = [(PROJECT / "templates" / name, "jinja2.ext:babel_extract") for name in TEMPLATES]
    sources += [(package / "templates" / "site" / name, "jinja2.ext:babel_extract") for name in SITE_TEMPLATES]
    sources += [(package / "reports" / "language.py", "python")]
    sources += [(package / "site" / name, "python") for name in SITE_CODE]
    for path, method in sources:
        for line, message, _comments, context in extract_from_file(method, str(path), keywords=KEYWORDS,
                                                                     options={"extensions": "jinja2.ext.i18n"}):
            catalog.add(message, locations=[(path.relative_to(PROJECT).as_posix(), line)], context=context)
    from ilo_engage.reports.language import COVER_LABELS

    for label in COVER_LABELS:
        catalog.add(label, locations=[("src/ilo_engage/reports/language.py", 0)])
    for context, word in code_words():
        catalog.add(word, locations=[("src/ilo_engage/reports/language.py", 0)], context=context)
    from ilo_engage.lookup.timeline import STEP_NAMES
    from ilo_engage.site.pages import record_words

    for word in (*record_words(), *STEP_NAMES.values()):
        catalog.add(word, locations=[("src/ilo_engage/site/pages.py", 0)])
    return catalog


def template_text(catalog: Catalog) -> bytes:
    """The .pot as written: sorted, without dates or line numbers, so that it changes only when the
    messages do (not when a line is added above one)."""
    out = io.BytesIO()
    write_po(out, catalog, sort_output=True, omit_header=False, width=100, include_lineno=False)
    return _undated(out.getvalue())


def _undated(text: bytes) -> bytes:
    return b"\n".join(line for line in text.split(b"\n") if not line.startswith((b'"POT-Creation-Date', b'"PO-Revision-Date')))


def languages() -> list[str]:
    return sorted(p.name for p in LOCALE.iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.po").is_file())


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def updated(language: str, template: Catalog) -> Catalog:
    """A language's catalog with the template's messages: translations kept, new ones empty,
    gone ones dropped."""
    with po_path(language).open("rb") as handle:
        catalog = read_po(handle, locale=language, domain=DOMAIN)
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    return catalog


def po_text(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, sort_output=True, width=100, include_previous=False, include_lineno=False)
    return _undated(out.getvalue())


def mo_bytes(language: str) -> bytes:
    """The compiled catalog of a language, from its .po."""
    with po_path(language).open("rb") as handle:
        catalog = read_po(handle, locale=language, domain=DOMAIN)
    # The .po keeps no dates (read, they would be "now"): fixed here, so the same .po compiles to
    # the same bytes.
    catalog.creation_date = catalog.revision_date = FIXED_DATE
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def main(command: str) -> None:
    template = extracted()
    if command == "extract":
        TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
        TEMPLATE.write_bytes(template_text(template))
    elif command == "update":
        for language in languages():
            po_path(language).write_bytes(po_text(updated(language, template)))
    elif command == "compile":
        for language in languages():
            po_path(language).with_suffix(".mo").write_bytes(mo_bytes(language))
    else:
        raise SystemExit(f"unknown command {command!r}: extract, update or compile")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "")
