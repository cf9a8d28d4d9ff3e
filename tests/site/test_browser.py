"""The sites in a real browser (Debian's Chromium driven by Playwright), opened from disk and from
the preview server: search, sorting and filtering, an enterprise's contacts, links, accessibility."""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from ilo_engage.site.build import build_site
from ilo_engage.site.serve import address, preview_server
from tests.helpers import FIXTURES, write

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Chromium (.ci/run installs it)")
ACCENTED = ("id: societe-ivoirienne-de-cacao\nname: Société Ivoirienne de Cacao S.A.\nkind: company\n"
            "country: CI\nsectors:\n  - cocoa\n")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The staff and public sites of the clean fixture, with an enterprise whose name has accents."""
    top = tmp_path_factory.mktemp("browser")
    root = top / "dataset"
    shutil.copytree(FIXTURES / "clean", root, ignore=shutil.ignore_patterns(".ilo-engage-cache"))
    write(root, "data/registers/enterprises/societe-ivoirienne-de-cacao.yaml", ACCENTED)
    build_site(root, top / "staff", "staff")
    build_site(root, top / "public", "public")
    return {"staff": top / "staff", "public": top / "public"}


@pytest.fixture(scope="module")
def served(sites: dict[str, Path]) -> Iterator[str]:
    """The staff site from the preview server, as `ilo-engage site --serve` runs it."""
    server = preview_server(sites["staff"], 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield address(server)
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    outside: list[str] = []
    # No request may leave the site: anything but file:// and the preview server is recorded and refused.
    context.route(re.compile(r"^(?!file:|http://127\.0\.0\.1:).*"), lambda route: (outside.append(route.request.url),
                                                                                   route.abort()))
    opened = context.new_page()
    opened.set_default_timeout(10_000)
    yield opened
    context.close()
    assert outside == []


def on_disk(site: Path, relpath: str) -> str:
    return (site / relpath).as_uri()


@pytest.mark.parametrize("query", ["societe IVOIRIENNE", "Société ivoirienne de cacao SA", "ivoirienne"])
def test_search_finds_an_enterprise_whatever_the_accents_case_or_legal_form(served: str, page: Any, query: str) -> None:
    page.goto(served + "search.html")
    page.locator(".pagefind-ui__search-input").fill(query)
    first = page.locator(".pagefind-ui__result-link").first
    first.wait_for(timeout=10_000)
    assert first.inner_text() == "Société Ivoirienne de Cacao S.A."
    first.click()
    assert page.url == served + "enterprises/societe-ivoirienne-de-cacao.html"


def test_search_from_disk_says_it_needs_the_site_served(sites: dict[str, Path], page: Any) -> None:
    page.goto(on_disk(sites["staff"], "search.html"))
    assert page.locator("#search-from-disk").is_visible()


@pytest.mark.parametrize("where", ["disk", "server"])
def test_a_register_sorts_and_filters(sites: dict[str, Path], served: str, page: Any, where: str) -> None:
    page.goto(on_disk(sites["staff"], "registers/act-emp.html") if where == "disk" else served + "registers/act-emp.html")
    names = page.locator("#register tbody tr td:first-child")
    assert names.all_inner_texts() == ["Example Cocoa Trading S.A."]
    page.goto(on_disk(sites["staff"], "enterprises/index.html") if where == "disk" else served + "enterprises/index.html")
    assert "Société Ivoirienne de Cacao S.A." in page.locator("main").inner_text()


def test_sorting_by_a_column_and_back(tmp_path: Path, browser: Any) -> None:
    """A register with several rows (the bundled dataset's), sorted by contacts and by name, then filtered."""
    site = tmp_path / "site"
    build_site(Path(__file__).resolve().parents[2], site, "staff")
    page = browser.new_page()
    page.set_default_timeout(10_000)
    page.goto(on_disk(site, "registers/act-emp.html"))
    rows = page.locator("#register tbody tr")
    names = page.locator("#register tbody tr td:first-child a")
    initial = names.all_inner_texts()
    assert initial == sorted(initial, key=str.casefold) and len(initial) > 3
    page.get_by_role("button", name="Enterprise").click()
    assert page.locator("#register th").first.get_attribute("aria-sort") == "ascending"
    page.get_by_role("button", name="Enterprise").click()
    assert names.all_inner_texts() == sorted(initial, key=str.casefold, reverse=True)
    page.get_by_role("button", name="Contacts").click()
    counts = [int(t) for t in page.locator("#register tbody tr td:nth-child(4)").all_inner_texts()]
    assert counts == sorted(counts) and counts[0] < counts[-1]
    page.get_by_label("Show only rows containing").fill("cocoa")
    visible = [t for t, shown in zip(names.all_inner_texts(), [r.is_visible() for r in rows.all()]) if shown]
    assert visible == ["Northwind Cocoa Traders"]
    assert page.get_by_role("status").inner_text() == f"1 of {len(initial)} rows shown"
    page.close()


@pytest.mark.parametrize("where", ["disk", "server"])
def test_an_enterprise_page_lists_its_contacts(sites: dict[str, Path], served: str, page: Any, where: str) -> None:
    relpath = "enterprises/example-cocoa.html"
    page.goto(on_disk(sites["staff"], relpath) if where == "disk" else served + relpath)
    assert page.locator("h1").inner_text() == "Example Cocoa Trading S.A."
    assert page.locator("ol.contacts > li h3").all_inner_texts() == [
        "2015-06-01 · Advice on child labour due diligence in the cocoa supply chain"]
    page.get_by_role("link", name="Child Labour Platform").click()
    assert page.locator("h1").inner_text() == "Child Labour Platform"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)
            if name == "id" and value:
                self.ids.add(value)


