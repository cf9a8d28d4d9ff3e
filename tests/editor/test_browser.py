"""The web editor for real: Decap CMS in Debian's Chromium (Playwright), saving through decap-server,
its local backend, into a dataset `init` made. An officer adds an enterprise and a contact by filling
the forms; the files written are valid records with the ids the data contract names, `validate`
passes, and a required field left empty is refused by the form.

The npm packages come from `npm ci --prefix .cache/editor` with the package's package-lock.json
(.ci/run runs it); without them, or without Chromium or node, the tests are skipped. The contact
form's screenshots go to $EDITOR_SCREENSHOTS if set (a temporary folder otherwise), to look at.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from ilo_engage.authoring.scaffold import scaffold
from ilo_engage.editor.files import PACKAGED
from ilo_engage.load.dataset import load
from tests.helpers import invoke

REPO = Path(__file__).resolve().parents[2]
NPM = REPO / ".cache" / "editor"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists() or NODE is None or not (NPM / "node_modules" / "decap-cms").is_dir(),
    reason="needs Chromium, node and `npm ci --prefix .cache/editor` (.ci/run installs them)",
)
DAY = "2016-01-21"  # the contact's date; validate runs as of that day, so nothing is overdue yet
LOCAL_BACKEND = "localhost:8081"  # where the page looks for decap-server (`local_backend: true`)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new dataset as `init` writes it, with the editor's npm packages where `npm ci` puts them."""
    assert (NPM / "package-lock.json").read_bytes() == (PACKAGED / "package-lock.json").read_bytes(), (
        "the installed editor is not the one package-lock.json pins: run npm ci --prefix .cache/editor again")
    root = tmp_path_factory.mktemp("editor") / "dataset"
    scaffold(root)
    (root / "admin" / "node_modules").symlink_to(NPM / "node_modules", target_is_directory=True)
    return root


@pytest.fixture(scope="module")
def editor(dataset: Path) -> Iterator[str]:
    """The editor's page served over HTTP, and decap-server reading and writing the dataset."""
    port = _free_port()
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "GIT_REPO_DIRECTORY": str(dataset),
           "LOG_LEVEL": "error"}
    server = subprocess.Popen([str(NODE), str(NPM / "node_modules" / "decap-server" / "dist" / "index.js")],
                              cwd=dataset, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    pages = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(dataset / "admin")))
    threading.Thread(target=pages.serve_forever, daemon=True).start()
    try:
        _wait_for(port)
        yield f"http://127.0.0.1:{pages.server_address[1]}/#{port}"
    finally:
        pages.shutdown()
        pages.server_close()
        server.terminate()
        server.wait(10)


