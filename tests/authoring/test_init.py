"""`ilo-engage init`: a new dataset repository that validates, formats, renders and is set up for editors and CI."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from ilo_engage.authoring import scaffold
from ilo_engage.cli import app
from ilo_engage.load.dataset import record_files
from ilo_engage.model import KINDS, kind_of
from tests.helpers import PROJECT, write

runner = CliRunner()
RECORD_FOLDERS = [
    "data/registers/enterprises", "data/registers/contacts", "data/networks", "data/partnerships", "data/programmes",
]


def invoke(*args: str):  # noqa: ANN201
    return runner.invoke(app, list(args), env={"COLUMNS": "200", "NO_COLOR": "1"})


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    """A dataset just made by `init`."""
    root = tmp_path / "engagement"
    result = invoke("init", str(root))
    assert result.exit_code == 0, result.output
    return root


def files_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def load_yaml(path: Path) -> object:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def test_init_says_what_it_made_and_what_to_do_next(tmp_path: Path) -> None:
    result = invoke("init", str(tmp_path / "engagement"))
    assert result.exit_code == 0
    count = len(files_under(tmp_path / "engagement"))
    assert result.stdout == (
        f"Created a dataset in {tmp_path / 'engagement'} ({count} files).\n"
        "Next, in that folder: git init, git add ., git commit, then ilo-engage validate.\n"
    )


def test_the_new_dataset_validates_and_is_in_canonical_form(dataset: Path) -> None:
    validated = invoke("validate", "--root", str(dataset))
    # Only the report text's passages still to be written (T007), as warnings.
    assert validated.exit_code == 0
    assert [line.split(" ")[1] for line in validated.stdout.splitlines() if not line.startswith(" ")] == ["T007"] * 14
    assert "14 warnings (36 files checked)." in validated.stderr
    formatted = invoke("fmt", "--check", "--root", str(dataset))
    assert (formatted.exit_code, formatted.stdout) == (0, "")


def test_the_new_dataset_holds_the_layout_of_a_dataset_repository(dataset: Path) -> None:
    files = files_under(dataset)
    top = sorted({name.split("/")[0] for name in files})
    assert top == [
        ".gitattributes", ".github", ".gitignore", ".pre-commit-config.yaml", ".vscode", "admin", "data",
        "ilo-engage.toml", "schemas", "templates",
    ]
    assert sorted(f"{folder}/.gitkeep" for folder in RECORD_FOLDERS) == [f for f in files if f.endswith(".gitkeep")]
    assert {"data/topics.yaml", "data/regions.yaml", "data/reports/progress.yaml", "data/units/act-emp.yaml",
            "data/units/actrav.yaml"} <= set(files)
    assert (dataset / ".gitattributes").read_text(encoding="utf-8") == "* text=auto eol=lf\n"
    ignored = (dataset / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ".ilo-engage-cache/" in ignored and ".ilo-engage-*.tmp" in ignored
    assert not (dataset / ".git").exists()  # init never runs git


def test_settings_vocabularies_and_units_are_the_bundled_ones(dataset: Path) -> None:
    for relpath in ["ilo-engage.toml", "data/topics.yaml", "data/regions.yaml"]:
        assert (dataset / relpath).read_bytes() == (PROJECT / relpath).read_bytes(), relpath
    units = sorted(p.name for p in (PROJECT / "data" / "units").glob("*.yaml"))
    assert sorted(p.name for p in (dataset / "data" / "units").iterdir()) == units


def test_the_package_starter_copy_equals_the_project_data() -> None:
    starter = scaffold.STARTER
    regenerate = "stale starter copy: run `.venv/bin/python scripts/make_starter.py`"
    for relpath in ["ilo-engage.toml", "data/topics.yaml", "data/regions.yaml"]:
        assert (starter / relpath).read_bytes() == (PROJECT / relpath).read_bytes(), f"{relpath}: {regenerate}"
    project_units = {p.name: p.read_bytes() for p in (PROJECT / "data" / "units").glob("*.yaml")}
    starter_units = {p.name: p.read_bytes() for p in (starter / "data" / "units").glob("*.yaml")}
    assert starter_units == project_units, regenerate
    assert files_under(starter) == sorted(
        ["ilo-engage.toml", "data/topics.yaml", "data/regions.yaml", "data/reports/progress.yaml"]
        + [f"data/units/{name}" for name in project_units]
    )


def test_the_package_templates_are_the_project_templates() -> None:
    # The root's templates/ is where the report templates are written; the package holds a copy.
    regenerate = "stale template copy: run `.venv/bin/python scripts/make_starter.py`"
    project = {p.name: p.read_bytes() for p in (PROJECT / "templates").iterdir()}
    package = {p.name: p.read_bytes() for p in scaffold.TEMPLATES.iterdir() if p.is_file()}
    assert set(project) == {"progress.md.j2", "register.md.j2", "words.md.j2", "reference.docx"}
    assert package == project, regenerate


def test_the_starter_report_text_has_the_shape_of_the_bundled_one_with_no_initiatives(dataset: Path) -> None:
    starter = load_yaml(dataset / "data" / "reports" / "progress.yaml")
    bundled = load_yaml(PROJECT / "data" / "reports" / "progress.yaml")
    assert isinstance(starter, dict) and isinstance(bundled, dict)
    assert set(starter) == set(bundled) - {"sources", "notes"}
    sections = [b["heading"] for b in bundled["body"] if b.get("heading") and b.get("level", 2) < 4]
    assert [b["heading"] for b in starter["body"] if b.get("heading")] == [
        h for h in sections if h not in ("Enterprises Initiative", "Strategy for wider ILO engagement with the private sector")
    ]
    assert not [b for b in starter["body"] if b.get("initiatives")]
    assert "[GB.xxx/INS/x]" in starter["symbol"]


def test_the_new_dataset_renders_the_progress_report(dataset: Path) -> None:
    assert invoke("report", "progress", "--root", str(dataset)).exit_code == 1  # passages still to write
    result = invoke("report", "progress", "--draft", "--root", str(dataset))
    assert result.exit_code == 0, result.output
    assert "### C. Building knowledge and outreach" in result.stdout
    assert "Implementation of the procedure" not in result.stdout  # no contacts: no assessment


def test_templates_are_the_package_defaults(dataset: Path) -> None:
    expected = sorted(p.name for p in scaffold.TEMPLATES.glob("*.j2"))
    expected += ["reference.docx"] if (scaffold.TEMPLATES / "reference.docx").is_file() else []
    assert sorted(p.name for p in (dataset / "templates").iterdir()) == sorted(expected)
    for name in expected:
        assert (dataset / "templates" / name).read_bytes() == (scaffold.TEMPLATES / name).read_bytes()


def test_a_folder_that_is_not_empty_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    write(tmp_path, "notes.txt", "mine\n")
    result = invoke("init", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == f"ilo-engage: {tmp_path} is not empty: nothing was written\n"
    assert files_under(tmp_path) == ["notes.txt"]


def test_a_hidden_file_makes_a_folder_not_empty(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    assert invoke("init", str(tmp_path)).exit_code == 1
    assert [p.name for p in tmp_path.iterdir()] == [".git"]


def test_a_file_in_the_way_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "engagement", "")
    result = invoke("init", str(tmp_path / "engagement"))
    assert result.exit_code == 1
    assert "is a file: nothing was written" in result.stderr


def test_an_empty_folder_is_filled_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert invoke("init", ".").exit_code == 0
    assert (tmp_path / "ilo-engage.toml").is_file()


def test_a_failure_part_way_leaves_the_folder_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(folder: Path) -> list[Path]:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("ilo_engage.model.schemas.write_schemas", fail)
    (tmp_path / "empty").mkdir()
    with pytest.raises(OSError):
        scaffold.scaffold(tmp_path / "empty")
    with pytest.raises(OSError):
        scaffold.scaffold(tmp_path / "new")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"]
    assert list((tmp_path / "empty").iterdir()) == []


def test_help_says_init_does_not_run_git(tmp_path: Path) -> None:
    result = invoke("init", "--help")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "It does not run `git init`: make DIR a git repository yourself, then commit." in text


# The editor set-up and the exported schemas.


def test_init_writes_the_schemas_that_the_schema_command_writes(dataset: Path, tmp_path: Path) -> None:
    result = invoke("schema", "--output", str(tmp_path / "exported"))
    assert result.exit_code == 0
    exported = {p.name: p.read_bytes() for p in (tmp_path / "exported").iterdir()}
    assert {p.name: p.read_bytes() for p in (dataset / "schemas").iterdir()} == exported


def glob_regex(pattern: str) -> re.Pattern[str]:
    """A VS Code glob (`**` any folders, `*` within a name) as a regular expression."""
    parts = re.split(r"(\*\*/|\*)", pattern)
    translated = {"**/": "(?:.*/)?", "*": "[^/]*"}
    return re.compile("".join(translated.get(part, re.escape(part)) for part in parts))


def test_vscode_maps_every_kind_of_record_to_an_existing_schema(dataset: Path) -> None:
    settings = json.loads((dataset / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    assert sorted(mapping) == sorted(f"./schemas/{kind.name}.schema.json" for kind in KINDS)
    for schema in mapping:
        assert (dataset / schema).is_file(), schema
    assert mapping["./schemas/contact.schema.json"] == ["data/registers/contacts/**/*.yaml"]
    assert settings["files.eol"] == "\n"


@pytest.mark.parametrize("relpath", record_files(PROJECT) + ["data/units/nested/folder/unit.yaml"])
def test_each_record_file_matches_exactly_the_glob_of_its_kinds_schema(relpath: str) -> None:
    kind = kind_of(relpath)
    assert kind is not None
    matching = [
        schema for schema, globs in scaffold.vscode_settings()["yaml.schemas"].items()  # type: ignore[union-attr]
        if any(glob_regex(glob).fullmatch(relpath) for glob in globs)
    ]
    assert matching == [f"./schemas/{kind.name}.schema.json"]


# The GitHub Actions workflow.


@pytest.fixture
def workflow(dataset: Path) -> dict:
    loaded = load_yaml(dataset / ".github" / "workflows" / "ilo-engage.yml")
    assert isinstance(loaded, dict)
    return loaded


def step_running(steps: list[dict], command: str) -> dict:
    found = [step for step in steps if command in step.get("run", "")]
    assert len(found) == 1, command
    return found[0]


def test_the_workflow_runs_on_pull_requests_and_pushes(workflow: dict) -> None:
    assert set(workflow["on"]) == {"pull_request", "push"}
    assert workflow["permissions"] == {"contents": "read"}


def test_the_workflow_installs_ilo_engage_from_a_configurable_source(workflow: dict) -> None:
    steps = workflow["jobs"]["check"]["steps"]
    assert [step.get("uses") for step in steps[:2]] == [
        "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1", "actions/setup-python@5fda3b95a4ea91299a34e894583c3862153e4b97"]
    assert steps[0]["with"] == {"persist-credentials": False}
    assert steps[1]["with"] == {"python-version": "3.11"}
    assert step_running(steps, "pip install")["run"] == 'python -m pip install "$ILO_ENGAGE_SPEC"'
    assert workflow["env"]["ILO_ENGAGE_SPEC"] == "${{ vars.ILO_ENGAGE_SPEC || 'ilo-engage==0.1.0' }}"


def test_the_workflow_validates_blocking_and_checks_the_layout_without_blocking(workflow: dict) -> None:
    steps = workflow["jobs"]["check"]["steps"]
    validate = step_running(steps, "ilo-engage validate")
    assert validate["run"] == 'ilo-engage validate --format github --today "$(git log -1 --format=%cs)"'
    assert "continue-on-error" not in validate
    fmt = step_running(steps, "ilo-engage fmt --check")
    assert fmt["continue-on-error"] is True
    assert "::warning::" in fmt["run"] and "Run \\`ilo-engage fmt\\` and commit the result." in fmt["run"]
    assert steps.index(validate) < steps.index(fmt)


def test_the_workflow_restores_and_saves_the_store_before_validating(workflow: dict) -> None:
    steps = workflow["jobs"]["check"]["steps"]
    [cache] = [step for step in steps if step.get("uses", "").startswith("actions/cache@")]
    # The store and the key it is signed with travel together: a store without its key is ignored.
    assert cache["with"]["path"].split() == [".ilo-engage-cache", "~/.cache/ilo-engage"]
    assert cache["with"]["key"] == "ilo-engage-store-${{ github.sha }}"
    assert cache["with"]["restore-keys"] == "ilo-engage-store-"
    assert steps.index(cache) < steps.index(step_running(steps, "ilo-engage validate"))


def test_the_workflow_renders_the_progress_report_and_uploads_it(workflow: dict) -> None:
    steps = workflow["jobs"]["check"]["steps"]
    report = step_running(steps, "ilo-engage report progress")
    assert report["run"] == "ilo-engage report progress --draft --format docx --output progress-report.docx"
    upload = steps[steps.index(report) + 1]
    assert upload == {"uses": "actions/upload-artifact@bbbca2ddaa5d8feaa63e36b76fdaad77386f024f",
                      "with": {"name": "progress-report", "path": "progress-report.docx"}}


def test_on_main_the_workflow_builds_both_sites_and_uploads_them(workflow: dict) -> None:
    steps = workflow["jobs"]["check"]["steps"]
    build = step_running(steps, "ilo-engage site")
    assert build["if"] == "github.ref == 'refs/heads/main'"
    assert build["run"] == ("ilo-engage site --output staff-site --audience staff\n"
                            "ilo-engage site --output public-guide --audience public\n")
    uploads = steps[steps.index(build) + 1:]
    assert uploads == [
        {"uses": "actions/upload-artifact@bbbca2ddaa5d8feaa63e36b76fdaad77386f024f", "if": build["if"],
         "with": {"name": name, "path": name}} for name in ("staff-site", "public-guide")]
    # Nothing is published to GitHub Pages: no such action, no permission to write pages.
    assert not [step for step in steps if "pages" in step.get("uses", "")]
    assert workflow["permissions"] == {"contents": "read"}


def test_every_action_is_pinned_to_a_commit_with_its_version_beside_it(dataset: Path) -> None:
    text = (dataset / ".github" / "workflows" / "ilo-engage.yml").read_text(encoding="utf-8")
    uses = re.findall(r"uses: (\S+)(.*)", text)
    assert len(uses) == 6
    for action, comment in uses:
        assert re.fullmatch(r"actions/[a-z-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r"  # v[0-9]+\.[0-9]+\.[0-9]+", comment), comment


def test_a_security_audit_of_the_workflow_finds_nothing(dataset: Path) -> None:
    # zizmor, offline: unpinned actions, persisted credentials, excessive permissions, injections.
    zizmor = Path(sys.executable).parent / "zizmor"
    result = subprocess.run([str(zizmor), "--offline", "--no-progress", "--format", "json",
                             str(dataset / ".github" / "workflows" / "ilo-engage.yml")],
                            capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout) == []


def run_step(step: dict, cwd: Path) -> subprocess.CompletedProcess[str]:
    """A workflow step's script, run by bash as GitHub does, with this project's ilo-engage."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", "NO_COLOR": "1"}
    env.pop("GITHUB_STEP_SUMMARY", None)
    return subprocess.run(["bash", "-e", "-c", step["run"]], cwd=cwd, env=env, capture_output=True, text=True)


