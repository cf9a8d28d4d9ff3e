"""A new dataset repository: settings, vocabularies, units, record folders, templates, schemas, the web
editor and checks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .. import __version__
from ..core.errors import IloEngageError
from ..model import KINDS

PACKAGE = Path(__file__).resolve().parent.parent
STARTER = PACKAGE / "starter"
TEMPLATES = PACKAGE / "templates"

# The hooks this project defines in its .pre-commit-hooks.yaml: id → (entry, name).
HOOKS = {
    "ilo-engage-validate": ("ilo-engage validate", "check the dataset"),
    "ilo-engage-fmt": ("ilo-engage fmt --check", "check the layout of record files"),
}
HOOK_FILES = r"^data/.*\.ya?ml$"

GITATTRIBUTES = "* text=auto eol=lf\n"
GITIGNORE = """\
# Cache and temporary files ilo-engage writes inside the dataset.
.ilo-engage-cache/
.ilo-engage-*.tmp
"""

WORKFLOW = """\
# Checks every push and pull request, renders the progress report as a Word file and, on main,
# builds the web sites.
name: ilo-engage

on:
  pull_request:
  push:

permissions:
  contents: read

env:
  # What `pip install` installs: a version from the package index, or another source such as
  # `git+https://<host>/<owner>/ilo-engage@v{version}`. Set the repository variable
  # ILO_ENGAGE_SPEC to change it without editing this file.
  ILO_ENGAGE_SPEC: ${{{{ vars.ILO_ENGAGE_SPEC || 'ilo-engage=={version}' }}}}

jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      # Actions pinned to the commit of a release (a tag can be moved; a commit cannot).
      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1  # v7.0.1
        with:
          persist-credentials: false  # later steps need no token in .git/config
      - uses: actions/setup-python@5fda3b95a4ea91299a34e894583c3862153e4b97  # v7.0.0
        with:
          python-version: "3.11"
      - name: Install ilo-engage
        run: python -m pip install "$ILO_ENGAGE_SPEC"
      # The store validate keeps (.ilo-engage-cache) and the key it is signed with, from the last
      # run on this branch or the one it targets: the run parses again only the files that changed.
      # A pull request's run saves its own copy, which never reaches the main branch's runs.
      - uses: actions/cache@5a3ec84eff668545956fd18022155c47e93e2684  # v4.2.3
        with:
          path: |
            .ilo-engage-cache
            ~/.cache/ilo-engage
          key: ilo-engage-store-${{{{ github.sha }}}}
          restore-keys: ilo-engage-store-
      # Deadlines are checked as of the commit's date, so that a run gives the same answer tomorrow.
      - name: Validate the dataset
        run: ilo-engage validate --format github --today "$(git log -1 --format=%cs)"
      # Not blocking: officers editing in the browser cannot run `ilo-engage fmt` themselves.
      - name: Check the layout of record files
        continue-on-error: true
        run: |
          if ! ilo-engage fmt --check; then
            echo "::warning::Some record files are not in the canonical layout. Run \\`ilo-engage fmt\\` and commit the result."
            exit 1
          fi
      # The web editor's forms offer this dataset's units and topics: after a new one, run
      # `ilo-engage editor config` and commit admin/ (skipped where the editor was removed).
      - name: Check the web editor's forms are up to date
        run: |
          if [ -d admin ]; then ilo-engage editor config --check; fi
      # A preview for the pull request's readers: rendered while the report text still has
      # passages to write (validate warns of them, T007).
      - name: Render the progress report
        run: ilo-engage report progress --draft --format docx --output progress-report.docx
      - uses: actions/upload-artifact@bbbca2ddaa5d8feaa63e36b76fdaad77386f024f  # v7.0.0
        with:
          name: progress-report
          path: progress-report.docx
      # On the main branch, the two web sites as artifacts to download: the staff site (the
      # registers; it names internal records, so it is for ILO staff only and this workflow never
      # publishes it to a public page) and the public guide for companies.
      - name: Build the web sites
        if: github.ref == 'refs/heads/main'
        run: |
          ilo-engage site --output staff-site --audience staff
          ilo-engage site --output public-guide --audience public
      - uses: actions/upload-artifact@bbbca2ddaa5d8feaa63e36b76fdaad77386f024f  # v7.0.0
        if: github.ref == 'refs/heads/main'
        with:
          name: staff-site
          path: staff-site
      - uses: actions/upload-artifact@bbbca2ddaa5d8feaa63e36b76fdaad77386f024f  # v7.0.0
        if: github.ref == 'refs/heads/main'
        with:
          name: public-guide
          path: public-guide
