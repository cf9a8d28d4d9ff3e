"""Turning a record file's bytes into text, refusing what no record should contain.

These checks run before the YAML parser so that each problem gets a precise
line and a message an officer can act on.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from . import problems as P
from .problems import FileProblem

# Record files are a few kilobytes; an initiative with a long roster, some tens.
MAX_FILE_BYTES = 1024 * 1024

# C0 controls but tab, LF and CR; DEL and C1 controls; bidirectional overrides,
# embeddings and isolates (the "Trojan Source" characters); zero-width and
# invisible formatting characters that hide text; a byte-order mark past the start; the
# line and paragraph separators, which the YAML parser takes for line breaks but editors
# and git do not (every line number after one would be wrong).
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\u2060-\u2064\u180e\ufeff"
    "\u2028\u2029]"
)
# Line breaks as the YAML parser counts them (a lone CR too), so that every position agrees.
LINE_BREAK = re.compile("\r\n|\r|\n")
_LINE_BREAK_BYTES = re.compile(b"\r\n|\r|\n")
_CONFLICT = re.compile(r"^(?:<{7}|>{7}|\|{7})(?: |$)|^={7}$", re.MULTILINE)


def read(path: Path | str) -> bytes:
    """A record file's bytes, reading no more than the size limit allows: a file far larger is
    refused without being read whole. Only a regular file is read: a FIFO, a device (such as
    /dev/zero, which never ends) or a socket is refused without blocking, since the file is
    opened non-blocking and looked at before any read."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        found = os.fstat(descriptor)
    except OSError:
        os.close(descriptor)
        raise
    if not stat.S_ISREG(found.st_mode):
        os.close(descriptor)
        raise FileProblem(P.NOT_A_FILE, 1, 1, f"this is {special_kind(found.st_mode)}, not a regular file")
    with open(descriptor, "rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            stated = f"{found.st_size:,}" if found.st_size > MAX_FILE_BYTES else f"more than {MAX_FILE_BYTES:,}"
            raise FileProblem(P.FILE_TOO_LARGE, 1, 1, f"the file has {stated} bytes; the limit is {MAX_FILE_BYTES:,}")
    return data


def special_kind(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def decode(data: bytes) -> str:
    """The text of a record file, or FileProblem with the line of the first bad byte."""
    if len(data) > MAX_FILE_BYTES:
        raise FileProblem(
            P.FILE_TOO_LARGE, 1, 1, f"the file has {len(data):,} bytes; the limit is {MAX_FILE_BYTES:,}"
        )
    if data.startswith(b"\xef\xbb\xbf"):  # Windows editors add a byte-order mark: harmless.
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # what Windows calls 'Unicode'
        raise FileProblem(P.BAD_ENCODING, 1, 1, "the file is UTF-16 (it starts with its byte-order mark), not UTF-8")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position_of_byte(data, exc.start)
        raise FileProblem(P.BAD_ENCODING, line, column, f"byte 0x{data[exc.start]:02x} is not valid UTF-8") from None
    bad = FORBIDDEN.search(text)
    if bad:
        line, column = _position(text, bad.start())
        raise FileProblem(P.BAD_CHARACTER, line, column, f"forbidden character U+{ord(bad.group()):04X}")
    conflict = _CONFLICT.search(text)
    if conflict:
        line, _ = _position(text, conflict.start())
        raise FileProblem(P.CONFLICT_MARKER, line, 1, f"merge conflict marker {conflict.group()[:7]}")
    return text


def _position(text: str, offset: int) -> tuple[int, int]:
    breaks = list(LINE_BREAK.finditer(text, 0, offset))
    line_start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, offset - line_start + 1


def _position_of_byte(data: bytes, offset: int) -> tuple[int, int]:
    breaks = list(_LINE_BREAK_BYTES.finditer(data, 0, offset))
    line_start = breaks[-1].end() if breaks else 0
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return len(breaks) + 1, column
