"""`ilo-engage export sqlite|csv|json`: the registers as tables, for the audience, opened by Datasette."""

from __future__ import annotations

import asyncio
import csv
import json
import sqlite3
from pathlib import Path

import pytest

from tests.helpers import invoke

CANARY = "CANARY-7F3A9C"  # in the clean fixture's confidential enterprise


def test_the_database_opens_in_datasette_with_its_metadata(clean_dataset: Path, tmp_path: Path) -> None:
    from datasette.app import Datasette

    out = tmp_path / "registers.db"
    result = invoke(clean_dataset, "export", "sqlite", str(out))
    assert result.exit_code == 0, result.stderr
    metadata = json.loads((tmp_path / "registers.metadata.json").read_text(encoding="utf-8"))
    tables = metadata["databases"]["registers"]["tables"]
    assert tables["contacts"]["columns"]["subject"] == "What the contact is about, in one line."

    async def browse() -> tuple[dict[str, object], dict[str, object], dict[str, object]]:
        datasette = Datasette([str(out)], metadata=metadata)
        listing = (await datasette.client.get("/registers.json")).json()
        searched = (await datasette.client.get("/registers/enterprises.json?_search=cocoa&_shape=objects")).json()
        linked = (await datasette.client.get("/registers/contacts.json?_shape=objects&_labels=on")).json()
        return listing, searched, linked

    listing, searched, linked = asyncio.run(browse())
    names = {t["name"] for t in listing["tables"]}
    assert {"enterprises", "contacts", "contact_topics", "contact_countries", "contact_steps", "initiatives",
            "initiative_participants", "figures", "units", "topics"} <= names
    assert [row["id"] for row in searched["rows"]] == ["example-cocoa"]
    # A foreign key shows the record it refers to (Datasette expands it with its label column).
    first = linked["rows"][0]
    assert first["enterprise"] == {"value": "example-cocoa", "label": "Example Cocoa Trading S.A."}


def test_the_database_has_foreign_keys_search_and_steps(clean_dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.db"
    assert invoke(clean_dataset, "export", "sqlite", str(out)).exit_code == 0
    db = sqlite3.connect(out)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    keys = {(row[3], row[2]) for row in db.execute("PRAGMA foreign_key_list(contacts)")}
    assert ("enterprise", "enterprises") in keys and ("entry_point", "units") in keys
    steps = db.execute("SELECT step, unit, date FROM contact_steps WHERE contact = '2015-06-01-example-cocoa-ab2c' "
                       "ORDER BY date, step").fetchall()
    assert any(step == "needs-analysis" and unit == "act-emp" and day for step, unit, day in steps)
    assert any(step == "shared" for step, _, _ in steps)
    assert db.execute("SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH 'child'").fetchone()[0] >= 1
    # Staff do not see the confidential enterprise, nor its contact's link to it, nor anyone's personal data.
    dump = "\n".join(db.iterdump())
    assert CANARY not in dump and "jane@cocoa.example.org" not in dump
    assert db.execute("SELECT count(*) FROM enterprises WHERE id = 'secret-mining'").fetchone()[0] == 0
    # A second export is refused without --force, then replaces the file.
    assert invoke(clean_dataset, "export", "sqlite", str(out)).exit_code == 2
    assert invoke(clean_dataset, "export", "sqlite", str(out), "--force").exit_code == 0


def test_the_restricted_audience_sees_every_record(clean_dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.db"
    assert invoke(clean_dataset, "export", "sqlite", str(out), "--audience", "restricted").exit_code == 0
    db = sqlite3.connect(out)
    assert db.execute("SELECT count(*) FROM enterprises WHERE id = 'secret-mining'").fetchone()[0] == 1
    public = json.loads(invoke(clean_dataset, "export", "json", "--audience", "public").stdout)
    assert all(row["visibility"] == "public" for row in public["enterprises"] + public["contacts"])


def test_csv_files_open_safely_in_excel(clean_dataset: Path, tmp_path: Path) -> None:
    contact = clean_dataset / "data/registers/contacts/2015-06-01-example-cocoa-ab2c.yaml"
    text = contact.read_text(encoding="utf-8")
    contact.write_text(text.replace("subject: Advice", "subject: =HYPERLINK(\"x\") Advice"), encoding="utf-8")
    folder = tmp_path / "tables"
    result = invoke(clean_dataset, "export", "csv", str(folder))
    assert result.exit_code == 0, result.stderr
    raw = (folder / "contacts.csv").read_bytes()
    assert raw.startswith("\ufeff".encode()) and b"\r\n" in raw
    rows = list(csv.DictReader((folder / "contacts.csv").read_text(encoding="utf-8-sig").splitlines()))
    subjects = [r["subject"] for r in rows]
    assert any(s.startswith("'=HYPERLINK") for s in subjects)
    assert not any(s.startswith("=") for s in subjects)
    # A folder with files in it is refused.
    assert invoke(clean_dataset, "export", "csv", str(folder)).exit_code == 2


def test_the_database_is_written_in_one_transaction_and_synced_once_before_it_takes_its_name(
        clean_dataset: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ilo_engage.export import write

    out = tmp_path / "out.db"
    out.write_bytes(b"the last export")
    events: list[str] = []
    real_sync, real_replace, real_connect = write._sync, write.os.replace, sqlite3.connect

    def connect(*args: object, **kwargs: object) -> sqlite3.Connection:
        connection = real_connect(*args, **kwargs)  # type: ignore[arg-type]
        if Path(str(args[0])).parent == tmp_path:  # the export's database, not the dataset's store
            connection.set_trace_callback(lambda sql: events.append(sql.split()[0].upper()) if sql.split() else None)
        return connection

    monkeypatch.setattr(sqlite3, "connect", connect)
    monkeypatch.setattr(write, "_sync", lambda path: (events.append("sync"), real_sync(path)))
    monkeypatch.setattr(write.os, "replace", lambda a, b: (events.append("replace"), real_replace(a, b)))
    assert invoke(clean_dataset, "export", "sqlite", str(out), "--force").exit_code == 0
    # Rows and search tables each in one transaction (sqlite-utils' batches are savepoints in it).
    assert events.count("COMMIT") == 2
    assert events[-2:] == ["sync", "replace"]
    assert sqlite3.connect(out).execute("SELECT count(*) FROM enterprises").fetchone()[0] > 0


def test_a_failed_export_leaves_the_last_database_and_no_temporary_file(
        clean_dataset: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite_utils

    out = tmp_path / "out.db"
    out.write_bytes(b"the last export")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sqlite_utils.db.Table, "enable_fts", fail)
    result = invoke(clean_dataset, "export", "sqlite", str(out), "--force")
    assert result.exit_code != 0
    assert out.read_bytes() == b"the last export"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["out.db"]
