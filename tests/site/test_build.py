"""`ilo-engage site`: the staff site built from the records, rebuilt file by file, written whole."""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

import pytest

from ilo_engage.site import output as site_output
from ilo_engage.site.build import build_site
from tests.helpers import invoke, write

CONTACT = "data/registers/contacts/2015-06-01-example-cocoa-ab2c.yaml"


def build(root: Path, out: Path, *args: str):  # noqa: ANN201
    return invoke(root, "site", "--output", str(out), *args)


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def site(clean_dataset: Path, tmp_path: Path) -> Path:
    out = tmp_path / "site"
    result = build(clean_dataset, out)
    assert result.exit_code == 0, result.output
    return out


def test_the_staff_site_has_a_page_per_record_and_says_what_it_wrote(clean_dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = build(clean_dataset, out)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    found = files(out)
    assert re.fullmatch(rf"{re.escape(str(out))}: 2\d pages for the staff audience; \d+ files written, 0 unchanged\n",
                        result.stderr), result.stderr
    for page in ("index.html", "registers/act-emp.html", "registers/actrav.html", "enterprises/example-cocoa.html",
                 "initiatives/child-labour-platform.html", "units/fundamentals.html", "topics/child-labour.html",
                 "countries/CI.html", "report/index.html", "report/progress-report.docx", "search.html",
                 "charts/compliance-by-rule.svg", "assets/site.css", "pagefind/pagefind-ui.js"):
        assert page in found, page
    assert found["report/progress-report.docx"].startswith(b"PK")


def test_an_enterprise_page_lists_its_contacts_and_counts_the_confidential_one(site: Path) -> None:
    page = (site / "enterprises/example-cocoa.html").read_text(encoding="utf-8")
    assert "<h1>Example Cocoa Trading S.A.</h1>" in page
    assert "Advice on child labour due diligence in the cocoa supply chain" in page
    assert "1 contact shown, 1 not shown to this audience; newest first." in page
    assert "2015-06-10 needs analysis by act-emp" in page
    assert '<a href="../initiatives/child-labour-platform.html">Child Labour Platform</a>' in page
    assert "Union letter" not in page


def test_a_register_is_a_table_that_reads_without_its_script(site: Path) -> None:
    page = (site / "registers/act-emp.html").read_text(encoding="utf-8")
    assert '<table class="records" data-sortable data-filterable id="register">' in page
    assert '<td><a href="../enterprises/example-cocoa.html">Example Cocoa Trading S.A.</a></td>' in page
    assert "2 enterprises, 2 contacts. Not shown here: 1 enterprise and 1 contact." in page
    assert "<script src=\"../assets/tables.js\" defer></script>" in page


def test_every_page_has_a_language_and_requests_nothing_outside_the_site(site: Path) -> None:
    for name, data in files(site).items():
        if name.endswith(".html"):
            assert '<html lang="en">' in data.decode(), name
        if name.endswith((".html", ".svg", ".css", ".js")):
            text = data.decode("utf-8")
            assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", text), name
            assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", text), name


def test_a_rebuild_writes_only_the_pages_whose_content_changed(clean_dataset: Path, site: Path) -> None:
    assert build_site(clean_dataset, site, "staff").written.written == ["index.html"]  # no longer the first build
    before = {p: os.stat(site / p).st_ino for p in files(site)}
    assert build_site(clean_dataset, site, "staff").written.written == []
    contact = clean_dataset / CONTACT
    contact.write_text(contact.read_text(encoding="utf-8").replace(
        "Advice on child labour due diligence", "Advice on due diligence"), encoding="utf-8")
    changed = build_site(clean_dataset, site, "staff").written.written
    assert "enterprises/example-cocoa.html" in changed
    assert "initiatives/child-labour-platform.html" not in changed and "registers/act-emp.html" not in changed
    assert "Advice on due diligence" in (site / "enterprises/example-cocoa.html").read_text(encoding="utf-8")
    assert os.stat(site / "registers/act-emp.html").st_ino == before["registers/act-emp.html"]


def test_the_home_page_says_what_is_new_since_the_previous_build(clean_dataset: Path, site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "This is the first build of the site in this folder" in home
    build_site(clean_dataset, site, "staff")
    assert "Nothing new since the previous build." in (site / "index.html").read_text(encoding="utf-8")
    write(clean_dataset, "data/registers/contacts/2015-10-01-example-cocoa-zz2z.yaml",
          "id: 2015-10-01-example-cocoa-zz2z\ndate: 2015-10-01\nenterprise: example-cocoa\n"
          "initiated_by: management\nsubject: Second request on child labour due diligence\n"
          "entry_point: act-emp\nstatus: received\n")
    text = (clean_dataset / CONTACT).read_text(encoding="utf-8")
    (clean_dataset / CONTACT).write_text(text.replace(
        "    date: 2015-11-15\n", "    date: 2015-11-15\n  - by: fundamentals\n    with: act-emp\n    date: 2015-11-20\n"),
        encoding="utf-8")
    build_site(clean_dataset, site, "staff")
    home = (site / "index.html").read_text(encoding="utf-8")
    news = home.split("New since the previous build")[1].split("<h2>")[0]
    assert "2015-10-01" in news and "Second request on child labour due diligence" in news
    assert "2015-11-20 follow-up by fundamentals with act-emp" in news
    assert "<h3>Enterprises</h3>" not in news


@pytest.mark.parametrize("where", ["data/site", "link", "file", "foreign"])
def test_the_output_is_never_the_records_a_link_a_file_or_someone_elses_folder(
        clean_dataset: Path, tmp_path: Path, where: str) -> None:
    target = {"data/site": clean_dataset / "data" / "site", "link": tmp_path / "link", "file": tmp_path / "file",
              "foreign": tmp_path / "foreign"}[where]
    if where == "link":
        (tmp_path / "real").mkdir()
        target.symlink_to(tmp_path / "real")
    elif where == "file":
        target.write_text("keep me\n")
    elif where == "foreign":
        write(tmp_path, "foreign/notes.txt", "keep me\n")
    before = files(tmp_path)
    result = build(clean_dataset, target)
    assert result.exit_code == 2, result.output
    if where == "file":  # the option parser refuses it
        assert result.stderr.startswith("Usage: ilo-engage site [OPTIONS]")
    else:
        assert result.stderr.startswith(f"ilo-engage: --output {target}")
    assert files(tmp_path) == before


def test_data_with_errors_builds_no_site(broken_dataset: Path, tmp_path: Path) -> None:
    result = build(broken_dataset, tmp_path / "site")
    assert result.exit_code == 1
    assert "run `ilo-engage validate`" in result.stderr
    assert not (tmp_path / "site").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".ilo-engage-site-")] == []


