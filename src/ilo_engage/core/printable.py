"""File names as they may be printed in a message, whichever stage builds the message."""

from __future__ import annotations


def printable(text: str) -> str:
    """A file name as it may be printed: control, format (bidirectional, invisible) and separator
    characters escaped as \\xNN or \\uNNNN, so a name holding ESC or a newline can neither drive the
    terminal nor split a `path:line:column` line."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else _escape(ch) for ch in text)


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
