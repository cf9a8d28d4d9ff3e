"""Cells made field values: text, lists split on a separator, countries by name or code made ISO
3166-1 alpha-2 codes, dates in the declared order, true/false.

Each conversion returns the value, or raises `Unreadable` with the problem code and what to write.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any

from ..core.problems import Code, Severity
from .mapping import Rule

COUNTRY = Code("I010", Severity.ERROR, "country not recognised",
               "write the country's ISO code (e.g. GH) or its English name (e.g. Ghana)")
DATE = Code("I011", Severity.ERROR, "date not readable",
            "write the date YYYY-MM-DD, or declare the order of the file's dates (`dates = \"day-first\"`)")
BOOLEAN = Code("I012", Severity.ERROR, "not yes or no", "write yes or no (true or false)")

_TRUE = {"yes", "y", "true", "x", "1", "oui", "si", "sí"}
_FALSE = {"no", "n", "false", "0", "non", ""}
_NUMERIC_DATE = re.compile(r"(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})")
_WORDED_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y", "%d-%b-%Y", "%d-%B-%Y")


class Unreadable(Exception):
    """A cell that cannot become its field's value: the code and a message naming the cell's text."""

    def __init__(self, code: Code, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def convert(cell: Any, kind: str, rule: Rule, dates: str | None) -> Any:
    """The field value of one cell (or of the rule's fixed value) for a field of this type;
    None for an empty cell."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if kind in ("list", "countries"):
        items = [part.strip() for part in text_of(cell).split(rule.split)] if rule.split else [text_of(cell)]
        single = "country" if kind == "countries" else "text"
        found = [convert(item, single, rule, dates) for item in items if item]
        return list(dict.fromkeys(v for v in found if v is not None)) or None
    if rule.values and not isinstance(cell, (date, datetime)):
        key = " ".join(re.findall(r"[a-z0-9]+", text_of(cell).casefold().replace("'", "")))
        if key in rule.values:
            return rule.values[key]
    if kind == "country":
        return country_code(text_of(cell))
    if kind == "date":
        return read_date(cell, dates)
    if kind == "bool":
        return read_bool(cell)
    return text_of(cell)


@cache
def _choices(kind: str, name: str) -> dict[str, str]:
    """A field's allowed values (a Literal in the model) by their key: lower case, words joined by
    hyphens (`Workers' organization` → `workers-organization`); empty for a free field."""
    from typing import get_args, get_origin

    from ..model import Contact, Enterprise

    model = Enterprise if kind == "enterprises" else Contact
    info = model.model_fields.get(name)
    annotation = info.annotation if info is not None else None
    options = [a for a in get_args(annotation) if a is not type(None)] if get_origin(annotation) is not None else []
    if len(options) == 1 and get_args(options[0]):
        options = list(get_args(options[0]))
    return {"-".join(_plain(o).split()): o for o in options if isinstance(o, str)}


def choice(value: Any, name: str, kind: str) -> Any:
    """A cell's text made one of the field's allowed values when it is one but for case, spaces or
    punctuation (`Large` → `large`); any other value as it is, for the record's check to refuse."""
    choices = _choices(kind, name)
    if not choices or not isinstance(value, str):
        return value
    return choices.get(value) or choices.get("-".join(_plain(value).split()), value)


def text_of(cell: Any) -> str:
    """A cell as text: a whole number without `.0`, a date as YYYY-MM-DD."""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.date().isoformat() if not (cell.hour or cell.minute or cell.second) else cell.isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, Decimal):
        return format(cell, "f")
    return " ".join(str(cell).split())


@lru_cache(maxsize=4096)  # a column's cells repeat (countries, sizes, sectors): each text made plain once
def _plain(text: str) -> str:
    if text.isascii():
        plain = text.casefold()
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"[a-z0-9]+", plain.replace("'", "")))


@cache
def _countries() -> dict[str, str]:
    """Every way pycountry knows to write a country (codes, names, official and common names),
    compared without accents, case or punctuation, to its alpha-2 code."""
    import pycountry

    found: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                found.setdefault(_plain(value), code)
        found[_plain(country.alpha_3)] = code
        found[_plain(code)] = code
    # Short forms in common use that pycountry spells otherwise.
    for short, code in (("usa", "US"), ("united states", "US"), ("uk", "GB"), ("great britain", "GB"),
                        ("england", "GB"), ("russia", "RU"), ("south korea", "KR"), ("korea", "KR"),
                        ("vietnam", "VN"), ("ivory coast", "CI"), ("cote divoire", "CI"), ("turkey", "TR"),
                        ("iran", "IR"), ("laos", "LA"), ("syria", "SY"), ("tanzania", "TZ"), ("bolivia", "BO"),
                        ("venezuela", "VE"), ("moldova", "MD"), ("the netherlands", "NL"), ("holland", "NL"),
                        ("czech republic", "CZ"), ("swaziland", "SZ"), ("burma", "MM"), ("macedonia", "MK")):
        found.setdefault(short, code)
    return found


def country_code(text: str) -> str:
    """The ISO 3166-1 alpha-2 code of a country written as a code (GH, GHA) or a name (Ghana,
    Côte d'Ivoire, Republic of Korea); Unreadable otherwise."""
    key = _plain(text)
    code = _countries().get(key) or _countries().get(key.removeprefix("the "))
    if code is None:
        raise Unreadable(COUNTRY, f"{text!r} is not a country name or ISO code")
    return code


def read_date(cell: Any, order: str | None) -> date:
    """A date cell (a spreadsheet date), or text: YYYY-MM-DD always; 31/12/2015 or 12/31/2015 as the
    declared order says; `3 March 2015` and `March 3, 2015`. Unreadable otherwise, or when the
    order is needed and not declared."""
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    text = text_of(cell)
    match = _NUMERIC_DATE.fullmatch(text)
    if match:
        first, second, third = (int(g) for g in match.groups())
        if len(match[1]) == 4:
            year, month, day = first, second, third
        elif order is None:
            raise Unreadable(DATE, f"{text!r}: is it day-first or month-first? Declare `dates` in the mapping")
        else:
            day, month = (first, second) if order == "day-first" else (second, first)
            year = third + (2000 if third < 70 else 1900) if len(match[3]) == 2 else third
        try:
            return date(year, month, day)
        except ValueError:
            raise Unreadable(DATE, f"{text!r} is not a date read {order or 'year first'}") from None
    for form in _WORDED_FORMATS:
        try:
            return datetime.strptime(text.replace(",", ""), form).date()
        except ValueError:
            continue
    raise Unreadable(DATE, f"{text!r} is not a date")


def read_bool(cell: Any) -> bool:
    """yes/no, true/false, x or empty, 1/0."""
    if isinstance(cell, bool):
        return cell
    key = text_of(cell).casefold()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise Unreadable(BOOLEAN, f"{text_of(cell)!r} is not yes or no")
