"""What a process leaves behind when things go wrong: Ctrl-C during a parallel validate prints only
"interrupted"; a crash log is private and never follows a planted link; the cache is never
written through a link or outside the dataset's own cache folder."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ilo_engage.cli import app, common

SLOW_VALIDATE = """\
import os, sys, time
from pathlib import Path
from ilo_engage.checks import scan_files
from ilo_engage.cli import main

scan_files.PARALLEL_FROM = 1  # the fixture is small: use the worker pool anyway
os.cpu_count = lambda: 2
real = scan_files.read_and_check

def slow(*args):
    Path(os.environ["MARKER"]).touch()  # a worker is busy: now is the time to press Ctrl-C
    time.sleep(1)
    return real(*args)

scan_files.read_and_check = slow
sys.argv = ["ilo-engage", *sys.argv[1:]]
main()
"""


def test_ctrl_c_during_a_parallel_validate_prints_only_interrupted_and_leaves_no_worker(
    clean_dataset: Path, tmp_path: Path
) -> None:
    marker = tmp_path / "busy"
    process = subprocess.Popen([sys.executable, "-c", SLOW_VALIDATE, "validate", "--no-cache", "--root",
                                str(clean_dataset)], env={**os.environ, "MARKER": str(marker)},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 60
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.2)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal does: to the parent and every worker
    stdout, stderr = process.communicate(timeout=60)
    assert (process.returncode, stdout, stderr) == (130, "", "ilo-engage: interrupted\n")
    time.sleep(0.5)
    try:
        os.killpg(process.pid, 0)
    except ProcessLookupError:
        pass
    else:
        raise AssertionError("a worker process outlived the interrupted validate")


# The crash log


def crash(monkeypatch: pytest.MonkeyPatch, root: Path, state: Path) -> CliRunner:
    """Run `register` with a bug planted in it, its message quoting a contact's file (a person's name)."""
    from ilo_engage.lookup import registers

    quoted = (root / "data/registers/contacts/2015-08-03-secret-mining-q2zz.yaml").read_text(encoding="utf-8")

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError(quoted)

    monkeypatch.setattr(registers, "registers", broken)
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    return CliRunner().invoke(app, ["register", "--root", str(root)])


def test_a_crash_log_is_private_in_the_users_state_folder_and_quotes_no_record(
    clean_dataset: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "shared-tmp"))
    (tmp_path / "shared-tmp").mkdir()
    result = crash(monkeypatch, clean_dataset, tmp_path / "state")
    assert result.exit_code == 3 and "This is a bug" in result.stderr
    [log] = (tmp_path / "state/ilo-engage").iterdir()
    assert str(log) in result.stderr
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700
    text = log.read_text(encoding="utf-8")
    assert "registers" in text and "ValueError" in text and "argv: [" in text  # where, and what was typed
    assert "Canary" not in text and "example.org" not in text
    assert not list((tmp_path / "shared-tmp").iterdir())


def test_a_crash_log_never_follows_a_planted_link(
    clean_dataset: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "state/ilo-engage"
    folder.mkdir(parents=True)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    (folder / "crash-planted.log").symlink_to(victim)
    monkeypatch.setattr(common, "_crash_log_name", lambda: "crash-planted.log")
    result = crash(monkeypatch, clean_dataset, tmp_path / "state")
    assert result.exit_code == 3
    assert victim.read_text(encoding="utf-8") == "precious\n"
    [log] = [p for p in folder.iterdir() if not p.is_symlink()]
    assert str(log) in result.stderr and stat.S_IMODE(log.stat().st_mode) == 0o600


# The cache


def validate(root: Path) -> int:
    return CliRunner().invoke(app, ["validate", "--root", str(root)]).exit_code


def test_a_planted_cache_folder_link_is_ignored_never_written_through(clean_dataset: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "store.sqlite").write_text("precious\n", encoding="utf-8")
    (clean_dataset / ".ilo-engage-cache").symlink_to(outside)
    assert validate(clean_dataset) == 0
    assert validate(clean_dataset) == 0
    assert sorted(p.name for p in outside.iterdir()) == ["store.sqlite"]
    assert (outside / "store.sqlite").read_text(encoding="utf-8") == "precious\n"
    assert (clean_dataset / ".ilo-engage-cache").is_symlink()


def test_planted_cache_files_that_are_links_are_replaced_not_written_through(clean_dataset: Path, tmp_path: Path) -> None:
    folder = clean_dataset / ".ilo-engage-cache"
    folder.mkdir()
    names = ("store.sqlite", "store.sqlite-wal", "store.sqlite-shm", "store.sqlite-journal")
    victims = {name: tmp_path / f"victim-{name}" for name in names}
    for name, victim in victims.items():
        victim.write_text("precious\n", encoding="utf-8")
        (folder / name).symlink_to(victim)
    assert validate(clean_dataset) == 0
    assert all(victim.read_text(encoding="utf-8") == "precious\n" for victim in victims.values())
    assert not any((folder / name).is_symlink() for name in names)
    assert (folder / "store.sqlite").is_file()
    assert validate(clean_dataset) == 0  # the store written in their place is used


def test_a_cache_that_is_a_file_or_nests_too_deep_is_ignored(clean_dataset: Path) -> None:
    (clean_dataset / ".ilo-engage-cache").write_text("not a folder\n", encoding="utf-8")
    assert validate(clean_dataset) == 0
    (clean_dataset / ".ilo-engage-cache").unlink()
    (clean_dataset / ".ilo-engage-cache").mkdir()
    (clean_dataset / ".ilo-engage-cache/store.sqlite").write_text("[" * 100000 + "]" * 100000, encoding="utf-8")
    assert validate(clean_dataset) == 0
