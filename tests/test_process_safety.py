"""What a process leaves behind when things go wrong: Ctrl-C during a parallel validate prints only
"interrupted"; a crash log is private and never follows a planted link; the cache is never
written through a link or outside the dataset's own cache folder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

SLOW_VALIDATE = """\
import os, sys, time
from pathlib import Path
from ilo_engage import scan
from ilo_engage.cli import main

scan.PARALLEL_FROM = 1  # the fixture is small: use the worker pool anyway
os.cpu_count = lambda: 2
real = scan._read_and_check

def slow(*args):
    Path(os.environ["MARKER"]).touch()  # a worker is busy: now is the time to press Ctrl-C
    time.sleep(1)
    return real(*args)

scan._read_and_check = slow
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
