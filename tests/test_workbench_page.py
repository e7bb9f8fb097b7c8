"""The /workbench page (AppTest): saved queries, URL-kept query, refusals, time limit."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest

from app.data import exports, workbench
from app.ui import downloads
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
    assert any(label.startswith("`v_county_host`") for label in labels)
    assert any(label.startswith("`agencies`") for label in labels)
    titles = at.selectbox(key="wb_saved").options
    assert ("县级机构按挂靠单位统计" if lang == "zh" else "County agencies by host") in titles


def test_a_link_with_sql_reopens_and_runs_it() -> None:
    at = run_page("workbench", "en", sql="SELECT host, n FROM v_county_host ORDER BY n DESC")
    assert not at.exception and not at.error
    assert at.text_area(key="sql").value.startswith("SELECT host, n")
    frame = result(at)
    assert frame["n"].tolist() == [43, 11, 8, 7, 6, 1]
    assert [b.label for b in at.get("download_button")][:4] == ["CSV", "Excel", "Parquet", "JSON"]


def test_choosing_a_saved_query_runs_it_and_links_it_by_name() -> None:
    at = run_page("workbench", "en")
    at.selectbox(key="wb_saved").set_value("county_hosts").run()  # one click: no Load, no Run
    assert not at.exception
    assert "-- title: County agencies by host" in at.text_area(key="sql").value
    assert result(at)["n"].tolist() == [43, 11, 8, 7, 6, 1]
    # the link names the query; its bilingual header stays out of the URL
    assert at.query_params["saved"] == "county_hosts"
    assert "sql" not in at.query_params

    # ?saved= reopens and runs it, with its parameter beside it
    at = run_page("workbench", "en", saved="county_hosts", p_min_n="10")
    assert at.selectbox(key="wb_saved").value == "county_hosts"
    assert at.text_area(key="sql").value.startswith("-- title: County agencies by host")
    assert at.number_input(key="p_min_n").value == 10
    assert result(at)["n"].tolist() == [43, 11]


def test_an_edited_saved_query_runs_from_its_sql_and_old_links_still_open() -> None:
    at = run_page("workbench", "en", saved="county_hosts")
    edited = at.text_area(key="sql").value.replace("ORDER BY n DESC", "ORDER BY n ASC")
    at.text_area(key="sql").set_value(edited)
    at.button(key="wb_run_button").click().run()
    assert result(at)["n"].tolist() == [1, 6, 7, 8, 11, 43]
    assert not at.caption or all("previous run" not in c.value for c in at.caption)
    # an old link that carries the whole saved query as ?sql= still opens and runs
    whole = next(q for q in workbench.saved_queries() if q.name == "county_hosts").sql
    at = run_page("workbench", "en", sql=whole)
    assert result(at)["n"].tolist() == [43, 11, 8, 7, 6, 1]


def test_an_unknown_saved_name_in_the_link_says_so() -> None:
    at = run_page("workbench", "en", saved="no_such_query")
    assert not at.exception
    assert any("no_such_query" in plain(toast.value) for toast in at.toast)
    assert result(at) is None


@pytest.mark.parametrize(
    ("lang", "label"), [("zh", "政府办（办公厅）"), ("en", "Government general office")]
)
def test_labels_toggle_adds_label_columns_in_the_readers_language(lang: str, label: str) -> None:
    sql = "SELECT host, division_adcode, level, confidence FROM v_agencies ORDER BY agency_id"
    at = run_page("workbench", lang, sql=sql)
    assert list(result(at).columns) == ["host", "division_adcode", "level", "confidence"]
    at.toggle(key="labels").set_value(True).run()
    frame = result(at)
    assert list(frame.columns) == [
        "host",
        "host_label",
        "division_adcode",
        "division_adcode_label",
        "level",
        "level_label",
        "confidence",
        "confidence_label",
    ]
    row = frame[frame["host"] == "government_general_office"].iloc[0]
    assert row["host_label"] == label
    nanjing = frame[frame["division_adcode"] == "320100"].iloc[0]
    assert nanjing["division_adcode_label"] == ("南京市" if lang == "zh" else "Nanjing")
    stated = frame[frame["confidence"] == "stated"].iloc[0]
    assert stated["confidence_label"] == ("原文明示" if lang == "zh" else "Stated")
    # the link reopens with the labels on
    again = run_page("workbench", lang, sql=sql, labels="true")
    assert "host_label" in result(again).columns


def test_an_empty_result_says_so_in_the_readers_language() -> None:
    at = run_page("workbench", "zh", sql="SELECT host FROM v_county_host WHERE n < 0")
    assert not at.exception and result(at) is None
    assert at.info[0].value == "查询没有返回任何行。"
    counts = next(c.value for c in at.caption if "用时" in c.value)
    assert "文章所述的机构" in counts and "seed" not in counts  # the snapshot by its name


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


def test_xlsx_has_an_about_sheet_with_the_query_snapshot_time_and_sources(monkeypatch) -> None:
    sheets: dict = {}
    real = downloads.download_buttons

    def recording(frame, what, t, key=None, **kw):
        sheets.update(kw.get("sheets") or {})
        real(frame, what, t, key, **kw)

    monkeypatch.setattr(downloads, "download_buttons", recording)
    sql = (
        "-- one figure\n-- param id: text city_units\n"
        "SELECT '=1+2' AS formula, value, source_ref FROM reported_figures WHERE figure_id = $id"
    )
    at = run_page("workbench", "zh", sql=sql)
    assert not at.exception and result(at)["value"].tolist() == [13]
    book = openpyxl.load_workbook(io.BytesIO(exports.sheets_to_xlsx(sheets)))
    assert book.sheetnames == ["结果", "说明"]
    assert book["结果"]["A2"].value == "'=1+2"  # text, never a formula
    about = {r[0].value: r[1].value for r in book["说明"].iter_rows(min_row=2) if r[0].value}
    assert about["查询"] == "'" + sql  # the whole query, neutralised like every cell
    assert about["$id"] == "city_units"
    assert about["快照"] == "文章所述的机构"
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d( UTC)?", about["运行时间"])
    assert about["行数"] == "1"
    assert about["来源"].startswith("article#p5：")
    assert "第5段" in about["来源"]
    assert all(c.data_type != "f" for ws in book.worksheets for row in ws.iter_rows() for c in row)
