"""Safe parsing of record files from the C parser's event stream.

Records are read from the parser's event stream, never through a YAML
constructor, so nothing a file says can build a Python object: tags,
anchors, aliases, merge keys and directives are refused where they appear.
Plain scalars are resolved by the YAML 1.2 core schema (``no`` is a string),
plus ``YYYY-MM-DD`` dates; decimals stay exact as ``Decimal`` (see ``scalars``).

Positions are optional because they are only needed to point at a problem:
parse again with ``positions=True`` when one is found.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import events as ev
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from ..core import problems as P
from ..core.problems import Code, FileProblem
from ..core.sourcetext import FORBIDDEN, LINE_BREAK
from .scalars import resolve

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
    builder = _Builder(_events(text), positions, text)
    try:
        data = builder.document()
        if "\t" in text or builder.unusual_block_scalar:
            _read_by_round_trip_parser(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = _within(text, mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or "invalid YAML"
        context = f" ({exc.context})" if exc.context else ""
        raise FileProblem(P.YAML_SYNTAX, line, column, f"{problem}{context}") from None
    except YAMLError as exc:  # errors without a position, e.g. from the reader
        raise FileProblem(P.YAML_SYNTAX, 1, 1, str(exc).splitlines()[0]) from None
    return Document(data, builder.positions)


def _events(text: str) -> Callable[[], ev.Event]:
    """A function returning the next parser event."""
    if _CParser is not None:
        next_event: Callable[[], ev.Event] = _CParser(text).get_event  # the C parser is untyped
        return next_event
    from ruamel.yaml import YAML  # pragma: no cover

    events: Iterator[ev.Event] = iter(YAML(typ="safe", pure=True).parse(text))  # pragma: no cover
    return events.__next__  # pragma: no cover


def _read_by_round_trip_parser(text: str) -> None:
    """Raise the round-trip parser's error, if it has one: a record must read with both the C
    parser and the round-trip parser that `fmt` and the contact steps use. They differ on tabs
    between tokens, a comment with no space after a block scalar's `|` or `>`, and blank lines
    opening a block scalar, where the C parser lets pass what the YAML specification (and the
    round-trip parser) refuses. Only files with one of these pay for the second, slower reading."""
    from ruamel.yaml import YAML

    for _ in YAML(typ="rt").parse(text):
        pass


class _Builder:
    """Builds plain Python data from parser events, refusing what records never use."""

    def __init__(self, next_event: Callable[[], ev.Event], positions: bool, text: str) -> None:
        self.next = next_event
        self.positions: dict[Path, Span] | None = {} if positions else None
        self.text = text
        self.lines: list[str] | None = None
        self.unusual_block_scalar = False

    def document(self) -> dict[str, Any]:
        self.next()  # StreamStartEvent
        start = self.next()
        if isinstance(start, ev.StreamEndEvent):
            raise FileProblem(P.EMPTY_FILE, 1, 1, "the file holds no record")
        if isinstance(start, ev.DocumentStartEvent) and (start.version is not None or start.tags):
            raise _at(P.DIRECTIVE, start, "%YAML and %TAG directives are not allowed")
        root_event = self.next()
        if not isinstance(root_event, ev.MappingStartEvent):
            if isinstance(root_event, ev.ScalarEvent) and root_event.value == "" and not root_event.style:
                raise _at(P.EMPTY_FILE, root_event, "the file holds no record")
            raise _at(P.NOT_A_MAPPING, root_event, "the top level of a record must be `key: value` lines")
        if self.positions is not None:
            line, column = _mark(root_event)
            self.positions[()] = Span(line, column, line, column)
        data: dict[str, Any] = self.value(root_event, (), 1)
        end = self.next()  # DocumentEndEvent
        if isinstance(end, ev.DocumentEndEvent) and end.explicit:
            self.nothing_after(end)
        after = self.next()
        if not isinstance(after, ev.StreamEndEvent):
            raise _at(P.SEVERAL_DOCUMENTS, after, "a second YAML document starts here")
        return data

    def nothing_after(self, end: ev.DocumentEndEvent) -> None:
        """Only comments may follow a `...` line: the C parser skips a second `...` where the
        round-trip parser (used by `fmt` and the contact steps) sees another document."""
        lines = LINE_BREAK.split(self.text)
        for number in range(end.end_mark.line + 2, len(lines) + 1):
            content = lines[number - 1].lstrip(" \t")
            if content and not content.startswith("#"):
                raise FileProblem(P.SEVERAL_DOCUMENTS, number, len(lines[number - 1]) - len(content) + 1,
                                  "nothing but comments may follow the end of the document (`...`)")

    # The hot path of every run: one call per value. Event classes are compared by identity
    # (`type(event) is`, which also tells mypy the event's class) and the common case, an
    # untagged, unanchored scalar, is tested first.
    def value(self, event: ev.Event, path: Path, depth: int) -> Any:
        if type(event) is _SCALAR:
            if event.anchor is not None or event.tag is not None:
                raise _decorated(event)
            style = event.style
            if not style:
                return resolve(event.value)
            if style == '"':
                _refuse_escaped_characters(event)
            elif style in ("|", ">") and not self.unusual_block_scalar:
                self.unusual_block_scalar = self.unusual(event)
            return event.value
        if type(event) is _MAPPING_START or type(event) is _SEQUENCE_START:
            if event.anchor is not None or event.tag is not None:
                raise _decorated(event)
            if depth > MAX_DEPTH:
                raise _at(P.TOO_DEEP, event, f"more than {MAX_DEPTH} levels of nesting")
            if type(event) is _MAPPING_START:
                return self.mapping(path, depth)
            return self.sequence(path, depth)
        if type(event) is _ALIAS:
            raise _at(P.ANCHOR_ALIAS, event, f"alias *{_short(event.anchor)} is not allowed")
        # Where a value stands the parser gives only a scalar, a collection or an alias.
        raise AssertionError(f"unexpected {event!r} where a value stands")

    def unusual(self, block: ev.ScalarEvent) -> bool:
        """Whether a block scalar's header is other than `|` or `>` with its indicators and a
        comment after a space, or its first line is blank."""
        text = self.text
        if "\r" not in text:  # the common case: find the two lines from the scalar's offset
            start = block.start_mark.index
            header_end = text.find("\n", start)
            if header_end < 0:
                return True
            next_end = text.find("\n", header_end + 1)
            first_line = text[header_end + 1:] if next_end < 0 else text[header_end + 1:next_end]
            return not _BLOCK_HEADER.fullmatch(text[start:header_end]) or not first_line.strip()
        if self.lines is None:
            self.lines = LINE_BREAK.split(text)
        line, column = block.start_mark.line, block.start_mark.column
        if line + 1 >= len(self.lines):
            return True
        return not _BLOCK_HEADER.fullmatch(self.lines[line][column:]) or not self.lines[line + 1].strip()

    def mapping(self, path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        marks: dict[str, Any] = {}  # where each key stands, for a duplicate's message
        next_event, value, positions = self.next, self.value, self.positions
        child_depth = depth + 1
        while True:
            key_event = next_event()
            key: str
            if (type(key_event) is _SCALAR and key_event.anchor is None and key_event.tag is None
                    and key_event.style != '"'):
                key = key_event.value
                if not key or (key == "<<" and not key_event.style):
                    key = self.key(key_event)
            elif type(key_event) is _MAPPING_END:
                return result
            else:
                key = self.key(key_event)
            if key in result:
                line, column = _mark(key_event)
                first = marks[key].line + 1
                raise FileProblem(P.DUPLICATE_KEY, line, column, f"key `{key}` appears twice (first on line {first})")
            marks[key] = key_event.start_mark
            value_event = next_event()
            child = (*path, key)
            if positions is not None:
                positions[child] = Span(*_mark(key_event), *_mark(value_event))
            result[key] = value(value_event, child, child_depth)

    def sequence(self, path: Path, depth: int) -> list[Any]:
        result: list[Any] = []
        next_event, value, positions = self.next, self.value, self.positions
        child_depth = depth + 1
        while True:
            item_event = next_event()
            if item_event.__class__ is _SEQUENCE_END:
                return result
            child = (*path, len(result))
            if positions is not None:
                line, column = _mark(item_event)
                positions[child] = Span(line, column, line, column)
            result.append(value(item_event, child, child_depth))

    def key(self, event: ev.Event) -> str:
        if isinstance(event, ev.AliasEvent):
            raise _at(P.ANCHOR_ALIAS, event, f"alias *{_short(event.anchor)} is not allowed")
        if not isinstance(event, ev.ScalarEvent):
            raise _at(P.BAD_KEY, event, "a key must be a plain name, not a list or mapping")
        if event.anchor is not None:
            raise _at(P.ANCHOR_ALIAS, event, f"anchor &{_short(event.anchor)} is not allowed")
        if event.tag is not None:
            raise _at(P.EXPLICIT_TAG, event, f"tag {_short(event.tag)} is not allowed")
        _refuse_escaped_characters(event)
        if event.value == "<<" and not event.style:
            raise _at(P.ANCHOR_ALIAS, event, "merge key << is not allowed")
        name: str = event.value  # a scalar's value is always text
        if name == "":
            raise _at(P.BAD_KEY, event, "a key is missing before the colon")
        return name


_ALIAS, _SCALAR = ev.AliasEvent, ev.ScalarEvent
_MAPPING_START, _MAPPING_END = ev.MappingStartEvent, ev.MappingEndEvent
_SEQUENCE_START, _SEQUENCE_END = ev.SequenceStartEvent, ev.SequenceEndEvent


def _decorated(event: ev.ScalarEvent | ev.CollectionStartEvent) -> FileProblem:
    """The problem of a value with an anchor (`&name`) or a tag (`!tag`): the anchor named first."""
    if event.anchor is not None:
        return _at(P.ANCHOR_ALIAS, event, f"anchor &{_short(event.anchor)} is not allowed")
    return _at(P.EXPLICIT_TAG, event, f"tag {_short(str(event.tag))} is not allowed")


def _refuse_escaped_characters(event: ev.ScalarEvent) -> None:
    """A double-quoted scalar's escapes (`"\\0"`, `"\\u202E"`) must not bring in what the
    file's text may not hold (see `sourcetext`): outputs would carry it all the same."""
    if event.style == '"':
        bad = FORBIDDEN.search(event.value)
        if bad:
            raise _at(P.BAD_CHARACTER, event, f"forbidden character U+{ord(bad.group()):04X} (written as an escape)")


def _within(text: str, line: int, column: int) -> tuple[int, int]:
    """A position in the text: the parser places an error at the end of a file without a
    final line break on the line after the last, which the file does not have."""
    lines = LINE_BREAK.split(text)
    if line <= len(lines):
        return line, column
    return len(lines), len(lines[-1]) + 1


def _short(name: str, limit: int = 80) -> str:
    """An anchor or tag as a message shows it: a long one cut short."""
    return name if len(name) <= limit else name[:limit] + "…"


def _mark(event: ev.Event) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


def _at(code: Code, event: ev.Event, message: str) -> FileProblem:
    return FileProblem(code, *_mark(event), message)


# A block scalar's header as both parsers read it alike: `|` or `>`, its indicators, a comment after a space.
_BLOCK_HEADER = re.compile(r"[|>](?:[1-9]?[+-]?|[+-][1-9])(?: +#.*)? *")