def test_the_workflow_steps_pass_on_the_new_dataset(dataset: Path, workflow: dict) -> None:
    steps = workflow["jobs"]["check"]["steps"]
    # As in CI, the dataset is a checked-out commit: validate checks the deadlines as of its date.
    git = {**os.environ, "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.org",
           "GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@example.org"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "New dataset"]):
        subprocess.run(["git", *args], cwd=dataset, env=git, check=True, capture_output=True)
    for command in ["ilo-engage validate", "ilo-engage fmt --check", "ilo-engage report progress", "ilo-engage site"]:
        result = run_step(step_running(steps, command), dataset)
        assert result.returncode == 0, (command, result.stdout, result.stderr)
    assert (dataset / "progress-report.docx").read_bytes()[:2] == b"PK"
    assert (dataset / "staff-site" / "registers" / "act-emp.html").is_file()
    assert (dataset / "public-guide" / "index.html").is_file()


def test_the_layout_step_tells_how_to_fix_a_file_out_of_layout(dataset: Path, workflow: dict) -> None:
    unit = dataset / "data" / "units" / "act-emp.yaml"
    unit.write_text("short: ACT/EMP\n" + unit.read_text(encoding="utf-8").replace("short: ACT/EMP\n", ""),
                    encoding="utf-8")
    result = run_step(step_running(workflow["jobs"]["check"]["steps"], "ilo-engage fmt --check"), dataset)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "would reformat data/units/act-emp.yaml",
        "::warning::Some record files are not in the canonical layout. "
        "Run `ilo-engage fmt` and commit the result.",
    ]


