"""Everything that touches ruamel.yaml: safe reading of records (`reader`) and round-trip
editing in the canonical layout (`roundtrip`). No other module imports ruamel."""

from .reader import MAX_DEPTH, Document, Path, Span, parse, resolve

__all__ = ["MAX_DEPTH", "Document", "Path", "Span", "parse", "resolve"]
