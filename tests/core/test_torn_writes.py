"""A reader never sees a half-written file: while another process replaces a record file again and
again, every read of it gives one whole version, old or new. Every way core/writer.py writes is
tried: a replacement (text or bytes), the edit of a step command (`replace_if_unchanged`), a
report's `--output --force` (`write_output`), and a new file (`create_file`, `write_output`).

An in-place overwrite (open, truncate, write) fails this at once: a read between the truncation
and the end of the write sees an empty or a short file.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

SIZE = 1 << 20  # large enough that one write takes several system calls
WRITES = 60

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from ilo_engage.core.writer import create_file, digest_of, replace_file, replace_file_bytes
    from ilo_engage.core.writer import replace_if_unchanged, write_output

    path, size, writes = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    for i in range(writes):
        text = "ab"[i % 2] * size
        {call}
    """
)


def ended(writer: subprocess.Popen[str]) -> int:
    """The writer's exit status once it ends by itself: the reader may finish first, while the
    writer is still closing; it is killed only if it hangs."""
    try:
        return writer.wait(timeout=60)
    except subprocess.TimeoutExpired:
        writer.kill()
        return writer.wait()


def read_while_written(tmp_path: Path, call: str) -> tuple[set[str], list[int]]:
    """Run a writer process on a file and read it until the writer ends: the whole versions seen,
    and the sizes of the reads that were not one whole version."""
    path = tmp_path / "record.yaml"
    path.write_text("a" * SIZE, encoding="utf-8")
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER.format(call=call), str(path), str(SIZE), str(WRITES)],
        stderr=subprocess.PIPE, text=True,
    )
    seen, torn = set(), []
    deadline = time.monotonic() + 60
    while writer.poll() is None and time.monotonic() < deadline:
        text = path.read_text(encoding="utf-8")
        if text in ("a" * SIZE, "b" * SIZE):
            seen.add(text[0])
        else:
            torn.append(len(text))
    assert ended(writer) == 0, writer.stderr.read() if writer.stderr else ""
    return seen, torn


# Each way of replacing a file that exists, as the writer process calls it.
REPLACEMENTS = {
    "replace_file": "replace_file(path, text)",
    "replace_file_bytes": "replace_file_bytes(path, text.encode())",
    # A step command's edit: it read the file, then replaces it if it still holds what was read.
    "replace_if_unchanged": "replace_if_unchanged(path, text, digest_of(path.read_bytes()))",
    "write_output --force": "write_output(path, text.encode(), force=True)",
}


@pytest.mark.parametrize("call", list(REPLACEMENTS.values()), ids=list(REPLACEMENTS))
def test_a_reader_never_sees_part_of_a_replaced_file(tmp_path: Path, call: str) -> None:
    seen, torn = read_while_written(tmp_path, call)
    assert torn == []
    assert seen == {"a", "b"}  # the reader did read while the file changed


CREATIONS = {
    "create_file": "create_file(path.with_name(f'new-{i}.yaml'), text)",
    "write_output": "write_output(path.with_name(f'new-{i}.yaml'), text.encode())",
}


@pytest.mark.parametrize("call", list(CREATIONS.values()), ids=list(CREATIONS))
def test_a_reader_never_sees_part_of_a_new_file(tmp_path: Path, call: str) -> None:
    # The writer makes new-0.yaml, new-1.yaml, ...; the reader reads each as soon as its name
    # exists: it is whole from the first moment it has a name, or not there at all.
    writer = subprocess.Popen([sys.executable, "-c", WRITER.format(call=call), str(tmp_path / "record.yaml"),
                               str(SIZE), str(WRITES)], stderr=subprocess.PIPE, text=True)
    whole, torn, number = 0, [], 0
    deadline = time.monotonic() + 60
    while number < WRITES and time.monotonic() < deadline:
        try:
            text = (tmp_path / f"new-{number}.yaml").read_text(encoding="utf-8")
        except FileNotFoundError:
            if writer.poll() is not None:
                break
            continue
        if text == "ab"[number % 2] * SIZE:
            whole += 1
        else:
            torn.append(len(text))
        number += 1
    assert ended(writer) == 0, writer.stderr.read() if writer.stderr else ""
    assert torn == []
    assert whole == WRITES


def test_a_temporary_file_is_swept_only_once_an_hour_old(tmp_path: Path) -> None:
    import os

    from ilo_engage.core.writer import STALE_AFTER_SECONDS, replace_file

    assert STALE_AFTER_SECONDS == 3600
    now = time.time()
    ages = {"young": 3600 - 60, "old": 3600 + 60}
    for name, age in ages.items():
        leftover = tmp_path / f".ilo-engage-{name}.yaml.0000.tmp"
        leftover.write_text("half", encoding="utf-8")
        os.utime(leftover, (now - age, now - age))
    other = tmp_path / "unrelated.tmp"
    other.write_text("not ours", encoding="utf-8")
    os.utime(other, (now - 7200, now - 7200))
    replace_file(tmp_path / "record.yaml", "id: record\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".ilo-engage-young.yaml.0000.tmp", "record.yaml",
                                                           "unrelated.tmp"]