# The pre-commit set-up (the hooks themselves run for real in test_pre_commit.py).


def test_by_default_the_hooks_run_the_installed_ilo_engage(dataset: Path) -> None:
    config = load_yaml(dataset / ".pre-commit-config.yaml")
    assert isinstance(config, dict)
    [repo] = config["repos"]
    assert repo["repo"] == "local"
    assert [(h["id"], h["entry"], h["language"], h["files"]) for h in repo["hooks"]] == [
        ("ilo-engage-validate", "ilo-engage validate", "system", r"^data/.*\.ya?ml$"),
        ("ilo-engage-fmt", "ilo-engage fmt --check", "system", r"^data/.*\.ya?ml$"),
    ]


def test_with_a_hooks_repository_the_config_names_it_and_its_revision(tmp_path: Path) -> None:
    result = invoke("init", str(tmp_path / "d"), "--hooks-repo", "https://example.org/ilo-engage.git")
    assert result.exit_code == 0
    assert load_yaml(tmp_path / "d" / ".pre-commit-config.yaml") == {"repos": [{
        "repo": "https://example.org/ilo-engage.git", "rev": "v0.1.0",
        "hooks": [{"id": "ilo-engage-validate"}, {"id": "ilo-engage-fmt"}],
    }]}


def test_the_local_hooks_are_the_ones_the_project_defines() -> None:
    defined = load_yaml(PROJECT / ".pre-commit-hooks.yaml")
    assert isinstance(defined, list)
    assert [(h["id"], h["entry"], h["files"], h["pass_filenames"]) for h in defined] == [
        (hook_id, entry, scaffold.HOOK_FILES, True) for hook_id, (entry, _) in scaffold.HOOKS.items()
    ]
    assert [h["language"] for h in defined] == ["python", "python"]
