"""Round-trip YAML: the files the tool writes and edits, in one canonical layout that keeps
the comments and key order an officer wrote.

The canonical layout: keys in the order of the record's schema (unknown keys last),
block style, 2-space indentation with list items indented under their key, one line per
plain value, strings a YAML 1.1 reader would misread in double quotes, LF line endings
and a final newline.
"""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeGuard

from ruamel.yaml import YAML
from ruamel.yaml.comments import Comment, CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString

from ..core.problems import INVALID_VALUE, YAML_SYNTAX, FileProblem

# Key order for a mapping, given its path from the record's root (None: keep as it is).
KeyOrder = Callable[[tuple[str | int, ...]], list[str] | None]

# Text longer than this is written folded (`>-`) over lines of at most WRAP columns.
WRAP = 100

# Plain scalars YAML 1.1 (PyYAML, many CI tools) would not read as strings: booleans,
# nulls, numbers (octal, sexagesimal, with underscores), timestamps.
YAML11_NOT_STRING = re.compile(
    r"""(?x)^(?:
        y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF
      | ~|null|Null|NULL
      | [-+]?0b[0-1_]+ | [-+]?0[0-7_]+ | [-+]?(?:0|[1-9][0-9_]*) | [-+]?0x[0-9a-fA-F_]+
      | [-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+
      | [-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)? | [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
      | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)
      | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?
      | =
    )$"""
)


_LINE_STARTING_WITH_TAB = re.compile(r"(?:^|\n)\t")


def _timestamp(constructor: RoundTripConstructor, node: Any) -> Any:
    """A date or time as ruamel reads it, or, for one that is not in the calendar (a 30 February),
    the problem at its line instead of an error from deep inside the library."""
    try:
        return _TIMESTAMP(constructor, node)
    except ValueError:
        raise FileProblem(INVALID_VALUE, node.start_mark.line + 1, node.start_mark.column + 1,
                          f"'{node.value}' is not a day of the calendar") from None


_TIMESTAMP = RoundTripConstructor.construct_yaml_timestamp


class _Constructor(RoundTripConstructor):
    """ruamel's round-trip constructor, with dates checked (see `_timestamp`)."""


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap an officer's lines; long new text is folded by `folded`
    yaml.representer.ignore_aliases = lambda data: True  # records never use anchors: repeat values
    yaml.representer.add_representer(Decimal, lambda r, d: r.represent_scalar("tag:yaml.org,2002:float", str(d)))
    yaml.representer.add_representer(
        type(None), lambda r, d: r.represent_scalar("tag:yaml.org,2002:null", "null")
    )
    return yaml


def load(text: str) -> CommentedMap:
    """A record file for editing, comments and all. Call only on text the reader accepted."""
    try:
        data: CommentedMap = _yaml().load(text)  # a mapping: the reader accepted the text
    except YAMLError as exc:  # the reader refuses such text first (see reader._read_by_round_trip_parser)
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        message = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise FileProblem(YAML_SYNTAX, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, message) from None
    return data


def dump(data: Any) -> str:
    """The YAML text of `data` (a CommentedMap or plain dicts and lists)."""
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()


def canonical(data: Any, order: KeyOrder, path: tuple[str | int, ...] = ()) -> Any:
    """`data` in the canonical layout: keys reordered, block style, quoting for YAML 1.1.

    Comments travel with the key they follow. Plain dicts and lists become commented ones.
    """
    if isinstance(data, dict):
        wanted = order(path) or []
        keys = [k for k in wanted if k in data] + [k for k in data if k not in wanted]
        result = CommentedMap()
        for key in keys:
            result[key] = canonical(data[key], order, (*path, key))
        if isinstance(data, CommentedMap):
            _move_comments(data, result)
        result.fa.set_block_style()
        return result
    if isinstance(data, list):
        result_seq = CommentedSeq(canonical(item, order, (*path, i)) for i, item in enumerate(data))
        if isinstance(data, CommentedSeq):
            setattr(result_seq, Comment.attrib, data.ca)  # keep comments between items (ruamel has no setter)
        result_seq.fa.set_block_style()
        return result_seq
    if isinstance(data, FoldedScalarString) and _LINE_STARTING_WITH_TAB.search(data):
        data = str(data)  # ruamel folds a line starting with a tab as if it were not indented: not folded, then
    if type(data) is str:  # plain strings only: quoted and block scalars keep their style
        if "\n" in data.rstrip("\n"):  # a literal block, unless it opens with a tab (unreadable there)
            return DoubleQuotedScalarString(data) if data.startswith("\t") else LiteralScalarString(data)
        if YAML11_NOT_STRING.fullmatch(data) or data != data.strip():
            return DoubleQuotedScalarString(data)
    return data


def folded(text: str, indent: int) -> Any:
    """Long text as a folded block scalar wrapped to WRAP columns; short text as it is."""
    # Folding joins lines with one space: text with runs of spaces or edge spaces stays as it is.
    if len(text) + indent <= WRAP or "  " in text or text != text.strip() or any(
        c.isspace() and c != " " for c in text
    ):
        return text
    lines = textwrap.wrap(text, width=WRAP - indent, break_long_words=False, break_on_hyphens=False)
    if len(lines) < 2:
        return text
    value = FoldedScalarString(" ".join(lines))
    positions, offset = [], 0
    for line in lines[:-1]:
        offset += len(line)
        positions.append(offset)
        offset += 1
    value.fold_pos = positions
    return value


def is_mapping(value: object) -> TypeGuard[CommentedMap]:
    """Whether a loaded value is a mapping of fields (which set_field and append_item change)."""
    return isinstance(value, CommentedMap)


def set_field(doc: CommentedMap, key: str, value: Any, order: list[str]) -> None:
    """Set a field of a loaded record, placing a new one where `order` (the schema's) puts it."""
    value = block(value)
    if key in doc:
        doc[key] = value
        return
    position = len(doc)
    if key in order:
        for index, existing in enumerate(doc):
            if existing in order and order.index(existing) > order.index(key):
                position = index
                break
    doc.insert(position, key, value)


def append_item(doc: CommentedMap, key: str, item: Any, order: list[str]) -> None:
    """Append an item to a list field of a loaded record, creating the field if needed."""
    if doc.get(key) is None:
        set_field(doc, key, [], order)
    sequence = doc[key]
    if not isinstance(sequence, CommentedSeq):
        sequence = CommentedSeq(sequence)
        doc[key] = sequence
    sequence.append(block(item))


def block(value: Any, indent: int = 6) -> Any:
    """A new value in the canonical layout: block style, long text folded, empty fields left out."""
    if isinstance(value, dict):
        result = CommentedMap()
        for k, v in value.items():
            if v is not None:
                result[k] = folded(v, indent) if isinstance(v, str) else block(v, indent + 2)
        result.fa.set_block_style()
        return result
    if isinstance(value, list):
        seq = CommentedSeq(block(v, indent + 2) for v in value)
        seq.fa.set_block_style()
        return seq
    return value


def _move_comments(source: CommentedMap, target: CommentedMap) -> None:
    """Carry a mapping's comments over to its reordered copy."""
    target.ca.comment = source.ca.comment
    for key, tokens in source.ca.items.items():
        target.ca.items[key] = tokens
    if source.ca.end:
        target.ca.end = source.ca.end
