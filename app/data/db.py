"""The DuckDB side: one configured in-memory base connection, a fresh cursor per query.

Parquet tables are loaded into memory before external access is switched off, so the
views and any user SQL run with no file, network or extension access, and the
configuration is locked so no statement can switch it back on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from app.core.config import VIEWS_DIR, DataPaths
from app.data import snapshots

SAFE_CONFIG = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "lock_configuration": True,
}
TABLE_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


class DataNotBuilt(RuntimeError):
    """The parquet files are missing: run `python -m app build` (make does it for you)."""


ZH_LINE = "--   zh:"  # under a header line: the same description in Chinese


@dataclass(frozen=True)
class ViewDoc:
    """What a view's comment header says: what a row is, and each column, in English and
    (on the indented "zh:" line under each) in Chinese."""

    name: str
    row: str
    columns: dict[str, str]
    sql: str
    row_zh: str = ""
    columns_zh: dict[str, str] = field(default_factory=dict)


def view_files(views_dir: Path = VIEWS_DIR) -> list[Path]:
    return sorted(views_dir.glob("*.sql"))


def parse_view(path: Path) -> ViewDoc:
    """The leading comment block of a view file: "-- name: what a row is", then
    "-- column: description" per column, each followed by its "--   zh: ..." line."""
    text = path.read_text(encoding="utf-8")
    entries: list[list[str]] = []  # [name, English, Chinese]
    for line in text.splitlines():
        if not line.startswith("--"):
            break
        if line.startswith(ZH_LINE) and entries:
            entries[-1][2] = line.removeprefix(ZH_LINE).strip()
            continue
        name, _, desc = line[2:].strip().partition(":")
        entries.append([name.strip(), desc.strip(), ""])
    (name, row, row_zh), *cols = entries
    return ViewDoc(
        name,
        row,
        {c: en for c, en, _ in cols},
        text,
        row_zh,
        {c: zh for c, _, zh in cols},
    )


def populate(con: duckdb.DuckDBPyConnection, paths: DataPaths) -> None:
    """Load the built tables and the imported snapshots into con, then create the views."""
    files = sorted(paths.parquet.glob("*.parquet"))
    if not files:
        raise DataNotBuilt(f"no parquet files in {paths.parquet}: run `python -m app build`")
    for f in files:
        if not TABLE_NAME.match(f.stem):
            continue
        con.execute(f"CREATE TABLE {f.stem} AS SELECT * FROM read_parquet(?)", [str(f)])
    load_snapshots(con)
    for path in view_files():
        con.execute(path.read_text(encoding="utf-8"))


def connect(paths: DataPaths) -> duckdb.DuckDBPyConnection:
    """Open the pages' base connection: load tables, create views, then lock it down.

    Only the app's own SQL runs here; user SQL runs on app.sandbox's read-only engine."""
    con = duckdb.connect(":memory:", config={"threads": 2})
    populate(con, paths)
    for key, value in SAFE_CONFIG.items():
        con.execute(f"SET {key} = {'true' if value else 'false'}")
    return con


def is_alive(con: duckdb.DuckDBPyConnection) -> bool:
    """False once DuckDB has invalidated the database (a fatal error): replace it then."""
    try:
        cur = con.cursor()
    except duckdb.Error:
        return False
    try:
        cur.execute("SELECT 1").fetchall()
        return True
    except duckdb.Error:
        return False
    finally:
        cur.close()


def load_snapshots(con: duckdb.DuckDBPyConnection) -> None:
    """Append imported rosters (drafts and published, from the state store) to agencies,
    after the seed."""
    for snap in snapshots.list_snapshots():
        con.register("imported_rows", snapshots.agencies_table(snap.snapshot_id))
        con.execute("INSERT INTO agencies BY NAME SELECT * FROM imported_rows")
        con.unregister("imported_rows")


def query(
    con: duckdb.DuckDBPyConnection,
    sql: str,
    params: list | dict | None = None,
    snapshot: str | None = None,
) -> pd.DataFrame:
    """Run trusted app SQL on a fresh cursor (threads must never share one)."""
    cur = con.cursor()
    try:
        if snapshot:
            cur.execute("SET VARIABLE snapshot = ?", [snapshot])
        return cur.execute(sql, params).df()
    finally:
        cur.close()


def view(con: duckdb.DuckDBPyConnection, name: str, snapshot: str | None = None) -> pd.DataFrame:
    if not TABLE_NAME.match(name):
        raise ValueError(f"not a view name: {name!r}")
    return query(con, f"SELECT * FROM {name}", snapshot=snapshot)