"""


class FolderNotEmpty(IloEngageError):
    """The folder is not empty: a new dataset goes into a new or empty folder. Nothing was written."""


def scaffold(target: Path, hooks_repo: str | None = None, hooks_rev: str | None = None) -> list[Path]:
    """Write a new dataset repository into `target` (new or empty); the files written, relative to it.

    The pre-commit hooks come from `hooks_repo` at `hooks_rev` (default: the tag of this version);
    without a repository they run the `ilo-engage` installed on the machine.
    """
    if target.exists() and not target.is_dir():
        raise FolderNotEmpty(f"{target} is a file: nothing was written")
    if target.is_dir() and any(target.iterdir()):
        raise FolderNotEmpty(f"{target} is not empty: nothing was written")
    created = not target.exists()
    try:
        target.mkdir(parents=True, exist_ok=True)
        _write_all(target, hooks_repo, hooks_rev or f"v{__version__}")
    except BaseException:
        _undo(target, created)
        raise
    return sorted(path.relative_to(target) for path in target.rglob("*") if path.is_file())


def vscode_settings() -> dict[str, object]:
    """The editor settings: each kind's JSON Schema for its files, and the text conventions of the dataset."""
    schemas = {
        f"./schemas/{kind.name}.schema.json": [kind.location if kind.single_file else f"{kind.location}/**/*.yaml"]
        for kind in KINDS
    }
    return {"yaml.schemas": schemas, "files.eol": "\n", "files.encoding": "utf8", "files.insertFinalNewline": True}


def pre_commit_config(hooks_repo: str | None, hooks_rev: str) -> str:
    """The dataset's .pre-commit-config.yaml."""
    lines = ["# Checks run before each commit, once set up with `pip install pre-commit && pre-commit install`.", "repos:"]
    if hooks_repo:
        lines += [f"  - repo: {json.dumps(hooks_repo)}", f"    rev: {json.dumps(hooks_rev)}", "    hooks:"]
        lines += [f"      - id: {hook_id}" for hook_id in HOOKS]
    else:
        lines += ["  # The ilo-engage installed on the machine runs them.", "  - repo: local", "    hooks:"]
        for hook_id, (entry, name) in HOOKS.items():
            lines += [
                f"      - id: {hook_id}",
                f"        name: {name}",
                f"        entry: {entry}",
                "        language: system",
                f"        files: '{HOOK_FILES}'",
                "        require_serial: true",
            ]
    return "\n".join(lines) + "\n"


def _write_all(target: Path, hooks_repo: str | None, hooks_rev: str) -> None:
    from ..editor.files import write_admin
    from ..model.schemas import write_schemas

    for source in sorted(STARTER.rglob("*")):
        if source.is_file():
            _copy(source, target / source.relative_to(STARTER))
    for kind in KINDS:
        if not kind.single_file and not (target / kind.location).is_dir():
            _write(target / kind.location / ".gitkeep", "")
    for template in sorted(TEMPLATES.glob("*.j2")) + sorted(TEMPLATES.glob("reference.docx")):
        _copy(template, target / "templates" / template.name)
    write_schemas(target / "schemas")
    write_admin(target)  # the web editor, its forms made from the starter's units and topics
    _write(target / ".vscode" / "settings.json", json.dumps(vscode_settings(), indent=2) + "\n")
    _write(target / ".vscode" / "extensions.json", json.dumps({"recommendations": ["redhat.vscode-yaml"]}, indent=2) + "\n")
    _write(target / ".gitattributes", GITATTRIBUTES)
    _write(target / ".gitignore", GITIGNORE)
    _write(target / ".pre-commit-config.yaml", pre_commit_config(hooks_repo, hooks_rev))
    _write(target / ".github" / "workflows" / "ilo-engage.yml", WORKFLOW.format(version=__version__))


def _copy(source: Path, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, destination)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def _undo(target: Path, created: bool) -> None:
    """Remove what a failed scaffold wrote: the folder was new or empty before."""
    if created:
        shutil.rmtree(target, ignore_errors=True)
        return
    for child in target.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)