@pytest.mark.parametrize("audience", ["staff", "public"])
def test_every_internal_link_resolves(sites: dict[str, Path], audience: str) -> None:
    site = sites[audience]
    pages = sorted(site.rglob("*.html"))
    checked = 0
    for html in pages:
        if "pagefind" in html.parts:
            continue
        parser = _Links()
        parser.feed(html.read_text(encoding="utf-8"))
        for link in parser.links:
            if link == "data:,":  # the empty icon, so that browsers ask the server for none
                continue
            parts = urlsplit(link)
            assert not parts.scheme and not parts.netloc, f"{html}: {link} leaves the site"
            target = (html.parent / unquote(parts.path)).resolve() if parts.path else html
            assert target.is_file(), f"{html.relative_to(site)}: {link} does not resolve"
            assert site.resolve() in target.parents, f"{html}: {link} leaves the site"
            if parts.fragment:
                ids = _Links()
                ids.feed(target.read_text(encoding="utf-8"))
                assert parts.fragment in ids.ids, f"{html}: {link}: no such anchor"
            checked += 1
    assert checked >= (300 if audience == "staff" else 5)


# One page of each template (the listing and index pages share the enterprise page's parts).
AXE_PAGES = ["index.html", "registers/act-emp.html", "enterprises/example-cocoa.html",
             "initiatives/child-labour-platform.html", "units/act-emp.html", "report/index.html", "search.html",
             "charts/compliance-by-rule.html"]


def test_axe_finds_no_serious_or_critical_violation(sites: dict[str, Path], served: str, page: Any) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    found = {}
    for url in [served + p for p in AXE_PAGES] + [on_disk(sites["public"], "index.html")]:
        page.goto(url)
        if url.endswith("search.html"):
            page.locator(".pagefind-ui__search-input").fill("cocoa")
            page.locator(".pagefind-ui__result-link").first.wait_for(timeout=10_000)
        violations = axe.run(page).response["violations"]
        bad = [(v["id"], v["impact"]) for v in violations if v["impact"] in ("serious", "critical")]
        if bad:
            found[url] = bad
    assert found == {}


def test_the_public_guide_has_no_register(sites: dict[str, Path], page: Any) -> None:
    page.goto(on_disk(sites["public"], "index.html"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("table").count() == 0
    assert page.get_by_role("link", name=re.compile("register", re.I)).count() == 0
    assert page.locator("h2").all_inner_texts() == ["Join a business network"]
    assert page.locator("article h3").all_inner_texts() == ["Child Labour Platform"]


def test_pages_keep_keyboard_focus_visible_and_start_with_a_skip_link(sites: dict[str, Path], page: Any) -> None:
    page.goto(on_disk(sites["staff"], "registers/act-emp.html"))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the content"
    page.keyboard.press("Enter")
    # The jump lands after the key press returns: wait for it (a loaded machine is slow), then check.
    page.wait_for_url(re.compile(r"#main$"), timeout=10_000)
    assert page.url.endswith("#main")
