"""Small helpers that keep the report's sentences grammatical and its typography consistent."""

from __future__ import annotations

import re
from datetime import date

_IRREGULAR = {"needs analysis": "needs analyses", "enterprise": "enterprises", "other": "others"}


def plural(noun: str) -> str:
    """'contact' → 'contacts', 'needs analysis' → 'needs analyses'."""
    if noun in _IRREGULAR:
        return _IRREGULAR[noun]
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("s", "x", "ch", "sh")) else "s")


def count(n: int, noun: str, verb: tuple[str, str] | None = None) -> str:
    """A number with its noun, and a verb that agrees: count(1, 'contact', ('predates', 'predate'))
    → '1 contact predates'; count(2, …) → '2 contacts predate'."""
    words = f"{n} {noun if n == 1 else plural(noun)}"
    if verb is not None:
        words += f" {verb[0] if n == 1 else verb[1]}"
    return words


def long_date(day: date) -> str:
    """21 January 2016."""
    return f"{day.day} {day.strftime('%B')} {day.year}"


def date_range(first: date, last: date) -> str:
    """'1 January–31 December 2015', '13 June 2014–21 January 2016' (an en dash, as GB papers write ranges)."""
    if first.year == last.year:
        start = f"{first.day} {first.strftime('%B')}" if first.month != last.month else f"{first.day}"
        return f"{start}–{long_date(last)}"
    return f"{long_date(first)}–{long_date(last)}"


def typography(text: str) -> str:
    """The report's typography: ’ for apostrophes, “ ” for quotes, an en dash between two numbers."""
    text = re.sub(r"(?<=\w)'(?=\w)|(?<=s)'(?=\s|$)", "’", text)
    text = re.sub(r"'", "’", text)
    text = re.sub(r'"(?=\w)', "“", text)
    text = text.replace('"', "”")
    return re.sub(r"(?<![\d-])\b(\d{1,4})-(\d{1,4})\b(?![-\d])", _range, text)


def _range(match: re.Match[str]) -> str:
    """'10-24' and '2014-15' are ranges (an en dash); '2016-01' is a month, left as it is."""
    first, second = match[1], match[2]
    is_range = (int(second) > int(first) and not second.startswith("0")) or (
        len(first) == 4 and len(second) == 2 and int(second) == (int(first) + 1) % 100)
    return f"{first}–{second}" if is_range else match[0]
