"""Figures in prose: placeholders that name a figure, its history, and how it is printed.

Text never repeats a number a record states: it names the figure, `{key}` in the initiative's
own summary or `{initiative-id.key}` anywhere, optionally `{…:words}` (one to ten spelled out)
or `{…:number}` (the number alone). Only braces around such a name are placeholders; any other
brace, and anything that looks like a template, is text. Nothing here is evaluated as Jinja.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol

from . import Figure, Initiative

_NAME = r"[a-z0-9]+(?:-[a-z0-9]+)*"
PLACEHOLDER = re.compile(rf"\{{(?:({_NAME})\.)?({_NAME})(?::(words|number))?\}}")
# A number as prose writes it: 1,261 or 39.8 or 6 (not part of a word, a date or a placeholder).
NUMBER = re.compile(r"(?<![\w.,/{-])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w/-])|(?<![\w.,/{-])\d+(?:\.\d+)?(?![\w/-])")
WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
SCALES = ("thousand", "million", "billion")


class FigureStyle(Protocol):
    """How numbers and figures are printed in a language other than the paper's English."""

    def number(self, value: Decimal | int) -> str: ...

    def spoken(self, figure: Figure, style: str | None) -> str: ...

    def per_cent(self, value: Decimal) -> str: ...


# Set while a document is made in another language (reports/language.py, `in_language`), so that
# every number and figure the document prints follows that language's style; None: English.
STYLE: ContextVar[FigureStyle | None] = ContextVar("figure_style", default=None)


@dataclass(frozen=True)
class Placeholder:
    """A placeholder found in a text: where it is, whose figure it names, and how to print it."""

    start: int
    end: int
    initiative: str | None  # None: the record the text belongs to
    key: str
    style: str | None

    @property
    def written(self) -> str:
        return f"{{{self.initiative + '.' if self.initiative else ''}{self.key}{':' + self.style if self.style else ''}}}"


@dataclass(frozen=True)
class Current:
    """A figure's value as of a day, and the value recorded before it (if any)."""

    figure: Figure
    previous: Figure | None


def placeholders(text: str) -> Iterator[Placeholder]:
    """Every placeholder in a text, in order."""
    for match in PLACEHOLDER.finditer(text):
        yield Placeholder(match.start(), match.end(), match[1], match[2], match[3])


def as_of_day(as_of: str | int) -> date:
    """The first day a partial date stands for: 2015 → 1 January 2015, 2015-10 → 1 October 2015."""
    parts = [int(p) for p in str(as_of).split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def current_figures(initiative: Initiative, end: date | None = None) -> dict[str, Current]:
    """Each figure of an initiative by key: its latest value as of `end` (all, if None), and the one before."""
    history: dict[str, list[Figure]] = {}
    for figure in initiative.figures:
        history.setdefault(figure.ref, []).append(figure)
    found = {}
    for key, figures in history.items():
        dated = sorted(figures, key=lambda f: as_of_day(f.as_of))
        held = [f for f in dated if end is None or as_of_day(f.as_of) <= end] or dated[:1]
        latest = held[-1]
        earlier = [f for f in dated if as_of_day(f.as_of) < as_of_day(latest.as_of)]
        found[key] = Current(latest, earlier[-1] if earlier else None)
    return found


def number(value: Decimal | int) -> str:
    """1261 → '1,261', 39.8 → '39.8' (in the style of the document's language, if it is not English)."""
    style = STYLE.get()
    if style is not None:
        return style.number(value)
    value = Decimal(value)
    return f"{int(value):,}" if value == value.to_integral_value() else f"{value.normalize():,f}"


def per_cent(value: Decimal) -> str:
    """A share in whole per cent as a table prints it: '43%' (in another language, its style: '43 %')."""
    style = STYLE.get()
    return style.per_cent(value) if style is not None else f"{value}%"


def spoken(figure: Figure, style: str | None = None) -> str:
    """A figure as prose states it: 'around 6 million', 'US$39.8 million', '57 per cent', '1,261'.

    The unit's counted noun ('participants') is the prose's; its currency, scale and 'per cent'
    go with the number. `words` spells out whole numbers up to ten; `number` is the number alone."""
    other = STYLE.get()
    if other is not None:
        return other.spoken(figure, style)
    value = figure.value
    if style == "number":
        return number(value)
    currency, scale = money_and_scale(figure.unit)
    if style == "words" and value == value.to_integral_value() and 0 <= value <= 10 and not currency:
        text = WORDS[int(value)]
    else:
        text = f"{currency}{number(value)}"
    if scale:
        text += f" {scale}"
    if figure.unit == "per cent":
        text += " per cent"
    return f"{figure.qualifier} {text}" if figure.qualifier else text


def has_noun(unit: str) -> bool:
    """Whether a figure's unit has a counted noun ('companies', 'million workers'), which each
    language writes in its own words; 'US$ million' and 'per cent' have none: the tool prints them."""
    if unit == "per cent":
        return False
    currency, scale = money_and_scale(unit)
    return len(unit.split()) > bool(currency) + bool(scale)


def alike_in_every_language(where: tuple[str | int, ...], text: str) -> bool:
    """Whether a translatable text at `where` in a record reads the same in every language: a
    figure's unit without a counted noun (see `has_noun`)."""
    return len(where) >= 3 and where[-3] == "figures" and where[-1] == "unit" and not has_noun(text)


def money_and_scale(unit: str) -> tuple[str, str]:
    """What of a figure's unit goes with the number in prose: its currency symbol ('US$') and its
    scale ('million'), each '' where the unit has none; the rest is the prose's counted noun."""
    words = unit.split()
    currency = ""
    if words and words[0].endswith("$"):
        currency, words = words[0], words[1:]
    return currency, words[0] if words and words[0] in SCALES else ""


def fill(text: str, own: str | None, figures: dict[str, dict[str, Current]]) -> str:
    """A text with its placeholders replaced by the figures they name (unknown ones left as written:
    `validate` reports them, and a report is never made from data with errors)."""
    out, last = [], 0
    for p in placeholders(text):
        current = figures.get(p.initiative or own or "", {}).get(p.key)
        if current is None:
            continue
        words = spoken(current.figure, p.style)
        if _starts_sentence(text, p.start):
            words = words[0].upper() + words[1:]
        out += [text[last:p.start], words]
        last = p.end
    out.append(text[last:])
    return "".join(out)


def numbers(text: str) -> Iterator[tuple[int, str, Decimal]]:
    """Every number written out in a text (outside placeholders): offset, as written, value."""
    for match in NUMBER.finditer(PLACEHOLDER.sub(lambda m: " " * len(m[0]), text)):
        yield match.start(), match[0], Decimal(match[0].replace(",", ""))


def _starts_sentence(text: str, at: int) -> bool:
    before = text[:at].rstrip()
    return not before or (before.endswith((".", "!", "?")) and not before.endswith(".."))
