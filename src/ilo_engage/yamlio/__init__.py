"""Everything that touches ruamel.yaml: safe reading of records (`reader`; the values of plain
scalars in `scalars`) and round-trip editing in the canonical layout (`roundtrip`). No other
module imports ruamel."""

from .reader import MAX_DEPTH, Document, Path, Span, parse
from .scalars import resolve

__all__ = ["MAX_DEPTH", "Document", "Path", "Span", "parse", "resolve"]
