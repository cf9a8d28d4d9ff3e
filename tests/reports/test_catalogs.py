"""The message catalogs of the documents' fixed words: current with the templates, complete in
every language, compiled as shipped; and the formats of each language."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ilo_engage.lookup.timing import STEPS, _timings
from ilo_engage.model import Figure
from ilo_engage.reports.language import Wording, available, translations
from scripts import catalogs

LANGUAGES = ("fr", "es")


def test_the_catalog_template_is_current_with_the_templates_and_the_code() -> None:
    # Stale: a message added to a template or the code is not in the shipped .pot
    # (run `scripts/catalogs.py extract update compile`).
    assert catalogs.TEMPLATE.read_bytes() == catalogs.template_text(catalogs.extracted())


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_every_message_translated_and_compiled(language: str) -> None:
    template = catalogs.extracted()
    assert catalogs.po_path(language).read_bytes() == catalogs.po_text(catalogs.updated(language, template)), \
        "the .po lacks messages of the templates (run scripts/catalogs.py update)"
    from babel.messages.pofile import read_po

    with catalogs.po_path(language).open("rb") as handle:
        catalog = read_po(handle, locale=language)
    untranslated = [m.id for m in catalog if m.id and (not m.string or not all(m.string) or m.fuzzy)]
    assert untranslated == []
    assert catalogs.po_path(language).with_suffix(".mo").read_bytes() == catalogs.mo_bytes(language), \
        "the .mo is not the compiled .po (run scripts/catalogs.py compile)"


def test_the_languages_documents_can_be_written_in() -> None:
    assert available() == ("en", "es", "fr")
    assert translations("fr").gettext("Draft decision") == "Projet de décision"
    assert translations("es").ngettext("%(num)s contact", "%(num)s contacts", 2) == "%(num)s contactos"


def test_the_steps_named_for_the_catalog_are_the_steps_timed() -> None:
    assert [name for name, _ in _timings(date(2016, 1, 1))] == list(STEPS)


@pytest.mark.parametrize(("language", "day", "number", "share", "counted"), [
    ("en", "21 January 2016", "1,261", "40%", "2 contacts"),
    ("fr", "21 janvier 2016", "1\u00a0261", "40\u00a0%", "2 contacts"),
    ("es", "21 de enero de 2016", "1.261", "40\u00a0%", "2 contactos"),
])
def test_dates_numbers_and_shares_in_each_language(language: str, day: str, number: str, share: str,
                                                    counted: str) -> None:
    words = Wording(language)
    assert words.long_date(date(2016, 1, 21)) == day
    assert words.number(1261) == number
    assert words.percent(0.398) == share
    assert words.counted(2, "contact") == counted


def test_french_writes_the_first_of_a_month_as_an_ordinal() -> None:
    assert Wording("fr").long_date(date(2016, 1, 1)) == "1er janvier 2016"
    assert Wording("fr").date_range(date(2015, 1, 1), date(2015, 12, 31)) == "1er janvier 2015–31 décembre 2015"


def _figure(value: str, unit: str, qualifier: str | None = None) -> Figure:
    return Figure.model_validate({"label": "x", "value": Decimal(value), "unit": unit, "qualifier": qualifier,
                                  "as_of": 2016, "source": "GB.326/INS/3 para 12"})


@pytest.mark.parametrize(("language", "figure", "style", "spoken"), [
    ("fr", _figure("39.8", "US$ million"), None, "39,8 millions de dollars des États-Unis"),
    ("es", _figure("39.8", "US$ million"), None, "39,8 millones de dólares estadounidenses"),
    ("fr", _figure("1.5", "million workers", "over"), None, "plus de 1,5 million"),
    ("fr", _figure("57", "per cent"), None, "57 pour cent"),
    ("es", _figure("120", "companies", "around"), None, "alrededor de 120"),
    ("fr", _figure("9", "companies"), "words", "neuf"),
    ("fr", _figure("1261", "factories"), None, "1\u00a0261"),
])
def test_figures_as_french_and_spanish_prose_state_them(language: str, figure: Figure, style: str | None,
                                                        spoken: str) -> None:
    assert Wording(language).spoken(figure, style) == spoken
