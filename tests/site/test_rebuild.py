"""A rebuild renders only the pages whose inputs changed, and writes what a fresh build writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ilo_engage.site import pages as site_pages
from ilo_engage.site.build import build_site
from tests.helpers import run

CONTACT = "data/registers/contacts/2015-06-01-example-cocoa-ab2c.yaml"


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pages rendered from their values (workers=1: in this process, where they are counted)."""
    seen: list[str] = []
    real = site_pages.Renderer.render

    def counting(self, spec):  # noqa: ANN001, ANN202
        seen.append(spec.path)
        return real(self, spec)

    monkeypatch.setattr(site_pages.Renderer, "render", counting)
    return seen


def test_a_rebuild_renders_only_the_pages_made_from_what_changed(clean_dataset: Path, tmp_path: Path,
                                                                 rendered: list[str]) -> None:
    out = tmp_path / "site"
    build_site(clean_dataset, out, "staff", workers=1)
    everything = {*rendered}
    assert {"enterprises/example-cocoa.html", "registers/act-emp.html", "topics/child-labour.html"} <= everything
    rendered.clear()
    build_site(clean_dataset, out, "staff", workers=1)
    # Rendered every time: the home page (what is new), search, and the charts' tables.
    always = {"index.html", "search.html"}
    assert {p for p in rendered if not p.startswith("charts/")} == always
    rendered.clear()
    contact = clean_dataset / CONTACT
    contact.write_text(contact.read_text(encoding="utf-8").replace(
        "Advice on child labour due diligence", "Advice on due diligence"), encoding="utf-8")
    build_site(clean_dataset, out, "staff", workers=1)
    again = {p for p in rendered if not p.startswith("charts/")} - always
    assert "enterprises/example-cocoa.html" in again and "topics/child-labour.html" in again
    assert "registers/act-emp.html" not in again  # a register shows no subject
    assert not any(p.startswith("initiatives/") for p in again)
    assert len(again) < len(everything) // 2
    assert "Advice on due diligence" in (out / "enterprises/example-cocoa.html").read_text(encoding="utf-8")


def test_a_rebuild_writes_the_files_a_fresh_build_writes(clean_dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(clean_dataset, out, "staff")
    unit = clean_dataset / "data/units/act-emp.yaml"
    text = unit.read_text(encoding="utf-8")
    assert "short: ACT/EMP" in text
    # A name the pages that link the unit show, though their own values (a dossier …) hold no unit.
    unit.write_text(text.replace("short: ACT/EMP", "short: ACT-EMP"), encoding="utf-8")
    build_site(clean_dataset, out, "staff")
    build_site(clean_dataset, tmp_path / "fresh", "staff")
    rebuilt, fresh = files(out), files(tmp_path / "fresh")
    # The home page says what is new since the previous build, and build.json what the next one compares with.
    for name in ("index.html", "build.json"):
        rebuilt.pop(name), fresh.pop(name)
    assert rebuilt == fresh
    assert "ACT-EMP" in (out / "enterprises/example-cocoa.html").read_text(encoding="utf-8")


def test_what_a_page_is_made_from_is_the_same_in_the_next_process(clean_dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    for _ in range(2):  # the second build's home page says "nothing new", after the first's "first build"
        done = run("site", "--output", str(out), "--root", str(clean_dataset))
        assert done.returncode == 0, done.stderr
    first = json.loads((out / "build.json").read_text(encoding="utf-8"))["pages"]
    done = run("site", "--output", str(out), "--root", str(clean_dataset))
    assert done.returncode == 0, done.stderr
    assert "0 files written" in done.stderr
    assert json.loads((out / "build.json").read_text(encoding="utf-8"))["pages"] == first
    assert "enterprises/example-cocoa.html" in first


def test_the_site_reads_the_records_from_the_store_never_every_file_again(clean_dataset: Path, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from ilo_engage.load import dataset as loading

    parsed: list[str] = []  # the files parsed as `load` parses the whole dataset, each in turn
    real = loading.load_file

    def counting(root: Path, relpath: str, kind):  # noqa: ANN001, ANN202
        parsed.append(relpath)
        return real(root, relpath, kind)

    monkeypatch.setattr(loading, "load_file", counting)
    out = tmp_path / "site"
    build_site(clean_dataset, out, "staff", workers=1)
    assert (clean_dataset / ".ilo-engage-cache").is_dir()  # the store the read commands share
    contact = clean_dataset / CONTACT
    contact.write_text(contact.read_text(encoding="utf-8").replace(
        "Advice on child labour due diligence", "Advice on due diligence"), encoding="utf-8")
    build_site(clean_dataset, out, "staff", workers=1)
    assert "Advice on due diligence" in (out / "enterprises/example-cocoa.html").read_text(encoding="utf-8")
    # Only what a check reads whole (the report text and the initiatives it names), never the contacts.
    assert parsed and not any(f.startswith("data/registers/") for f in parsed)


def test_the_report_page_is_kept_while_its_markdown_is_the_same(clean_dataset: Path, tmp_path: Path,
                                                                rendered: list[str],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from ilo_engage.site import output as site_output

    out = tmp_path / "site"
    build_site(clean_dataset, out, "staff", workers=1)
    page = (out / "report/index.html").read_bytes()
    rendered.clear()
    build_site(clean_dataset, out, "staff", workers=1)
    assert "report/index.html" not in rendered
    assert (out / "report/index.html").read_bytes() == page
    # The previous page gone meanwhile: made again from the Markdown, the same bytes.
    real = site_output.Staging.keep
    monkeypatch.setattr(site_output.Staging, "keep",
                        lambda self, relpath: relpath != "report/index.html" and real(self, relpath))
    build_site(clean_dataset, out, "staff", workers=1)
    assert "report/index.html" in rendered
    assert (out / "report/index.html").read_bytes() == page
    monkeypatch.setattr(site_output.Staging, "keep", real)
    rendered.clear()
    settings = clean_dataset / "data/reports/progress.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("title: ", "title: Revised ", 1), encoding="utf-8")
    build_site(clean_dataset, out, "staff", workers=1)
    assert "report/index.html" in rendered
    assert "Revised " in (out / "report/index.html").read_text(encoding="utf-8")
