"""The export's tables written: a SQLite database (sqlite-utils) with foreign keys, full-text search
and a Datasette metadata file beside it; a folder of CSV files Excel opens safely; one JSON document.

Each is written whole to a temporary name beside its target and moved into place, so a failed
export leaves nothing half-written.
"""

from __future__ import annotations

import csv
import io
import json
import os
import secrets
from pathlib import Path
from typing import Any

from ..core.errors import UsageError
from ..core.writer import check_output, refuse_protected, sync_folder, write_output
from .tables import Table

TITLE = "ILO engagement with the private sector: the registers"


def sqlite(tables: list[Table], out: Path, force: bool) -> Path:
    """Write the database to `out` and its Datasette metadata to `out` with `.metadata.json`; the
    metadata file's path."""
    import sqlite_utils

    check_output(out, force)
    metadata_path = out.with_name(out.stem + ".metadata.json")
    check_output(metadata_path, True)  # the database's companion: replaced with it
    temporary = out.with_name(f".{out.name}.{secrets.token_hex(4)}.tmp")
    try:
        db = sqlite_utils.Database(temporary)
        # Written once, whole, under a temporary name: no journal, and no sync at each of the
        # inserts' commits (sqlite-utils commits each batch); the file is synced once, whole,
        # before it takes its name, so a crash leaves the old database or the whole new one.
        db.conn.execute("PRAGMA journal_mode = OFF")
        db.conn.execute("PRAGMA synchronous = OFF")
        with db.atomic():  # one transaction: each batch a savepoint in it, not a commit of its own
            for table in tables:  # in dependency order: a table after the ones it refers to
                created = db.table(table.name)
                columns = {name: _column_type(table, name) for name in table.columns}
                created.create(columns, pk=table.pk, foreign_keys=list(table.foreign_keys), not_null=None)
                created.insert_all(table.rows, batch_size=5000)
        with db.atomic():  # the search tables and indexes built once, after every row is in
            for table in tables:
                if table.search:
                    db.table(table.name).enable_fts(list(table.search), create_triggers=False)
                for column, _, _ in table.foreign_keys:
                    db.table(table.name).create_index([column], if_not_exists=True)
        db.conn.execute("VACUUM")
        db.close()
        _sync(temporary)
        os.replace(temporary, out)
        sync_folder(out.parent)
    finally:
        temporary.unlink(missing_ok=True)
    write_output(metadata_path, (json.dumps(metadata(tables, out.stem), indent=2, ensure_ascii=False) + "\n")
                 .encode("utf-8"), force=True)
    return metadata_path


def _sync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _column_type(table: Table, name: str) -> type:
    for row in table.rows:
        value = row.get(name)
        if value is not None:
            return bool if isinstance(value, bool) else int if isinstance(value, int) else \
                float if isinstance(value, float) else str
    return str


def metadata(tables: list[Table], database: str) -> dict[str, Any]:
    """Datasette's metadata: the title, each table's description and its columns' meanings, and
    which column labels a row."""
    return {
        "title": TITLE,
        "description": "Exported by `ilo-engage export sqlite`: a table per kind of record, link tables for "
                       "their lists, the figures with their history. Personal data and notes are never exported.",
        "databases": {database: {"tables": {
            t.name: {"description": t.description, "columns": t.columns,
                     **({"label_column": "name"} if "name" in t.columns else {}),
                     **({"fts_table": f"{t.name}_fts", "fts_pk": "rowid"} if t.search else {})}
            for t in tables}}},
    }


def csv_folder(tables: list[Table], folder: Path) -> list[Path]:
    """One CSV file per table in `folder` (new, or empty): UTF-8 with a byte order mark and CRLF, as
    Excel reads them, and no cell Excel would run as a formula."""
    refuse_protected(folder / "x.csv")
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UsageError(f"{folder} is not an empty folder: name a new or empty one")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(list(table.columns))
        for row in table.rows:
            writer.writerow([_cell(row.get(name)) for name in table.columns])
        path = folder / f"{table.name}.csv"
        write_output(path, ("\ufeff" + out.getvalue()).encode("utf-8"))
        written.append(path)
    return written


def _cell(value: Any) -> str:
    """A value as Excel should show it: true/false spelled, a leading = + - @ (a formula) quoted."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not isinstance(value, (int, float)):
        return "'" + text
    return text


def as_json(tables: list[Table]) -> str:
    """Every table as one JSON document: `{table: [rows]}`."""
    return json.dumps({t.name: t.rows for t in tables}, indent=1, ensure_ascii=False) + "\n"
