"""Where --output may write: a regular file only (new, or existing with --force), never a
record, the settings or the cache of a dataset, never through or over a link, a device or a
FIFO; `-o -` and no -o write to standard output. Output that cannot be written (a full disk,
a closed standard output) is a one-line error, not a crash."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ilo_engage.cli import app

CONTACT = "data/registers/contacts/2015-06-01-example-cocoa-ab2c.yaml"


def report(root: Path, *args: str):  # noqa: ANN201
    return CliRunner().invoke(app, ["report", "progress", "--root", str(root), *args])


def everything(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.is_symlink() and ".ilo-engage-cache" not in p.parts}


@pytest.mark.parametrize("target", [CONTACT, "data/registers/contacts/new.md", "data/units/ilo-unit.yaml",
                                    "ilo-engage.toml", ".ilo-engage-cache/store.sqlite"])
def test_output_never_replaces_a_record_the_settings_or_the_cache(clean_dataset: Path, target: str) -> None:
    (clean_dataset / ".ilo-engage-cache").mkdir()
    before = everything(clean_dataset)
    for force in ([], ["--force"]):
        result = report(clean_dataset, "-o", str(clean_dataset / target), *force)
        assert (result.exit_code, result.stdout) == (2, ""), result.output
        assert "write elsewhere" in result.stderr and "Traceback" not in result.output
    assert everything(clean_dataset) == before


def test_output_inside_a_dataset_reached_through_a_link_is_refused(clean_dataset: Path, tmp_path: Path) -> None:
    (tmp_path / "shortcut").symlink_to(clean_dataset / "data/registers")
    before = everything(clean_dataset)
    result = report(clean_dataset, "-o", str(tmp_path / "shortcut/contacts/2015-06-01-example-cocoa-ab2c.yaml"),
                    "--force")
    assert result.exit_code == 2 and "data/ folder of the dataset" in result.stderr
    assert everything(clean_dataset) == before


def test_output_writes_a_new_file_and_replaces_one_only_with_force(clean_dataset: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    assert report(clean_dataset, "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("**Governing Body**")
    target.write_text("last week's\n", encoding="utf-8")
    refused = report(clean_dataset, "-o", str(target))
    assert refused.exit_code == 2 and "exists: add --force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "last week's\n"
    assert report(clean_dataset, "-o", str(target), "--force").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("**Governing Body**")


def test_output_never_writes_through_or_over_a_link(clean_dataset: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(victim)
    dangling = tmp_path / "dangling.md"
    dangling.symlink_to(tmp_path / "nowhere.md")
    for target in (link, dangling):
        result = report(clean_dataset, "-o", str(target), "--force")
        assert result.exit_code == 2 and "is a symbolic link" in result.stderr
        assert target.is_symlink()
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert not (tmp_path / "nowhere.md").exists()


def test_output_never_replaces_a_fifo_or_a_device(clean_dataset: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    result = report(clean_dataset, "-o", str(fifo), "--force")
    assert result.exit_code == 2 and "is a FIFO (named pipe), not a regular file" in result.stderr
    assert fifo.is_fifo()
    result = report(clean_dataset, "-o", "/dev/null", "--force")
    assert result.exit_code == 2 and "/dev/null is a device" in result.stderr
    assert Path("/dev/null").is_char_device()


def test_dash_and_no_output_write_to_standard_output(clean_dataset: Path) -> None:
    plain, dash = report(clean_dataset), report(clean_dataset, "-o", "-")
    assert plain.exit_code == dash.exit_code == 0
    assert plain.stdout == dash.stdout and plain.stdout.startswith("**Governing Body**")
    assert not (clean_dataset / "-").exists()


def test_report_register_and_schema_follow_the_same_rules(clean_dataset: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["report", "register", "--root", str(clean_dataset), "-o",
                                      str(clean_dataset / CONTACT), "--force"])
    assert result.exit_code == 2 and "write elsewhere" in result.stderr
    result = CliRunner().invoke(app, ["schema", "-o", str(clean_dataset / "data/units")])
    assert result.exit_code == 2 and "write elsewhere" in result.stderr
    assert not list((clean_dataset / "data/units").glob("*.json"))
    schemas = tmp_path / "schemas"
    assert CliRunner().invoke(app, ["schema", "-o", str(schemas)]).exit_code == 0
    again = CliRunner().invoke(app, ["schema", "-o", str(schemas)])
    assert again.exit_code == 2 and "exists: add --force" in again.stderr
    assert CliRunner().invoke(app, ["schema", "-o", str(schemas), "--force"]).exit_code == 0
    (schemas / "unit.schema.json").unlink()  # one missing, the others there: none is written
    again = CliRunner().invoke(app, ["schema", "-o", str(schemas)])
    assert again.exit_code == 2 and not (schemas / "unit.schema.json").exists()


# Standard output that cannot be written: real processes, since the runner replaces it.


def run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ilo_engage", *args], capture_output=kwargs.pop("capture", True),
                          text=True, timeout=120, **kwargs)  # type: ignore[call-overload]


def test_a_report_to_a_full_disk_is_a_one_line_error(clean_dataset: Path) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "ilo_engage", "report", "progress", "--root",
                                 str(clean_dataset)], stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert result.stderr == "ilo-engage: cannot write to standard output: No space left on device\n"


def test_a_closed_standard_output_is_a_one_line_error(clean_dataset: Path) -> None:
    result = subprocess.run(f'"{sys.executable}" -m ilo_engage validate --format json --root "{clean_dataset}" >&-',
                            shell=True, stderr=subprocess.PIPE, text=True, timeout=120)
    assert result.returncode == 2, result.stderr
    assert result.stderr == "ilo-engage: cannot write to standard output: it is closed\n"


@pytest.mark.parametrize("args", [["register"], ["--help"]], ids=["a-command", "help"])
def test_a_reader_that_went_away_is_a_one_line_error(clean_dataset: Path, args: list[str]) -> None:
    root = [] if args == ["--help"] else ["--root", str(clean_dataset)]
    process = subprocess.Popen([sys.executable, "-m", "ilo_engage", *args, *root],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    process.stdout.close()  # type: ignore[union-attr]  # as `| head -0` would
    stderr = process.stderr.read()  # type: ignore[union-attr]
    assert process.wait(timeout=120) == 1
    assert stderr == "ilo-engage: cannot write to standard output: Broken pipe\n"
