"""The writer's promises: a record file is never overwritten by a new one, never left half
written, whatever stops the writer and whenever, and writers running at once never lose
one another's records. The commands that write (add-contact, a contact step, fmt) keep them
when killed at any step, and a write that fails (a read-only dataset, a full disk) is a
one-line error naming the path, exit 1, with nothing changed."""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ilo_engage.authoring import recipes as new_records
from ilo_engage.cli import app
from ilo_engage.core import writer
from ilo_engage.core.writer import RecordExists, create_file, replace_file, sweep_temporary_files
from ilo_engage.load.dataset import record_files
from tests.helpers import FIXTURES

STEPS = ("temp-written", "synced", "placed")
CONTACTS = "data/registers/contacts"
EXISTING = f"{CONTACTS}/2015-06-01-example-cocoa-ab2c.yaml"
NEW = f"{CONTACTS}/2015-10-01-example-cocoa-abcd.yaml"
# Big enough to take several writes of Python's buffer (8 KiB): a torn write would show.
PADDING = "".join(f"# line {i} of padding, so that the file takes many blocks\n" for i in range(4000))
NEW_TEXT = """\
id: 2015-10-01-example-cocoa-abcd
date: 2015-10-01
enterprise: example-cocoa
initiated_by: management
subject: Written by a writer that may be stopped
entry_point: act-emp
status: received
""" + PADDING


def temporary_files(folder: Path) -> list[str]:
    """Names in a folder that only the writer makes (the loader never reads them)."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(writer.TEMP_PREFIX))


def validate(root: Path) -> int:
    return CliRunner().invoke(app, ["validate", "--root", str(root)]).exit_code


# Writing whole files


def test_create_file_writes_the_text_exactly(tmp_path: Path) -> None:
    create_file(tmp_path / "a.yaml", "id: a\nname: Ünïcode — text\n")
    assert (tmp_path / "a.yaml").read_bytes() == "id: a\nname: Ünïcode — text\n".encode()
    assert temporary_files(tmp_path) == []


def test_create_file_never_overwrites_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"id: a\nold: content\n")
    with pytest.raises(RecordExists, match=r"^a\.yaml exists already: nothing was written$"):
        create_file(path, "id: a\nnew: content\n")
    assert path.read_bytes() == b"id: a\nold: content\n"
    assert temporary_files(tmp_path) == []


def test_create_file_makes_the_missing_folders(tmp_path: Path) -> None:
    create_file(tmp_path / "data" / "programmes" / "p.yaml", "id: p\n")
    assert (tmp_path / "data" / "programmes" / "p.yaml").read_text() == "id: p\n"


def test_replace_file_replaces_the_whole_content(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("id: a\n" + PADDING)
    replace_file(path, "id: a\nshort: now\n")
    assert path.read_bytes() == b"id: a\nshort: now\n"  # nothing of the longer old text is left at the end
    assert temporary_files(tmp_path) == []


# An exception at each step


def _raise_at(step: str):  # noqa: ANN202
    def hook(name: str) -> None:
        if name == step:
            raise RuntimeError(f"stopped at {name}")
    return hook


@pytest.mark.parametrize("step", STEPS)
def test_create_file_stopped_by_an_exception_leaves_no_file_or_the_whole_one_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    monkeypatch.setattr(writer, "fault_hook", _raise_at(step))
    path = tmp_path / "new.yaml"
    with pytest.raises(RuntimeError, match=f"stopped at {step}"):
        create_file(path, NEW_TEXT)
    if step == "placed":
        assert path.read_text(encoding="utf-8") == NEW_TEXT
    else:
        assert not path.exists()
    assert temporary_files(tmp_path) == []


@pytest.mark.parametrize("step", STEPS)
def test_replace_file_stopped_by_an_exception_leaves_the_old_text_or_the_whole_new_one_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    path = tmp_path / "old.yaml"
    path.write_text("id: old\n", encoding="utf-8")
    monkeypatch.setattr(writer, "fault_hook", _raise_at(step))
    with pytest.raises(RuntimeError, match=f"stopped at {step}"):
        replace_file(path, NEW_TEXT)
    assert path.read_text(encoding="utf-8") == (NEW_TEXT if step == "placed" else "id: old\n")
    assert temporary_files(tmp_path) == []


def test_an_interrupt_while_writing_also_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupt(name: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(writer, "fault_hook", interrupt)
    with pytest.raises(KeyboardInterrupt):
        create_file(tmp_path / "new.yaml", NEW_TEXT)
    assert os.listdir(tmp_path) == []


# A real kill at each step

KILLED_WRITER = """\
import os, signal, sys
from pathlib import Path
from ilo_engage.core import writer

