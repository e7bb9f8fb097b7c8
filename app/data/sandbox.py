"""User SQL: which statements may run, and the read-only engine they run on.

The same rules serve `python -m app query` and the in-app workbench, and the defence is
in the engine, not in text matching:

- DuckDB's own parser decides what a statement is (`extract_statements` for the type,
  `tokenize` to find what an EXPLAIN wraps); exactly the text that was checked is run.
- It runs on a database file opened `read_only=True` with external access off, no
  extensions, a memory limit, one thread and its configuration locked, so even a
  statement the check let through can neither write, read files nor grow without bound.
- That engine lives in its own worker process (app.query_pool), with an address-space
  limit and a hard deadline, so a query that exhausts memory or makes DuckDB invalidate
  its database only costs that worker: the pages' own connection never sees user SQL.
- Results stream out in Arrow batches and stop at a row cap and a byte cap.
"""

from __future__ import annotations

import re
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from app.core.config import DataPaths
from app.core.errors import UserError
from app.core.md import excerpt
from app.data import db

MAX_SQL_CHARS = 20_000
ENGINE_MEMORY = "512MB"  # DuckDB's own limit; the worker's address space is capped too
ENGINE_CONFIG = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "memory_limit": ENGINE_MEMORY,
    "threads": 1,
    "temp_directory": "",  # no spilling to disk
    "lock_configuration": True,
}
BATCH_ROWS = 1024
DETAIL_CHARS = 300  # of DuckDB's own message, which may quote the query
_WORD = re.compile(r"[A-Za-z_]+")


class SqlProblem(UserError):
    """A user query that cannot run or finish: `reason` names a message under "sandbox."."""

    def __init__(self, reason: str, **values: object) -> None:
        self.reason = reason
        super().__init__(f"sandbox.{reason}", **values)


class RefusedQuery(SqlProblem):
    """The text is not one read-only query (or the engine refused what it asked for)."""


class QueryTimeout(SqlProblem):
    """The query ran past its time limit and was stopped."""


class QueryFailed(SqlProblem):
    """DuckDB reported an error in the query itself (a typo, an unknown column...)."""


class EngineFault(SqlProblem):
    """The engine ran out of memory or failed; it is replaced before the next query."""


@dataclass(frozen=True)
class Limits:
    timeout_s: float = 5.0
    max_rows: int = 1000
    max_bytes: int = 64 * 1024 * 1024


# --- what may run ---------------------------------------------------------------------


def check_statement(sql: str) -> str:
    """The one statement, exactly as it will run, if it is read-only; else RefusedQuery."""
    if not sql or not sql.strip():
        raise RefusedQuery("empty")
    if len(sql) > MAX_SQL_CHARS:
        raise RefusedQuery("too_long", n=len(sql), cap=MAX_SQL_CHARS)
    statement = _one_statement(sql)
    kind = _kind(statement)
    if kind == duckdb.StatementType.EXPLAIN:
        inner = _kind(_one_statement(_explained(statement.query)))
        if inner != duckdb.StatementType.SELECT:
            raise RefusedQuery("explain_wraps", kind=_name(inner))
    elif kind != duckdb.StatementType.SELECT:
        raise RefusedQuery("not_read_only", kind=_name(kind))
    return statement.query


def _kind(statement: duckdb.Statement) -> duckdb.StatementType | None:
    """The statement's type; None for a type this DuckDB build has no Python name for."""
    try:
        return statement.type
    except ValueError:
        return None


def _name(kind: duckdb.StatementType | None) -> str:
    return kind.name if kind is not None else "OTHER"


def _one_statement(sql: str) -> duckdb.Statement:
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as err:
        raise RefusedQuery("does_not_parse", detail=excerpt(err, DETAIL_CHARS)) from err
    if len(statements) != 1:
        raise RefusedQuery("one_statement", n=len(statements))
    return statements[0]


