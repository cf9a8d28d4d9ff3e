"""The store: what `validate` learnt about each file, kept in one SQLite database (the standard
library's `sqlite3`; data only, never anything that can run code) in `.ilo-engage-cache/`
at the dataset root, which git ignores.

One row per file: its size, time and content hash, the problems found last time, and (for a record
that loaded) its kind, id and the keys the read commands search by (see `checks/stored.py`); beside
it, in tables of their own so that the rows every command scans stay small, the facts the dataset
checks need and the record itself as JSON. One more table holds the problems across files and what
the store was built with. Every update is one transaction (WAL journal), so two
commands updating at once lose nothing and leave the store whole; a row is trusted only while
its file still has the size and time it records, or git says the file's content is the one the
row describes (`git_view`: the digest is git's blob id), so a row another command wrote meanwhile
is safe to keep.

A store that is corrupt, of another format, or made with other units or settings or on another
machine (the keyed fingerprint) is deleted and built anew. A cache folder that is a link, or
leads out of the dataset, is neither read nor written, and store files that are links are
removed, never written through.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from ..core.layout import CACHE_FOLDER
from ..core.problems import Problem
from .store_files import STORE_FILE, cache_folder, machine_key, remove_store as _remove_store, safe_files as _safe_files
from .store_rows import FileState, Row, State, StoreDamaged, problem_from_json, problem_json

__all__ = ["STORE_FILE", "FileState", "Row", "State", "StoreDamaged", "cache_folder", "machine_key", "problem_from_json",
           "problem_json"]

FOLDER = CACHE_FOLDER
# 5: SQLite, with the records and their search keys; 6: facts name where a record was imported
# from and what makes contacts the same; 7: enterprises' former ids; 8: former ids among the
# search keys; 9: facts and records in tables of their own; 10: digests are git's blob ids
FORMAT = 10
# The records and facts in tables of their own keep the rows that every command scans small.
_TABLES = {"meta", "files", "facts", "records"}
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS files (
    file TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, digest TEXT NOT NULL,
    reuse_until TEXT, seen_at REAL NOT NULL, problems TEXT,
    kind TEXT, id TEXT, enterprise TEXT, keys TEXT, loaded INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS facts (file TEXT PRIMARY KEY, facts TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (file TEXT PRIMARY KEY, record TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS files_by_enterprise ON files (enterprise);
CREATE INDEX IF NOT EXISTS files_by_id ON files (id);
"""
# How long a command waits for another one's update to end before it leaves the store alone.
BUSY_SECONDS = 10.0


