"""Exit status, for every command (README): 0 success, 1 the data has errors or the action was
refused for a data reason, 2 usage error, 3 internal error (a short message, never a traceback),
130 interrupted. One table, one row per command and status.

3 and 130 are caused by a fault injected where the command starts its work (a RuntimeError or
a KeyboardInterrupt); 130 is also shown with a real SIGINT sent to a running process.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
import typer.core
import typer.main

from ilo_engage.cli import app
from tests import helpers
from tests.helpers import write

RECEIVED = "2015-09-01-example-cocoa-m4nx"  # from a workers' organization, `received`
ANALYSED = "2015-10-01-example-cocoa-an2a"
IN_PROGRESS = "2015-10-01-example-cocoa-ip2a"
STEPS_DONE = """\
date: 2015-10-01
enterprise: example-cocoa
initiated_by: management
channel: email
subject: Due diligence on child labour
topics:
  - child-labour
countries:
  - CI
entry_point: act-emp
shared_with:
  - with: actrav
    date: 2015-10-02
  - with: employers-secretariat
    date: 2015-10-02
needs_analysis:
  by: act-emp
  date: 2015-10-03
  summary: Wants guidance.
"""
ADD_CONTACT = ["add-contact", "--no-input", "--enterprise", "example-cocoa", "--date", "2015-10-01",
               "--initiated-by", "management", "--subject", "Due diligence", "--topic", "child-labour"]
ADD_ENTERPRISE = ["add-enterprise", "--no-input", "--kind", "company"]
ADD_INITIATIVE = ["add-initiative", "--no-input", "--name", "Cocoa Platform", "--kind", "network",
                  "--component", "A", "--summary", "A platform on cocoa.", "--started", "2015"]
SAMPLE = helpers.PROJECT / "examples" / "import"
IMPORT = ["import", "enterprises", str(SAMPLE / "field-office-register.xlsx"), "--mapping",
          str(SAMPLE / "enterprises.mapping.toml")]

# Each command: the arguments for 0, 1 and 2 (`{root}` is the dataset, `{tmp}` an empty folder),
# and the function the command calls to start its work, where the faults are injected.
# `register` prints what validated, so its 1 is a wrong ilo-engage.toml (WRONG below); `schema`
# reads no data, so its 1 is a folder that cannot be made.
TABLE: dict[str, tuple[list[str], list[str], list[str], str]] = {
    "validate": (["validate"], ["validate", "{root}/data/registers/enterprises/broken.yaml"],
                 ["validate", "--format", "xml"], "ilo_engage.load.settings.find_root"),
    "route": (["route", "--initiated-by", "management"],
              ["route", "--initiated-by", "management", "--enterprise", "nope"],
              ["route", "--initiated-by", "ilo-unit"], "ilo_engage.load.settings.find_root"),
    "register": (["register", "act-emp"], ["register", "act-emp"], ["register", "act-emq"], "ilo_engage.load.settings.find_root"),
    "list": (["list", "topics"], ["list", "units"], ["list", "topic"], "ilo_engage.load.settings.find_root"),
    "due": (["due"], ["due"], ["due", "--unit", "nobody"], "ilo_engage.load.settings.find_root"),
    "show": (["show", "example-cocoa"], ["show", "nope"], ["show"], "ilo_engage.load.settings.find_root"),
    "find": (["find", "cocoa"], ["find", "zzzz"], ["find", "cocoa", "--format", "xml"], "ilo_engage.load.settings.find_root"),
    "add-contact": (ADD_CONTACT, [*ADD_CONTACT[:3], "nope", *ADD_CONTACT[4:]], [*ADD_CONTACT, "--from-file", "{tmp}/missing.yaml"],
                    "ilo_engage.load.settings.find_root"),
    "add-enterprise": ([*ADD_ENTERPRISE, "--name", "New Company", "--country", "FR"],
                       [*ADD_ENTERPRISE, "--name", "Example Cocoa Trading", "--country", "CH"],
                       [*ADD_ENTERPRISE, "--from-file", "{tmp}/missing.yaml"],
                       "ilo_engage.load.settings.find_root"),
    "add-initiative": (ADD_INITIATIVE, [*ADD_INITIATIVE, "--lead-unit", "nope"],
                       [*ADD_INITIATIVE, "--from-file", "{tmp}/missing.yaml"], "ilo_engage.load.settings.find_root"),
    "contact share": (["contact", RECEIVED, "share", "--with", "co-abidjan", "--date", "2015-09-03"],
                      ["contact", RECEIVED, "share", "--date", "2015-09-03"],
                      ["contact", RECEIVED, "share", "--date", "3 Sept"], "ilo_engage.load.settings.find_root"),
    "contact analyse": (["contact", RECEIVED, "analyse", "--summary", "Wants a meeting.", "--date", "2015-09-03"],
                        ["contact", RECEIVED, "analyse", "--summary", "Late.", "--date", "2015-08-01"],
                        ["contact", RECEIVED, "analyse", "--bogus"], "ilo_engage.load.settings.find_root"),
    "contact refer": (["contact", ANALYSED, "refer", "--to", "fundamentals", "--date", "2015-10-04"], ["contact", RECEIVED, "refer", "--to", "fundamentals", "--date", "2015-09-03"],
                      ["contact", RECEIVED, "refer", "--to"], "ilo_engage.load.settings.find_root"),
    "contact consult": (["contact", RECEIVED, "consult", "--summary", "Asked.", "--date", "2015-09-03"],
                        ["contact", "nope", "consult", "--summary", "Asked.", "--date", "2015-09-03"],
                        ["contact", RECEIVED, "consult", "--date"], "ilo_engage.load.settings.find_root"),
    "contact follow-up": (["contact", IN_PROGRESS, "follow-up", "--date", "2015-10-11"], ["contact", RECEIVED, "follow-up", "--date", "2015-09-03"],
                          ["contact", RECEIVED, "follow-up", "--date", "x"], "ilo_engage.load.settings.find_root"),
    "contact close": (["contact", IN_PROGRESS, "close", "--outcome", "Joined the platform."],
                      ["contact", RECEIVED, "close", "--outcome", "Done."],
                      ["contact", RECEIVED, "close", "--declined=maybe"], "ilo_engage.load.settings.find_root"),
    "report progress": (["report", "progress"], ["report", "progress"], ["report", "progress", "--period", "2014"],
                        "ilo_engage.load.settings.find_root"),
    "report register": (["report", "register"], ["report", "register"], ["report", "register", "--format", "xml"],
                        "ilo_engage.load.settings.find_root"),
    "fmt": (["fmt", "--check"], ["fmt", "--check", "{root}/data/registers/enterprises/messy.yaml"],
            ["fmt", "--chek"], "ilo_engage.load.settings.find_root"),
    "schema": (["schema", "--output", "{tmp}/schemas"], ["schema", "--output", "/proc/ilo-engage-schemas"], ["schema"],
               "ilo_engage.model.schemas.write_schemas"),
    "site": (["site", "--output", "{tmp}/site"], ["site", "--output", "{tmp}/site"], ["site"],
             "ilo_engage.load.settings.find_root"),
    "init": (["init", "{tmp}/new"], ["init", "{root}"], ["init"], "ilo_engage.authoring.scaffold.scaffold"),
    "enterprise rename": (["enterprise", "rename", "example-cocoa", "cocoa-trading"],
                          ["enterprise", "rename", "example-cocoa", "secret-mining"],
                          ["enterprise", "rename", "example-cocoa", "Not An Id"], "ilo_engage.load.settings.find_root"),
    "enterprise merge": (["enterprise", "merge", "secret-mining", "example-cocoa"],
                         ["enterprise", "merge", "nobody", "example-cocoa"],
                         ["enterprise", "merge", "example-cocoa", "example-cocoa"], "ilo_engage.load.settings.find_root"),
    "export sqlite": (["export", "sqlite", "{tmp}/out.db"], ["export", "sqlite", "{tmp}/out.db"],
                      ["export", "sqlite", "{root}/data/out.db"], "ilo_engage.load.settings.find_root"),
    "export csv": (["export", "csv", "{tmp}/tables"], ["export", "csv", "{tmp}/tables"],
                   ["export", "csv", "{root}/data"], "ilo_engage.load.settings.find_root"),
    "export json": (["export", "json"], ["export", "json"], ["export", "json", "--audience", "all"],
                    "ilo_engage.load.settings.find_root"),
    # The dataset has no admin/ yet: --check finds it missing (1).
    "editor config": (["editor", "config"], ["editor", "config", "--check"], ["editor", "config", "--repo", "no-slash"],
                      "ilo_engage.load.settings.find_root"),
    # The sample's row 7 has an error: refused whole (1) unless --skip-invalid (0).
    "import": ([*IMPORT, "--skip-invalid", "--rejects", "{tmp}/rejected.csv"], IMPORT,
               [*IMPORT[:3], "--mapping", "{tmp}/missing.toml"], "ilo_engage.load.settings.find_root"),
}

# Two contacts further along the procedure, in every dataset of these tests.
CONTACTS = {
    f"data/registers/contacts/{ANALYSED}.yaml": f"id: {ANALYSED}\n{STEPS_DONE}status: analysed\n",
    f"data/registers/contacts/{IN_PROGRESS}.yaml": f"id: {IN_PROGRESS}\n{STEPS_DONE}referred_to:\n  - fundamentals\n"
    "technical_lead: fundamentals\nfollow_ups:\n  - by: fundamentals\n    with: act-emp\n    date: 2015-10-10\n"
    "status: in-progress\n",
}
# Files laid over it for the rows that exit 1: a broken record, a record not in canonical form.
BROKEN = {
    "data/registers/enterprises/broken.yaml": "id: broken\nname: [unclosed\n",
    "data/registers/enterprises/messy.yaml": "name: Messy\nid: messy\nkind: company\ncountry: CH\n",
}
# For the rows whose 1 is a wrong settings file instead: a setting that does not exist.
WRONG = {"ilo-engage.toml": "[procedure]\nstart = 2014-06-13\nneeds_analysis = 30\n"}
OVERLAY_1 = {"register": WRONG, "list": WRONG, "due": WRONG}
# The commands that read no dataset, so are run without `--root`.
WITHOUT_ROOT = {"schema", "init"}


def invoke(command: str, args: list[str], root: Path, tmp: Path) -> tuple[int, str, str]:
    argv = [a.format(root=root, tmp=tmp) for a in args]
    result = helpers.invoke(None if command in WITHOUT_ROOT else root, *argv)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def dataset(clean_dataset: Path) -> Path:
    for relpath, text in CONTACTS.items():
        write(clean_dataset, relpath, text)
    return clean_dataset


def rows(status: int) -> list[tuple[str, list[str]]]:
    return [(command, row[status]) for command, row in TABLE.items()]  # type: ignore[misc]


def commands(group: typer.core.TyperGroup, prefix: str = "") -> list[str]:
    """Every command the app offers, subcommands as `contact share`, read from the app itself."""
    found = []
    for name, command in group.commands.items():
        if isinstance(command, typer.core.TyperGroup):
            found += commands(command, f"{prefix}{name} ")
        else:
            found.append(prefix + name)
    return found


def test_the_table_has_a_row_for_every_command_of_the_app() -> None:
    # A command added to the app without a row here fails this test, not silently passes.
    offered = commands(typer.main.get_command(app))  # type: ignore[arg-type]
    assert len(offered) >= 19
    assert sorted(TABLE) == sorted(offered)


@pytest.mark.parametrize(("command", "args"), rows(0), ids=[c for c, _ in rows(0)])
def test_success_exits_0(dataset: Path, tmp_path: Path, command: str, args: list[str]) -> None:
    code, _, stderr = invoke(command, args, dataset, tmp_path)
    assert code == 0, stderr


@pytest.mark.parametrize(("command", "args"), rows(1), ids=[c for c, _ in rows(1)])
def test_data_errors_and_refusals_exit_1(dataset: Path, tmp_path: Path, command: str, args: list[str]) -> None:
    for relpath, text in OVERLAY_1.get(command, BROKEN).items():
        write(dataset, relpath, text)
    code, _, stderr = invoke(command, args, dataset, tmp_path)
    assert code == 1
    assert "Traceback" not in stderr


@pytest.mark.parametrize(("command", "args"), rows(2), ids=[c for c, _ in rows(2)])
def test_usage_errors_exit_2(dataset: Path, tmp_path: Path, command: str, args: list[str]) -> None:
    before = sorted(p.relative_to(dataset) for p in dataset.rglob("*") if ".ilo-engage-cache" not in p.parts)
    code, _, stderr = invoke(command, args, dataset, tmp_path)
    assert code == 2
    assert "Traceback" not in stderr
    assert sorted(p.relative_to(dataset) for p in dataset.rglob("*") if ".ilo-engage-cache" not in p.parts) == before


def fault(exception: BaseException) -> Callable[..., None]:
    def raise_it(*args: object, **kwargs: object) -> None:
        raise exception

    return raise_it


def working_args(command: str) -> list[str]:
    return TABLE[command][0]


@pytest.mark.parametrize("command", list(TABLE))
def test_an_internal_error_exits_3_without_a_traceback(
    dataset: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.setattr(TABLE[command][3], fault(RuntimeError("injected fault")))
    code, stdout, stderr = invoke(command, working_args(command), dataset, tmp_path)
    assert code == 3
    # The wording is the crash handler's; what stays: one message naming the fault, no traceback.
    assert stderr.startswith("ilo-engage: ") and "injected fault" in stderr
    assert "Traceback" not in stdout + stderr


@pytest.mark.parametrize("command", list(TABLE))
def test_an_interrupt_exits_130_without_a_traceback(
    dataset: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.setattr(TABLE[command][3], fault(KeyboardInterrupt()))
    code, stdout, stderr = invoke(command, working_args(command), dataset, tmp_path)
    assert code == 130
    assert stderr.startswith("ilo-engage: ") and "Traceback" not in stdout + stderr


# A real process and a real signal: the handler, not only the exception, gives 130.
SLOW_START = textwrap.dedent(
    """
    import sys, time
    import ilo_engage.load.settings

    def slow(*args, **kwargs):
        print("started", flush=True)
        time.sleep(60)

    ilo_engage.load.settings.find_root = slow
    from ilo_engage.cli import main
    sys.argv = ["ilo-engage", *sys.argv[1:]]
    main()
    """
)


@pytest.mark.parametrize("args", [["validate"], ["register"], ["report", "progress"]], ids=" ".join)
def test_sigint_to_a_running_command_exits_130(clean_dataset: Path, args: list[str]) -> None:
    process = subprocess.Popen([sys.executable, "-c", SLOW_START, *args, "--root", str(clean_dataset)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "NO_COLOR": "1"})
    assert process.stdout is not None
    assert process.stdout.readline() == "started\n"
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=30)
    assert (process.returncode, stdout) == (130, "")
    assert stderr.startswith("ilo-engage: ") and "Traceback" not in stderr
