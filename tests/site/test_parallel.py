"""The site's build shared among processes: the same files as one process makes, errors passed on."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from ilo_engage.core.errors import IloEngageError
from ilo_engage.site import parallel
from ilo_engage.site.build import build_site
from tests.helpers import write


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_build_in_several_processes_writes_the_files_one_process_writes(clean_dataset: Path, tmp_path: Path) -> None:
    one = build_site(clean_dataset, tmp_path / "one", "staff", workers=1)
    three = build_site(clean_dataset, tmp_path / "three", "staff", workers=3)
    assert files(tmp_path / "one") == files(tmp_path / "three")
    assert (one.pages, one.written) == (three.pages, three.written)
    assert three.pages == sum(name.endswith(".html") for name in files(tmp_path / "three"))


def test_a_rebuild_in_several_processes_writes_only_what_changed(clean_dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(clean_dataset, out, "staff", workers=2)
    build_site(clean_dataset, out, "staff", workers=2)  # past the first build's home page
    again = build_site(clean_dataset, out, "staff", workers=2)
    assert again.written.written == []
    assert again.written.unchanged == len(files(out)) - 1  # all but the marker, which is not a page


def test_an_error_in_a_worker_ends_the_build_with_its_message_and_nothing_written(clean_dataset: Path,
                                                                                 tmp_path: Path) -> None:
    write(clean_dataset, "templates/reference.docx", "not a Word document\n")  # the report's task fails
    with pytest.raises(IloEngageError) as raised:
        build_site(clean_dataset, tmp_path / "site", "staff", workers=2)
    assert "reference.docx" in str(raised.value)
    assert raised.value.exit_code == 1
    assert not (tmp_path / "site").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".ilo-engage-site-")] == []


def _fails() -> None:
    raise IloEngageError("the data says no")


def _usage() -> None:
    from ilo_engage.core.errors import UsageError

    raise UsageError("asked wrongly")


def _crashes() -> None:
    raise KeyError("a bug")


@pytest.mark.parametrize("workers", [1, 2])
def test_tasks_give_their_results_by_index(workers: int) -> None:
    found = dict(parallel.run_tasks([lambda: "a", lambda: ["b"], lambda: 3], workers))
    assert found == {0: "a", 1: ["b"], 2: 3}


@pytest.mark.parametrize(("task", "code"), [(_fails, 1), (_usage, 2)])
def test_a_task_s_error_keeps_its_message_and_exit_code_across_processes(task, code: int) -> None:  # noqa: ANN001
    with pytest.raises(IloEngageError, match=r"says no|asked wrongly") as raised:
        list(parallel.run_tasks([lambda: None, task], 2))
    assert raised.value.exit_code == code


def test_a_task_s_bug_ends_the_run_as_an_internal_error_with_its_traceback() -> None:
    with pytest.raises(RuntimeError, match=r"(?s)KeyError: 'a bug'"):
        list(parallel.run_tasks([lambda: None, _crashes], 2))


def test_no_process_is_forked_from_a_thread() -> None:
    seen: list[int] = []
    thread = threading.Thread(target=lambda: seen.append(parallel.workers_available()))
    thread.start()
    thread.join()
    assert seen == [1]
    assert parallel.workers_available() >= 1
