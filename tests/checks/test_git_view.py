"""In a git work tree, `validate` asks git which files are as the store saw them instead of
listing the folders and comparing every file: whatever happens to the files (edited, staged,
committed, reverted, checked out, new, ignored, deleted), it finds exactly what the reference
loader finds, reads again only the files that changed, and writes nothing into the repository."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ilo_engage.checks import check, git_view
from ilo_engage.checks.scan import scan, workspace
from ilo_engage.checks.scan_files import blob_id
from ilo_engage.load.dataset import is_record_name, load, record_files
from tests.helpers import FIXTURES

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(root: Path, *arguments: str) -> str:
    return subprocess.run(["git", "-C", str(root), "-c", "user.name=Officer", "-c", "user.email=o@ilo.test",
                           "-c", "commit.gpgsign=false", *arguments],
                          check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """The procedure fixture (records with problems of every family) as a committed git work tree."""
    root = tmp_path / "dataset"
    shutil.copytree(FIXTURES / "clean", root)
    shutil.copytree(FIXTURES / "procedure", root, dirs_exist_ok=True)
    git(root, "init", "-q")
    (root / ".gitignore").write_text(".ilo-engage-cache/\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "records")
    return root


def contacts(root: Path) -> list[Path]:
    return sorted((root / "data/registers/contacts").glob("*.yaml"))


def edit(path: Path, text: str = "notes: changed\n") -> None:
    path.write_text(path.read_text(encoding="utf-8").replace("\nnotes:", "\n#notes:") + text, encoding="utf-8")


def files_read(root: Path) -> set[str]:
    """The files a scan of `root` reads (parsed, or read to compare their content), beside the
    units, topics and regions, which every scan reads."""
    space = workspace(root)
    space.save_cache()
    return {*space.results, *space.touched} - {f for f in record_files(root) if f.startswith(("data/units",
                                                                                             "data/topics",
                                                                                             "data/regions"))}


def test_the_digest_of_a_file_is_the_blob_id_git_gives_it(repository: Path) -> None:
    path = contacts(repository)[0]
    assert blob_id(path.read_bytes()) == git(repository, "hash-object", str(path)).strip()


def test_nothing_changed_no_file_is_even_compared(repository: Path) -> None:
    reference = check(load(repository))
    assert scan(repository).problems == reference
    for path in (repository / "data").rglob("*.yaml"):  # a checkout gives every file a new time
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert files_read(repository) == set()  # git says the content is the same: not even read
    assert scan(repository).problems == reference


@pytest.mark.parametrize("change", ["edited", "staged", "committed", "new", "new and ignored", "deleted"])
def test_only_what_changed_is_read_and_the_result_is_the_reference(repository: Path, change: str) -> None:
    scan(repository)
    target = contacts(repository)[0]
    relpath = target.relative_to(repository).as_posix()
    if change == "new and ignored":
        (repository / "data/.gitignore").write_text("*-ignored.yaml\n", encoding="utf-8")
        git(repository, "add", "data/.gitignore")
        git(repository, "commit", "-q", "-m", "ignore")
    if change in ("new", "new and ignored"):
        suffix = "-ignored.yaml" if change == "new and ignored" else "-copy.yaml"
        copy = target.with_name(target.stem + suffix)
        shutil.copy(target, copy)
        relpath = copy.relative_to(repository).as_posix()
    elif change == "deleted":
        target.unlink()
    else:
        edit(target)
        if change in ("staged", "committed"):
            git(repository, "add", relpath)
        if change == "committed":
            git(repository, "commit", "-q", "-m", "edited")
    assert files_read(repository) == (set() if change == "deleted" else {relpath})
    assert scan(repository).problems == check(load(repository))


def test_a_file_reverted_after_the_store_saw_its_edit_is_read_again(repository: Path) -> None:
    target = contacts(repository)[0]
    edit(target, "subject: Changed for a while\n")
    scan(repository)  # the store now describes the edited file
    git(repository, "checkout", "--", str(target))  # as the commit has it again, git lists nothing
    assert files_read(repository) == {target.relative_to(repository).as_posix()}
    assert scan(repository).problems == check(load(repository))


def test_checking_out_another_commit_reads_the_files_it_changes(repository: Path) -> None:
    first = git(repository, "rev-parse", "HEAD").strip()
    targets = contacts(repository)[:2]
    for target in targets:
        edit(target)
    git(repository, "commit", "-q", "-am", "two contacts changed")
    scan(repository)
    git(repository, "checkout", "-q", first)
    assert files_read(repository) == {t.relative_to(repository).as_posix() for t in targets}
    assert scan(repository).problems == check(load(repository))


def test_a_dataset_in_a_folder_of_a_larger_repository(tmp_path: Path) -> None:
    root = tmp_path / "work" / "dataset"
    shutil.copytree(FIXTURES / "clean", root)
    shutil.copytree(FIXTURES / "procedure", root, dirs_exist_ok=True)
    git(tmp_path / "work", "init", "-q")
    git(tmp_path / "work", "add", "-A")
    git(tmp_path / "work", "commit", "-q", "-m", "records")
    scan(root)
    target = contacts(root)[0]
    edit(target)
    view = git_view.ask(root)
    assert view is not None and target.relative_to(root).as_posix() in view.listed
    assert files_read(root) == {target.relative_to(root).as_posix()}
    assert scan(root).problems == check(load(root))


def test_the_repository_is_never_written(repository: Path) -> None:
    edit(contacts(repository)[0])
    index = repository / ".git/index"
    before = (index.read_bytes(), index.stat().st_mtime_ns)
    scan(repository)
    scan(repository)
    assert (index.read_bytes(), index.stat().st_mtime_ns) == before
    assert not (repository / ".git/index.lock").exists()


def test_without_a_sound_answer_from_git_the_folders_are_walked(repository: Path, monkeypatch: pytest.MonkeyPatch,
                                                                tmp_path: Path) -> None:
    assert git_view.ask(repository) is not None
    # A link under data/: git knows it only as a link, the walk follows it.
    link = repository / "data/registers/contacts/linked.yaml"
    link.symlink_to(contacts(repository)[0].name)
    git(repository, "add", str(link))
    git(repository, "commit", "-q", "-m", "a link")
    assert git_view.ask(repository) is None
    assert scan(repository).problems == check(load(repository))
    # Not a work tree; no git at all.
    assert git_view.ask(tmp_path) is None
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    assert git_view.ask(repository) is None
    assert scan(repository).problems == check(load(repository))


def test_git_lists_the_record_files_the_walk_lists(repository: Path) -> None:
    for relpath in ("data/registers/enterprises/.hidden.yaml", "data/registers/.drafts/new.yaml",
                    "data/registers/enterprises/aatif.YAML", "data/registers/enterprises/notes.txt",
                    "data/programmes/old.yml", "data/registers/contacts/untracked.yaml"):
        (repository / relpath).parent.mkdir(parents=True, exist_ok=True)
        (repository / relpath).write_text("id: x\n", encoding="utf-8")
    git(repository, "add", "data/registers/enterprises", "data/programmes")
    view = git_view.ask(repository)
    assert view is not None
    listing = view.files(repository)
    assert listing is not None
    assert [f for f in listing if is_record_name(f)] == record_files(repository)
    assert scan(repository).problems == check(load(repository))


def light(root: Path) -> bool:
    """Whether a workspace of `root` took the store's rows on git's word, without reading them."""
    space = workspace(root)
    space.save_cache()
    return space.state is not None and all(s.size == 0 for s in space.state.files.values())


def test_with_nothing_changed_the_rows_are_taken_on_the_word_of_the_index(repository: Path) -> None:
    reference = check(load(repository))
    assert not light(repository)  # the first scan builds the store
    assert light(repository)
    assert scan(repository).problems == reference
    target = contacts(repository)[0]
    edit(target)
    assert not light(repository)  # a file git lists: every row is compared again
    assert not light(repository)
    git(repository, "commit", "-q", "-am", "edited")  # as the index has it now: noted once, then trusted
    assert not light(repository)
    assert light(repository)
    assert scan(repository).problems == check(load(repository))
