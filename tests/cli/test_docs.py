"""The reference pages generated from the models and the commands are current, and say what they must."""

from __future__ import annotations

import re

import pytest

from ilo_engage.model import KINDS
from scripts import make_docs as docs
from tests.helpers import PROJECT

REGENERATE = "is stale: run `.venv/bin/python scripts/make_docs.py` and commit the result"


@pytest.mark.parametrize("relpath", [docs.DATA_CONTRACT, docs.CLI_REFERENCE])
def test_the_generated_page_is_current(relpath: str) -> None:
    committed = (PROJECT / relpath).read_text(encoding="utf-8")
    assert committed == docs.generated_files()[relpath], f"{relpath} {REGENERATE}"


def test_the_data_contract_has_a_section_per_kind_with_every_field() -> None:
    text = docs.data_contract()
    sections = re.findall(r"^## (\S+)$", text, flags=re.MULTILINE)
    assert sections == [kind.name for kind in KINDS]
    for kind in KINDS:
        section = text.split(f"\n## {kind.name}\n", 1)[1].split("\n### ", 1)[0].split("\n## ", 1)[0]
        fields = re.findall(r"^\| `([^`]+)` \|", section, flags=re.MULTILINE)
        assert fields == kind.model.field_names(), kind.name  # type: ignore[attr-defined]


def test_the_data_contract_describes_types_presence_and_nested_parts() -> None:
    text = docs.data_contract()
    assert "One record per file: `data/registers/contacts/<id>.yaml`. Its JSON Schema: `contact.schema.json`." in text
    assert "| `date` | date (YYYY-MM-DD) | required | When the contact was made or received. |" in text
    assert ("| `visibility` | one of `public`, `internal`, `confidential` | optional, default `internal` | "
            "Who may see the record named in outputs: public, internal (ILO staff) or confidential. |") in text
    assert "| `persons` | list of Person entries (below) | optional | People involved: personal data, never printed. |" in text
    assert "### contact: Person\n\nIn `persons`. Someone at the enterprise" in text
    assert "### network: Figure\n\nIn `figures`." in text
    assert "| `value` | number, at least 0 | required |" in text
    assert "### report: Footnote\n\nIn `body.footnotes`, `decision.footnotes`." in text


def test_the_cli_page_holds_every_command_and_subcommand_help() -> None:
    text = docs.cli_reference()
    headings = re.findall(r"^## `(.+)`$", text, flags=re.MULTILINE)
    assert headings[0] == "ilo-engage"
    assert {"ilo-engage validate", "ilo-engage init", "ilo-engage report progress", "ilo-engage contact ID close"} <= set(headings)
    assert "Usage: ilo-engage contact ID close [OPTIONS]" in text
    assert not re.search(r"[ \t]$", text, flags=re.MULTILINE)
    assert "\x1b" not in text


def test_every_command_is_documented() -> None:
    # Walked from the command tree itself, not from the generator's list: a command the generator
    # skipped would be missing here.
    import typer

    from ilo_engage.cli import app

    committed = (PROJECT / docs.CLI_REFERENCE).read_text(encoding="utf-8")
    headings = re.findall(r"^## `ilo-engage ?(.*)`$", committed, flags=re.MULTILINE)
    words = [heading.split() for heading in headings]

    def visit(command: object, path: list[str]) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            if getattr(sub, "hidden", False):
                continue
            # A group's own arguments (`contact ID`) stand between the group and its subcommands.
            assert any(w[: len(path)] == path and w[-1:] == [name] for w in words), f"ilo-engage {' '.join(path)} {name}"
            visit(sub, [*path, name])

    root = typer.main.get_command(app)
    assert len(getattr(root, "commands", {})) > 10
    visit(root, [])


def test_a_type_the_pages_cannot_name_is_an_error_that_says_where_to_add_it() -> None:
    with pytest.raises(TypeError, match=re.escape("add it to _NAMED_TYPES in scripts/make_docs.py")):
        docs._describe(complex)


def test_the_personal_data_page_covers_access_printing_and_erasure() -> None:
    text = " ".join((PROJECT / "docs" / "personal-data.md").read_text(encoding="utf-8").split())
    for phrase in [
        "private** repository", "ILO staff who need it", "of contacts: no command shows them",
        "`--audience restricted`", "git filter-repo --replace-text", "--invert-paths --path",
        "git push --force --mirror", "clone again", "git reflog expire --expire=now --all",
        "git gc --prune=now", "Forks:", "CI: delete the workflow runs",
    ]:
        assert phrase in text, phrase
