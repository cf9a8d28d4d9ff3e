"""Pydantic's validation errors, turned into problems an officer can act on."""

from __future__ import annotations

import difflib
from datetime import date
from typing import Any

from pydantic import BaseModel, ValidationError

from ..core import problems as P
from ..core.problems import Problem
from ..yamlio import Document, Path


def schema_problems(error: ValidationError, model: type[BaseModel], document: Document, file: str) -> list[Problem]:
    """One problem per validation error, at the line of the field concerned."""
    return [_problem(detail, model, document, file) for detail in error.errors(include_url=False)]


def field_name(loc: Path) -> str:
    """A field's path as an officer reads it: `follow_ups[1].date`."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _problem(detail: Any, model: type[BaseModel], document: Document, file: str) -> Problem:
    loc: Path = tuple(detail["loc"])
    field = field_name(loc)
    kind = detail["type"]
    if kind == "extra_forbidden":
        span = document.span(loc)
        allowed = _allowed_fields(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        if "persons" in loc:  # an unknown key there may be a name or an e-mail address: not repeated either
            field = field_name(loc[:-1]) + ".(a key, not shown: personal data)"
        hint = f"did you mean `{close[0]}`?" if close else f"the fields allowed here are: {', '.join(allowed)}"
        return P.UNKNOWN_FIELD.at(file, span.line, span.column, f"unknown field `{field}`", hint)
    if kind == "missing":
        parent = document.span(loc[:-1]) if loc[:-1] else None
        line, column = (parent.line, parent.column) if parent else (1, 1)
        return P.MISSING_FIELD.at(file, line, column, f"missing required field `{field}`", f"add `{loc[-1]}:` here")
    span = document.span(loc)
    if "persons" in loc:  # personal data: never repeated in an output, not even in a problem
        detail = {**detail, "input": _HIDDEN, "msg": "the value is not valid (personal data, not shown)"}
    message, why = _describe(detail)
    prefix = f"`{field}`: " if field else ""
    return P.INVALID_VALUE.at(file, span.value_line, span.value_column, prefix + message, why)


def _describe(detail: Any) -> tuple[str, str | None]:
    kind, value = detail["type"], detail.get("input")
    shown = _show(value)
    if kind == "literal_error":
        return f"{shown} is not allowed", f"use one of {detail['ctx']['expected']}"
    if kind == "bool_type":
        return f"expected true or false, got {shown}", "write true or false, without quotes"
    if kind == "string_type":
        return f"expected text, got {shown}", "put the value in quotes"
    if kind in ("int_type", "int_parsing", "decimal_type", "decimal_parsing", "float_type"):
        return f"expected a number, got {shown}", None
    if kind == "list_type":
        return f"expected a list, got {shown}", "write each item on its own line starting with '- '"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected `key: value` fields, got {shown}", None
    if kind == "decimal_max_digits":
        return (f"{shown} has more than {detail['ctx']['max_digits']} digits",
                "write the number as stated, its scale in the unit (e.g. 39.8 with unit `US$ million`)")
    if kind == "string_pattern_mismatch":
        return f"{shown} is not in the expected form", f"match the pattern {detail['ctx']['pattern']}"
    if kind == "string_too_short":
        return "must not be empty", None
    return _one_line(detail), _CUSTOM_HINTS.get(kind)


def _one_line(detail: Any) -> str:
    """A custom error's message with the value it repeats kept to one short line."""
    message: str = detail["msg"]
    value = detail.get("ctx", {}).get("value")
    if isinstance(value, str) and value and ("\n" in value or "\r" in value or len(value) > _SHOWN):
        inline = repr(value)[1:-1]
        message = message.replace(value, inline if len(inline) <= _SHOWN else inline[: _SHOWN - 1] + "…")
    return message


# Hints for the errors raised by the field types in `model.types`.
_CUSTOM_HINTS = {
    "date_format": "write the date as YYYY-MM-DD, e.g. 2015-06-01",
    "date_value": "write a real date as YYYY-MM-DD, e.g. 2015-06-01",
    "partial_date": "write a year (2010), a month (2015-10) or a date (2015-10-28)",
    "country_code": "use the two-letter ISO code, e.g. CH for Switzerland, CI for Côte d'Ivoire",
    "currency_code": "use the three-letter ISO code, e.g. USD or CHF",
    "id_format": "ids look like `acme-foods`: lower-case letters and digits joined by single hyphens",
    "id_type": "write the id of the record, e.g. `acme-foods`",
    "participant": "write `enterprise: <id>` for a registered enterprise, else `organization: <name>`",
}


class _Hidden:
    """A value that must not be printed."""


_HIDDEN = _Hidden()


_SHOWN = 80  # characters of a value a message repeats


def _show(value: Any) -> str:
    if value is _HIDDEN:
        return "the value (personal data, not shown)"
    if value is None:
        return "nothing"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return "fields"
    if isinstance(value, list):
        return "a list"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"  # a one-line message, whatever the value


def _allowed_fields(model: type[BaseModel], loc: Path) -> list[str]:
    """The field names accepted at a place in a record (by their YAML spelling)."""
    part = model.part_at(loc)  # type: ignore[attr-defined]
    return part.field_names() if part is not None else []
