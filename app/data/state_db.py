"""The app's own state (checklist progress, saved scenarios): one embedded SQLite file.

Default location data/atlas_state.sqlite (beside the data folder, so ATLAS_DATA_DIR moves
it too; git-ignored); ATLAS_STATE_DB sets the file explicitly. The file is created on
first use. WAL journal and one transaction per save: a crash mid-save leaves the last
committed state readable.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from app.core.config import data_paths

ENV = "ATLAS_STATE_DB"
FILE_NAME = "atlas_state.sqlite"

SCHEMA = """
CREATE TABLE IF NOT EXISTS checklist_item (
    rec_id TEXT PRIMARY KEY,
    status TEXT NOT NULL DEFAULT 'not_started',
    owner TEXT NOT NULL DEFAULT '',
    due TEXT,
    notes TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT,
    updated_by TEXT
);
CREATE TABLE IF NOT EXISTS checklist_audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    rec_id TEXT NOT NULL,
    who TEXT NOT NULL,
    at TEXT NOT NULL,
    field TEXT NOT NULL,
    old TEXT,
    new TEXT,
    version INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS checklist_audit_rec ON checklist_audit (rec_id, id);
CREATE TABLE IF NOT EXISTS scenario (
    name TEXT PRIMARY KEY,
    body TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    saved_at TEXT NOT NULL,
    saved_by TEXT
);
"""


def state_path() -> Path:
    explicit = os.environ.get(ENV)
    if explicit:
        return Path(explicit).expanduser().resolve()
    return data_paths().root / FILE_NAME


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def open_db(path: Path | None = None) -> sqlite3.Connection:
    """A new connection (one per operation: sqlite3 connections are not shared across threads)."""
    path = path or state_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=10, isolation_level=None)
    con.row_factory = sqlite3.Row
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.executescript(SCHEMA)
    return con


@contextmanager
def transaction(path: Path | None = None) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error; the connection is closed after."""
    con = open_db(path)
    try:
        con.execute("BEGIN IMMEDIATE")
        try:
            yield con
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
    finally:
        con.close()


@contextmanager
def reading(path: Path | None = None) -> Iterator[sqlite3.Connection]:
    con = open_db(path)
    try:
        yield con
    finally:
        con.close()
