"""The store that validate and the read commands share: the records it gives back are the
reference loader's, and it stays whole and complete when commands update it at once, when it is
deleted under a running command, or when it comes from another version."""

from __future__ import annotations

import multiprocessing
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from ilo_engage.checks import check, stored
from ilo_engage.checks.cache import FOLDER, STORE_FILE
from ilo_engage.checks.scan import CONTEXT_FILES, scan, workspace
from ilo_engage.load.dataset import load
from tests.helpers import FIXTURES, PROJECT


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


def from_store(root: Path) -> stored.Dataset:
    space = workspace(root)
    space.save_cache()
    assert space.stored
    return stored.dataset(space)


def test_the_stored_records_are_the_reference_loaders(dataset: Path) -> None:
    reference = load(dataset)
    for _ in range(2):  # built, then read back
        found = from_store(dataset)
        assert found.entries == reference.entries
        assert found.failed_files == reference.failed_files


def test_a_changed_record_is_read_back_as_changed(dataset: Path) -> None:
    from_store(dataset)
    target = sorted((dataset / "data/registers/enterprises").glob("*.yaml"))[0]
    target.write_text(target.read_text(encoding="utf-8").replace("name: ", "name: Renamed ", 1), encoding="utf-8")
    assert from_store(dataset).entries == load(dataset).entries


def _update_many(root: str, index: int) -> None:
    """One command of several at once: adds its own records one by one, validating after each."""
    folder = Path(root) / "data/registers/enterprises"
    for step in range(4):
        (folder / f"added-{index}-{step}.yaml").write_text(
            f"id: added-{index}-{step}\nname: Added {index} {step}\nkind: company\ncountry: CH\n", encoding="utf-8")
        scan(Path(root))


def test_commands_updating_the_store_at_once_lose_nothing(clean_dataset: Path) -> None:
    scan(clean_dataset)
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_update_many, args=(str(clean_dataset), i)) for i in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    with closing(sqlite3.connect(clean_dataset / FOLDER / STORE_FILE)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = {f for (f,) in connection.execute("SELECT file FROM files WHERE loaded")}
    assert {f"data/registers/enterprises/added-{i}-{s}.yaml" for i in range(3) for s in range(4)} <= rows
    space = workspace(clean_dataset)
    assert space.state is not None and len(space.cached) == space.files_read - len(space.context_records.entries)
    assert not space.results  # every row is of the file's current content: nothing parsed again
    assert space.problems() == check(load(clean_dataset))


QUERIES = ["contoso", "Contoso Electronics", "fabrikamgar", "adventure works", "coop", "2015", "working time",
           "example", "nothing-like-this", "", "électronique", "https://www.contoso.com"]


@pytest.mark.parametrize("query", QUERIES)
def test_find_from_the_store_finds_what_it_finds_in_every_record(query: str, tmp_path: Path) -> None:
    from ilo_engage.lookup.finder import find, find_contacts

    root = tmp_path / "dataset"
    shutil.copytree(PROJECT / "data", root / "data")
    shutil.copy(PROJECT / "ilo-engage.toml", root)
    reference = load(root)
    narrowed, counts = stored.find_dataset(stored.updated(root), query)
    for audience in ("public", "staff", "restricted"):
        assert find(narrowed, query, audience, counts) == find(reference, query, audience)  # type: ignore[arg-type]
        assert find_contacts(narrowed, query, audience) == find_contacts(reference, query, audience)  # type: ignore[arg-type]


def test_the_read_commands_parse_no_record_the_store_holds(clean_dataset: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from ilo_engage.checks import scan_files
    from ilo_engage.cli import app

    scan(clean_dataset)
    parsed: list[str] = []
    real = scan_files.load_text
    monkeypatch.setattr(scan_files, "load_text", lambda text, file, kind: parsed.append(file) or real(text, file, kind))
    monkeypatch.setattr("ilo_engage.load.dataset.load", lambda root: pytest.fail("every record parsed again"))
    for command in (["find", "cocoa"], ["show", "example-cocoa"], ["register", "--format", "json"], ["due"],
                    ["route", "--initiated-by", "management", "--enterprise", "example-cocoa"]):
        result = CliRunner().invoke(app, [*command, "--root", str(clean_dataset)])
        assert result.exit_code == 0, result.output
    assert parsed and all(f.startswith(CONTEXT_FILES) for f in parsed)  # the units, topics, regions only