def test_a_build_that_fails_halfway_leaves_the_previous_site_whole(clean_dataset: Path, site: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    before = files(site)

    def pages():  # noqa: ANN202
        yield "index.html", b"half"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        site_output.write_site(site, pages())
    assert files(site) == before
    assert [p.name for p in site.parent.iterdir() if p.name.startswith(".ilo-engage-site-")] == []


def test_two_builds_at_once_leave_one_whole_site(clean_dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(clean_dataset, out, "staff")
    build_site(clean_dataset, out, "staff")  # past the first build, whose home page says so
    reference = files(out)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            build_site(clean_dataset, out, "staff")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert files(out) == reference
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".ilo-engage-site-")] == []


def test_a_unit_page_lists_the_steps_waiting_on_it(clean_dataset: Path, tmp_path: Path) -> None:
    write(clean_dataset, "data/registers/contacts/2015-10-01-example-cocoa-zz2z.yaml",
          "id: 2015-10-01-example-cocoa-zz2z\ndate: 2015-10-01\nenterprise: example-cocoa\n"
          "initiated_by: management\nsubject: A new request\nentry_point: act-emp\nstatus: received\n")
    build_site(clean_dataset, tmp_path / "site", "staff")
    page = (tmp_path / "site" / "units/act-emp.html").read_text(encoding="utf-8")
    waiting = page.split("<h2>Waiting on ACT/EMP</h2>")[1].split("<h2>")[0]
    assert re.findall(r"<li>(.*?)</li>", waiting) == [
        '2015-10-01 <a href="../enterprises/example-cocoa.html">Example Cocoa Trading S.A.</a>: A new request — '
        'sharing, due by 2115-05-30',
        '2015-10-01 <a href="../enterprises/example-cocoa.html">Example Cocoa Trading S.A.</a>: A new request — '
        'needs analysis, due by 2115-09-07']  # the fixture's deadlines are a century long
    assert "Nothing waits on this unit." in (tmp_path / "site" / "units/fundamentals.html").read_text(encoding="utf-8")