def _wait_for(port: int) -> None:
    """Until decap-server answers, as the page asks it (`{"action": "info"}`)."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1", data=b'{"action":"info"}',
                                     headers={"Content-Type": "application/json"})
    for _ in range(100):
        try:
            with urllib.request.urlopen(request, timeout=1) as answer:
                assert json.load(answer)["type"] == "local_fs"
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("decap-server did not start")


@pytest.fixture(scope="module")
def page(editor: str) -> Iterator[Any]:
    """The editor, logged in to the local backend; no request leaves this machine."""
    from playwright.sync_api import sync_playwright

    address, port = editor.split("#")
    outside: list[str] = []

    def route(route: Any) -> None:
        url = route.request.url
        if url.startswith(f"http://{LOCAL_BACKEND}/"):  # the page's decap-server, on this test's port
            route.continue_(url=url.replace(LOCAL_BACKEND, f"127.0.0.1:{port}"))
        elif url.startswith("http://127.0.0.1:"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.route("**/*", route)
        opened = context.new_page()
        opened.set_default_timeout(60_000)  # generous: the page is heavy and CI machines are shared
        opened.goto(address + "index.html")
        opened.get_by_role("button", name="Login").click()
        opened.get_by_text("Contacts").first.wait_for()
        yield opened
        browser.close()
    assert outside == []


def _field(page: Any, label: str) -> Any:
    """A field by its label (an optional field's label ends "(optional)")."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \(optional\))?$"))


def _choose(page: Any, label: str, text: str) -> None:
    """Pick an option of a choice (or an enterprise) by typing part of its label."""
    _field(page, label).fill(text)
    page.get_by_role("option").filter(has_text=text).first.click()


def _publish(page: Any, saved: bool = True) -> None:
    """Publish the entry (the local backend saves at once); wait until the editor says it is saved."""
    page.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_text("Publish now").click()
    if saved:  # a new entry, once saved, opens at its own address
        page.wait_for_url(re.compile(r"/entries/"))


def _saved(folder: Path, pattern: str) -> list[Path]:
    """The files in a folder whose names match, once the editor has written one (within 30 seconds)."""
    for _ in range(300):
        found = [path for path in folder.glob("*.yaml") if re.fullmatch(pattern, path.name)]
        if found:
            return found
        time.sleep(0.1)
    return []


def test_an_officer_adds_an_enterprise_and_a_contact_through_the_forms(
    page: Any, editor: str, dataset: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    address = editor.split("#")[0]
    page.goto(address + "index.html#/collections/enterprises/new")
    _field(page, "Id").fill("globex")
    _field(page, "Name").fill("Globex Corporation")
    _choose(page, "Kind", "company")
    _choose(page, "Country", "Switzerland")
    _publish(page)
    enterprises = dataset / "data/registers/enterprises"
    assert [path.name for path in _saved(enterprises, r"globex\.yaml")] == ["globex.yaml"]

    page.goto(address + "index.html#/collections/contacts/new")
    _field(page, "Date").first.fill(DAY)  # the contact's; the needs analysis and referral have dates too
    _choose(page, "Enterprise", "Globex")
    _choose(page, "Initiated by", "management")
    _choose(page, "Entry point", "ACT/EMP")
    _choose(page, "Status", "received")
    shots = Path(os.environ.get("EDITOR_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    _field(page, "Date").first.scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "contact-form.png"))
    # The subject is required: the form refuses to publish and says so; nothing is written.
    _publish(page, saved=False)
    page.get_by_text(re.compile("subject is required", re.IGNORECASE)).wait_for()
    _field(page, "Subject").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "contact-form-refused.png"))
    contacts = dataset / "data/registers/contacts"
    assert list(contacts.glob("*.yaml")) == []

    _field(page, "Subject").fill("Advice on occupational safety in its factories")
    # The preview shows the contact as `ilo-engage show` prints its timeline.
    assert "contact made by management, entered through act-emp" in page.frame_locator("iframe").locator(
        "pre").inner_text()
    _publish(page)
    saved = _saved(contacts, rf"{DAY}-globex-[a-z2-7]{{4}}\.yaml")
    assert len(saved) == 1, [path.name for path in contacts.iterdir()]
    assert saved[0].read_text(encoding="utf-8").startswith(f"id: {saved[0].stem}\n")  # as the editor wrote it

    records = {entry.file: entry.record for entry in load(dataset).entries if "registers" in entry.file}
    contact = records[f"data/registers/contacts/{saved[0].name}"]
    assert contact.id == saved[0].stem  # type: ignore[attr-defined]
    assert (contact.enterprise, contact.initiated_by, contact.status, str(contact.date)) == (  # type: ignore[attr-defined]
        "globex", "management", "received", DAY)
    enterprise = records["data/registers/enterprises/globex.yaml"]
    assert (enterprise.name, enterprise.kind, enterprise.country) == (  # type: ignore[attr-defined]
        "Globex Corporation", "company", "CH")
    validated = invoke(dataset, "validate", "--today", DAY)
    assert validated.exit_code == 0, validated.output
    assert "globex" not in validated.stdout  # no problem in either new record
    # fmt may lay the files out its way, but the records mean the same.
    assert invoke(dataset, "fmt").exit_code == 0
    after = {entry.file: entry.record for entry in load(dataset).entries if "registers" in entry.file}
    assert after == records
