"""The workbench runs user SQL exactly as the CLI does: refusals, time limit, bound parameters."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from app.core.config import data_paths
from app.data import query_pool, sandbox, workbench
from app.data.query_pool import QueryPool

# The statements `python -m app query` refuses (tests/test_cli.py); the workbench must too.
REFUSED = [
    "COPY (SELECT 1) TO '/tmp/x.csv'",
    "ATTACH '/tmp/x.db'",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SET threads = 1",
    "SET enable_external_access = true",
    "PRAGMA version",
    "CREATE TABLE t (a INT)",
    "INSERT INTO agencies SELECT * FROM agencies",
    "UPDATE agencies SET host = 'independent'",
    "DELETE FROM agencies",
    "DROP VIEW v_agencies",
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM '/etc/passwd'",
    "SELECT 1; SELECT 2",
    "EXPLAIN ANALYZE CREATE TABLE t AS SELECT 1",
    "CALL pragma_version()",
    "",
]
# long-running, little memory: ten billion pairs against a small materialised side
RUNAWAY = "SELECT sum(hash(a.range + b.range)) FROM range(100000) AS a, range(100000) AS b"


@pytest.fixture(scope="module")
def con() -> Iterator[QueryPool]:
    pool = QueryPool(data_paths())
    yield pool
    pool.close()


@pytest.mark.parametrize("sql", REFUSED)
def test_workbench_refuses_what_the_cli_refuses(con, sql: str) -> None:
    # refused by the statement check or the read-only engine; a path it may not read is
    # no table either ("FROM '/etc/passwd'" fails as an unknown table)
    with pytest.raises((sandbox.RefusedQuery, sandbox.QueryFailed)):
        workbench.run(con, sql)
    # and nothing changed: the agencies table and views are intact
    assert workbench.run(con, "SELECT count(*) AS n FROM v_agencies").frame["n"][0] == 90


def test_runaway_query_times_out_and_the_connection_stays_usable(con) -> None:
    started = time.monotonic()
    with pytest.raises(sandbox.QueryTimeout, match="stopped after 1 seconds"):
        workbench.run(con, RUNAWAY, limits=sandbox.Limits(timeout_s=1))
    assert time.monotonic() - started < 10
    result = workbench.run(con, "SELECT n FROM v_county_host ORDER BY n DESC")
    assert result.frame["n"].tolist() == [43, 11, 8, 7, 6, 1]


def test_starting_a_worker_does_not_count_against_the_time_limit(monkeypatch) -> None:
    # a fresh worker imports DuckDB and opens the engine (about a second here, several on a
    # loaded machine); only the query itself is held to the limit, which is shorter than a
    # start but leaves a trivial query room on a loaded machine (0.05 s did not)
    monkeypatch.setattr(query_pool, "GRACE_S", 0.0)
    pool = QueryPool(data_paths())
    try:
        started = time.monotonic()
        result = workbench.run(pool, "SELECT 42 AS answer", limits=sandbox.Limits(timeout_s=0.3))
        took = time.monotonic() - started
    finally:
        pool.close()
    assert result.frame["answer"].tolist() == [42]
    assert took > 0.3  # the start took longer than the limit: it was not counted


def test_parameters_are_bound_not_pasted(con) -> None:
    q = workbench.parse_query(workbench.QUERIES_DIR / "provinces_by_model.sql")
    assert [p.name for p in q.params] == ["push_model"]
    ok = workbench.run(con, q.sql, {"push_model": "1"}).frame
    assert sorted(ok["name_en"]) == ["Guangdong", "Shanghai", "Zhejiang"]
    injected = workbench.run(con, q.sql, {"push_model": "1' OR '1'='1"}).frame
    assert injected.empty  # the quote is data, not SQL


def test_typed_parameters_and_defaults(con) -> None:
    q = workbench.parse_query(workbench.QUERIES_DIR / "county_hosts.sql")
    assert q.params == (workbench.Param("min_n", "int", "1"),)
    assert workbench.run(con, q.sql).frame["n"].tolist() == [43, 11, 8, 7, 6, 1]
    assert workbench.run(con, q.sql, {"min_n": 8}).frame["n"].tolist() == [43, 11, 8]
    assert workbench.run(con, q.sql, {"min_n": "10"}).frame["n"].tolist() == [43, 11]
    with pytest.raises(workbench.BadParameter, match=r"\$min_n must be a whole number"):
        workbench.run(con, q.sql, {"min_n": "many"})
    figures = workbench.parse_query(workbench.QUERIES_DIR / "figures_to_review.sql")
    few = workbench.run(con, figures.sql, {"include_matches": False}).frame
    every = workbench.run(con, figures.sql, {"include_matches": True}).frame
    assert set(few["status"]) == {"not_computable"}
    assert len(every) == len(few) + 17


def test_undeclared_dollar_names_become_text_parameters() -> None:
    params = workbench.parse_params(
        "-- param a: int 3\nSELECT $a, $b, '$not_a_param' /* $nor_this */ -- $nor_that"
    )
    assert params == (workbench.Param("a", "int", "3"), workbench.Param("b", "text", ""))
    assert workbench.bind(params, {"b": "x"}) == {"a": 3, "b": "x"}


def test_every_saved_query_has_a_header_and_runs_with_its_defaults(con) -> None:
    queries = workbench.saved_queries()
    assert len(queries) >= 5
    for q in queries:
        assert q.title != q.name and q.purpose, q.name
        assert q.title_zh != q.title and q.purpose_zh != q.purpose, q.name
        declared = [ln for ln in q.sql.splitlines() if ln.startswith("-- param")]
        assert len(declared) == len(q.params), q.name  # every declared parameter is used
        result = workbench.run(con, q.sql)
        assert len(result.frame.columns) > 0, q.name


def test_display_cap_keeps_the_full_result_for_download(con) -> None:
    result = workbench.run(con, "SELECT range AS i FROM range(5000)")
    assert len(result.frame) == 5000 > workbench.MAX_DISPLAY_ROWS
    assert not result.truncated
    capped = workbench.run(
        con, "SELECT range AS i FROM range(5000)", limits=sandbox.Limits(max_rows=10)
    )
    assert capped.truncated == "rows" and len(capped.frame) == 10
    by_size = workbench.run(
        con,
        "SELECT repeat('x', 1000) AS s FROM range(5000)",
        limits=sandbox.Limits(max_bytes=100_000),
    )
    assert by_size.truncated == "bytes" and 0 < len(by_size.frame) < 5000
