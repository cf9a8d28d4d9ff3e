"""The languages documents are written in: the tool's fixed words from message catalogs, and
dates, numbers, money and percentages in each language's style.

The templates' words and the sentences the tool builds are written in English and looked up in
the package's catalogs (src/ilo_engage/locale/<language>/LC_MESSAGES/ilo_engage.mo: gettext,
kept with Babel by scripts/catalogs.py). Formatting follows the Governing Body papers: English as
the paper prints it ("21 January 2016", "1,261", "US$39.8 million"); French and Spanish through
Babel's locale data, as the Office's French and Spanish papers write them ("21 janvier 2016",
"1 261", "39,8 millions de dollars des États-Unis").
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import UsageError
from ..core.wording import count, date_range, long_date
from ..model import Figure
from ..model.figures import STYLE, WORDS, money_and_scale
from ..model.language import original

if TYPE_CHECKING:
    from .progress import ProgressReport

CATALOGS = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "ilo_engage"
SOURCE = "en"  # the language the templates and the catalogs' message ids are written in
# The locale whose conventions each language's documents follow (Babel's names); the Office
# writes British English.
LOCALES = {"en": "en_GB", "fr": "fr_FR", "es": "es_ES"}
# Word's language tag for spell-checking, per language.
WORD_TAGS = {"en": "en-GB", "fr": "fr-FR", "es": "es-ES"}
# A thin space Babel puts between groups of French digits: Word's serif faces often lack it, and
# the Office's papers use a no-break space ("1 261").
_NARROW_NBSP, _NBSP = "\u202f", "\u00a0"


def available() -> tuple[str, ...]:
    """The languages documents can be written in: English and each language with a catalog."""
    found = sorted(p.parent.parent.name for p in CATALOGS.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return (SOURCE, *(language for language in found if language != SOURCE))


def checked_language(language: str | None, declared: list[str]) -> tuple[str, str]:
    """The language of a document's text (`language`, default the dataset's first) and of its fixed
    words (the same, or English where the tool has no catalog for a first language it was not asked
    for); a language asked for without a catalog is refused (usage)."""
    if language is not None and language not in available():
        raise UsageError(f"--language {language}: documents can be written in {', '.join(available())}")
    chosen = language or declared[0]
    return chosen, chosen if chosen in available() else SOURCE


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The catalog of a language (English: the message ids themselves)."""
    if language == SOURCE:
        return gettext.NullTranslations()
    with (CATALOGS / language / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as handle:
        return gettext.GNUTranslations(handle)


@dataclass(frozen=True)
class Wording:
    """The fixed words and formats of one language, for templates and the code that builds text."""

    language: str

    @property
    def english(self) -> bool:
        return self.language == SOURCE

    @property
    def locale(self) -> str:
        return LOCALES.get(self.language, self.language)

    def gettext(self, message: str) -> str:
        return translations(self.language).gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return translations(self.language).ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return translations(self.language).pgettext(context, message)

    def number(self, value: Decimal | int | float) -> str:
        """1261 → '1,261' (en), '1 261' (fr, a no-break space), '1.261' (es); 39.8 → '39,8' (fr, es)."""
        value = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
        if self.english:
            return f"{int(value):,}" if value == value.to_integral_value() else f"{value.normalize():,f}"
        from babel.numbers import format_decimal

        value = value.to_integral_value() if value == value.to_integral_value() else value.normalize()
        return format_decimal(value, locale=self.locale).replace(_NARROW_NBSP, _NBSP)

    def count(self, n: int | float) -> str:
        """A count or a number of days as the templates print it: '1261' and '5.5' in English (as
        the report always has), in the language's style otherwise ('1 261', '5,5')."""
        if self.english:
            return f"{n:g}" if isinstance(n, float) else str(n)
        return self.number(n)

    def spoken(self, figure: Figure, style: str | None = None) -> str:
        """A figure as prose states it in this language: 'environ 6 millions', '39,8 millions de
        dollars des États-Unis', '57 pour cent' (see model.figures.spoken for English)."""
        value = figure.value
        if style == "number":
            return self.number(value)
        unit = original(figure.unit)  # read as the first language writes it: US$, million, per cent
        currency, scale = money_and_scale(unit)
        if style == "words" and value == value.to_integral_value() and 0 <= value <= 10 and not currency:
            text = self.pgettext("number", WORDS[int(value)])
        else:
            text = self.number(value)
        if scale:
            # French and Spanish: one million below two, as in "1,5 million" (fr).
            text = self.ngettext(*SCALE_FORMS[scale], 1 if value < 2 else 2) % {"num": text}
        if currency:
            text = self._money(text, currency, bool(scale), value)
        if unit == "per cent":
            text = self.gettext("%(num)s per cent") % {"num": text}
        return self.gettext(qualified(figure.qualifier)) % {"figure": text} if figure.qualifier else text

    def _money(self, amount: str, symbol: str, scaled: bool, value: Decimal) -> str:
        """'39,8 millions de dollars des États-Unis': the currency's name in the language (Babel's)."""
        from babel.numbers import get_currency_name

        code = CURRENCY_SYMBOLS.get(symbol)
        if code is None:  # a symbol the tool does not know: printed before the number, as written
            return f"{symbol}{amount}"
        name = get_currency_name(code, count=2 if scaled or value != 1 else 1, locale=self.locale)
        if scaled:
            return self.gettext("%(amount)s of %(currency)s") % {"amount": amount, "currency": name}
        return f"{amount} {name}"

    def per_cent(self, value: Decimal) -> str:
        """A share already in whole per cent: '43%' (en), '43 %' (fr, es: a no-break space)."""
        if self.english:
            return f"{value}%"
        return self.percent(Decimal(value) / 100)

    def percent(self, share: float | Decimal) -> str:
        """0.398 → '40%' (en), '40 %' (fr, es)."""
        if self.english:
            return f"{Decimal(share * 100).quantize(Decimal('1'))}%"
        from babel.numbers import format_percent

        return format_percent(share, locale=self.locale).replace(_NARROW_NBSP, _NBSP)

    def long_date(self, day: date) -> str:
        """'21 January 2016', '21 janvier 2016' ('1er janvier 2016'), '21 de enero de 2016'."""
        if self.english:
            return long_date(day)
        from babel.dates import format_date

        text = format_date(day, "long", locale=self.locale)
        if self.language == "fr" and day.day == 1:  # French writes the first of a month as an ordinal
            text = "1er" + text[1:]
        return text

    def date_range(self, first: date, last: date) -> str:
        """'1 January–31 December 2015'; in another language, each day in full, joined by an en dash."""
        if self.english:
            return date_range(first, last)
        return f"{self.long_date(first)}–{self.long_date(last)}"

    def counted(self, n: int, noun: str) -> str:
        """A number with its noun: '3 contacts', '3 contacts' (fr), '3 contactos'."""
        if self.english:
            return count(n, noun)
        forms = NOUNS.get(noun)
        if forms is None:
            raise KeyError(f"no catalog entry for the counted noun {noun!r}: add it to reports/language.NOUNS")
        return self.ngettext(*forms, n) % {"num": self.count(n)}

    def missing(self, text: str) -> str:
        """A passage not yet in the document's language, marked as such where it is printed (--draft)."""
        return self.gettext("[not translated: %(text)s]") % {"text": text}


@contextmanager
def in_language(language: str) -> Iterator[Wording]:
    """While it lasts, numbers and figures the report's code prints follow `language`."""
    found = wording(language)
    token = STYLE.set(None if found.english else found)
    try:
        yield found
    finally:
        STYLE.reset(token)


def wording(language: str) -> Wording:
    """The wording of a language documents can be written in."""
    if language not in available():
        raise UsageError(f"no catalog for {language}: documents can be written in {', '.join(available())}")
    return Wording(language)


def N_(message: str) -> str:
    """Marks a message for extraction (scripts/catalogs.py), looked up where it is used."""
    return message


REGISTERS_TITLE = N_("Registers of enterprises engaging with the ILO")
# The labels of a Governing Body paper's cover (reports/docx/cover.py), looked up for its language.
COVER_LABELS = ("Governing Body", "Date:", "Original:", "Purpose of the document", "Relevant strategic objective:",
                "Policy implications:", "Legal implications:", "Financial implications:",
                "Follow-up action required:", "Author unit:", "Related documents:")


def localized_cover(report: ProgressReport, words: Wording, day: date) -> ProgressReport:
    """The report with its cover in the language of `words`: the date written in it, the kind of
    purpose and the original language in its words, and the Word cover's labels."""
    if words.english:
        return report
    cover = replace(report.cover, date=words.long_date(day), purpose_kind=words.gettext(report.cover.purpose_kind),
                    language=words.gettext(report.cover.language),
                    labels={label: words.gettext(label) for label in COVER_LABELS})
    return replace(report, cover=cover)


def _ngettext_marker(singular: str, plural: str) -> tuple[str, str]:
    """Marks a counted noun's two forms for extraction (scripts/catalogs.py reads this name)."""
    return singular, plural


# Every noun the templates count (`| counted("contact")`), in both forms, with `%(num)s` for the number.
NOUNS = {
    "contact": _ngettext_marker("%(num)s contact", "%(num)s contacts"),
    "enterprise": _ngettext_marker("%(num)s enterprise", "%(num)s enterprises"),
    "step": _ngettext_marker("%(num)s step", "%(num)s steps"),
    "needs analysis": _ngettext_marker("%(num)s needs analysis", "%(num)s needs analyses"),
    "other": _ngettext_marker("%(num)s other", "%(num)s others"),
    "day": _ngettext_marker("%(num)s day", "%(num)s days"),
}

# The scales a figure's unit may start with, in both forms (see SCALES).
SCALE_FORMS = {
    "thousand": _ngettext_marker("%(num)s thousand", "%(num)s thousand"),
    "million": _ngettext_marker("%(num)s million", "%(num)s million"),
    "billion": _ngettext_marker("%(num)s billion", "%(num)s billion"),
}
# Currency symbols a figure's unit may start with (`US$ million`), and their ISO 4217 codes.
CURRENCY_SYMBOLS = {"US$": "USD"}
# Words of the tool that reach documents from the code or the data, looked up by `| translated`:
# the assessment's requirements (reports/assessment.REQUIREMENTS, read by scripts/catalogs.py),
# the kinds of purpose, the figures' qualifiers and the participants' usual roles.
ROLES = ("member", "co-chair", "funder", "implementing partner", "partner", "coordinator", "organizer",
         "supporter", "founder", "collaborator")


def qualified(qualifier: str) -> str:
    """The message of a figure with its qualifier: 'about %(figure)s'."""
    return f"{qualifier} %(figure)s"


def code_words() -> list[tuple[str | None, str]]:
    """The words of the tool that reach documents as values rather than as template text, each
    with its context (None, or `number` for the words that spell a figure), for the catalogs."""
    from typing import get_args

    from ..lookup.timing import STEPS
    from ..model import Figure as FigureModel, ReportText
    from .assessment import REQUIREMENTS
    from .computed import COMPONENT_TITLES

    kinds = get_args(ReportText.model_fields["purpose_kind"].annotation)
    qualifiers = [qualified(q) for q in get_args(get_args(FigureModel.model_fields["qualifier"].annotation)[0])]
    plain = ["English", *kinds, *REQUIREMENTS.values(), *COMPONENT_TITLES.values(), "Total",
             "Total of these areas", *STEPS, *ROLES, *qualifiers]
    return [(None, word) for word in dict.fromkeys(plain)] + [("number", word) for word in WORDS]
