"""Whatever bytes a record file holds, reading it ends in a record or in problems: never another
exception, never a hang, never a runaway of memory.

Hypothesis feeds the loader's three stages (`sourcetext.decode`, `yamlio.parse`, and the model's
validation in `dataset.load_text`, with the kind the file's place gives it) three sorts of input:
YAML-ish text from a grammar (keys, scalars in every style, indentation, flow collections,
anchors, aliases, tags, directives, comments, conflict markers, control, bidirectional and
invisible characters, three kinds of line end, six encodings); byte-level mutations (flip,
insert, delete, repeat) of the bundled dataset's own record files; and line-level edits of those
files (delete, repeat, swap, re-indent, splice in a generated line). Every problem must sit in the
file, on a line it has, with a one-line message. A record the reader accepts must also survive
`fmt` (the same record afterwards, and a second `fmt` changes nothing).

The runs are derandomized, so CI tries the same inputs every time; ILO_ENGAGE_FUZZ_EXAMPLES=N
searches further on a developer's machine, with new inputs on every run. Crashes found this
way are kept as cases of the bad-input corpus (tests/test_bad_inputs.py).
"""

from __future__ import annotations

import os
import re
import signal
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager

from hypothesis import HealthCheck, example, given, settings, strategies as st

from ilo_engage.authoring.fmt import format_text
from ilo_engage.core.problems import FileProblem, Problem, Severity
from ilo_engage.core.sourcetext import decode
from ilo_engage.load.dataset import load_text
from ilo_engage.model import KINDS, kind_of
from ilo_engage.yamlio import parse
from tests.helpers import PROJECT

SECONDS_PER_INPUT = 2
PEAK_BYTES = 50 * 1024 * 1024  # for inputs under MAX_INPUT: a few hundred times the input at most
MAX_INPUT = 64 * 1024
# 100 examples per strategy (300 in all), the same on every run so that CI is reproducible;
# ILO_ENGAGE_FUZZ_EXAMPLES=N searches further, with new inputs on every run.
EXAMPLES = int(os.environ.get("ILO_ENGAGE_FUZZ_EXAMPLES", "0")) or None

FUZZ = settings(
    max_examples=EXAMPLES or 100,
    deadline=None,  # the time limit is SECONDS_PER_INPUT, enforced below
    derandomize=EXAMPLES is None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)

RECORD_FILES = sorted(p.relative_to(PROJECT).as_posix() for p in (PROJECT / "data").rglob("*.yaml"))
PLACES = sorted(k.location if k.single_file else f"{k.location}/fuzzed.yaml" for k in KINDS)
_LINE_BREAKS = re.compile(rb"\r\n|\r|\n")


class TookTooLong(Exception):
    """The loader ran past SECONDS_PER_INPUT on one input."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Stop the block after `seconds` of this process's CPU time (a busy CI machine does not count), and
    fail it afterwards if it took longer all the same (the signal may land where Python ignores an exception)."""
    def stop(signum: int, frame: object) -> None:
        raise TookTooLong(f"still reading after {seconds} s")

    previous = signal.signal(signal.SIGPROF, stop)
    started = time.process_time()
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
    if time.process_time() - started > seconds:
        raise TookTooLong(f"took {time.process_time() - started:.1f} s")


def read(data: bytes, relpath: str) -> tuple[object, list[Problem], str | None, int]:
    """The loader's answer for a file's bytes, its text if it decoded, and the peak of memory it took."""
    kind = kind_of(relpath)
    assert kind is not None
    tracemalloc.start()
    try:
        with time_limit(SECONDS_PER_INPUT):
            try:
                text = decode(data)
            except FileProblem as exc:
                return None, [exc.problem(relpath)], None, tracemalloc.get_traced_memory()[1]
            record, problems = load_text(text, relpath, kind)
        return record, problems, text, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def assert_record_or_problems(data: bytes, relpath: str) -> None:
    """The loader's promise for any bytes: a record or located problems, in bounded time and memory."""
    record, problems, text, peak = read(data, relpath)
    if len(data) <= MAX_INPUT:
        assert peak < PEAK_BYTES, f"{peak:,} bytes at peak for {len(data):,} bytes of input"
    assert (record is None) == bool(problems), problems
    lines = len(_LINE_BREAKS.findall(data)) + 1
    for problem in problems:
        assert problem.file == relpath
        assert problem.severity is Severity.ERROR
        assert 1 <= problem.line <= lines and problem.column >= 1, problem
        assert problem.message and not re.search(r"[\r\n]", problem.message), problem
        assert not re.search(r"[\r\n]", problem.hint), problem
    if record is not None:
        assert_survives_fmt(text, relpath, record)  # type: ignore[arg-type]


