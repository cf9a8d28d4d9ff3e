"""Safe parsing of record files from the C parser's event stream.

Records are read from the parser's event stream, never through a YAML
constructor, so nothing a file says can build a Python object: tags,
anchors, aliases, merge keys and directives are refused where they appear.
Plain scalars are resolved by the YAML 1.2 core schema (``no`` is a string),
plus ``YYYY-MM-DD`` dates; decimals stay exact as ``Decimal``.

Positions are optional because they are only needed to point at a problem:
parse again with ``positions=True`` when one is found.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from ruamel.yaml import events as ev
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .. import problems as P
from ..problems import Code, FileProblem

try:  # The C parser (ruamel.yaml.clib) is about 20 times faster than the pure one.
    from _ruamel_yaml import CParser as _CParser
except ImportError:  # pragma: no cover - only where the wheel is missing
    _CParser = None

# Records nest three or four levels (contact → follow_ups → item → field); this is ample.
MAX_DEPTH = 12

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Span:
    """Where a field starts (its key, or the list item) and where its value starts; from 1."""

    line: int
    column: int
    value_line: int
    value_column: int


@dataclass(slots=True)
class Document:
    """A parsed record file: its data and, if asked for, the position of every field."""

    data: dict[str, Any]
    positions: dict[Path, Span] | None = None

    def span(self, path: Path) -> Span:
        """The position of a field, or of the nearest enclosing field that exists."""
        assert self.positions is not None, "parse with positions=True to locate fields"
        while path not in self.positions:
            path = path[:-1]
        return self.positions[path]


def parse(text: str, *, positions: bool = False) -> Document:
    """Parse one record file's text into a mapping; raise FileProblem if it is not one."""
    builder = _Builder(_events(text), positions)
    try:
        data = builder.document()
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or "invalid YAML"
        context = f" ({exc.context})" if exc.context else ""
        raise FileProblem(P.YAML_SYNTAX, line, column, f"{problem}{context}") from None
    except YAMLError as exc:  # errors without a position, e.g. from the reader
        raise FileProblem(P.YAML_SYNTAX, 1, 1, str(exc).splitlines()[0]) from None
    return Document(data, builder.positions)


def _events(text: str) -> Callable[[], ev.Event]:
    """A function returning the next parser event."""
    if _CParser is not None:
        return _CParser(text).get_event
    from ruamel.yaml import YAML  # pragma: no cover

    return iter(YAML(typ="safe", pure=True).parse(text)).__next__  # pragma: no cover


class _Builder:
    """Builds plain Python data from parser events, refusing what records never use."""

    def __init__(self, next_event: Callable[[], ev.Event], positions: bool) -> None:
        self.next = next_event
        self.positions: dict[Path, Span] | None = {} if positions else None

    def document(self) -> dict[str, Any]:
        self.next()  # StreamStartEvent
        start = self.next()
        if isinstance(start, ev.StreamEndEvent):
            raise FileProblem(P.EMPTY_FILE, 1, 1, "the file holds no record")
        if start.version is not None or start.tags:
            raise _at(P.DIRECTIVE, start, "%YAML and %TAG directives are not allowed")
        root_event = self.next()
        if not isinstance(root_event, ev.MappingStartEvent):
            if isinstance(root_event, ev.ScalarEvent) and root_event.value == "" and not root_event.style:
                raise _at(P.EMPTY_FILE, root_event, "the file holds no record")
            raise _at(P.NOT_A_MAPPING, root_event, "the top level of a record must be `key: value` lines")
        if self.positions is not None:
            line, column = _mark(root_event)
            self.positions[()] = Span(line, column, line, column)
        data = self.value(root_event, (), 1)
        self.next()  # DocumentEndEvent
        after = self.next()
        if not isinstance(after, ev.StreamEndEvent):
            raise _at(P.SEVERAL_DOCUMENTS, after, "a second YAML document starts here")
        return data

    def value(self, event: ev.Event, path: Path, depth: int) -> Any:
        if isinstance(event, ev.AliasEvent):
            raise _at(P.ANCHOR_ALIAS, event, f"alias *{event.anchor} is not allowed")
        if event.anchor is not None:
            raise _at(P.ANCHOR_ALIAS, event, f"anchor &{event.anchor} is not allowed")
        if event.tag is not None:
            raise _at(P.EXPLICIT_TAG, event, f"tag {event.tag} is not allowed")
        if isinstance(event, ev.ScalarEvent):
            return resolve(event.value) if not event.style else event.value
        if depth > MAX_DEPTH:
            raise _at(P.TOO_DEEP, event, f"more than {MAX_DEPTH} levels of nesting")
        if isinstance(event, ev.MappingStartEvent):
            return self.mapping(path, depth)
        return self.sequence(path, depth)

    def mapping(self, path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        key_lines: dict[str, int] = {}
        while True:
            key_event = self.next()
            if isinstance(key_event, ev.MappingEndEvent):
                return result
            key = self.key(key_event)
            line, column = _mark(key_event)
            if key in result:
                raise FileProblem(
                    P.DUPLICATE_KEY, line, column, f"key `{key}` appears twice (first on line {key_lines[key]})"
                )
            key_lines[key] = line
            value_event = self.next()
            child = (*path, key)
            if self.positions is not None:
                self.positions[child] = Span(line, column, *_mark(value_event))
            result[key] = self.value(value_event, child, depth + 1)

    def sequence(self, path: Path, depth: int) -> list[Any]:
        result: list[Any] = []
        while True:
            item_event = self.next()
            if isinstance(item_event, ev.SequenceEndEvent):
                return result
            child = (*path, len(result))
            if self.positions is not None:
                line, column = _mark(item_event)
                self.positions[child] = Span(line, column, line, column)
            result.append(self.value(item_event, child, depth + 1))

    def key(self, event: ev.Event) -> str:
        if isinstance(event, ev.AliasEvent):
            raise _at(P.ANCHOR_ALIAS, event, f"alias *{event.anchor} is not allowed")
        if not isinstance(event, ev.ScalarEvent):
            raise _at(P.BAD_KEY, event, "a key must be a plain name, not a list or mapping")
        if event.anchor is not None:
            raise _at(P.ANCHOR_ALIAS, event, f"anchor &{event.anchor} is not allowed")
        if event.tag is not None:
            raise _at(P.EXPLICIT_TAG, event, f"tag {event.tag} is not allowed")
        if event.value == "<<" and not event.style:
            raise _at(P.ANCHOR_ALIAS, event, "merge key << is not allowed")
        if event.value == "":
            raise _at(P.BAD_KEY, event, "a key is missing before the colon")
        return event.value


def _mark(event: ev.Event) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


def _at(code: Code, event: ev.Event, message: str) -> FileProblem:
    return FileProblem(code, *_mark(event), message)


# The YAML 1.2 core schema, which is what ruamel.yaml reads by default: only
# these spellings are not strings. `yes`, `no`, `on`, `off` and `0123`-style
# sexagesimals of YAML 1.1 stay strings.
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
        return int(value)
    if _OCT.fullmatch(value):
        return int(value[2:], 8)
    if _HEX.fullmatch(value):
        return int(value[2:], 16)
    if _DECIMAL.fullmatch(value):
        return Decimal(value)
    if _SPECIAL_FLOAT.fullmatch(value):
        return float(value.replace(".", ""))
    return value
