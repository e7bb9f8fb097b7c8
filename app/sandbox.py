"""Read-only user SQL: one allowed statement, a time limit, a row cap.

The same rules serve `python -m app query` and the in-app workbench. The statement is
checked by DuckDB's own parser (no regex guessing); the connection it runs on already
has external access off and its configuration locked (see app.db).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

import duckdb
import pandas as pd

ALLOWED_WORDS = (
    "SELECT",
    "WITH",
    "FROM",
    "VALUES",
    "TABLE",
    "DESCRIBE",
    "SHOW",
    "SUMMARIZE",
    "EXPLAIN",
    "(",
)
EXPLAIN_PREFIX = re.compile(r"^\s*EXPLAIN(\s+ANALYZE)?\s+", re.IGNORECASE)
DEFAULT_TIMEOUT_S = 5.0
DEFAULT_MAX_ROWS = 1000


class RefusedQuery(ValueError):
    """The statement is not one read-only query; the message says why."""


class QueryTimeout(RuntimeError):
    """The query ran past its time limit and was interrupted."""


@dataclass(frozen=True)
class QueryResult:
    frame: pd.DataFrame
    truncated: bool  # more rows exist than were fetched


def strip_comments(sql: str) -> str:
    return re.sub(r"--[^\n]*|/\*.*?\*/", " ", sql, flags=re.DOTALL).strip()


def check_statement(sql: str) -> str:
    """Return the one statement if it is read-only; raise RefusedQuery otherwise."""
    if not sql or not sql.strip():
        raise RefusedQuery("The query is empty: write one SELECT statement.")
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as err:
        raise RefusedQuery(f"The query does not parse: {err}") from err
    if len(statements) != 1:
        raise RefusedQuery(
            f"Only one statement at a time is allowed; this text has {len(statements)}."
        )
    statement = statements[0]
    kind = statement.type
    text = strip_comments(statement.query)
    if kind == duckdb.StatementType.EXPLAIN:
        # EXPLAIN ANALYZE runs its statement, so the inner one must be read-only too.
        check_statement(EXPLAIN_PREFIX.sub("", text, count=1))
        return statement.query
    first = text.split(None, 1)[0].upper() if text else ""
    if kind != duckdb.StatementType.SELECT or not first.startswith(ALLOWED_WORDS):
        word = first or kind.name
        raise RefusedQuery(
            f"{word} statements are not allowed: only read-only SELECT, WITH, DESCRIBE, SHOW, "
            "EXPLAIN and SUMMARIZE queries run here."
        )
    return statement.query


def run_readonly(
    con: duckdb.DuckDBPyConnection,
    sql: str,
    *,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    max_rows: int | None = DEFAULT_MAX_ROWS,
    snapshot: str | None = None,
    params: dict[str, object] | None = None,
) -> QueryResult:
    """Run one checked statement on a fresh cursor, interrupting it after timeout_s.

    params binds the statement's named $parameters (DuckDB prepared values)."""
    statement = check_statement(sql)
    cur = con.cursor()
    timed_out = threading.Event()

    def stop() -> None:
        timed_out.set()
        cur.interrupt()

    timer = threading.Timer(timeout_s, stop)
    try:
        if snapshot:
            cur.execute("SET VARIABLE snapshot = ?", [snapshot])
        timer.start()
        cur.execute(statement, params)
        if cur.description is None:
            return QueryResult(pd.DataFrame(), False)
        columns = [d[0] for d in cur.description]
        if max_rows is None:
            rows = cur.fetchall()
            truncated = False
        else:
            rows = cur.fetchmany(max_rows + 1)
            truncated = len(rows) > max_rows
            rows = rows[:max_rows]
        frame = pd.DataFrame.from_records(rows, columns=columns)
        return QueryResult(frame, truncated)
    except duckdb.InterruptException as err:
        raise QueryTimeout(
            f"The query was stopped after {timeout_s:g} seconds."
            " Narrow it (filters, LIMIT) and run it again."
        ) from err
    except duckdb.Error as err:
        if timed_out.is_set():
            raise QueryTimeout(
                f"The query was stopped after {timeout_s:g} seconds. Narrow it and run it again."
            ) from err
        raise
    finally:
        timer.cancel()
        cur.close()
