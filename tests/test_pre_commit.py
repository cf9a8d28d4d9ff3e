"""The hooks of .pre-commit-hooks.yaml, run by pre-commit itself on a dataset made by `init`.

pre-commit takes hooks from a git repository with the hooks file committed, and installs the
project from it into an environment of its own. The tests commit a copy of this working tree
(with whatever is not committed yet) into a scratch repository and take the hooks from there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ilo_engage.authoring.scaffold import scaffold
from tests.helpers import PROJECT

pytestmark = pytest.mark.slow  # installs the hooks in fresh repositories: minutes

BAD_UNIT = "data/units/ddg-p.yaml"
BAD_LINE = 14  # the line break_dataset adds, after the unit's 13 (its name in three languages)
UNTIDY_UNIT = "data/units/act-emp.yaml"


def git_env(home: Path) -> dict[str, str]:
    """Git and pre-commit isolated from the user's settings and caches."""
    (home / "gitconfig").touch()
    return {
        **os.environ,
        "GIT_CONFIG_GLOBAL": str(home / "gitconfig"), "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
        "PRE_COMMIT_HOME": str(home / "pre-commit"), "NO_COLOR": "1",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }


def git(cwd: Path, env: dict[str, str], *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="module")
def hooks_repo(home: Path) -> Path:
    """A git repository holding this working tree, committed: what a dataset's config points at."""
    if shutil.which("git") is None or not (PROJECT / ".git").exists():
        pytest.skip("needs git and the project as a git checkout")
    env = git_env(home)
    listed = git(PROJECT, env, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    repo = home / "ilo-engage"
    for relpath in filter(None, listed):
        source = PROJECT / relpath
        if source.is_file():
            (repo / relpath).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / relpath)
    git(repo, env, "init", "-q")
    git(repo, env, "add", "-A")
    git(repo, env, "commit", "-q", "-m", "ilo-engage as tested")
    return repo


def new_dataset(folder: Path, env: dict[str, str], **options: str) -> Path:
    scaffold(folder, **options)
    git(folder, env, "init", "-q")
    git(folder, env, "add", "-A")
    git(folder, env, "commit", "-q", "-m", "New dataset")
    return folder


def pre_commit(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


def break_dataset(root: Path, env: dict[str, str]) -> None:
    """One file the schema refuses, another out of the canonical layout; staged, as for a commit."""
    bad = (root / BAD_UNIT).read_text(encoding="utf-8")
    (root / BAD_UNIT).write_text(bad + "colour: red\n", encoding="utf-8")
    untidy = (root / UNTIDY_UNIT).read_text(encoding="utf-8")
    (root / UNTIDY_UNIT).write_text("short: ACT/EMP\n" + untidy.replace("short: ACT/EMP\n", ""), encoding="utf-8")
    git(root, env, "add", "-A")


def test_a_clean_dataset_passes_both_hooks(hooks_repo: Path, home: Path, tmp_path: Path) -> None:
    env = git_env(home)
    root = new_dataset(tmp_path / "dataset", env)
    result = pre_commit(root, env, "try-repo", str(hooks_repo), "--all-files")
    assert result.returncode == 0, result.stdout + result.stderr
    assert [line.rsplit(".", 1)[-1] for line in result.stdout.splitlines() if line.startswith("check ")] == [
        "Passed", "Passed",
    ]


def test_the_hooks_fail_naming_the_broken_and_the_untidy_file(hooks_repo: Path, home: Path, tmp_path: Path) -> None:
    env = git_env(home)
    root = new_dataset(tmp_path / "dataset", env)
    break_dataset(root, env)
    validate = pre_commit(root, env, "try-repo", str(hooks_repo), "ilo-engage-validate", "--all-files")
    assert validate.returncode == 1
    assert f"{BAD_UNIT}:{BAD_LINE}:1: S001 unknown field `colour`" in validate.stdout.splitlines()
    assert UNTIDY_UNIT not in validate.stdout
    fmt = pre_commit(root, env, "try-repo", str(hooks_repo), "ilo-engage-fmt", "--all-files")
    assert fmt.returncode == 1
    assert f"would reformat {UNTIDY_UNIT}" in fmt.stdout.splitlines()


def test_the_config_init_writes_for_a_hooks_repository_runs_them(hooks_repo: Path, home: Path, tmp_path: Path) -> None:
    env = git_env(home)
    revision = git(hooks_repo, env, "rev-parse", "HEAD").strip()
    root = new_dataset(tmp_path / "dataset", env, hooks_repo=str(hooks_repo), hooks_rev=revision)
    assert pre_commit(root, env, "run", "--all-files").returncode == 0
    break_dataset(root, env)
    result = pre_commit(root, env, "run", "--all-files")
    assert result.returncode == 1
    assert f"{BAD_UNIT}:{BAD_LINE}:1: S001 unknown field `colour`" in result.stdout.splitlines()
    assert f"would reformat {UNTIDY_UNIT}" in result.stdout.splitlines()


def test_the_default_config_runs_the_installed_ilo_engage(home: Path, tmp_path: Path) -> None:
    env = git_env(home)
    root = new_dataset(tmp_path / "dataset", env)
    assert pre_commit(root, env, "run", "--all-files").returncode == 0
    break_dataset(root, env)
    result = pre_commit(root, env, "run", "--all-files")
    assert result.returncode == 1
    assert f"{BAD_UNIT}:{BAD_LINE}:1: S001 unknown field `colour`" in result.stdout.splitlines()
    assert f"would reformat {UNTIDY_UNIT}" in result.stdout.splitlines()
