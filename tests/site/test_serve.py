"""`ilo-engage site --serve`: the preview on 127.0.0.1 serves the site's files only, and Ctrl-C
stops it with exit code 130."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path


def test_the_preview_serves_the_site_and_stops_on_ctrl_c(clean_dataset: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    process = subprocess.Popen(
        [sys.executable, "-m", "ilo_engage", "site", "--output", str(site), "--serve", "--port", "0",
         "--root", str(clean_dataset)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True)
    try:
        assert process.stderr is not None
        lines = [process.stderr.readline(), process.stderr.readline()]
        found = re.fullmatch(rf"Serving {re.escape(str(site))} at (http://127\.0\.0\.1:\d+/) \(Ctrl-C stops\)\n", lines[1])
        assert found, lines
        base = found[1]
        with urllib.request.urlopen(base, timeout=10) as answer:
            assert answer.status == 200 and b"<html lang=\"en\">" in answer.read()
        with urllib.request.urlopen(base + "enterprises/example-cocoa.html", timeout=10) as answer:
            assert b"Example Cocoa Trading S.A." in answer.read()
        for refused in ("assets/", "../dataset/ilo-engage.toml", "%2e%2e/dataset/ilo-engage.toml"):
            try:
                urllib.request.urlopen(base + refused, timeout=10)
                raise AssertionError(f"{refused} was served")
            except urllib.error.HTTPError as exc:
                assert exc.code == 404, refused
        time.sleep(0.2)
        os.killpg(process.pid, signal.SIGINT)  # as a terminal's Ctrl-C does
        stdout, rest = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130
    assert stdout == ""
    assert rest == "ilo-engage: interrupted\n"


def test_a_port_in_use_is_a_clear_error(clean_dataset: Path, tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "ilo_engage", "site", "--output", str(tmp_path / "site"), "--serve",
                               "--port", str(port), "--root", str(clean_dataset)], capture_output=True, text=True,
                              timeout=120)
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == (f"ilo-engage: cannot serve on 127.0.0.1:{port}: Address already in use; "
                                            "choose another --port")
