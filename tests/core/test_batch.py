"""Many new files written at once (core/batch.py, what `import` writes): all or nothing whatever
fails and whenever, never an existing file overwritten, never part of a file under its name, one
sync for the whole batch, and what a kill leaves (nothing placed before the links; whole files
after) hidden from the loader and swept later."""

from __future__ import annotations

import errno
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ilo_engage.core import batch, writer
from ilo_engage.core.batch import create_all
from ilo_engage.core.writer import RecordExists, WriteFailed, sweep_temporary_files
from ilo_engage.load.dataset import record_files

ENTERPRISES = "data/registers/enterprises"
STEPS = ("temp-written", "synced", "placed")


def texts(folder: Path, count: int = 5) -> list[tuple[Path, bytes]]:
    return [(folder / f"batch-{i}.yaml", f"id: batch-{i}\nname: Batch {i}\nkind: company\ncountry: KE\n".encode())
            for i in range(count)]


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(writer.TEMP_PREFIX))


def test_every_file_is_written_whole_in_order_and_nothing_else_is_left(tmp_path: Path) -> None:
    files = texts(tmp_path / "new")
    assert create_all(files) == [path for path, _ in files]
    assert {p.name: p.read_bytes() for p in (tmp_path / "new").iterdir()} == {p.name: d for p, d in files}


def test_one_sync_for_the_whole_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[Path] = []
    fsyncs: list[int] = []
    real = batch._syncfs()
    if real is None:
        pytest.skip("syncfs is Linux's")
    monkeypatch.setattr(batch, "_syncfs", lambda: lambda folder: (synced.append(folder), real(folder)))
    monkeypatch.setattr(batch.os, "fsync", lambda descriptor: fsyncs.append(descriptor))
    create_all(texts(tmp_path, 20))
    assert len(synced) == 1 and synced[0].parent == tmp_path
    assert len(fsyncs) == 1  # no file synced on its own: only the folder, once the names are given


def test_without_syncfs_each_file_is_synced_as_it_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fsyncs: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(batch, "_syncfs", lambda: None)
    monkeypatch.setattr(batch.os, "fsync", lambda descriptor: (fsyncs.append(descriptor), real_fsync(descriptor)))
    files = create_all(texts(tmp_path, 4))
    assert len(fsyncs) == 4 + 1 and all(p.exists() for p in files)  # and the folder, once


def test_a_failed_sync_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(descriptor: int) -> int:
        import ctypes

        ctypes.set_errno(errno.EIO)
        return -1

    monkeypatch.setattr(batch, "_syncfs", lambda: batch._SyncFs(failing))
    with pytest.raises(WriteFailed, match="Input/output error"):
        create_all(texts(tmp_path))
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt])
def test_stopped_at_any_step_of_any_file_nothing_is_left(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         step: str, error: type[BaseException]) -> None:
    (tmp_path / "kept.yaml").write_text("id: kept\n")
    seen: list[str] = []

    def stop_at_third(name: str) -> None:
        seen.append(name)
        if name == step and seen.count(step) == (1 if step == "synced" else 3):
            raise error(f"stopped at {step}")

    monkeypatch.setattr(writer, "fault_hook", stop_at_third)
    with pytest.raises(error):
        create_all(texts(tmp_path))
    assert os.listdir(tmp_path) == ["kept.yaml"]  # no record of the batch, no staging folder


def test_a_name_taken_meanwhile_is_never_overwritten_and_nothing_of_the_batch_is_left(tmp_path: Path) -> None:
    files = texts(tmp_path)
    taken = files[3][0]
    taken.write_bytes(b"id: someone-else\n")
    with pytest.raises(RecordExists, match=re.escape("batch-3.yaml exists already: nothing was written")):
        create_all(files)
    assert taken.read_bytes() == b"id: someone-else\n"
    assert os.listdir(tmp_path) == [taken.name]


def test_a_full_disk_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.fdopen
    count = []

    class Full:
        def __init__(self, handle: object) -> None:
            self.handle = handle

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()  # type: ignore[attr-defined]

        def write(self, data: bytes) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def fdopen(descriptor: int, mode: str) -> object:
        count.append(descriptor)
        return Full(real(descriptor, mode)) if len(count) == 4 else real(descriptor, mode)

    monkeypatch.setattr(batch.os, "fdopen", fdopen)
    with pytest.raises(WriteFailed, match=re.escape(f"cannot write {tmp_path}/batch-3.yaml: No space left on device")):
        create_all(texts(tmp_path))
    assert os.listdir(tmp_path) == []


KILLED = """\
import os, signal, sys
from pathlib import Path
from ilo_engage.core import writer
from ilo_engage.core.batch import create_all

step, folder, count = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
seen = []

def hook(name):
    seen.append(name)
    if name == step and seen.count(step) == (1 if step == "synced" else count // 2):
        os.kill(os.getpid(), signal.SIGKILL)

writer.fault_hook = hook
create_all([(folder / f"batch-{i}.yaml", f"id: batch-{i}\\nname: Batch {i}\\nkind: company\\ncountry: KE\\n".encode())
            for i in range(count)])
print("not killed")
"""


@pytest.mark.parametrize("step", STEPS)
def test_killed_before_the_links_no_record_is_written_after_them_each_is_whole(
    clean_dataset: Path, step: str
) -> None:
    folder = clean_dataset / ENTERPRISES
    before = record_files(clean_dataset)
    result = subprocess.run([sys.executable, "-c", KILLED, step, str(folder), "10"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == -signal.SIGKILL, result.stderr
    new = sorted(set(record_files(clean_dataset)) - set(before))
    if step == "placed":  # killed once five are linked: five records written, each whole
        assert len(new) == 5
        for relpath in new:
            name = Path(relpath).stem
            assert (clean_dataset / relpath).read_text() == \
                f"id: {name}\nname: Batch {name.split('-')[1]}\nkind: company\ncountry: KE\n"
    else:
        assert new == []
    [staging] = hidden(folder)  # the loader never reads it (record_files above); swept once stale
    assert staging.startswith(".ilo-engage-batch-") and staging.endswith(".tmp")
    assert sweep_temporary_files(folder) == []  # fresh: perhaps another writer's, still at work
    an_hour_ago = time.time() - 3601
    os.utime(folder / staging, (an_hour_ago, an_hour_ago))
    assert [p.name for p in sweep_temporary_files(folder)] == [staging]
    assert hidden(folder) == []
