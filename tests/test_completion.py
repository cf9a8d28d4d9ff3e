"""Shell completion: Typer's --show-completion and --install-completion, and completion of command names."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ilo_engage", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=60)


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


# Ids offered: what staff may see, never a confidential record's (issue 13, item 6)


def complete_ids(root: Path, words: str) -> list[str]:
    env = {"_ILO_ENGAGE_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split(" ")) - 1),
           "ILO_ENGAGE_ROOT": str(root)}
    result = run(env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_completion_offers_no_confidential_enterprise_or_contact(clean_dataset: Path) -> None:
    assert complete_ids(clean_dataset, "ilo-engage show ") == ["example-cocoa"]
    assert complete_ids(clean_dataset, "ilo-engage add-contact --enterprise ") == ["example-cocoa"]
    # Of the three contacts, two are confidential (one of them quoted differently here).
    contact = clean_dataset / "data/registers/contacts/2015-09-01-example-cocoa-m4nx.yaml"
    contact.write_text(contact.read_text(encoding="utf-8").replace("visibility: confidential",
                                                                   "'visibility':   \"confidential\""), encoding="utf-8")
    assert complete_ids(clean_dataset, "ilo-engage contact ") == ["2015-06-01-example-cocoa-ab2c"]


def test_completion_offers_no_link_and_does_not_block_on_a_fifo(clean_dataset: Path, tmp_path: Path) -> None:
    enterprises = clean_dataset / "data/registers/enterprises"
    (enterprises / "linked.yaml").symlink_to(enterprises / "example-cocoa.yaml")
    os.mkfifo(enterprises / "fifo.yaml")
    assert complete_ids(clean_dataset, "ilo-engage show ") == ["example-cocoa"]


def test_completion_imports_no_yaml_parser_nor_models(clean_dataset: Path) -> None:
    code = ("import sys; from ilo_engage import cli, completion; "
            "print(completion.enterprise_ids(''), completion.contact_ids('')); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'ruamel', 'yaml', 'jinja2')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "ILO_ENGAGE_ROOT": str(clean_dataset)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["['example-cocoa'] ['2015-06-01-example-cocoa-ab2c']", "[]"]
