"""Edits of a record never lose another's: every read-modify-write (a contact step, fmt) writes
only if the file is still what it read, compared under a lock just before the rename; otherwise
it exits 1 with "changed while you were editing; run it again"."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ilo_engage.cli import app
from ilo_engage.core import writer
from ilo_engage.load.dataset import load
from ilo_engage.model import Contact

REFERRED = "2015-08-03-secret-mining-q2zz"  # status referred: a follow-up may come, then a close
FILE = f"data/registers/contacts/{REFERRED}.yaml"
CHANGED = "changed while you were editing; run it again"


def start(root: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "ilo_engage", *args, "--root", str(root)],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(processes: list[subprocess.Popen[str]]) -> list[tuple[int, str]]:
    errors = [p.communicate(timeout=300)[1] for p in processes]
    return [(p.returncode, stderr) for p, stderr in zip(processes, errors)]


def test_eight_officers_following_up_one_contact_at_once_lose_no_follow_up(clean_dataset: Path) -> None:
    summaries = [f"Follow-up number {i}, written at the same moment as the others." for i in range(8)]
    outcomes = finish([start(clean_dataset, "contact", REFERRED, "follow-up", "--summary", summary,
                             "--date", "2015-09-01") for summary in summaries])
    text = (clean_dataset / FILE).read_text(encoding="utf-8")
    for summary, (code, stderr) in zip(summaries, outcomes):
        assert code in (0, 1), stderr
        if code == 0:
            assert summary in text  # every follow-up reported as written is in the file
        else:
            assert stderr == f"ilo-engage: {FILE} {CHANGED}\n"
            assert summary not in text
    assert any(code == 0 for code, _ in outcomes)
    assert text.count("Follow-up number") == sum(code == 0 for code, _ in outcomes)
    assert CliRunner().invoke(app, ["validate", "--root", str(clean_dataset)]).exit_code == 0


def test_close_and_decline_at_once_leave_the_file_as_the_one_that_succeeded(clean_dataset: Path) -> None:
    assert CliRunner().invoke(app, ["contact", REFERRED, "follow-up", "--date", "2015-09-01",
                                    "--root", str(clean_dataset)]).exit_code == 0
    closing = start(clean_dataset, "contact", REFERRED, "close", "--outcome", "Advice given.")
    declining = start(clean_dataset, "contact", REFERRED, "close", "--declined", "--outcome", "Not pursued.")
    (closed, closed_err), (declined, declined_err) = finish([closing, declining])
    assert sorted([closed, declined]) == [0, 1], (closed_err, declined_err)
    [record] = [c for c in load(clean_dataset).records(Contact) if c.id == REFERRED]
    assert record.status == ("closed" if closed == 0 else "declined")
    loser = declined_err if closed == 0 else closed_err
    # It raced the winner to the rename, or came second and read the winner's status: one of two
    # messages, each exact.
    assert loser in (f"ilo-engage: {FILE} {CHANGED}\n", f"ilo-engage: {REFERRED} is `{record.status}` already\n")


def edit_during(monkeypatch: pytest.MonkeyPatch, path: Path, extra: str) -> None:
    """An officer's editor saves the file while the command has read it and is writing its edit."""
    def hook(step: str) -> None:
        if step == "locked":
            path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    monkeypatch.setattr(writer, "fault_hook", hook)


def test_a_contact_step_never_overwrites_an_edit_saved_while_it_ran(
    clean_dataset: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = clean_dataset / FILE
    edit_during(monkeypatch, path, "# added by an officer meanwhile\n")
    result = CliRunner().invoke(app, ["contact", REFERRED, "follow-up", "--summary", "Lost?",
                                      "--date", "2015-09-01", "--root", str(clean_dataset)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"ilo-engage: {FILE} {CHANGED}\n"
    text = path.read_text(encoding="utf-8")
    assert text.endswith("# added by an officer meanwhile\n") and "Lost?" not in text
    assert not [p for p in path.parent.iterdir() if p.name.startswith(writer.TEMP_PREFIX)]


def test_fmt_never_overwrites_an_edit_saved_while_it_ran(clean_dataset: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = clean_dataset / "data/registers/enterprises"
    edited, other = folder / "out-of-order.yaml", folder / "zz-out-of-order.yaml"
    edited.write_text("name: Out Of Order\nid: out-of-order\nkind: company\ncountry: CH\n", encoding="utf-8")
    other.write_text("name: Zz Out Of Order\nid: zz-out-of-order\nkind: company\ncountry: CH\n", encoding="utf-8")
    saved = {"done": False}

    def hook(step: str) -> None:  # the editor saves the first file while fmt rewrites it
        if step == "locked" and not saved["done"]:
            saved["done"] = True
            edited.write_text(edited.read_text(encoding="utf-8") + "sectors:\n  - cocoa\n", encoding="utf-8")
    monkeypatch.setattr(writer, "fault_hook", hook)
    result = CliRunner().invoke(app, ["fmt", "--root", str(clean_dataset)])
    assert result.exit_code == 1
    assert result.stdout == "reformatted data/registers/enterprises/zz-out-of-order.yaml\n"  # the others go on
    assert result.stderr.startswith(f"ilo-engage: data/registers/enterprises/out-of-order.yaml {CHANGED}\n")
    assert edited.read_text(encoding="utf-8") == ("name: Out Of Order\nid: out-of-order\nkind: company\ncountry: CH\n"
                                                  "sectors:\n  - cocoa\n")
    assert other.read_text(encoding="utf-8").startswith("id: zz-out-of-order\n")


def waiting_for_a_lock(pid: int) -> bool:
    """Whether a process waits for a file lock (Linux lists waiters as `->` lines in /proc/locks)."""
    return any(line.split()[1] == "->" and str(pid) in line.split()
               for line in Path("/proc/locks").read_text().splitlines())


@pytest.mark.skipif(not Path("/proc/locks").exists(), reason="needs Linux's /proc/locks to see a waiting process")
def test_an_edit_waits_for_the_folder_lock_then_compares_before_writing(clean_dataset: Path) -> None:
    path = clean_dataset / FILE
    with writer.folder_lock(path.parent):  # another edit in that folder is between its check and its rename
        step = start(clean_dataset, "contact", REFERRED, "follow-up", "--summary", "Waited.", "--date", "2015-09-01")
        deadline = time.monotonic() + 120
        while not waiting_for_a_lock(step.pid):
            assert step.poll() is None, step.communicate()  # it must not write while the lock is held
            assert time.monotonic() < deadline
            time.sleep(0.05)
        path.write_text(path.read_text(encoding="utf-8") + "# saved by the other edit\n", encoding="utf-8")
    [(code, stderr)] = finish([step])
    assert (code, stderr) == (1, f"ilo-engage: {FILE} {CHANGED}\n")
    assert path.read_text(encoding="utf-8").endswith("# saved by the other edit\n")
