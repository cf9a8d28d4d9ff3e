"""A record given whole with --from-file, as YAML or JSON: read safely, and each field's value
of the shape its model asks for (text, a list, a mapping, a number, true/false) before any is used."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from ..core import layout
from ..core.errors import UsageError
from ..model.types import _Date, _PartialDate
from ..yamlio import parse

_INITIATIVE_KINDS = tuple(place.kind for place in layout.INITIATIVES)


def read_given(source: str) -> str:
    """The text --from-file names (`-`: standard input), read no further than the size limit of a
    record file. Only a regular file or standard input: a FIFO or a device is refused without
    blocking (the file is opened non-blocking and looked at before any read)."""
    import sys

    from ..core.problems import FileProblem
    from ..core.sourcetext import MAX_FILE_BYTES, read

    try:
        if source == "-":
            data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES:
                raise UsageError(f"the record on standard input has more than {MAX_FILE_BYTES:,} bytes, the limit")
        else:
            data = read(source)
    except FileProblem as exc:
        raise UsageError(f"cannot read {source}: {exc.message}") from None
    except OSError as exc:
        raise UsageError(f"cannot read {source}: {exc.strerror}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"cannot read {source}: it is not UTF-8 text") from None


def read_record_file(text: str) -> dict[str, Any]:
    """A record given whole, as YAML or JSON (for --from-file)."""
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as exc:  # JSONDecodeError; too many digits; nesting too deep
            raise UsageError(f"the JSON given is not valid: {exc}") from None
    else:
        from ..core.problems import FileProblem

        try:
            data = parse(text).data
        except FileProblem as exc:
            raise UsageError(f"the YAML given is not valid (line {exc.line}): {exc.message}") from None
    if not isinstance(data, dict):
        raise UsageError("the record given must be a mapping of fields")
    return data


def given_record(text: str, what: str) -> dict[str, Any]:
    """The fields --from-file gives, each of the shape its field takes (text, a list, a mapping,
    a number, true/false); FieldsInvalid naming every one that is not, before any is used."""
    from ..model import KINDS
    from .fields import FieldsInvalid

    data = read_record_file(text)
    checked, name = data, what
    if what == "initiative":  # its kind names its model; a wrong kind is the kind's own problem
        name = data["kind"] if isinstance(data.get("kind"), str) and data["kind"] in _INITIATIVE_KINDS else "network"
        checked = {k: v for k, v in data.items() if k != "kind"}
    model = next(kind.model for kind in KINDS if kind.name == name)
    problems = shape_problems(model, checked)
    if problems:
        raise FieldsInvalid(problems)
    return data


def shape_problems(model: type[BaseModel], data: dict[str, Any], prefix: str = "") -> list[str]:
    """Where the given values do not have the shape of the model's fields (unknown keys are left
    to the record's own checks, which name them with their line)."""
    fields = {info.alias or name: info.annotation for name, info in model.model_fields.items()}
    found: list[str] = []
    for key, value in data.items():
        if isinstance(key, str) and key in fields:
            found += _shape(fields[key], value, f"{prefix}{key}")
    return found


def _shape(annotation: Any, value: Any, where: str) -> list[str]:
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        if _PartialDate in args[1:]:  # a year as a number, or text: its own check says more
            return []
        return _shape(date if _Date in args[1:] else args[0], value, where)
    if origin in (Union, UnionType):
        options = [a for a in args if a is not type(None)]
        if value is None and len(options) < len(args):
            return []
        results = [_shape(option, value, where) for option in options]
        return [] if any(not r for r in results) else results[0]
    if origin is Literal:
        if any(type(value) is type(a) for a in args):
            return []
        return [f"{where}: expected one of {', '.join(map(str, args))}, got {_what(value)}"]
    if origin is list:
        if not isinstance(value, list):
            return [f"{where}: expected a list, got {_what(value)}"]
        return [p for i, item in enumerate(value) for p in _shape(args[0] if args else Any, item, f"{where}[{i}]")]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if not isinstance(value, dict):
            return [f"{where}: expected a mapping of fields, got {_what(value)}"]
        return shape_problems(annotation, value, f"{where}.")
    expected: dict[Any, tuple[str, Callable[[Any], bool]]] = {str: ("text", lambda v: isinstance(v, str)),
                bool: ("true or false", lambda v: isinstance(v, bool)),
                date: ("a date (YYYY-MM-DD)", lambda v: isinstance(v, (date, str))),
                int: ("a number", _is_number), Decimal: ("a number", _is_number), float: ("a number", _is_number)}
    if annotation in expected:
        words, fits = expected[annotation]
        return [] if fits(value) else [f"{where}: expected {words}, got {_what(value)}"]
    return []


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def _what(value: Any) -> str:
    """What a given value is, in words (never the value itself: it may be personal data)."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return "text"
    if _is_number(value):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, date):
        return "a date"
    return type(value).__name__
