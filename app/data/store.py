"""The one store of everything users write: checklist, audit, saved scenarios, imported
snapshots and the published pointer. Two backends behind one small interface:

- embedded SQLite (the default): a file in the state folder beside the data folder
  (`state/atlas_state.sqlite`; ATLAS_STATE_DB names another file);
- PostgreSQL when ATLAS_STATE_URL=postgresql://... is set (psycopg 3, a small pool per
  process), so several replicas share one state.

The data folder itself is only read at run time. The app's SQL is written once, with `?`
placeholders and portable statements; each backend runs it. A write transaction holds
the store's one write lock for its length (SQLite: BEGIN IMMEDIATE; PostgreSQL: a
transaction-scoped advisory lock), so a read-then-write (a versioned checklist save)
never interleaves with another: writes are few and short, so serialising them costs
nothing a user can see and rules out lost updates on either backend.
"""

from __future__ import annotations

import functools
import os
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from app.core.config import data_paths
from app.data.store_schema import ADDED_COLUMNS, SCHEMA, WRITE_LOCK

URL_ENV = "ATLAS_STATE_URL"
FILE_ENV = "ATLAS_STATE_DB"
FILE_NAME = "atlas_state.sqlite"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Tx(Protocol):
    """What store code uses of a connection: execute (with `?` placeholders) and
    executemany; rows read as mappings (row["column"])."""

    def execute(self, sql: str, params: Sequence[Any] = ...) -> Any: ...

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> Any: ...


class Store(Protocol):
    name: str  # "sqlite" or "postgresql", for messages and tests

    def reading(self) -> Any: ...  # context manager yielding a Tx

    def transaction(self) -> Any: ...  # context manager yielding a Tx, holding the write lock


@dataclass(frozen=True)
class SqliteStore:
    """One file; a new connection per operation (sqlite3 connections are per thread).
    WAL journal, a full sync per commit: a crash mid-save keeps the last commit."""

    path: Path
    name: str = "sqlite"

    def _open(self) -> sqlite3.Connection:
        _ensure_sqlite(self.path)
        con = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        con.row_factory = sqlite3.Row
        con.execute("PRAGMA synchronous=FULL")
        return con

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        con = self._open()
        try:
            yield con
        finally:
            con.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any error."""
        con = self._open()
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


_CREATING = threading.Lock()  # functools.cache lets two threads both make a first call


def _ensure_sqlite(path: Path) -> None:
    with _CREATING:
        _create_sqlite(path)


@functools.cache
def _create_sqlite(path: Path) -> None:
    """Create the file, its tables and any column added since (once per process)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=10, isolation_level=None)
    try:
        _journal_wal(con)
        con.executescript(SCHEMA.format(id="INTEGER PRIMARY KEY AUTOINCREMENT", blob="BLOB"))
        for table, columns in ADDED_COLUMNS.items():
            have = {r[1] for r in con.execute(f"PRAGMA table_info({table})")}
            for column, kind in columns.items():
                if column not in have:
                    con.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
    finally:
        con.close()


def _journal_wal(con: sqlite3.Connection) -> None:
    """Switch the file to WAL. The switch needs the file to itself and SQLite's busy timeout
    does not wait for that, so another process creating the same new file is waited for here."""
    deadline = time.monotonic() + 10
    while con.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        try:
            con.execute("PRAGMA journal_mode=WAL")
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


class _PgTx:
    """A psycopg connection that takes `?` placeholders, like sqlite3."""

    def __init__(self, con: Any) -> None:
        self.con = con

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.con.execute(sql.replace("?", "%s"), params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> Any:
        with self.con.cursor() as cur:
            cur.executemany(sql.replace("?", "%s"), rows)
            return cur


@dataclass(frozen=True)
class PostgresStore:
    """A PostgreSQL database (ATLAS_STATE_URL); connections from this process's pool."""

    url: str
    name: str = "postgresql"

    @contextmanager
    def reading(self) -> Iterator[_PgTx]:
        with _pool(self.url).connection() as con:
            yield _PgTx(con)

    @contextmanager
    def transaction(self) -> Iterator[_PgTx]:
        """One transaction holding the write lock; committed at the end, rolled back on
        any error (the pool's connection block does both)."""
        with _pool(self.url).connection() as con, con.transaction():
            tx = _PgTx(con)
            tx.execute("SELECT pg_advisory_xact_lock(?)", [WRITE_LOCK])
            yield tx


@functools.cache
def _pool(url: str) -> Any:
    """This process's connection pool for url (a cached resource), tables created."""
    from psycopg.rows import dict_row
    from psycopg_pool import ConnectionPool

    pool = ConnectionPool(
        url,
        min_size=1,
        max_size=8,
        kwargs={"row_factory": dict_row, "autocommit": True},
        open=True,
        name="atlas-state",
    )
    with pool.connection() as con, con.transaction():
        con.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])  # one creator at a time
        schema = SCHEMA.format(id="BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", blob="BYTEA")
        for statement in filter(str.strip, schema.split(";")):
            con.execute(statement)
    return pool


def default_sqlite_path() -> Path:
    """The state folder beside the data folder: <data>/../state/atlas_state.sqlite."""
    explicit = os.environ.get(FILE_ENV)
    if explicit:
        return Path(explicit).expanduser().resolve()
    return data_paths().root.parent / "state" / FILE_NAME


def open_store(url: str | None = None) -> Store:
    """The store ATLAS_STATE_URL names (postgresql://... or sqlite:///path), else the
    default SQLite file."""
    url = url if url is not None else os.environ.get(URL_ENV, "")
    if url.startswith(("postgresql://", "postgres://")):
        return PostgresStore(url)
    if url.startswith("sqlite:///"):
        return SqliteStore(Path(url.removeprefix("sqlite://")).expanduser().resolve())
    if url:
        raise ValueError(f"{URL_ENV} must start with postgresql:// or sqlite:///, not {url!r}")
    path = default_sqlite_path()
    _adopt_old_file(path)
    return SqliteStore(path)


def _adopt_old_file(path: Path) -> None:
    """An older version's state file inside the data folder becomes the store's file at
    path (SQLite's backup, the original left in place), unless path exists already."""
    old_file = data_paths().root / FILE_NAME
    if path.exists() or not old_file.is_file():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    old, new = sqlite3.connect(old_file), sqlite3.connect(path)
    try:
        old.backup(new)
    finally:
        old.close()
        new.close()