operation, step, target, text_file = sys.argv[1:]

def hook(name):
    if name == step:
        os.kill(os.getpid(), signal.SIGKILL)

writer.fault_hook = hook
getattr(writer, operation)(Path(target), Path(text_file).read_text(encoding="utf-8"))
print("not killed")
"""


def run_killed(operation: str, step: str, target: Path, text: str, scratch: Path) -> None:
    text_file = scratch / "text.txt"
    text_file.write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", KILLED_WRITER, operation, step, str(target), str(text_file)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("operation", ["create_file", "replace_file"])
def test_a_writer_killed_at_any_step_leaves_the_old_text_or_the_whole_new_one(
    clean_dataset: Path, tmp_path: Path, operation: str, step: str
) -> None:
    relpath = NEW if operation == "create_file" else EXISTING
    target = clean_dataset / relpath
    old = target.read_bytes() if target.exists() else None
    new_text = NEW_TEXT if operation == "create_file" else target.read_text(encoding="utf-8") + PADDING
    files_before = record_files(clean_dataset)

    run_killed(operation, step, target, new_text, tmp_path)

    if step == "placed":
        assert target.read_text(encoding="utf-8") == new_text
    elif old is None:
        assert not target.exists()
    else:
        assert target.read_bytes() == old
    leftovers = temporary_files(target.parent)
    assert len(leftovers) == (0 if step == "placed" else 1)
    assert all(name.startswith(".ilo-engage-") and name.endswith(".tmp") for name in leftovers)
    # The loader never reads a leftover: the dataset has exactly the record files it had (and the new one).
    assert record_files(clean_dataset) == sorted({*files_before, relpath} if step == "placed" else files_before)
    assert validate(clean_dataset) == 0

    assert sorted(p.name for p in sweep_temporary_files(target.parent, older_than=0)) == leftovers
    assert temporary_files(target.parent) == []


def test_the_next_write_in_a_folder_sweeps_stale_temporary_files_but_not_fresh_ones(
    clean_dataset: Path, tmp_path: Path
) -> None:
    folder = clean_dataset / CONTACTS
    run_killed("create_file", "synced", folder / "first.yaml", NEW_TEXT, tmp_path)
    [stale] = temporary_files(folder)
    two_hours_ago = time.time() - 2 * 3600
    os.utime(folder / stale, (two_hours_ago, two_hours_ago))
    run_killed("create_file", "synced", folder / "second.yaml", NEW_TEXT, tmp_path)  # its own write sweeps `stale`
    [fresh] = temporary_files(folder)
    assert fresh != stale and fresh.startswith(".ilo-engage-second.yaml.")

    create_file(folder / "third.yaml", "id: third\n")

    assert temporary_files(folder) == [fresh]  # perhaps another writer's, still at work: left alone
    assert (folder / "third.yaml").read_text() == "id: third\n"


# Writers at once


def test_eight_officers_adding_contacts_at_once_each_get_their_own_file(clean_dataset: Path) -> None:
    folder = clean_dataset / CONTACTS
    before = set(os.listdir(folder))
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "ilo_engage", "add-contact", "--no-input", "--enterprise", "example-cocoa",
             "--initiated-by", "management", "--subject", f"Officer {i}", "--date", "2015-10-01",
             "--root", str(clean_dataset)],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "NO_COLOR": "1"},
        )
        for i in range(8)
    ]
    outputs = [process.communicate(timeout=120) for process in processes]
    assert [process.returncode for process in processes] == [0] * 8, [err for _, err in outputs]
    printed = [out.strip() for out, _ in outputs]
    added = sorted(set(os.listdir(folder)) - before)
    assert len(added) == 8
    assert sorted(Path(p).name for p in printed) == added
    subjects = {(folder / name).read_text(encoding="utf-8").split("subject: ")[1].split("\n")[0] for name in added}
    assert subjects == {f"Officer {i}" for i in range(8)}
    assert temporary_files(folder) == []
    assert validate(clean_dataset) == 0


RACING_WRITER = """\
import sys
from pathlib import Path
from ilo_engage.core import writer

def wait_for_the_other(name):
    if name == "synced":  # the whole text is on disk, under a temporary name
        print("ready", flush=True)
        sys.stdin.readline()

writer.fault_hook = wait_for_the_other
try:
    writer.create_file(Path(sys.argv[1]), sys.argv[2] * 20000)
