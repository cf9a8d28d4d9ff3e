"""The officers' workflow end to end, with real git: branches that add contacts and step others
through the procedure merge into a dataset that validates; the merges git makes without a
conflict but which break a record (a key twice in one file, one id in two files) are caught by
validate. (`report --as-of` on such a repository: test_reports.py.)

Each test works in a repository made from a copy of the clean fixture (see `make_repository`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import Repository, make_repository

CONTACTS = "data/registers/contacts"
WORKERS_CONTACT = "2015-09-01-example-cocoa-m4nx"  # from a workers' organization, `received`
REFERRED_CONTACT = "2015-08-03-secret-mining-q2zz"  # from management, `referred`



@pytest.fixture
def repository(tmp_path: Path) -> Repository:
    return make_repository(tmp_path / "repo")


def add_contact(repo: Repository, *options: str) -> str:
    """Add a contact with --no-input; its file, relative to the dataset."""
    return repo.run("add-contact", "--no-input", *options).strip()


def test_two_officers_branches_merge_into_a_dataset_that_validates(repository: Repository) -> None:
    repo = repository
    repo.branch("officer-a")
    first = add_contact(repo, "--enterprise", "example-cocoa", "--initiated-by", "management", "--date", "2015-10-01",
                        "--subject", "Due diligence in cocoa", "--topic", "child-labour", "--country", "CI")
    first_id = Path(first).stem
    for step in (["share", "--date", "2015-10-02"],
                 ["analyse", "--summary", "Wants guidance on due diligence.", "--date", "2015-10-05"],
                 ["refer", "--to", "fundamentals", "--date", "2015-10-06"]):
        assert repo.run("contact", first_id, *step) == first + "\n"
    for step in (["analyse", "--summary", "Asks about working time.", "--date", "2015-09-03"],
                 ["refer", "--to", "co-abidjan", "--date", "2015-09-04"]):
        repo.run("contact", WORKERS_CONTACT, *step)
    repo.commit("Officer A's contacts", day="2015-12-10")

    repo.branch("officer-b")
    second = add_contact(repo, "--enterprise", "example-cocoa", "--initiated-by", "workers-organization",
                         "--workers-organization", "Cocoa Workers Union", "--date", "2015-11-02",
                         "--subject", "Safety on plantations", "--topic", "osh", "--country", "CI")
    assert repo.run("contact", Path(second).stem, "share", "--date", "2015-11-03") == second + "\n"
    repo.run("contact", REFERRED_CONTACT, "follow-up", "--summary", "Sent guidance.", "--date", "2015-08-20")
    repo.run("contact", REFERRED_CONTACT, "close", "--outcome", "The company adopted a policy.")
    repo.commit("Officer B's contacts", day="2015-12-11")

    repo.merge("officer-a", "officer-b")

    assert repo.git("status", "--porcelain") == ""
    result = repo.invoke("validate")
    assert (result.exit_code, result.stdout) == (0, "")  # type: ignore[attr-defined]
    assert result.stderr == "No problems (17 files checked).\n"  # type: ignore[attr-defined]
    states = {Path(f).stem: repo.record(f)["status"] for f in (first, second, f"{CONTACTS}/{WORKERS_CONTACT}.yaml",
                                                                 f"{CONTACTS}/{REFERRED_CONTACT}.yaml")}
    assert states == {first_id: "referred", Path(second).stem: "received", WORKERS_CONTACT: "referred",
                      REFERRED_CONTACT: "closed"}
    assert repo.record(first)["technical_lead"] == "fundamentals"
    assert repo.record(f"{CONTACTS}/{REFERRED_CONTACT}.yaml")["outcome"] == "The company adopted a policy."


def test_a_key_added_twice_by_two_branches_merges_cleanly_and_validate_catches_it(repository: Repository) -> None:
    repo = repository
    relpath = f"{CONTACTS}/{WORKERS_CONTACT}.yaml"
    # Officer A declines the contact with the tool, which writes `outcome:` after `status:` ...
    repo.branch("officer-a")
    repo.run("contact", WORKERS_CONTACT, "analyse", "--summary", "Asks about working time.", "--date", "2015-09-03")
    repo.run("contact", WORKERS_CONTACT, "close", "--declined", "--outcome", "The union withdrew its request.")
    repo.commit("Declined")
    # ... officer B, by hand, writes an outcome at the end of the file, a few lines further down.
    repo.branch("officer-b", "main")
    with (repo.root / relpath).open("a", encoding="utf-8") as contact:
        contact.write("outcome: Handled by the field office.\n")
    repo.commit("Outcome noted")
    assert repo.invoke("validate").exit_code == 0  # type: ignore[attr-defined]  # each branch alone is valid

    repo.merge("officer-a", "officer-b")  # git sees two changes in different places: no conflict

    lines = (repo.root / relpath).read_text(encoding="utf-8").splitlines()
    first, second = [i + 1 for i, line in enumerate(lines) if line.startswith("outcome:")]
    assert second > first + 1
    result = repo.invoke("validate")
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert result.stdout == (  # type: ignore[attr-defined]
        f"{relpath}:{second}:1: F011 key `outcome` appears twice (first on line {first})\n"
        "    hint: keep one of the two entries and delete the other\n"
    )


def test_one_id_added_by_two_branches_in_two_files_merges_cleanly_and_validate_names_both(
    repository: Repository,
) -> None:
    repo = repository
    repo.branch("registry")
    assert repo.run("add-enterprise", "--no-input", "--name", "Acme Foods", "--kind", "company",
                    "--country", "CH") == "data/registers/enterprises/acme-foods.yaml\n"
    repo.commit("Acme Foods, the enterprise")
    repo.branch("networks", "main")
    assert repo.run("add-initiative", "--no-input", "--kind", "network", "--name", "Acme Foods", "--component", "A",
                    "--lead-unit", "fundamentals", "--summary", "A network.") == "data/networks/acme-foods.yaml\n"
    repo.commit("Acme Foods, the network")

    repo.merge("registry", "networks")

    result = repo.invoke("validate")
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert result.stdout == (  # type: ignore[attr-defined]
        "data/networks/acme-foods.yaml:1:5: D001 id `acme-foods` is also used by "
        "data/registers/enterprises/acme-foods.yaml\n"
        "    hint: give one of the records another id (and rename its file to match)\n"
        "data/registers/enterprises/acme-foods.yaml:1:5: D001 id `acme-foods` is also used by "
        "data/networks/acme-foods.yaml\n"
        "    hint: give one of the records another id (and rename its file to match)\n"
    )
