"""The web editor for real (tests/editor/browser.py): an officer adds an enterprise and a contact by
filling the forms; the files written are valid records with the ids the data contract names,
`validate` passes, and a required field left empty is refused by the form.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from ilo_engage.load.dataset import load
from tests.editor.browser import NEEDS, choose, field, publish, saved_files, screenshots
from tests.helpers import invoke

pytestmark = NEEDS
DAY = "2016-01-21"  # the contact's date; validate runs as of that day, so nothing is overdue yet


def test_an_officer_adds_an_enterprise_and_a_contact_through_the_forms(
    page: Any, editor: str, dataset: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    address = editor.split("#")[0]
    page.goto(address + "index.html#/collections/enterprises/new")
    field(page, "Id").fill("globex")
    field(page, "Name").fill("Globex Corporation")
    choose(page, "Kind", "company")
    choose(page, "Country", "Switzerland")
    publish(page)
    enterprises = dataset / "data/registers/enterprises"
    assert [path.name for path in saved_files(enterprises, r"globex\.yaml")] == ["globex.yaml"]

    page.goto(address + "index.html#/collections/contacts/new")
    field(page, "Date").first.fill(DAY)  # the contact's; the needs analysis and referral have dates too
    choose(page, "Enterprise", "Globex")
    choose(page, "Initiated by", "management")
    choose(page, "Entry point", "ACT/EMP")
    choose(page, "Status", "received")
    shots = screenshots(tmp_path_factory)
    field(page, "Date").first.scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "contact-form.png"))
    # The subject is required: the form refuses to publish and says so; nothing is written.
    publish(page, saved=False)
    page.get_by_text(re.compile("subject is required", re.IGNORECASE)).wait_for()
    field(page, "Subject").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "contact-form-refused.png"))
    contacts = dataset / "data/registers/contacts"
    assert list(contacts.glob("*.yaml")) == []

    field(page, "Subject").fill("Advice on occupational safety in its factories")
    # The preview shows the contact as `ilo-engage show` prints its timeline.
    assert "contact made by management, entered through act-emp" in page.frame_locator("iframe").locator(
        "pre").inner_text()
    publish(page)
    saved = saved_files(contacts, rf"{DAY}-globex-[a-z2-7]{{4}}\.yaml")
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