except writer.RecordExists:
    print("exists")
else:
    print("created")
"""


def test_two_writers_creating_the_same_file_at_once_one_wins_whole_and_the_other_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "same.yaml"
    texts = ["writer A wrote this line\n", "writer B wrote this line\n"]
    racers = [subprocess.Popen([sys.executable, "-c", RACING_WRITER, str(target), text], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for text in texts]
    for racer in racers:  # both have their temporary file written, and wait
        assert racer.stdout.readline() == "ready\n"
    for racer in racers:  # then both link it under the same name
        racer.stdin.write("go\n")
        racer.stdin.flush()
    results = [racer.communicate(timeout=60) for racer in racers]
    assert [racer.returncode for racer in racers] == [0, 0], [err for _, err in results]
    outcomes = [out.strip() for out, _ in results]
    assert sorted(outcomes) == ["created", "exists"]
    winner = texts[outcomes.index("created")]
    assert target.read_text() == winner * 20000
    assert temporary_files(tmp_path) == []


# Commands killed while they write: add-contact, a contact step, fmt

KILLED_COMMAND = """\
import os, signal, sys
from ilo_engage.authoring import recipes as new_records
from ilo_engage.core import writer
from ilo_engage.cli import app

step, *args = sys.argv[1:]
new_records.new_contact_id = lambda day, enterprise, taken: f"{day.isoformat()}-{enterprise}-kill"

def hook(name):
    if name == step:
        os.kill(os.getpid(), signal.SIGKILL)