def assert_survives_fmt(text: str, relpath: str, record: object) -> None:
    """What the reader accepts, `fmt` rewrites into the same record, and rewriting again changes nothing."""
    model = kind_of(relpath).model  # type: ignore[union-attr]
    with time_limit(SECONDS_PER_INPUT):
        formatted = format_text(text, model)
        assert model.model_validate(parse(formatted).data) == record, formatted
        assert format_text(formatted, model) == formatted


# YAML-ish text from a grammar

FIELD_NAMES = sorted({name for kind in KINDS for name in kind.model.model_fields} | {
    "with", "by", "from", "to", "label", "value", "unit", "as_of", "source", "amount", "currency", "members",
    "partners", "organization", "role", "email", "phone", "text", "items", "footnotes", "title",
})
ODD_CHARACTERS = [
    "\x00", "\x07", "\x1b", "\x7f", "\x85", "\xa0", "\u200b", "\u200d", "\u200e", "\u2028", "\u2029", "\u202e",
    "\u2066", "\ufeff", "\ufffd", "\t", "\r", "é", "日", "🙂", "\U000e0041",
]
ESCAPES = ["\\0", "\\a", "\\t", "\\n", "\\x07", "\\u202E", "\\ud800", "\\udfff", "\\U0001F600", "\\N", "\\L", "\\_",
           "\\e", "\\", "\\q", "\\\""]
WORD = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12) | st.sampled_from(
    ["x", "acme-foods", "2015-06-01", "2015-02-30", "0123", "1e400", "-1", ".nan", ".inf", "-.inf", "NO", "yes", "~",
     "null", "true", "0x1F", "0o17", "1:20", "9" * 30, "CH", "ci", "management", "received", "A", "public",
     "confidential", "USD", "<<", "=", "-", "?", ":", "#", "|", ">", "'", '"', "[", "]", "{", "}", ",", "&a", "*a",
     "!!str", "!", "%", "@", "`"])
PLAIN = st.lists(WORD | st.sampled_from(ODD_CHARACTERS), min_size=1, max_size=4).map(" ".join)
SCALAR = st.one_of(
    PLAIN,
    PLAIN.map(lambda s: "'" + s.replace("'", "''") + "'"),
    st.lists(WORD | st.sampled_from(ESCAPES), max_size=5).map(lambda parts: '"' + "".join(parts) + '"'),
    st.sampled_from(["|", "|-", ">-", "|+", "|2", ">"]).map(lambda s: s + "\n    block text\n    more"),
    st.builds(lambda p, s: p + s, st.sampled_from(["&a ", "*a", "!!bool ", "!!python/object/apply:os.system ",
                                                   "!foo ", "!<tag:x> ", "! "]), PLAIN),
    st.recursive(
        PLAIN,
        lambda inner: st.lists(inner, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]")
        | st.lists(st.tuples(st.sampled_from(FIELD_NAMES), inner), max_size=3).map(
            lambda kvs: "{" + ", ".join(f"{k}: {v}" for k, v in kvs) + "}"),
        max_leaves=8,
    ),
)
KEY = st.sampled_from(FIELD_NAMES) | WORD | st.sampled_from(['"id"', "'name'", "? id", "<<", "[a]", "{a: 1}", "&k id",
                                                             "*k", "!!str id", '"na\\0me"', ""])
INDENT = st.sampled_from(["", "", "", "  ", "    ", "      ", " ", "\t", "  - ", "- ", "-   "])
LINE = st.one_of(
    st.builds(lambda i, k, sep, v: f"{i}{k}{sep}{v}", INDENT, KEY, st.sampled_from([": ", ":", " : ", ":\t"]), SCALAR),
    st.builds(lambda i, k: f"{i}{k}:", INDENT, KEY),
    st.builds(lambda i, v: f"{i}- {v}", INDENT, SCALAR),
    st.builds(lambda i, c: f"{i}# {c}", INDENT, PLAIN),
    st.sampled_from(["---", "...", "--- !x", "%YAML 1.2", "%YAML 1.1", "%TAG ! tag:example.org,2000:", "<<<<<<< HEAD",
                     "=======", ">>>>>>> branch", "||||||| base", "", "   ", "- - - x", "? ", ": x", "[", "{", "]",
                     "}"]),
)
ENCODING = st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-be", "latin-1", "cp1252"])