def test_the_word_report_is_made_again_only_when_its_markdown_changed(clean_dataset: Path, site: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from ilo_engage.reports import documents

    made: list[str] = []
    real = documents._docx

    def counting(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        made.append(args[2])
        return real(*args, **kwargs)

    monkeypatch.setattr(documents, "_docx", counting)
    before = (site / "report/progress-report.docx").read_bytes()
    build_site(clean_dataset, site, "staff", workers=1)  # counted in this process
    assert made == []
    assert (site / "report/progress-report.docx").read_bytes() == before
    settings = clean_dataset / "data/reports/progress.yaml"
    text = settings.read_text(encoding="utf-8")
    assert "title: " in text
    settings.write_text(text.replace("title: ", "title: Revised ", 1), encoding="utf-8")
    build_site(clean_dataset, site, "staff", workers=1)
    assert len(made) == 1 and made[0].startswith("Revised ")
    assert (site / "report/progress-report.docx").read_bytes() != before


def test_a_restricted_build_names_confidential_records_and_says_so(clean_dataset: Path, tmp_path: Path) -> None:
    result = build(clean_dataset, tmp_path / "site", "--audience", "restricted")
    assert result.exit_code == 0, result.output
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "this restricted build names confidential records too." in home
    assert "Restricted: names confidential records" in home
    assert (tmp_path / "site" / "enterprises/secret-mining.html").is_file()
    staff = build(clean_dataset, tmp_path / "staff")
    assert staff.exit_code == 0
    assert "records marked confidential are counted, never named." in (tmp_path / "staff" / "index.html").read_text(
        encoding="utf-8")


def test_a_regional_office_page_names_its_region_and_the_countries_it_covers(clean_dataset: Path,
                                                                             tmp_path: Path) -> None:
    write(clean_dataset, "data/units/ro-africa.yaml", "id: ro-africa\nname: ILO Regional Office for Africa\n"
          "short: RO-Africa\nkind: regional-office\nregion: africa\n")
    build_site(clean_dataset, tmp_path / "site", "staff")
    page = (tmp_path / "site" / "units/ro-africa.html").read_text(encoding="utf-8")
    facts = page.split('<dl class="facts">')[1].split("</dl>")[0]
    assert "<dt>Region</dt><dd>Africa</dd>" in facts
    covers = facts.split("<dt>Covers</dt>")[1]
    assert re.findall(r'href="../countries/(\w\w).html"', covers) == ["CI", "GH", "ZM"]


def test_a_page_with_no_contacts_says_so_in_a_sentence(site: Path) -> None:
    pages = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    empty = [text for path, text in pages.items() if path.startswith(("countries/", "topics/", "units/"))
             and "<p>No contacts" in text]
    assert empty  # the clean fixture has countries, topics and units nobody contacted about
    for text in empty:
        sentence = text.split("<p>No contacts", 1)[1].split("</p>", 1)[0]
        assert sentence.startswith((" about ", " it took part in.")) and "contacts" not in sentence.lower()
