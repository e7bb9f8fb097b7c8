"""An attack corpus against user SQL, run through the command line and the workbench.

Every statement must be refused or fail cleanly; afterwards nothing was written (no file,
no change to the data any session reads) and nothing was read from disk (a secret file's
marker never appears in any output).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import cli
from app.core.config import ROOT, data_paths
from app.data import sandbox, workbench
from app.data.query_pool import QueryPool

MARKER = "atlas-secret-7f3a"
SECRET = Path("/tmp/atlas-attack-secret.csv")
OUT = Path("/tmp/atlas-attack-out")

WRITES = [
    "CREATE TABLE t AS SELECT 1 AS a",
    "CREATE TEMP TABLE t AS SELECT 1 AS a",
    "CREATE OR REPLACE VIEW v_county_host AS SELECT 'x' AS host, 0 AS n",
    "CREATE MACRO m(a) AS a + 1",
    "CREATE SEQUENCE s",
    "CREATE SCHEMA s",
    "CREATE TYPE mood AS ENUM ('a')",
    "CREATE SECRET s (TYPE s3, KEY_ID 'k', SECRET 'x')",
    "ALTER TABLE agencies RENAME TO gone",
    "ALTER VIEW v_agencies RENAME TO gone",
    "DROP TABLE agencies CASCADE",
    "DROP VIEW v_county_host",
    "INSERT INTO agencies SELECT * FROM agencies",
    "UPDATE agencies SET host = 'independent'",
    "DELETE FROM agencies WHERE level = 'county'",
    "TRUNCATE agencies",
    "COMMENT ON TABLE agencies IS 'x'",
]
FILES = [
    f"SELECT * FROM read_csv('{SECRET}')",
    f"SELECT * FROM read_csv_auto('{SECRET}')",
    f"SELECT * FROM read_text('{SECRET}')",
    f"SELECT * FROM read_blob('{SECRET}')",
    f"SELECT * FROM read_json('{SECRET}')",
    f"SELECT * FROM read_parquet('{SECRET}')",
    f"SELECT * FROM parquet_scan('{SECRET}')",
    f"SELECT * FROM '{SECRET}'",
    f"SELECT * FROM 'file://{SECRET}'",
    f"SELECT * FROM sniff_csv('{SECRET}')",
    "SELECT * FROM glob('/tmp/*')",
    "SELECT * FROM read_text('/etc/passwd')",
    "SELECT * FROM read_csv('http://127.0.0.1:9/x.csv')",
    "SELECT * FROM read_parquet('https://example.com/x.parquet')",
    "SELECT * FROM 's3://bucket/key.parquet'",
    f"WITH x AS (SELECT * FROM read_text('{SECRET}')) SELECT * FROM x",
    f"SELECT (SELECT content FROM read_text('{SECRET}')) AS leak",
]
ENGINE = [
    f"COPY agencies TO '{OUT}.csv'",
    f"COPY (SELECT 1) TO '{OUT}.parquet' (FORMAT parquet)",
    f"COPY agencies FROM '{SECRET}'",
    f"EXPORT DATABASE '{OUT}'",
    f"IMPORT DATABASE '{OUT}'",
    f"ATTACH '{OUT}.db' AS x",
    "ATTACH ':memory:' AS x",
    "DETACH memory",
    "USE memory",
    "INSTALL httpfs",
    "FORCE INSTALL httpfs",
    "LOAD httpfs",
    "UPDATE EXTENSIONS",
    "SET enable_external_access = true",
    "SET memory_limit = '100GB'",
    "SET threads = 64",
    "RESET lock_configuration",
    "SET VARIABLE snapshot = 'x'",
    "PRAGMA version",
    "PRAGMA memory_limit = '10GB'",
    "CALL pragma_version()",
    "CHECKPOINT",
    "VACUUM",
    "ANALYZE",
    "BEGIN TRANSACTION",
    "PREPARE p AS DELETE FROM agencies",
    "EXECUTE p",
]
TRICKS = [
    "EXPLAIN ANALYZE /* /* */ SELECT 1 -- */ DELETE FROM agencies",
    "EXPLAIN ANALYZE /* /* */ SELECT 1 -- */ CREATE TABLE t AS SELECT 1",
    "EXPLAIN ANALYZE /* /* */ SELECT 1 -- */ UPDATE agencies SET host = 'x'",
    "EXPLAIN ANALYZE /* /* */ SELECT 1 -- */ INSERT INTO agencies SELECT * FROM agencies",
    "EXPLAIN ANALYZE /* /* */ SELECT 1 -- */ DROP TABLE agencies CASCADE",
    "EXPLAIN ANALYZE /* /* */ SELECT 1 -- */ CREATE OR REPLACE VIEW v_agencies AS SELECT 1",
    "EXPLAIN ANALYZE /* /* */ SELECT 1 -- */ CREATE MACRO m(a) AS a",
    "EXPLAIN /* */ ANALYZE /**/ DELETE FROM agencies",
    "EXPLAIN (FORMAT json) DELETE FROM agencies",
    "/* SELECT */ DELETE FROM agencies",
    "-- SELECT\nDELETE FROM agencies",
    "SELECT 1 /* ; */ ; DELETE FROM agencies",
    "SELECT 1 --\n; DELETE FROM agencies",
    "SELECT $$ ; $$; DELETE FROM agencies",
    "SELECT '*/'; DELETE FROM agencies /*",
    "WITH x AS (SELECT 1) DELETE FROM agencies",
    "/* /* nested */ still a comment */ DROP VIEW v_agencies",
]
LOOKALIKES = [
    "ＤＥＬＥＴＥ FROM agencies",
    "DЕLЕTЕ FROM agencies",  # Cyrillic Е
    "DEL\u200bETE FROM agencies",
    "SELECT 1;\u037e DELETE FROM agencies",  # Greek question mark
    "\u202eDELETE FROM agencies",
    "SELECT\u00a01; DROP VIEW v_agencies",
]
LONG = [
    "SELECT " + "1+" * 12_000 + "1",
    "SELECT 1 /*" + " " * 30_000 + "*/",
    "SELECT " + "(" * 2_000 + "1" + ")" * 2_000,
]
RESOURCES = [
    "SELECT repeat('x', 1000000) AS s FROM range(3000)",
    "SELECT length(concat("
    + ", ".join(["s"] * 100)
    + ")) FROM (SELECT repeat('x', 50000000) AS s)",
    "SELECT string_agg(repeat('x', 1000000), '') FROM range(3000)",
    "SELECT list(repeat('x', 100000)) FROM range(100000)",
    "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r) SELECT count(*) FROM r",
    "SELECT sum(hash(a.range + b.range)) FROM range(100000) AS a, range(100000) AS b",
]
REFUSED = (
    WRITES
    + [f"EXPLAIN {s}" for s in WRITES]
    + [f"EXPLAIN ANALYZE {s}" for s in WRITES]
    + FILES
    + ENGINE
    + TRICKS
    + LOOKALIKES
    + LONG
)
CORPUS = REFUSED + RESOURCES
FAST = sandbox.Limits(timeout_s=2)


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def pool() -> Iterator[QueryPool]:
    SECRET.write_text(f"a,b\n{MARKER},1\n", encoding="utf-8")
    before = fingerprint(data_paths().root)
    pool = QueryPool(data_paths())
    yield pool
    pool.close()
    assert fingerprint(data_paths().root) == before  # nothing in the data folder changed
    SECRET.unlink(missing_ok=True)


def intact(pool: QueryPool) -> None:
    frame = workbench.run(pool, "SELECT n FROM v_county_host ORDER BY n DESC").frame
    assert frame["n"].tolist() == [43, 11, 8, 7, 6, 1]
    assert workbench.run(pool, "SELECT count(*) AS n FROM agencies").frame["n"][0] == 90


def no_output_files() -> None:
    assert not list(Path("/tmp").glob(f"{OUT.name}*"))


def test_the_corpus_is_large_and_varied() -> None:
    assert len(CORPUS) >= 60
    assert len(set(CORPUS)) == len(CORPUS)


@pytest.mark.parametrize("sql", REFUSED, ids=lambda s: s[:60])
def test_workbench_refuses(pool: QueryPool, sql: str) -> None:
    with pytest.raises(sandbox.RefusedQuery) as caught:
        workbench.run(pool, sql, limits=FAST)
    assert MARKER not in str(caught.value)
    assert len(str(caught.value)) < 1000  # an excerpt, never the whole text


@pytest.mark.parametrize("sql", RESOURCES, ids=lambda s: s[:60])
def test_workbench_stops_resource_abuse_and_recovers(pool: QueryPool, sql: str) -> None:
    with pytest.raises((sandbox.QueryTimeout, sandbox.EngineFault)):
        workbench.run(pool, sql, limits=FAST)
    intact(pool)  # the next query is answered (by a fresh worker where one faulted)


def test_nothing_was_written_and_the_data_is_intact(pool: QueryPool) -> None:
    for sql in CORPUS[:: max(1, len(CORPUS) // 20)]:
        with pytest.raises(sandbox.SqlProblem):
            workbench.run(pool, sql, limits=FAST)
    no_output_files()
    intact(pool)


@pytest.mark.parametrize("sql", REFUSED, ids=lambda s: s[:60])
def test_command_line_refuses(sql: str, capsys: pytest.CaptureFixture[str]) -> None:
    SECRET.write_text(f"a,b\n{MARKER},1\n", encoding="utf-8")
    code = cli.main(["query", sql, "--format", "csv", "--timeout", "2"])
    out, err = capsys.readouterr()
    assert code == cli.EXIT_REFUSED, (sql, out, err)
    assert err.startswith("refused:") and err.count("\n") == 1
    assert out == "" and MARKER not in err
    no_output_files()


@pytest.mark.parametrize(
    "sql",
    [TRICKS[0], FILES[0], ENGINE[0], RESOURCES[0], RESOURCES[1]],
    ids=["comment-trick", "read-file", "copy", "memory", "engine-fault"],
)
def test_command_line_process(sql: str) -> None:
    """The real `python -m app query` process: refused or failed in one line, no traceback,
    and the data as the source states afterwards."""
    SECRET.write_text(f"a,b\n{MARKER},1\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "app", "query", sql, "--timeout", "3"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode in (1, 2), run.stderr
    assert "Traceback" not in run.stderr and MARKER not in run.stdout + run.stderr
    assert run.stderr.startswith(("refused:", "error:"))
    check = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "query",
            "SELECT n FROM v_county_host ORDER BY n DESC",
            "--format",
            "json",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert [r["n"] for r in json.loads(check.stdout)] == [43, 11, 8, 7, 6, 1]
    no_output_files()
