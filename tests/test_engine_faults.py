"""After a fatal engine error the app recovers: the pages' connection is replaced, the
workbench's worker too, and the user reads a short message, never a traceback."""

from __future__ import annotations

import duckdb
import pytest

from app.core.config import data_paths
from app.data import db
from app.ui import session
from tests.conftest import run_page
from tests.test_sql_attacks import RESOURCES

FATAL = RESOURCES[1]  # concat of 100 × 50 MB: DuckDB invalidates its database


def test_a_fatal_error_invalidates_a_duckdb_database() -> None:
    """The engine bug the app must survive (if DuckDB fixes it, this test says so)."""
    con = db.connect(data_paths())
    with pytest.raises(duckdb.Error):
        con.execute(FATAL).fetchall()
    assert not db.is_alive(con)


def test_an_invalidated_page_connection_is_replaced() -> None:
    poisoned = session.connection()
    with pytest.raises(duckdb.Error):
        poisoned.cursor().execute(FATAL).fetchall()
    assert not db.is_alive(poisoned)
    at = run_page("overview", "en")
    assert not at.exception
    assert [m.value for m in at.metric][:3] == ["13", "95", "76"]
    assert session.connection() is not poisoned and db.is_alive(session.connection())


def test_the_workbench_reports_an_engine_fault_and_answers_the_next_query() -> None:
    at = run_page("workbench", "en", sql=FATAL)
    assert not at.exception
    assert "made the query engine fail" in at.error[0].value
    at = run_page("workbench", "en", sql="SELECT count(*) AS n FROM v_agencies")
    assert not at.error
    assert at.dataframe[0].value["n"].tolist() == [90]


def test_the_workbench_stops_a_query_that_wants_gigabytes() -> None:
    at = run_page("workbench", "zh", sql=RESOURCES[0])
    assert not at.exception
    assert "内存" in at.error[0].value