def encoded(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


YAML_ISH = st.builds(
    lambda lines, end, encoding: encoded(end.join(lines) + end, encoding),
    st.lists(LINE, max_size=25), st.sampled_from(["\n", "\n", "\r\n", "\r"]), ENCODING,
)


@FUZZ
@given(YAML_ISH, st.sampled_from(PLACES))
@example(b'id: x\nname: "\\u202Eevil"\n', "data/registers/enterprises/fuzzed.yaml")
@example(b"id: x\nname: " + b"9" * 5000 + b"\n", "data/registers/enterprises/fuzzed.yaml")
def test_any_yaml_ish_text_ends_in_a_record_or_problems(data: bytes, relpath: str) -> None:
    assert_record_or_problems(data, relpath)


# Byte-level mutations of the bundled dataset's record files


def original(relpath: str) -> bytes:
    return (PROJECT / relpath).read_bytes()


@st.composite
def mutated_bytes(draw: st.DrawFn) -> tuple[bytes, str]:
    relpath = draw(st.sampled_from(RECORD_FILES))
    data = bytearray(original(relpath))
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data)))
        operation = draw(st.sampled_from(["flip", "insert", "delete", "repeat"]))
        if operation == "flip" and at < len(data):
            data[at] ^= draw(st.integers(1, 255))
        elif operation == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8) | st.sampled_from(
                [b"\x00", b"\xff", b"\xc3", b"\xe2\x80\xae", b"\t", b"\r", b"\n", b": ", b"- ", b"&a ", b"*a", b"!!",
                 b"'", b'"', b"[", b"{", b"#", b"\n---\n", b"\n<<<<<<< HEAD\n", b"\xef\xbb\xbf"]))
        elif operation == "delete":
            del data[at:at + draw(st.integers(1, 16))]
        elif operation == "repeat":
            end = min(len(data), at + draw(st.integers(1, 64)))
            data[at:at] = data[at:end] * draw(st.integers(1, 4))
    return bytes(data), relpath


@FUZZ
@given(mutated_bytes())
def test_any_byte_mutation_of_a_record_file_ends_in_a_record_or_problems(case: tuple[bytes, str]) -> None:
    assert_record_or_problems(*case)


# Line-level edits of the bundled dataset's record files


@st.composite
def edited_lines(draw: st.DrawFn) -> tuple[bytes, str]:
    relpath = draw(st.sampled_from(RECORD_FILES))
    lines = original(relpath).decode("utf-8").split("\n")
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, len(lines) - 1))
        operation = draw(st.sampled_from(["delete", "repeat", "swap", "indent", "dedent", "splice"]))
        if operation == "delete" and len(lines) > 1:
            del lines[at]
        elif operation == "repeat":
            lines.insert(draw(st.integers(0, len(lines))), lines[at])
        elif operation == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif operation == "indent":
            lines[at] = draw(st.sampled_from(["  ", " ", "\t", "- "])) + lines[at]
        elif operation == "dedent":
            lines[at] = lines[at].lstrip(" ")
        elif operation == "splice":
            lines.insert(at, draw(LINE))
    return "\n".join(lines).encode("utf-8", errors="replace"), relpath


@FUZZ
@given(edited_lines())
@example((b"\n\n" + original("data/programmes/better-work.yaml"), "data/programmes/better-work.yaml"))
@example((original("data/programmes/better-work.yaml").replace(b"\n  Corporation", b"\n  \t  Corporation"),
          "data/programmes/better-work.yaml"))
def test_any_line_edit_of_a_record_file_ends_in_a_record_or_problems(case: tuple[bytes, str]) -> None:
    assert_record_or_problems(*case)


def test_every_bundled_record_file_reads_as_a_record_and_survives_fmt() -> None:
    for relpath in RECORD_FILES:
        record, problems, _, _ = read(original(relpath), relpath)
        assert record is not None and problems == [], (relpath, problems)
        assert_record_or_problems(original(relpath), relpath)
