"""`report --as-of`: dates checked before git sees them, a future date is the newest commit, the
tree read as committed (no export filters dropping records), and links out of the dataset
refused with a clear error instead of a crash."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ilo_engage.cli import app
from tests.helpers import make_repository


def report(root: Path, *args: str):  # noqa: ANN201
    return CliRunner().invoke(app, ["report", "progress", "--root", str(root), *args])


def contacts_counted(text: str) -> int:
    found = re.search(r"the registers record (\d+) contacts? with", text)
    assert found, text
    return int(found[1])


@pytest.fixture
def repo(tmp_path: Path):  # noqa: ANN201
    repository = make_repository(tmp_path / "repo")
    repository.run("add-contact", "--no-input", "--enterprise", "example-cocoa", "--initiated-by", "management",
                   "--date", "2015-10-01", "--subject", "A later contact")
    repository.commit("One more contact", day="2016-02-01")
    return repository


@pytest.mark.parametrize(("day", "why"), [
    ("2016-02-30", "February 2016 has 29 days"), ("2015-13-01", "there is no month 13"),
    ("0000-00-00", "there is no month 00"), ("2015-00-10", "there is no month 00"),
])
def test_an_impossible_date_is_a_usage_error(repo, day: str, why: str) -> None:  # noqa: ANN001
    result = report(repo.root, "--as-of", day)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"ilo-engage: --as-of: {day} is not a date ({why})\n"


def test_an_unknown_revision_is_said_in_the_users_words(repo) -> None:  # noqa: ANN001
    result = report(repo.root, "--as-of", "nosuchrev")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("ilo-engage: --as-of nosuchrev: no commit, branch or tag of the dataset's repository "
                             "has that name; give one of them (`git log --oneline` lists commits) or a date, "
                             "YYYY-MM-DD\n")
    before = report(repo.root, "--as-of", "1999-01-01")
    assert before.stderr == "ilo-engage: --as-of 1999-01-01: the dataset has no commit on or before that day\n"


def test_as_of_outside_a_git_repository_says_so(clean_dataset: Path) -> None:
    result = report(clean_dataset, "--as-of", "HEAD")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (f"ilo-engage: --as-of reads the dataset's git history, but {clean_dataset} is not in "
                             "a git repository (`git init` and a first commit start one)\n")


@pytest.mark.parametrize("day", ["2100-01-01", "9999-12-31"])
def test_a_future_date_means_the_newest_commit(repo, day: str) -> None:  # noqa: ANN001
    repo.run("add-contact", "--no-input", "--enterprise", "example-cocoa", "--initiated-by", "management",
             "--date", "2015-10-02", "--subject", "A contact committed today")
    repo.commit("Today's contact", day=date.today().isoformat())  # git read 2100-01-01 as a day before it
    result = report(repo.root, "--as-of", day)
    assert result.exit_code == 0, result.output
    assert contacts_counted(result.stdout) == 5 == contacts_counted(report(repo.root, "--as-of", "HEAD").stdout)
    assert contacts_counted(report(repo.root, "--as-of", "2016-01-31").stdout) == 3
    assert contacts_counted(report(repo.root, "--as-of", "2016-02-01").stdout) == 4


def test_export_ignore_does_not_drop_records_from_the_past(repo) -> None:  # noqa: ANN001
    (repo.root / ".gitattributes").write_text("data/registers/contacts/* export-ignore\n*.yaml export-subst\n",
                                              encoding="utf-8")
    repo.commit("Attributes that would change an export", day="2016-02-02")
    now = report(repo.root)
    past = report(repo.root, "--as-of", "HEAD")
    assert past.exit_code == 0, past.output
    assert contacts_counted(past.stdout) == contacts_counted(now.stdout) == 4
    assert past.stdout == now.stdout


def test_a_link_out_of_the_dataset_in_the_past_is_refused_with_its_path(repo) -> None:  # noqa: ANN001
    (repo.root / "data/registers/enterprises/hostname.yaml").symlink_to("/etc/hostname")
    repo.commit("An absolute link", day="2016-02-02")
    result = report(repo.root, "--as-of", "HEAD")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == ("ilo-engage: data/registers/enterprises/hostname.yaml at HEAD is a link to /etc/hostname, "
                             "outside the dataset: links out of the dataset are not read\n")
    (repo.root / "data/registers/enterprises/hostname.yaml").unlink()
    (repo.root / "data/registers/enterprises/up.yaml").symlink_to("../../../../outside.yaml")
    repo.commit("A relative link out", day="2016-02-03")
    result = report(repo.root, "--as-of", "HEAD")
    assert result.exit_code == 1 and "up.yaml at HEAD is a link to ../../../../outside.yaml" in result.stderr


def test_a_link_elsewhere_in_the_repository_does_not_stop_a_past_report(repo) -> None:  # noqa: ANN001
    (repo.root / "docs").mkdir()
    (repo.root / "docs/hosts").symlink_to("/etc/hosts")
    repo.commit("A link outside the records", day="2016-02-02")
    result = report(repo.root, "--as-of", "HEAD")
    assert result.exit_code == 0, result.output
    assert contacts_counted(result.stdout) == 4


def test_report_register_as_of_renders_the_registers_as_committed_then(repo) -> None:  # noqa: ANN001
    def register(*args: str) -> str:
        result = CliRunner().invoke(app, ["report", "register", "--root", str(repo.root), *args])
        assert result.exit_code == 0, result.output
        return result.stdout

    def up_to(text: str) -> str:
        found = re.search(r"derived from\s+the contacts recorded up to (.+)\.\n", text)
        assert found, text
        return found[1]

    assert up_to(register()) == up_to(register("--as-of", "HEAD")) == "1 October 2015"
    assert up_to(register("--as-of", "2016-01-31")) == "1 September 2015"  # before the later contact was committed
