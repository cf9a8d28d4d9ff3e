"""A reader never sees a half-written file: while another process replaces a record file again and
again, every read of it gives one whole version, old or new.

An in-place overwrite (open, truncate, write) fails this at once: a read between the truncation
and the end of the write sees an empty or a short file.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

SIZE = 1 << 20  # large enough that one write takes several system calls
WRITES = 60

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from ilo_engage.core.writer import {function}

    path, size, writes = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    for i in range(writes):
        text = "ab"[i % 2] * size
        {function}(path, {payload})
    """
)


def read_while_written(tmp_path: Path, function: str, payload: str = "text") -> tuple[set[str], list[int]]:
    """Run a writer process on a file and read it until the writer ends: the whole versions seen,
    and the sizes of the reads that were not one whole version."""
    path = tmp_path / "record.yaml"
    path.write_text("a" * SIZE, encoding="utf-8")
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER.format(function=function, payload=payload), str(path), str(SIZE), str(WRITES)],
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
    writer.kill()
    assert writer.wait() == 0, writer.stderr.read() if writer.stderr else ""
    return seen, torn


def test_a_reader_never_sees_part_of_a_replaced_file(tmp_path: Path) -> None:
    seen, torn = read_while_written(tmp_path, "replace_file")
    assert torn == []
    assert seen == {"a", "b"}  # the reader did read while the file changed


def test_a_reader_never_sees_part_of_a_file_replaced_with_bytes(tmp_path: Path) -> None:
    seen, torn = read_while_written(tmp_path, "replace_file_bytes", "text.encode()")
    assert torn == []
    assert seen == {"a", "b"}


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