def _connect(folder: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(folder / STORE_FILE, timeout=BUSY_SECONDS, isolation_level=None)
    connection.execute("PRAGMA trusted_schema = OFF")  # a planted schema's functions never run
    return connection


@contextmanager
def _open(root: Path, create: bool) -> Iterator[sqlite3.Connection | None]:
    """The dataset's store, opened; None where there is none to trust (or, with `create`, none
    can be made)."""
    folder = cache_folder(root, create)
    if folder is None or not _safe_files(folder) or (not create and not (folder / STORE_FILE).exists()):
        yield None
        return
    try:
        connection = _connect(folder)
    except sqlite3.Error:
        yield None
        return
    with closing(connection):
        yield connection


@contextmanager
def reading(root: Path) -> Iterator[sqlite3.Connection | None]:
    """The store opened for the read commands' queries (None without one)."""
    with _open(root, create=False) as connection:
        yield connection


def _meta(connection: sqlite3.Connection) -> dict[str, str]:
    """The store's own facts (those it holds), or {} if it is not a store of this format (then it
    is rebuilt)."""
    tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type != 'index'")}
    if tables != _TABLES:
        return {}
    return {str(k): str(v) for k, v in connection.execute("SELECT key, value FROM meta") if v is not None}


def load_state(root: Path, fingerprint: str, index: tuple[str, Mapping[str, str]] | None = None) -> State | None:
    """The stored state, or None if there is none that can be trusted.

    With `index` (git's index key and its files' blob ids, the files of the store's rows only): if
    the store says each of its rows agreed with that very index, the rows are those files at those
    ids, and only their problems and dates are read, not the 100,000 rows' sizes and times."""
    try:
        with _open(root, create=False) as connection:
            if connection is None:
                return None
            connection.execute("BEGIN")  # one snapshot: the meta and the rows agree
            meta = _meta(connection)
            if meta.get("format") != str(FORMAT) or meta.get("fingerprint") != fingerprint:
                return None
            found = {file: (file, problems) for file, problems
                     in connection.execute("SELECT file, problems FROM files WHERE problems IS NOT NULL")}
            files: dict[str, FileState] = {}
            if index is not None and meta.get("index") == index[0]:
                until = dict(connection.execute("SELECT file, reuse_until FROM files WHERE reuse_until IS NOT NULL"))
                # Size and time are not needed: git vouches for every file (and nothing is saved
                # unless a file changes, which gives another index).
                for file, blob in index[1].items():
                    files[file] = FileState(0, 0, blob, until.get(file), stored_problems=found.get(file))
            else:
                for file, size, mtime, digest, until, seen in connection.execute(
                        "SELECT file, size, mtime_ns, digest, reuse_until, seen_at FROM files"):
                    files[file] = FileState(int(size), int(mtime), str(digest), until, seen_at=float(seen),
                                            stored_problems=found.get(file))
            across = meta.get("dataset_problems")
            dataset = [problem_from_json(p[0], p[1:]) for p in json.loads(across)] if across else None
            return State(meta["generation"], files, dataset, meta.get("index"))
    except (sqlite3.Error, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError):
        return None


def note_index(root: Path, state: State, index: str | None) -> bool:
    """Record that every row agrees with git's `index` (or no longer does), if the store is still
    the one `state` was read from. Whether it was recorded."""
    folder = cache_folder(root, create=False)
    if folder is None or not _safe_files(folder):
        return False
    try:
        with closing(_connect(folder)) as connection:
            connection.execute("BEGIN IMMEDIATE")
            if _meta(connection).get("generation") != state.generation:
                connection.execute("ROLLBACK")
                return False
            connection.execute("INSERT OR REPLACE INTO meta VALUES ('index', ?)", (index,))
            connection.execute("COMMIT")
            return True
    except sqlite3.Error:
        return False


def load_facts(root: Path, state: State) -> dict[str, Any] | None:
    """File → the facts the dataset checks need (as JSON), or None if the store changed since
    `state` was read (then the files are read again)."""
    try:
        with _open(root, create=False) as connection:
            if connection is None:
                return None
            connection.execute("BEGIN")  # one snapshot: the generation and the facts agree
            if _meta(connection).get("generation") != state.generation:
                return None
            # A file without facts (it did not load) is absent.
            return {file: json.loads(facts) for file, facts in connection.execute("SELECT file, facts FROM facts")}
    except (sqlite3.Error, ValueError, TypeError, RecursionError):
        return None


def save(root: Path, fingerprint: str, state: State | None, rows: Iterable[Row], removed: Iterable[str],
         dataset_problems: list[Problem], index: str | None = None) -> bool:
    """One update, in one transaction: the rows of the files read afresh or touched, the rows of
    files gone removed, and the problems across files. A dataset that cannot hold the store is
    still validated; a store that is foreign or broken is replaced whole. Whether the store now
    holds this update."""
    folder = cache_folder(root, create=True)
    if folder is None:  # a planted or odd cache: validate works without one
        return False
    rows = list(rows)
    try:
        return _update(folder, fingerprint, state, rows, list(removed), dataset_problems, index)
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
            return False  # another command held it too long: the next update catches up
        _remove_store(folder)  # corrupt: built anew from this update
        try:
            return _update(folder, fingerprint, None, rows, [], dataset_problems, index)
        except sqlite3.Error:
            _remove_store(folder)
            return False


def _update(folder: Path, fingerprint: str, state: State | None, rows: list[Row], removed: list[str],
            dataset_problems: list[Problem], index: str | None) -> bool:
    if not _safe_files(folder):
        return False
    with closing(_connect(folder)) as connection:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("BEGIN IMMEDIATE")  # one writer at a time; readers keep their snapshot
        try:
            meta = _meta(connection)
            if (meta.get("format"), meta.get("fingerprint")) != (str(FORMAT), fingerprint):
                # Another version's, machine's or setting's, or not a store: emptied, never reused
                # in part (in this transaction: a command reading it meanwhile sees it whole).
                _empty(connection)
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    connection.execute(statement)
            _write(connection, fingerprint, state, rows, removed, dataset_problems, index)
            connection.execute("COMMIT")
            return True
        except BaseException:
            connection.execute("ROLLBACK")
            raise


def _empty(connection: sqlite3.Connection) -> None:
    """Drop everything a database holds (triggers and views first: none of them may run)."""
    found = list(connection.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
                                    "AND type IN ('trigger', 'view', 'table') ORDER BY type = 'table'"))
    for kind, name in found:
        connection.execute(f'DROP {kind} IF EXISTS "{name.replace(chr(34), chr(34) * 2)}"')


