"""The fast path of `validate` (cache and worker processes) finds exactly what the reference
loader finds, on the bad-input corpus, the procedure fixture and the bundled data."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tracemalloc
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ilo_engage.checks import check
from ilo_engage.checks.cache import FORMAT, STORE_FILE as CACHE_FILE
from ilo_engage.checks.scan import CACHE_FOLDER, CONTEXT_FILES, scan, workspace
from ilo_engage.cli import app
from ilo_engage.load.dataset import load
from tests.helpers import FIXTURES, PROJECT, write


@pytest.fixture(params=["broken", "procedure", "bundled"])
def dataset(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    root = tmp_path / "dataset"
    if request.param == "bundled":
        shutil.copytree(PROJECT / "data", root / "data")
        shutil.copy(PROJECT / "ilo-engage.toml", root)
    else:
        shutil.copytree(FIXTURES / "clean", root)
        shutil.copytree(FIXTURES / request.param, root, dirs_exist_ok=True)
    return root


def context_file_count(root: Path) -> int:
    return sum(1 for p in (root / "data").rglob("*.y*ml") if p.relative_to(root).as_posix().startswith(CONTEXT_FILES))


def test_every_path_finds_what_the_reference_loader_finds(dataset: Path) -> None:
    reference = check(load(dataset))
    assert scan(dataset, use_cache=False, jobs=1).problems == reference
    assert scan(dataset, use_cache=False, jobs=2).problems == reference  # worker processes
    cold = scan(dataset)
    warm = scan(dataset)
    assert cold.problems == warm.problems == reference
    assert warm.files_parsed == context_file_count(dataset)  # nothing else read as YAML again


def test_a_changed_file_is_the_only_one_read_again(dataset: Path) -> None:
    scan(dataset)
    target = sorted((dataset / "data/registers/enterprises").glob("*.yaml"))[0]
    target.write_text(target.read_text(encoding="utf-8") + "notes: changed\n", encoding="utf-8")
    again = scan(dataset)
    assert again.files_parsed == context_file_count(dataset) + 1
    assert again.problems == check(load(dataset))


def store_meta(root: Path) -> dict[str, str]:
    with closing(sqlite3.connect(root / CACHE_FOLDER / CACHE_FILE)) as connection:
        return dict(connection.execute("SELECT key, value FROM meta"))


def plant(root: Path, sql: str, *parameters: object) -> None:
    """Change the store behind the tool's back."""
    with closing(sqlite3.connect(root / CACHE_FOLDER / CACHE_FILE)) as connection, connection:
        connection.execute(sql, parameters)


def test_a_corrupt_cache_is_detected_and_rebuilt(clean_dataset: Path) -> None:
    reference = scan(clean_dataset).problems
    cache = clean_dataset / CACHE_FOLDER / CACHE_FILE
    for garbage in ("{not json", "SQLite format 3\x00" + "x" * 200, "[]", ""):
        cache.write_text(garbage, encoding="utf-8")
        assert scan(clean_dataset).problems == reference
        assert store_meta(clean_dataset)["format"] == str(FORMAT)  # written anew


def test_a_store_of_another_shape_is_rebuilt(clean_dataset: Path) -> None:
    reference = scan(clean_dataset).problems
    plant(clean_dataset, "CREATE VIEW planted AS SELECT 1")
    plant(clean_dataset, "UPDATE files SET problems = ?", '[[1, 1, "D003", "error", "planted", "planted"]]')
    assert scan(clean_dataset).problems == reference
    assert scan(clean_dataset).problems == reference


def test_a_forged_cache_entry_for_another_fingerprint_is_ignored(clean_dataset: Path) -> None:
    scan(clean_dataset)
    plant(clean_dataset, "UPDATE meta SET value = ? WHERE key = 'fingerprint'", "0" * 32)
    plant(clean_dataset, "UPDATE files SET problems = ?", '[[1, 1, "D003", "error", "planted", "planted"]]')
    assert scan(clean_dataset).problems == []
    assert scan(clean_dataset).problems == []  # and the store was built anew, not patched


def test_a_store_of_another_version_is_ignored_and_rebuilt(clean_dataset: Path) -> None:
    scan(clean_dataset)
    plant(clean_dataset, "UPDATE meta SET value = ? WHERE key = 'format'", str(FORMAT - 1))
    plant(clean_dataset, "UPDATE files SET problems = ?", '[[1, 1, "D003", "error", "planted", "planted"]]')
    assert scan(clean_dataset).problems == []
    assert store_meta(clean_dataset)["format"] == str(FORMAT)


def test_facts_from_another_writing_of_the_cache_are_not_trusted(clean_dataset: Path) -> None:
    scan(clean_dataset)
    space = workspace(clean_dataset)
    target = clean_dataset / "data/registers/enterprises/example-cocoa.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    space = workspace(clean_dataset)
    # Another command's update comes between this one's reading of the state and of the facts.
    plant(clean_dataset, "UPDATE meta SET value = 'another' WHERE key = 'generation'")
    plant(clean_dataset, "DELETE FROM facts")  # as if every record had failed to load
    assert space.problems() == check(load(clean_dataset)) == []


def test_the_store_deleted_mid_run_is_rebuilt_and_nothing_is_lost(clean_dataset: Path) -> None:
    scan(clean_dataset)
    target = clean_dataset / "data/registers/enterprises/example-cocoa.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "name: Twice\n", encoding="utf-8")
    space = workspace(clean_dataset)
    for name in os.listdir(clean_dataset / CACHE_FOLDER):
        os.unlink(clean_dataset / CACHE_FOLDER / name)
    reference = check(load(clean_dataset))
    assert space.problems() == reference and [p.code for p in reference] == ["F011"]
    space.save_cache()
    assert scan(clean_dataset).problems == reference
    assert scan(clean_dataset).problems == reference


