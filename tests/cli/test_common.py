"""What every command shares (cli/common.py), pinned exactly: the crash log's name and first line,
what the message says when no log can be written, and standard output guarded yet file-like."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest

from ilo_engage import __version__
from ilo_engage.cli import common
from ilo_engage.core.errors import UsageError


def crash_message(capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        raise ValueError("a record's words")
    except ValueError as exc:
        code = common.crashed(exc)
    return code, capsys.readouterr().err


def test_a_crash_log_is_named_by_the_time_and_the_process_and_says_which_version_crashed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    code, err = crash_message(capsys)
    [log] = (tmp_path / "ilo-engage").iterdir()
    assert code == 3
    assert re.fullmatch(rf"crash-\d{{8}}-\d{{6}}-{os.getpid()}\.log", log.name)
    assert err == (f"ilo-engage: internal error (ValueError: a record's words). This is a bug; "
                   f"the details are in {log}\n")
    assert log.read_text(encoding="utf-8").startswith(f"ilo-engage {__version__} crashed at ")


def test_a_taken_crash_log_name_gives_way_to_a_random_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    monkeypatch.setattr(common, "_crash_log_name", lambda: "crash-taken.log")
    (tmp_path / "ilo-engage").mkdir()
    (tmp_path / "ilo-engage/crash-taken.log").write_text("an earlier crash\n", encoding="utf-8")
    crash_message(capsys)
    assert (tmp_path / "ilo-engage/crash-taken.log").read_text(encoding="utf-8") == "an earlier crash\n"
    [new] = [p.name for p in (tmp_path / "ilo-engage").iterdir() if p.name != "crash-taken.log"]
    assert re.fullmatch(r"crash-[0-9a-f]{16}\.log", new)


def test_after_five_names_taken_the_message_says_no_log_was_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    monkeypatch.setattr(common, "_crash_log_name", lambda: "crash-taken.log")
    monkeypatch.setattr(common.secrets, "token_hex", lambda n: "taken")  # every random name is the taken one too
    (tmp_path / "ilo-engage").mkdir()
    (tmp_path / "ilo-engage/crash-taken.log").write_text("", encoding="utf-8")
    code, err = crash_message(capsys)
    assert code == 3
    assert err.endswith("This is a bug; the details are in (the log could not be written)\n")


def test_without_a_state_folder_the_message_says_no_log_was_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "a-file"))  # the folder cannot be made
    code, err = crash_message(capsys)
    assert code == 3
    assert err.endswith("This is a bug; the details are in (the log could not be written)\n")


def test_a_log_that_cannot_be_written_whole_is_named_as_such(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    real = os.fdopen

    def full(descriptor: int, *args: object, **kwargs: object) -> object:
        handle = real(descriptor, *args, **kwargs)  # type: ignore[call-overload]

        def refuse(text: str) -> int:
            raise OSError(28, "No space left on device")

        handle.write = refuse
        return handle

    monkeypatch.setattr(common.os, "fdopen", full)
    _, err = crash_message(capsys)
    [log] = (tmp_path / "ilo-engage").iterdir()
    assert err.endswith(f"This is a bug; the details are in (the log could not be written whole: {log})\n")


def test_the_crash_log_folder_is_the_users_state_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert common.crash_log_folder() == tmp_path / "state/ilo-engage"
    monkeypatch.delenv("XDG_STATE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert common.crash_log_folder() == tmp_path / "home/.local/state/ilo-engage"


def test_guarded_standard_output_is_still_a_text_file() -> None:
    stream = io.StringIO()
    guarded = common._GuardedOutput(stream)
    assert guarded.write("four") == 4
    guarded.flush()
    assert stream.getvalue() == "four"
    assert guarded.isatty() is False
    assert common._GuardedOutput(None).isatty() is False
    assert guarded.getvalue() == "four"  # what it does not guard is the stream's own


def test_guarded_standard_output_has_a_guarded_buffer_for_bytes() -> None:
    raw = io.BytesIO()
    guarded = common._GuardedOutput(io.TextIOWrapper(raw, encoding="utf-8"))
    assert guarded.buffer.write(b"bytes") == 5
    assert raw.getvalue() == b"bytes"
    with pytest.raises(UsageError, match="cannot write to standard output: it is closed"):
        common._GuardedOutput(io.StringIO()).buffer.write(b"x")  # a text stream has no buffer: as if closed