def _write(connection: sqlite3.Connection, fingerprint: str, state: State | None, rows: list[Row],
           removed: list[str], dataset_problems: list[Problem], index: str | None) -> None:
    current = dict(connection.execute("SELECT key, value FROM meta"))
    # Another update came between this command's reading and writing: its rows are kept, and
    # the problems across files, which neither saw whole, are found again next time.
    between = current.get("generation") != (state.generation if state is not None else None)
    seen = time.time()
    fresh = [r for r in rows if not r.touched]
    connection.executemany(  # never over a row of newer content another command wrote meanwhile
        "INSERT INTO files VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (file) DO UPDATE SET "
        "size = excluded.size, mtime_ns = excluded.mtime_ns, digest = excluded.digest, "
        "reuse_until = excluded.reuse_until, seen_at = excluded.seen_at, problems = excluded.problems, "
        "kind = excluded.kind, id = excluded.id, enterprise = excluded.enterprise, keys = excluded.keys, "
        "loaded = excluded.loaded WHERE excluded.mtime_ns >= files.mtime_ns",
        ((r.file, r.state.size, r.state.mtime_ns, r.state.digest, r.state.reuse_until, seen,
          json.dumps([problem_json(p) for p in r.state.problems]) if r.state.problems else None,
          r.kind, r.id, r.enterprise, r.keys, int(r.record is not None)) for r in fresh))
    # The facts and the record go with the row only where the row is this update's (same content).
    ours = "(SELECT digest FROM files WHERE files.file = ?) = ?"
    for table in ("facts", "records"):
        connection.executemany(f"DELETE FROM {table} WHERE file = ? AND {ours}",
                               ((r.file, r.file, r.state.digest) for r in fresh))
    connection.executemany(f"INSERT INTO facts SELECT ?, ? WHERE {ours}",
                           ((r.file, json.dumps(r.facts, separators=(",", ":")), r.file, r.state.digest)
                            for r in fresh if r.facts is not None))
    connection.executemany(f"INSERT INTO records SELECT ?, ? WHERE {ours}",
                           ((r.file, r.record, r.file, r.state.digest) for r in fresh if r.record is not None))
    connection.executemany(  # only if the row is still of the same content
        "UPDATE files SET size = ?, mtime_ns = ?, seen_at = ? WHERE file = ? AND digest = ?",
        ((r.state.size, r.state.mtime_ns, seen, r.file, r.state.digest) for r in rows if r.touched))
    for table in ("files", "facts", "records"):
        connection.executemany(f"DELETE FROM {table} WHERE file = ?", ((f,) for f in removed))
    across = None if between else json.dumps([[p.file, *problem_json(p)] for p in dataset_problems])
    values = {"format": str(FORMAT), "fingerprint": fingerprint, "generation": secrets.token_hex(8),
              "dataset_problems": across, "index": None if between else index}
    connection.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", values.items())
