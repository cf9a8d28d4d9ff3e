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