def test_changing_a_unit_reads_every_file_again(clean_dataset: Path) -> None:
    scan(clean_dataset)
    unit = clean_dataset / "data/units/fundamentals.yaml"
    unit.write_text(unit.read_text(encoding="utf-8").replace("  - child-labour\n", "  - osh\n"), encoding="utf-8")
    again = scan(clean_dataset)
    assert again.files_parsed == again.files_read
    assert [p.code for p in again.problems] == [p.code for p in check(load(clean_dataset))]
    assert "R007" in {p.code for p in again.problems}  # the lead's mandate no longer covers child labour


def test_a_step_dated_in_the_future_is_checked_again_once_that_day_has_come(clean_dataset: Path) -> None:
    contact = clean_dataset / "data/registers/contacts/2015-06-01-example-cocoa-ab2c.yaml"
    contact.write_text(contact.read_text(encoding="utf-8").replace("closed_on: 2015-11-29", "closed_on: 2030-01-01"),
                       encoding="utf-8")
    assert [p.code for p in scan(clean_dataset, today=date(2029, 12, 31)).problems] == ["R010"]
    assert scan(clean_dataset, today=date(2030, 1, 2)).problems == []


def test_validate_with_and_without_the_cache_prints_the_same(broken_dataset: Path) -> None:
    run = CliRunner().invoke
    uncached = run(app, ["validate", "--no-cache", "--root", str(broken_dataset)])
    assert not (broken_dataset / CACHE_FOLDER).exists()
    first = run(app, ["validate", "--root", str(broken_dataset)])
    second = run(app, ["validate", "--root", str(broken_dataset)])
    assert uncached.exit_code == first.exit_code == second.exit_code == 1
    assert uncached.stdout == first.stdout == second.stdout


def test_the_cache_is_hidden_from_the_loader_and_git(clean_dataset: Path) -> None:
    scan(clean_dataset)
    assert (clean_dataset / CACHE_FOLDER / CACHE_FILE).is_file()
    assert check(load(clean_dataset)) == []
    assert ".ilo-engage-cache/" in (PROJECT / ".gitignore").read_text(encoding="utf-8")


def test_a_dataset_that_cannot_hold_the_cache_is_still_validated(clean_dataset: Path) -> None:
    write(clean_dataset, CACHE_FOLDER, "a file where the cache folder should be")
    assert scan(clean_dataset).problems == []


# Bugs in the fast path, left for its developer (scan.py, cache.py): each test says what should hold.


def test_validate_refuses_a_huge_file_without_reading_it_whole(clean_dataset: Path) -> None:
    from tests.helpers import huge_sparse_file

    huge_sparse_file(clean_dataset / "data/registers/enterprises/huge.yaml")
    tracemalloc.start()
    try:
        problems = scan(clean_dataset, use_cache=False, jobs=1).problems
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [p.code for p in problems] == ["F001"]
    assert peak < 16 * 1024 * 1024


def test_a_cache_committed_with_the_dataset_cannot_hide_a_problem(
    clean_dataset: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "the-author's-machine"))
    broken = clean_dataset / "data/registers/enterprises/example-cocoa.yaml"
    broken.write_text(broken.read_text(encoding="utf-8") + "name: Twice\n", encoding="utf-8")
    assert [p.code for p in scan(clean_dataset).problems] == ["F011"]
    plant(clean_dataset, "UPDATE files SET problems = NULL")
    plant(clean_dataset, "UPDATE meta SET value = '[]' WHERE key = 'dataset_problems'")
    for path in (clean_dataset / "data").rglob("*.yaml"):  # a fresh checkout: every file has a new time
        os.utime(path, ns=(path.stat().st_mtime_ns + 10**9, path.stat().st_mtime_ns + 10**9))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "ci"))  # another machine: its own key
    assert [p.code for p in scan(clean_dataset).problems] == ["F011"]


def test_reading_problems_writes_nothing_saving_the_cache_is_an_explicit_step(clean_dataset: Path) -> None:
    space = workspace(clean_dataset)
    found = space.problems()
    assert not (clean_dataset / CACHE_FOLDER).exists()
    space.save_cache()
    assert (clean_dataset / CACHE_FOLDER / CACHE_FILE).is_file()
    warm = workspace(clean_dataset)
    assert warm.files_parsed == context_file_count(clean_dataset) and warm.problems() == found


def test_a_file_touched_but_not_changed_keeps_its_cached_result(clean_dataset: Path) -> None:
    scan(clean_dataset)
    target = sorted((clean_dataset / "data/registers/contacts").glob("*.yaml"))[0]
    os.utime(target, ns=(target.stat().st_atime_ns, target.stat().st_mtime_ns + 10**9))
    again = scan(clean_dataset)
    assert again.files_parsed == context_file_count(clean_dataset)  # read for its digest, not parsed
    assert again.problems == check(load(clean_dataset))


def test_problems_the_store_cannot_give_back_are_found_again_by_reading(broken_dataset: Path) -> None:
    reference = check(load(broken_dataset))
    scan(broken_dataset)
    plant(broken_dataset, "UPDATE files SET problems = ? WHERE problems IS NOT NULL", "[[1, 2, 3]]")
    assert scan(broken_dataset).problems == reference  # read again, not a crash
    assert scan(broken_dataset).problems == reference  # and saved anew