writer.fault_hook = hook
app(args, prog_name="ilo-engage")
"""
WORKERS_CONTACT = "2015-09-01-example-cocoa-m4nx"
COMMANDS = {
    "add-contact": ["add-contact", "--no-input", "--enterprise", "example-cocoa", "--initiated-by", "management",
                    "--subject", "Written by a command that may be killed", "--date", "2015-10-01"],
    "contact-step": ["contact", WORKERS_CONTACT, "analyse", "--summary", "Needs advice. " * 400, "--date", "2015-09-03"],
    "fmt": ["fmt"],
}
OUT_OF_ORDER = "name: {name}\nid: {id}\nkind: company\ncountry: CH\n"


def record_texts(root: Path) -> dict[str, bytes]:
    """Every file the loader reads, with its bytes."""
    return {relpath: (root / relpath).read_bytes() for relpath in record_files(root)}


def prepared(root: Path) -> Path:
    """The dataset with two files for fmt to rewrite."""
    for name in ("out-of-order-one", "out-of-order-two"):
        (root / "data/registers/enterprises" / f"{name}.yaml").write_text(
            OUT_OF_ORDER.format(name=name.replace("-", " ").title(), id=name), encoding="utf-8")
    return root


def completed(tmp_path: Path, args: list[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """The record files after the command ran to its end, in a copy of the same dataset."""
    root = tmp_path / "completed"
    shutil.copytree(FIXTURES / "clean", root)
    prepared(root)
    monkeypatch.setattr(new_records, "new_contact_id", lambda day, enterprise, taken: f"{day}-{enterprise}-kill")
    result = CliRunner().invoke(app, [*args, "--root", str(root)])
    assert result.exit_code == 0, result.output
    return record_texts(root)


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_command_killed_at_any_step_of_a_write_leaves_every_file_whole_and_no_temporary_file_the_loader_reads(
    clean_dataset: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, step: str
) -> None:
    args = COMMANDS[command]
    after_a_whole_run = completed(tmp_path, args, monkeypatch)
    before = record_texts(prepared(clean_dataset))
    assert after_a_whole_run != before

    result = subprocess.run([sys.executable, "-c", KILLED_COMMAND, step, *args, "--root", str(clean_dataset)],
                            capture_output=True, text=True, timeout=60)

    assert result.returncode == -signal.SIGKILL, result.stderr
    after = record_texts(clean_dataset)  # leftover temporary files are not among them
    assert set(after) <= set(before) | set(after_a_whole_run)
    for relpath in set(before) | set(after_a_whole_run):  # each file as it was, or whole as the command writes it
        assert after.get(relpath) in (before.get(relpath), after_a_whole_run.get(relpath)), relpath
    changed = sorted(f for f in after if after.get(f) != before.get(f))
    assert len(changed) == (1 if step == "placed" else 0)  # killed at its first write: at most one file written
    leftovers = [name for folder in ("data/registers/contacts", "data/registers/enterprises")
                 for name in temporary_files(clean_dataset / folder)]
    assert len(leftovers) == (0 if step == "placed" else 1)
    assert all(name.startswith(".ilo-engage-") and name.endswith(".tmp") for name in leftovers)
    assert validate(clean_dataset) == 0


# A dataset that cannot be written: read-only (EACCES) or a full disk (ENOSPC)


def _refusing(error: int, real: Any = None) -> Any:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        if real is not None and not args[1] & os.O_CREAT:  # os.open for reading: let it be
            return real(*args, **kwargs)
        raise OSError(error, os.strerror(error))
    return refuse


class _FullDisk:
    """A file whose writes fail as on a full disk."""

    def __init__(self, handle: Any) -> None:
        self.handle = handle

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def write(self, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def inject(monkeypatch: pytest.MonkeyPatch, fault: str) -> None:
    if fault == "read-only folder":  # creating the temporary file fails
        monkeypatch.setattr(writer.os, "open", _refusing(errno.EACCES, os.open))
    elif fault == "read-only file name":  # linking a new file under its name fails
        monkeypatch.setattr(writer.os, "link", _refusing(errno.EACCES))
    elif fault == "read-only file":  # renaming over the old file fails
        monkeypatch.setattr(writer.os, "replace", _refusing(errno.EACCES))
    elif fault == "full disk":
        real_fdopen = os.fdopen
        monkeypatch.setattr(writer.os, "fdopen", lambda fd, mode: _FullDisk(real_fdopen(fd, mode)))


REPORT = "out/report.md"
FAULTS = [  # command, fault, the path the message names ({new}: the new contact's file)
    ("add-contact", "read-only folder", "cannot write in {root}/data/registers/contacts: Permission denied"),
    ("add-contact", "read-only file name", "cannot write {new}: Permission denied"),
    ("add-contact", "full disk", "cannot write {new}: No space left on device"),
    ("contact-step", "read-only folder", "cannot write in {root}/data/registers/contacts: Permission denied"),
    ("contact-step", "read-only file", f"cannot write {{root}}/data/registers/contacts/{WORKERS_CONTACT}.yaml: "
                                       "Permission denied"),
    ("contact-step", "full disk", f"cannot write {{root}}/data/registers/contacts/{WORKERS_CONTACT}.yaml: "
                                  "No space left on device"),
    ("fmt", "read-only folder", "cannot write in {root}/data/registers/enterprises: Permission denied"),
    ("fmt", "read-only file", "cannot write {root}/data/registers/enterprises/out-of-order-one.yaml: "
                              "Permission denied"),
    ("fmt", "full disk", "cannot write {root}/data/registers/enterprises/out-of-order-one.yaml: "
                         "No space left on device"),
    ("report", "read-only folder", "cannot write in {tmp}/out: Permission denied"),
    ("report", "read-only file", "cannot write {tmp}/" + REPORT + ": Permission denied"),
    ("report", "full disk", "cannot write {tmp}/" + REPORT + ": No space left on device"),
]


def everything(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".ilo-engage-cache" not in p.parts}


@pytest.mark.parametrize(("command", "fault", "message"), FAULTS, ids=[f"{c}-{f}" for c, f, _ in FAULTS])
def test_a_write_that_fails_is_a_one_line_error_naming_the_path_exit_1_and_changes_nothing(
    clean_dataset: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, fault: str, message: str
) -> None:
    root = prepared(clean_dataset)
    report = tmp_path / REPORT
    report.parent.mkdir()
    report.write_text("the report of last week\n", encoding="utf-8")
    args = ["report", "progress", "--output", str(report), "--force"] if command == "report" else COMMANDS[command]
    before, report_before = everything(root), everything(tmp_path / "out")
    inject(monkeypatch, fault)

    result = CliRunner().invoke(app, [*args, "--root", str(root)])

    assert (result.exit_code, result.stdout) == (1, "")  # exit 3 would be an internal error
    new_file = re.escape(f"{root}/data/registers/contacts/2015-10-01-example-cocoa-") + "[a-z2-7]{4}" + re.escape(".yaml")
    expected = "ilo-engage: " + message.format(root=root, tmp=tmp_path, new="{new}") + "\n"
    assert re.fullmatch(new_file.join(re.escape(part) for part in expected.split("{new}")), result.stderr), \
        result.stderr
    assert "Traceback" not in result.output
    assert everything(root) == before  # nothing changed, no temporary file left
    assert everything(tmp_path / "out") == report_before
