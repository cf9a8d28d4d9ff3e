"""What the web editor's browser tests share: Decap CMS in Debian's Chromium (Playwright), saving
through decap-server, its local backend, into a dataset `init` made (the fixtures, offered to the
tests by tests/editor/conftest.py), and the steps an officer takes in the forms.

The npm packages come from `npm ci --prefix .cache/editor` with the package's package-lock.json
(.ci/run runs it); without them, or without Chromium or node, the tests are skipped (`NEEDS`). The
forms' screenshots go to $EDITOR_SCREENSHOTS if set (a temporary folder otherwise), to look at.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
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

REPO = Path(__file__).resolve().parents[2]
NPM = REPO / ".cache" / "editor"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
NODE = shutil.which("node")
NEEDS = pytest.mark.skipif(
    not Path(CHROMIUM).exists() or NODE is None or not (NPM / "node_modules" / "decap-cms").is_dir(),
    reason="needs Chromium, node and `npm ci --prefix .cache/editor` (.ci/run installs them)",
)
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


def field(page: Any, label: str) -> Any:
    """A field by its label (an optional field's label ends "(optional)")."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \(optional\))?$"))


def choose(page: Any, label: str, text: str) -> None:
    """Pick an option of a choice (or an enterprise) by typing part of its label."""
    field(page, label).fill(text)
    page.get_by_role("option").filter(has_text=text).first.click()


def publish(page: Any, saved: bool = True) -> None:
    """Publish the entry (the local backend saves at once); wait until the editor says it is saved."""
    page.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_text("Publish now").click()
    if saved:  # a new entry, once saved, opens at its own address
        page.wait_for_url(re.compile(r"/entries/"))


def expect_that(locator: Any) -> Any:
    """Playwright's assertions, which wait for the page (an entry is read after its form opens)."""
    from playwright.sync_api import expect

    expect.set_options(timeout=60_000)  # as generous as the page's own (see `page`)
    return expect(locator)


def unfold(page: Any, label: str) -> None:
    """Open an object the form shows folded (its bar's button)."""
    page.get_by_text(label, exact=True).get_by_role("button", name="Expand").click()


def changed(path: Path, before: str, page: Any) -> str:
    """The file's text once the editor has saved it again (within a minute: CI machines are shared)."""
    last = before
    for _ in range(600):
        text = path.read_text(encoding="utf-8")
        if text != before and text == last:  # the same twice: not caught in the middle of the write
            return text
        last = text
        # Waiting through Playwright, never time.sleep: the page's requests to decap-server pass
        # through this test's route (see `page`), which runs only while Playwright is called.
        page.wait_for_timeout(100)
    shot = Path(os.environ.get("EDITOR_SCREENSHOTS") or tempfile.mkdtemp()) / "not-saved.png"
    page.screenshot(path=str(shot))
    raise AssertionError(f"{path.name} was not saved; the page then: {shot}")


def other_language(page: Any, label: str, language: str) -> Any:
    """The input of a translated text in a language after the first (its label: "French (fr)")."""
    first = field(page, label).first.get_attribute("id")
    return page.locator(f'[id="{first}-{language}"]')


def saved_files(folder: Path, pattern: str) -> list[Path]:
    """The files in a folder whose names match, once the editor has written one (within 30 seconds)."""
    for _ in range(300):
        found = [path for path in folder.glob("*.yaml") if re.fullmatch(pattern, path.name)]
        if found:
            return found
        time.sleep(0.1)
    return []


def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the tests put the forms' screenshots: $EDITOR_SCREENSHOTS, or a temporary folder."""
    return Path(os.environ.get("EDITOR_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
