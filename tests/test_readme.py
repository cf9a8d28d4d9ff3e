"""The README's set-up commands are the ones CI runs."""

from pathlib import Path

from tests.helpers import PROJECT


def test_ci_runs_the_readme_test_command() -> None:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    ci = (PROJECT / ".ci" / "run").read_text(encoding="utf-8")
    command = ci.strip().splitlines()[-1]
    assert command.endswith("python -m pytest")
    assert f"\n{command}\n" in readme


def officers_day_commands() -> list[str]:
    """The commands of the README's "An officer's day", as written (the interactive `add-contact`
    left out: the test adds its contact with --no-input)."""
    import re

    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## An officer's day", 1)[1].split("\n## ", 1)[0]
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", section, flags=re.DOTALL):
        for line in block.splitlines():
            command = re.sub(r"\s+#.*$", "", line).strip()
            if command.startswith("ilo-engage ") and command != "ilo-engage add-contact":
                commands.append(command)
    # Named in its prose: validate, then the report.
    for command in ("ilo-engage validate", "ilo-engage report progress --format docx --output report.docx"):
        assert f"`{command}`" in section
        commands.append(command)
    return commands


def test_the_officers_day_runs_word_for_word_after_the_set_up(tmp_path: Path) -> None:
    """Each command as the README gives it, run by a shell in a copy of the bundled dataset, with
    the environment activated as the set-up section says (its bin folder first on PATH)."""
    import os
    import shutil
    import subprocess
    import sys

    dataset = tmp_path / "dataset"
    shutil.copytree(PROJECT / "data", dataset / "data")
    shutil.copy(PROJECT / "ilo-engage.toml", dataset / "ilo-engage.toml")
    if (PROJECT / "templates").is_dir():
        shutil.copytree(PROJECT / "templates", dataset / "templates")
    commands = officers_day_commands()
    assert len(commands) >= 6 and 'ilo-engage find "Northwind Cocoa"' in commands
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", "NO_COLOR": "1"}
    env.pop("ILO_ENGAGE_ROOT", None)
    added = subprocess.run(
        ["ilo-engage", "add-contact", "--no-input", "--enterprise", "northwind-cocoa-traders", "--initiated-by",
         "management", "--subject", "Child labour in the supply chain", "--topic", "child-labour", "--country", "CI"],
        cwd=dataset, env=env, capture_output=True, text=True, timeout=300)
    assert added.returncode == 0, added.stderr
    contact = Path(added.stdout.splitlines()[0]).stem
    for command in commands:
        command = command.replace(" ID ", f" {contact} ")  # the README's ID: the contact just added
        result = subprocess.run(["bash", "-e", "-c", command], cwd=dataset, env=env, capture_output=True, text=True,
                                timeout=300)
        assert result.returncode == 0, (command, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
