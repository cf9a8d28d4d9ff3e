"""The value of a plain (unquoted) scalar in a record file: the YAML 1.2 core schema, which is
what ruamel.yaml reads by default, plus `YYYY-MM-DD` dates; decimals stay exact as `Decimal`.
`yes`, `no`, `on`, `off` and `0123`-style sexagesimals of YAML 1.1 stay strings.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

# Only these spellings are not strings; a plain scalar that starts with no other character is one.
_NULLS = frozenset({"~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_DECIMAL = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_SPECIAL_FLOAT = re.compile(r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MAYBE_NOT_STRING = frozenset("0123456789+-.~nNtTfF")


def resolve(value: str) -> Any:
    """The value of a plain (unquoted) scalar."""
    if not value:
        return None
    if value[0] not in _MAYBE_NOT_STRING:
        return value
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    if _DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value  # e.g. 2015-02-30: the schema reports it as a bad date
    if _INT.fullmatch(value):
        try:
            return int(value)
        except ValueError:  # more digits than Python converts (4300): still a number, exactly
            return Decimal(value)
    if _OCT.fullmatch(value):
        return int(value[2:], 8)
    if _HEX.fullmatch(value):
        return int(value[2:], 16)
    if _DECIMAL.fullmatch(value):
        return Decimal(value)
    if _SPECIAL_FLOAT.fullmatch(value):
        return float(value.replace(".", ""))
    return value
