"""A new record's YAML text written directly, for the many records of an import: the same text
`authoring.drafts.record_text` makes (canonical order and layout), without building ruamel's
round-trip objects for each, which costs milliseconds a record. Only values whose text is certain
are written here (short plain words, dates, numbers, true/false, lists and mappings of them); a
record holding any other value (quotes, a colon, long text to fold) returns None, and the caller
uses `record_text`. The tests prove the two equal on the values this writes."""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import Any

from ..model import Part
from ..yamlio.roundtrip import YAML11_NOT_STRING

# Plain text as ruamel writes it unquoted: no indicator first, no `: ` or ` #`, no quotes or
# brackets, short enough never to be folded (see roundtrip.folded), no edge spaces.
_PLAIN = re.compile(r"[A-Za-z0-9\u00C0-\u024F(][A-Za-z0-9\u00C0-\u024F .,;:@_'()/&+=?-]{0,58}"
                    r"[A-Za-z0-9\u00C0-\u024F.)/]|[A-Za-z0-9\u00C0-\u024F]")


def text(model: type[Part], record: dict[str, Any]) -> str | None:
    """The record's YAML, or None if a value needs the round-trip writer."""
    lines: list[str] = []
    return "".join(lines) if _mapping(model, record, "", lines) else None


def _scalar(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and _PLAIN.fullmatch(value) and "  " not in value and ": " not in value \
            and not YAML11_NOT_STRING.fullmatch(value):
        return value
    return None


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, dict)) and not value)


@cache  # the same few models for thousands of records: their order and parts looked up once
def _order(model: type[Part] | None) -> list[str]:
    return model.field_names() if model is not None else []


@cache
def _part(model: type[Part] | None, key: str) -> type[Part] | None:
    return model.part_at((key,)) if model is not None else None


def _mapping(model: type[Part] | None, data: dict[str, Any], indent: str, lines: list[str],
             first_prefix: str | None = None) -> bool:
    order = _order(model)
    keys = [k for k in order if k in data] + [k for k in data if k not in order]
    prefix = first_prefix if first_prefix is not None else indent
    for key in keys:
        value = data[key]
        if _empty(value):
            continue
        if isinstance(value, dict):
            if all(_empty(v) for v in value.values()):
                return False  # record_text writes `{}` for it: left to it
            lines.append(f"{prefix}{key}:\n")
            part = _part(model, key)
            if not _mapping(part, value, indent + "  ", lines):
                return False
        elif isinstance(value, list):
            lines.append(f"{prefix}{key}:\n")
            part = _part(model, key)
            for item in value:
                if isinstance(item, dict):
                    if all(_empty(v) for v in item.values()):
                        return False
                    if not _mapping(part, item, indent + "    ", lines, first_prefix=f"{indent}  - "):
                        return False
                    continue
                shown = _scalar(item)
                if shown is None:
                    return False
                lines.append(f"{indent}  - {shown}\n")
        else:
            shown = _scalar(value)
            if shown is None:
                return False
            lines.append(f"{prefix}{key}: {shown}\n")
        prefix = indent
    return True
