"""Shell completion: Typer's --show-completion and --install-completion, and completion of command names."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ilo_engage.cli import app
from tests.helpers import run


def test_show_completion_prints_the_bash_script() -> None:
    result = run("--show-completion", "bash")
    assert result.returncode == 0
    assert "_ILO_ENGAGE_COMPLETE=complete_bash $1" in result.stdout
    assert result.stdout.rstrip().splitlines()[-1] == "complete -o default -F _ilo_engage_completion ilo-engage"


def test_show_completion_takes_the_shell_from_the_environment() -> None:
    result = run("--show-completion", env={"SHELL": "/bin/bash"})
    assert result.returncode == 0
    assert result.stdout == run("--show-completion", "bash").stdout


def test_install_completion_writes_the_script_and_sources_it(tmp_path: Path) -> None:
    result = run("--install-completion", "bash", env={"HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    script = tmp_path / ".bash_completions" / "ilo-engage.sh"
    assert "_ILO_ENGAGE_COMPLETE=complete_bash" in script.read_text(encoding="utf-8")
    assert f"source '{script}'" in (tmp_path / ".bashrc").read_text(encoding="utf-8")


def test_the_script_completes_commands_and_subcommands() -> None:
    def complete(words: str) -> list[str]:
        env = {"_ILO_ENGAGE_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split(" ")) - 1)}
        result = run(env=env)
        assert result.returncode == 0
        return result.stdout.split()

    assert complete("ilo-engage va") == ["validate"]
    assert complete("ilo-engage report ") == ["progress", "register"]


# Completion of ids, through the same protocol the shell uses. Only public and internal records are
# asked for here: completion of confidential ids is the audience's business (test_audience.py).
CLEAN = Path(__file__).parent.parent / "fixtures" / "clean"


def complete_ids(words: str, root: Path = CLEAN) -> list[str]:
    env = {"_ILO_ENGAGE_COMPLETE": "complete_bash", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split(" ")) - 1), "ILO_ENGAGE_ROOT": str(root)}
    result = run(env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_enterprise_ids_complete_from_the_enterprise_files() -> None:
    assert complete_ids("ilo-engage show ex") == ["example-cocoa"]
    assert complete_ids("ilo-engage route --enterprise exa") == ["example-cocoa"]
    assert complete_ids("ilo-engage show zz") == []


def test_contact_ids_complete_from_the_contact_files() -> None:
    assert complete_ids("ilo-engage contact 2015-06") == ["2015-06-01-example-cocoa-ab2c"]


def test_unit_ids_complete_from_the_unit_files() -> None:
    assert complete_ids("ilo-engage contact 2015-06-01-example-cocoa-ab2c refer --to act") == ["act-emp", "actrav"]
    assert complete_ids("ilo-engage add-contact --initiating-unit fund") == ["fundamentals"]
    assert complete_ids("ilo-engage contact 2015-06-01-example-cocoa-ab2c refer --lead co-") == ["co-abidjan"]


def test_country_codes_complete_from_the_regions_file() -> None:
    # The countries field and regional offices are routed by; 'NO' is quoted in the file.
    assert complete_ids("ilo-engage route --country ") == ["CH", "CI", "GH", "NO", "ZM"]
    assert complete_ids("ilo-engage add-contact --country G") == ["GH"]
    assert complete_ids("ilo-engage register --country N") == ["NO"]


def test_topic_ids_complete_from_the_topics_file_in_order() -> None:
    assert complete_ids("ilo-engage register --topic ") == ["child-labour", "osh", "supply-chains"]
    assert complete_ids("ilo-engage route --topic s") == ["supply-chains"]


def test_ids_complete_from_the_dataset_found_from_the_current_folder(tmp_path: Path) -> None:
    env = {"_ILO_ENGAGE_COMPLETE": "complete_bash", "COMP_WORDS": "ilo-engage show ex", "COMP_CWORD": "2"}
    environment = {k: v for k, v in os.environ.items() if k != "ILO_ENGAGE_ROOT"}
    result = subprocess.run([sys.executable, "-m", "ilo_engage"], capture_output=True, text=True, timeout=60,
                            env={**environment, **env}, cwd=CLEAN / "data" / "units")
    assert result.stdout.split() == ["example-cocoa"]
    outside = subprocess.run([sys.executable, "-m", "ilo_engage"], capture_output=True, text=True, timeout=60,
                             env={**environment, **env}, cwd=tmp_path)
    assert outside.stdout.split() == []


def test_hidden_files_are_not_completed(clean_dataset: Path) -> None:
    (clean_dataset / "data/registers/enterprises/.ilo-engage-example-x.yaml").write_text("id: x\n", encoding="utf-8")
    assert complete_ids("ilo-engage show ", clean_dataset) == complete_ids("ilo-engage show ")


def test_completion_offers_no_confidential_enterprise_or_contact(clean_dataset: Path) -> None:
    assert complete_ids("ilo-engage show ", clean_dataset) == ["example-cocoa"]
    assert complete_ids("ilo-engage add-contact --enterprise ", clean_dataset) == ["example-cocoa"]
    # Of the three contacts, two are confidential (one of them quoted differently here).
    contact = clean_dataset / "data/registers/contacts/2015-09-01-example-cocoa-m4nx.yaml"
    contact.write_text(contact.read_text(encoding="utf-8").replace("visibility: confidential",
                                                                   "'visibility':   \"confidential\""), encoding="utf-8")
    assert complete_ids("ilo-engage contact ", clean_dataset) == ["2015-06-01-example-cocoa-ab2c"]


def test_completion_offers_no_link_and_does_not_block_on_a_fifo(clean_dataset: Path, tmp_path: Path) -> None:
    enterprises = clean_dataset / "data/registers/enterprises"
    (enterprises / "linked.yaml").symlink_to(enterprises / "example-cocoa.yaml")
    os.mkfifo(enterprises / "fifo.yaml")
    assert complete_ids("ilo-engage show ", clean_dataset) == ["example-cocoa"]


def test_completion_imports_no_yaml_parser_nor_models(clean_dataset: Path) -> None:
    code = ("import sys; from ilo_engage import cli; from ilo_engage.cli import completion; "
            "print(completion.enterprise_ids(''), completion.contact_ids('')); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'ruamel', 'yaml', 'jinja2')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "ILO_ENGAGE_ROOT": str(clean_dataset)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["['example-cocoa'] ['2015-06-01-example-cocoa-ab2c']", "[]"]


# Every option or argument of the app that takes an id, read from the app itself, completes ids of
# its kind: an option added without completion, or wired to the wrong kind, fails here. (In the
# process, through click's completion of the parameter; the shell protocol is tested above.)
KIND_OF_PARAMETER = {"UNIT": "unit", "enterprise": "enterprise", "contact_id": "contact", "topic": "topic",
                     "country": "country"}
EXPECTED = {"unit": ("act", ["act-emp", "actrav"]), "enterprise": ("ex", ["example-cocoa"]),
            "contact": ("2015-06", ["2015-06-01-example-cocoa-ab2c"]), "topic": ("", ["child-labour", "osh", "supply-chains"]),
            "country": ("", ["CH", "CI", "GH", "NO", "ZM"])}


def id_parameters() -> list[tuple[str, Any, Any]]:
    """(command, command object, parameter) for each parameter that takes an id."""
    import typer.main

    found = []

    def walk(group: Any, prefix: str) -> None:
        for name, command in group.commands.items():
            for parameter in command.params:
                found.append((f"{prefix}{name} {parameter.name}", command, parameter))
            if hasattr(command, "commands"):
                walk(command, f"{prefix}{name} ")

    walk(typer.main.get_command(app), "")
    return [(n, c, p) for n, c, p in found if kind(p)]


def kind(parameter: Any) -> str | None:
    return KIND_OF_PARAMETER.get(parameter.metavar) or KIND_OF_PARAMETER.get(parameter.name)


def test_every_parameter_that_takes_an_id_completes_ids_of_its_kind(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer._click.core import Context

    monkeypatch.setenv("ILO_ENGAGE_ROOT", str(CLEAN))
    parameters = id_parameters()
    assert len(parameters) >= 15  # units in add-contact, add-initiative and every step; topics; ids
    for name, command, parameter in parameters:
        incomplete, expected = EXPECTED[kind(parameter)]  # type: ignore[index]
        offered = [item.value for item in parameter.shell_complete(Context(command), incomplete)]
        assert offered == expected, name
