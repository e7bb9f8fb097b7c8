"""The /workbench page (AppTest): saved queries, URL-kept query, refusals, time limit."""

from __future__ import annotations

import pytest

from app.data import workbench
from tests.conftest import plain, run_page
from tests.test_workbench_sandbox import RUNAWAY


def result(at):
    """The result table (the schema browser's column tables are the other dataframes)."""
    for df in at.dataframe:
        if list(df.value.columns) != ["column", "type", "description"]:
            return df.value
    return None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_renders_in_both_languages_with_schema(lang: str) -> None:
    at = run_page("workbench", lang)
    assert not at.exception
    assert at.title[0].value == ("SQL 工作台" if lang == "zh" else "SQL workbench")
    labels = [e.label for e in at.expander]
    assert any(label.startswith("v_county_host") for label in labels)
    assert any(label.startswith("agencies") for label in labels)
    titles = at.selectbox(key="wb_saved").options
    assert ("县级机构按挂靠单位统计" if lang == "zh" else "County agencies by host") in titles


def test_a_link_with_sql_reopens_and_runs_it() -> None:
    at = run_page("workbench", "en", sql="SELECT host, n FROM v_county_host ORDER BY n DESC")
    assert not at.exception and not at.error
    assert at.text_area(key="sql").value.startswith("SELECT host, n")
    frame = result(at)
    assert frame["n"].tolist() == [43, 11, 8, 7, 6, 1]
    assert [b.label for b in at.get("download_button")][:4] == ["CSV", "Excel", "Parquet", "JSON"]


def test_loading_a_saved_query_fills_the_editor_and_its_parameters() -> None:
    at = run_page("workbench", "en")
    at.selectbox(key="wb_saved").set_value("county_hosts").run()
    at.button(key="wb_load").click().run()
    assert not at.exception
    assert "-- title: County agencies by host" in at.text_area(key="sql").value
    assert at.query_params["sql"].startswith("-- title: County agencies by host")
    assert result(at)["n"].tolist() == [43, 11, 8, 7, 6, 1]

    # parameters are kept in the URL beside the query, so a link reopens both
    at = run_page("workbench", "en", sql=at.query_params["sql"], p_min_n="10")
    assert at.number_input(key="p_min_n").value == 10
    assert result(at)["n"].tolist() == [43, 11]


@pytest.mark.parametrize(
    ("sql", "says"),
    [
        ("COPY (SELECT 1) TO '/tmp/x.csv'", "COPY statements are not allowed"),
        ("INSTALL httpfs", "LOAD statements are not allowed"),
        ("SELECT * FROM read_csv('/etc/passwd')", "The read-only engine refused it"),
        ("SELECT 1; SELECT 2", "Only one statement at a time"),
        ("PRAGMA version", "PRAGMA statements are not allowed"),
        (
            "EXPLAIN ANALYZE /* /* */ SELECT 1 -- */ DELETE FROM agencies",
            "EXPLAIN runs here only around a read-only query",
        ),
    ],
)
def test_page_refuses_with_a_message(sql: str, says: str) -> None:
    at = run_page("workbench", "en", sql=sql)
    assert not at.exception
    assert len(at.error) == 1
    assert says in plain(at.error[0].value), at.error[0].value
    assert result(at) is None


def test_runaway_query_is_stopped_and_the_page_stays_usable() -> None:
    at = run_page("workbench", "zh", sql=RUNAWAY)
    assert not at.exception
    assert "已被停止" in at.error[0].value
    assert f"{workbench.LIMITS.timeout_s:g} 秒" in at.error[0].value
    # the same process and cached connection serve the next query (AppTest does not play
    # the browser's part of writing an edited query into the URL, so open a new link)
    at = run_page("workbench", "zh", sql="SELECT 42 AS answer")
    assert not at.error
    assert result(at)["answer"].tolist() == [42]


def test_bad_parameter_value_gives_a_message() -> None:
    at = run_page("workbench", "en", sql="-- param k: text\nSELECT $k::INT AS k", p_k="abc")
    assert not at.exception
    assert at.error and plain(at.error[0].value).startswith("The query failed:")


def test_run_with_an_empty_editor_says_so() -> None:
    at = run_page("workbench", "en")
    assert not at.error  # nothing runs on opening the page without a query
    at.button(key="wb_run_button").click().run()
    assert plain(at.error[0].value) == "The query is empty: write one SELECT statement."