def _explained(text: str) -> str:
    """The statement an EXPLAIN [ANALYZE] [(options)] wraps, found by DuckDB's tokenizer
    (which knows nested comments, quoting and dollar strings as the parser does)."""
    tokens = [pos for pos, kind in duckdb.tokenize(text) if kind != duckdb.token_type.comment]

    def word(i: int) -> str:
        found = _WORD.match(text, tokens[i]) if i < len(tokens) else None
        return found.group(0).upper() if found else ""

    i = 1 if word(0) == "EXPLAIN" else 0
    if word(i) == "ANALYZE":
        i += 1
    if i < len(tokens) and text[tokens[i]] == "(":
        depth = 0
        for i in range(i, len(tokens)):  # noqa: B020 - skip the balanced option list
            depth += {"(": 1, ")": -1}.get(text[tokens[i]], 0)
            if depth == 0:
                break
        i += 1
    if i >= len(tokens):
        raise RefusedQuery("empty")
    return text[tokens[i] :]


# --- the engine -----------------------------------------------------------------------


def open_engine(paths: DataPaths) -> duckdb.DuckDBPyConnection:
    """A private read-only database holding the built tables, the imports and the views.

    Written to a temporary file, opened read-only, then unlinked: DuckDB keeps the open
    file, nothing is left behind, and no other connection shares this database."""
    with tempfile.TemporaryDirectory(prefix="atlas-engine-") as folder:
        path = Path(folder) / "engine.duckdb"
        writer = duckdb.connect(str(path))
        try:
            db.populate(writer, paths)
        finally:
            writer.close()
        return duckdb.connect(str(path), read_only=True, config=ENGINE_CONFIG)


def stream(
    con: duckdb.DuckDBPyConnection,
    sql: str,
    params: dict[str, object] | None,
    snapshot: str | None,
    limits: Limits,
    outcome: dict[str, object],
) -> Iterator[pa.RecordBatch]:
    """Run one checked statement on a fresh cursor and yield its rows in Arrow batches.

    Stops at limits.max_rows or limits.max_bytes (outcome["truncated"] says which) and
    interrupts DuckDB after limits.timeout_s, fetching included."""
    statement = check_statement(sql)
    cur = con.cursor()
    timed_out = threading.Event()

    def stop() -> None:
        timed_out.set()
        cur.interrupt()

    timer = threading.Timer(limits.timeout_s, stop)
    timer.start()
    rows = size = 0
    try:
        if snapshot:
            cur.execute("SET VARIABLE snapshot = ?", [snapshot])
        reader = cur.sql(statement, params=params or None).to_arrow_reader(BATCH_ROWS)
        outcome["schema"] = reader.schema
        for batch in reader:
            if timed_out.is_set():
                raise QueryTimeout("timeout", s=f"{limits.timeout_s:g}")
            if rows + batch.num_rows > limits.max_rows:
                batch = batch.slice(0, limits.max_rows - rows)
                outcome["truncated"] = "rows"
            if size + batch.nbytes > limits.max_bytes:  # keep the rows that fit
                fits = batch.num_rows * (limits.max_bytes - size) // max(batch.nbytes, 1)
                batch = batch.slice(0, fits)
                outcome["truncated"] = "bytes"
            size += batch.nbytes
            rows += batch.num_rows
            yield batch
            if outcome.get("truncated"):
                return
    except (duckdb.Error, pa.ArrowException, OSError, MemoryError) as err:
        raise _problem(err, timed_out.is_set(), limits) from err
    finally:
        timer.cancel()
        cur.close()


def _problem(err: Exception, timed_out: bool, limits: Limits) -> SqlProblem:
    """DuckDB's error as one of ours (the worker sends it back to the page or the CLI)."""
    if timed_out or isinstance(err, duckdb.InterruptException):
        return QueryTimeout("timeout", s=f"{limits.timeout_s:g}")
    if isinstance(err, duckdb.OutOfMemoryException | MemoryError) or "Out of Memory" in str(err):
        return EngineFault("out_of_memory", limit=ENGINE_MEMORY)
    if isinstance(err, duckdb.FatalException | duckdb.InternalException):
        return EngineFault("engine_fault")
    if isinstance(err, duckdb.PermissionException) or "read-only mode" in str(err):
        # no file access, a read-only database: the engine refused what the query asked for
        return RefusedQuery("engine_refused", detail=excerpt(err, DETAIL_CHARS))
    return QueryFailed("failed", detail=excerpt(err, DETAIL_CHARS))
