"""`enterprise rename` and `enterprise merge`: every reference rewritten in one change, history kept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ilo_engage.core import writer
from tests.helpers import invoke, make_repository, write

ENTERPRISES = "data/registers/enterprises"
CONTACT = "data/registers/contacts/2015-06-01-example-cocoa-ab2c.yaml"
NETWORK = "data/networks/child-labour-platform.yaml"


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in (root / "data").rglob("*") if p.is_file()}


def test_rename_rewrites_every_reference_keeps_comments_and_history(tmp_path: Path) -> None:
    repository = make_repository(tmp_path / "repo")
    root = repository.root
    contact = root / CONTACT
    contact.write_text(contact.read_text(encoding="utf-8").replace(
        "enterprise: example-cocoa\n", "enterprise: example-cocoa  # the buyer\n"), encoding="utf-8")
    repository.commit("A comment")

    result = invoke(root, "enterprise", "rename", "example-cocoa", "example-cocoa-trading")
    assert result.exit_code == 0, result.stderr
    assert not (root / ENTERPRISES / "example-cocoa.yaml").exists()
    renamed = (root / ENTERPRISES / "example-cocoa-trading.yaml").read_text(encoding="utf-8")
    assert "id: example-cocoa-trading\n" in renamed and "former_ids:\n  - example-cocoa\n" in renamed
    assert "# A fictional enterprise for tests." in renamed  # its comment kept
    assert re.search(r"\nenterprise: example-cocoa-trading +# the buyer\n", contact.read_text(encoding="utf-8"))
    assert "  - enterprise: example-cocoa-trading\n" in (root / NETWORK).read_text(encoding="utf-8")
    # The contacts keep their ids (which name the former id): still in the agreed form.
    assert invoke(root, "validate").exit_code == 0
    # Staged as `git mv` stages it; once committed, `git log --follow` reaches the first commit.
    assert "R  data/registers/enterprises/example-cocoa.yaml -> data/registers/enterprises/" \
           "example-cocoa-trading.yaml" in repository.git("status", "--short")
    repository.commit("Renamed")
    history = repository.git("log", "--follow", "--format=%s", "--", f"{ENTERPRISES}/example-cocoa-trading.yaml")
    assert history.splitlines() == ["Renamed", "The clean dataset"]
    # The old id still leads to the record.
    assert "(example-cocoa-trading)" in invoke(root, "show", "example-cocoa").stdout
    assert "example-cocoa-trading" in invoke(root, "find", "example-cocoa").stdout



def test_find_and_show_follow_a_former_id_unlike_the_name(clean_dataset: Path) -> None:
    assert invoke(clean_dataset, "enterprise", "rename", "example-cocoa", "zz-first").exit_code == 0
    assert invoke(clean_dataset, "enterprise", "rename", "zz-first", "zz-second").exit_code == 0
    kept = (clean_dataset / ENTERPRISES / "zz-second.yaml").read_text(encoding="utf-8")
    assert "former_ids:\n  - example-cocoa\n  - zz-first\n" in kept
    assert "zz-second" in invoke(clean_dataset, "find", "zz first").stdout
    shown = invoke(clean_dataset, "show", "zz-first").stdout.splitlines()
    assert shown[2] == "`zz-first` is a former id of `zz-second` (renamed or merged): refer to `zz-second` from now on."
    assert "(zz-second)" in shown[0]
    assert "former id" not in invoke(clean_dataset, "show", "zz-second").stdout
    assert '"asked_as": "example-cocoa"' in invoke(clean_dataset, "show", "example-cocoa", "--format", "json").stdout
    assert invoke(clean_dataset, "validate").exit_code == 0


def test_a_reference_to_a_former_id_is_refused_with_the_fix(clean_dataset: Path) -> None:
    assert invoke(clean_dataset, "enterprise", "rename", "example-cocoa", "cocoa-trading").exit_code == 0
    text = (clean_dataset / CONTACT).read_text(encoding="utf-8").replace("enterprise: cocoa-trading", "enterprise: example-cocoa")
    write(clean_dataset, CONTACT, text)
    result = invoke(clean_dataset, "validate")
    assert result.exit_code == 1
    assert "D007 `example-cocoa` is a former id of `cocoa-trading`: write `cocoa-trading`" in result.stdout
    assert "D003" not in result.stdout


def test_a_contact_id_naming_another_enterprise_is_still_refused(clean_dataset: Path) -> None:
    text = (clean_dataset / CONTACT).read_text(encoding="utf-8").replace(
        "id: 2015-06-01-example-cocoa-ab2c", "id: 2015-06-01-secret-mining-ab2c")
    (clean_dataset / CONTACT).unlink()
    write(clean_dataset, "data/registers/contacts/2015-06-01-secret-mining-ab2c.yaml", text)
    result = invoke(clean_dataset, "validate")
    assert "D005 contact id `2015-06-01-secret-mining-ab2c` should be `2015-06-01-example-cocoa-`" in result.stdout


def test_merge_folds_the_duplicate_into_the_survivor(clean_dataset: Path) -> None:
    write(clean_dataset, f"{ENTERPRISES}/cocoa-dup.yaml",
          "id: cocoa-dup\nname: Exemplary Cocoa Co\nkind: company\ncountry: CH\nsectors:\n  - chocolate\n"
          "identifiers:\n  lei: 529900T8BM49AURSDO55\n  website: https://other.example.org\n")
    write(clean_dataset, "data/registers/contacts/2015-07-01-cocoa-dup-ab2c.yaml",
          "id: 2015-07-01-cocoa-dup-ab2c\ndate: 2015-07-01\nenterprise: cocoa-dup\ninitiated_by: management\n"
          "subject: Merged later\nstatus: received\nentry_point: act-emp\npre_procedure: true\n")
    dry = invoke(clean_dataset, "enterprise", "merge", "cocoa-dup", "example-cocoa", "--dry-run")
    assert dry.exit_code == 0
    assert "-enterprise: cocoa-dup\n+enterprise: example-cocoa\n" in dry.stdout
    assert (clean_dataset / ENTERPRISES / "cocoa-dup.yaml").exists()

    result = invoke(clean_dataset, "enterprise", "merge", "cocoa-dup", "example-cocoa")
    assert result.exit_code == 0, result.stderr
    assert not (clean_dataset / ENTERPRISES / "cocoa-dup.yaml").exists()
    kept = (clean_dataset / ENTERPRISES / "example-cocoa.yaml").read_text(encoding="utf-8")
    assert "former_ids:\n  - cocoa-dup\n" in kept
    assert "  - Exemplary Cocoa Co\n" in kept  # its name kept as an alias
    assert "  - chocolate\n" in kept
    assert "lei: 529900T8BM49AURSDO55" in kept and "https://cocoa.example.org" in kept  # the survivor's website stays
    assert "enterprise: example-cocoa\n" in (clean_dataset / "data/registers/contacts/2015-07-01-cocoa-dup-ab2c.yaml"
                                               ).read_text(encoding="utf-8")
    assert invoke(clean_dataset, "validate").exit_code == 0


def test_refusals_write_nothing(clean_dataset: Path) -> None:
    before = snapshot(clean_dataset)
    assert invoke(clean_dataset, "enterprise", "rename", "example-cocoa", "secret-mining").exit_code == 1  # taken
    assert invoke(clean_dataset, "enterprise", "rename", "example-cocoa", "Not An Id").exit_code == 2
    assert invoke(clean_dataset, "enterprise", "rename", "nobody", "someone").exit_code == 1
    assert invoke(clean_dataset, "enterprise", "merge", "example-cocoa", "example-cocoa").exit_code == 2
    assert invoke(clean_dataset, "enterprise", "rename", "example-cocoa", "new-id", "--dry-run").exit_code == 0
    assert snapshot(clean_dataset) == before


def test_a_failed_write_puts_everything_back(clean_dataset: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(clean_dataset)
    placed: list[str] = []

    def fail_late(step: str) -> None:
        if step == "placed":
            placed.append(step)
            if len(placed) == 3:
                raise OSError(28, "No space left on device")

    monkeypatch.setattr(writer, "fault_hook", fail_late)
    result = invoke(clean_dataset, "enterprise", "rename", "example-cocoa", "new-id")
    monkeypatch.setattr(writer, "fault_hook", None)
    assert result.exit_code != 0
    assert snapshot(clean_dataset) == before


def test_a_former_id_of_a_confidential_enterprise_leads_nowhere_it_may_not_see(clean_dataset: Path) -> None:
    assert invoke(clean_dataset, "enterprise", "rename", "secret-mining", "zz-hidden").exit_code == 0
    refused = invoke(clean_dataset, "show", "secret-mining", "--audience", "public")
    assert refused.exit_code == 1
    assert "secret-mining" in refused.output and "zz-hidden" not in refused.output
    assert "(zz-hidden)" in invoke(clean_dataset, "show", "secret-mining", "--audience", "restricted").stdout
