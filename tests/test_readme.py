"""The README's set-up commands are the ones CI runs."""

from tests.helpers import PROJECT


def test_ci_runs_the_readme_test_command() -> None:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    ci = (PROJECT / ".ci" / "run").read_text(encoding="utf-8")
    command = ci.strip().splitlines()[-1]
    assert command.endswith("python -m pytest")
    assert f"\n{command}\n" in readme
