"""Running the site's independent pieces of work (the report and its Word document, the charts,
groups of pages) on every core: in processes forked from the build, which see the dataset and its
projection as they are (nothing is copied or parsed again), each task returning a small result.

Forking is safe only from a process with one thread (a lock another thread held at the fork
would stay locked in the child forever), so a build run from a thread, a system without fork or
a single core runs the same tasks one after the other in the build's own process: the same
results, the same files."""

from __future__ import annotations

import gc
import os
import sys
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any

from ..core.errors import IloEngageError

Task = Callable[[], Any]

# The tasks of the build under way, which forked workers inherit: a task is sent as its index,
# since the closures that make pages cannot be pickled, and need not be.
_TASKS: Sequence[Task] = ()


class TaskFailed(IloEngageError):
    """A task stopped with an error an officer can act on; its message and exit code, passed on."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def workers_available() -> int:
    """How many processes the build may use: the cores this process may run on, or 1 where
    forking is not safe or not possible."""
    if sys.platform == "win32" or not hasattr(os, "fork") or threading.active_count() > 1:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, cores)


def run_tasks(tasks: Sequence[Task], workers: int) -> Iterator[tuple[int, Any]]:
    """Run every task, yielding (its index, its result) as each finishes; in `workers` forked
    processes, or here one after the other when `workers` is 1. A task that fails ends the run
    with its error (an IloEngageError keeps its message and exit code)."""
    if workers <= 1 or len(tasks) <= 1:
        for index, task in enumerate(tasks):
            yield index, task()
        return
    global _TASKS
    _TASKS = tasks
    gc.freeze()  # the collector would otherwise touch, and so copy, every object the workers share
    try:
        from multiprocessing import get_context

        with ProcessPoolExecutor(max_workers=min(workers, len(tasks)), mp_context=get_context("fork")) as pool:
            futures: dict[Future[tuple[str, Any]], int] = {pool.submit(_run, i): i for i in range(len(tasks))}
            try:
                pending = set(futures)
                while pending:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for future in done:
                        yield futures[future], _result(future.result())
            except BaseException:
                for future in futures:
                    future.cancel()
                raise
    finally:
        _TASKS = ()
        gc.unfreeze()


def _run(index: int) -> tuple[str, Any]:
    """One task in a worker; its error made into plain values, which always pass back to the build."""
    try:
        return "done", _TASKS[index]()
    except IloEngageError as exc:
        return "error", (str(exc), exc.exit_code)
    except Exception:  # noqa: BLE001 - passed back whole, to end the build as an internal error
        return "crashed", traceback.format_exc()


def _result(outcome: tuple[str, Any]) -> Any:
    kind, value = outcome
    if kind == "error":
        raise TaskFailed(*value)
    if kind == "crashed":
        raise RuntimeError(f"a task of the site's build failed:\n{value}")
    return value
