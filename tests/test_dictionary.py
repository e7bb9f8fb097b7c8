"""The data dictionary: every table and view described truthfully; the /dictionary page."""

from __future__ import annotations

import json
import re
import tomllib

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from app import roster
from app.core.config import SQL_DIR, data_paths
from app.core.tables import TABLES
from app.data import db, dictionary
from tests.actors import LOCAL
from tests.conftest import plain, run_page
from tests.test_roster import fixture_bytes


@pytest.fixture(scope="module")
def objects() -> list[dictionary.ObjectDoc]:
    return dictionary.describe(db.connect(data_paths()))


def test_every_table_and_view_is_listed_with_types_and_row_counts(objects) -> None:
    by_name = {o.name: o for o in objects}
    assert {n for n, o in by_name.items() if o.kind == "table"} >= set(TABLES)
    views = {db.parse_view(p).name for p in db.view_files()}
    assert {n for n, o in by_name.items() if o.kind == "view"} == views
    assert by_name["divisions"].rows == 142
    assert by_name["agencies"].rows == 90
    assert by_name["v_agencies"].rows == 90
    assert by_name["v_county_coverage"].rows == 2
    assert by_name["v_province_models"].rows == 34
    assert by_name["claims"].rows == by_name["v_claims"].rows == 300
    types = by_name["v_county_host"].columns.set_index("column")["type"]
    assert types["n"] == "BIGINT" and types["share"] == "DOUBLE" and types["host"] == "VARCHAR"


def test_every_column_has_a_description(objects) -> None:
    missing = dictionary.undocumented(objects)
    assert missing.empty, missing.to_dict("records")


def test_descriptions_name_exactly_the_real_columns(objects) -> None:
    """A view's header and tables.toml describe the columns that exist, no more, no fewer."""
    with (SQL_DIR / "tables.toml").open("rb") as f:
        tables = tomllib.load(f)
    for name, model in TABLES.items():
        assert list(tables[name]["columns"]) == list(model.model_fields), name
        assert list(tables[name]["columns_zh"]) == list(model.model_fields), name
    by_name = {o.name: o for o in objects}
    for path in db.view_files():
        doc = db.parse_view(path)
        assert list(doc.columns) == by_name[doc.name].columns["column"].tolist(), doc.name
        assert list(doc.columns_zh) == list(doc.columns), doc.name


def test_every_table_view_and_column_is_described_in_both_languages(objects) -> None:
    """English and Chinese, each written (the Chinese is Chinese, not the English again)."""
    han = re.compile(r"[\u4e00-\u9fff]")
    for o in objects:
        assert o.row and o.row_zh and han.search(o.row_zh), o.name
        for c in o.columns.itertuples():
            assert c.description and han.search(c.description_zh), (o.name, c.column)
        zh = dictionary.columns_in(o, "zh")
        assert list(zh.columns) == ["column", "type", "description"]
        assert zh["description"].tolist() == o.columns["description_zh"].tolist()


def test_confidence_counts_for_seed_and_import(data_copy) -> None:
    con = db.connect(data_copy)
    seed = dictionary.confidence_counts(con, "seed").set_index("table")
    assert seed.loc["agencies"].tolist() == [78, 12, 0]
    assert seed.loc["divisions", "stated"] == 142
    snap = roster.import_roster(data_copy, fixture_bytes(), "r.csv", "", LOCAL).snapshot
    con = db.connect(data_copy)
    imported = dictionary.confidence_counts(con, snap.snapshot_id).set_index("table")
    assert imported.loc["agencies"].tolist() == [0, 0, 90]


def test_differences_are_flagged() -> None:
    figures = pd.DataFrame(
        {
            "figure_id": ["a", "b", "c", "d"],
            "status": ["match", "differs", "not_computable", "match"],
            "basis": ["named_rows", "named_rows", "not_computable", "placeholder_rows"],
        }
    )
    # a match on rows written from the reported number is flagged apart: ≈, not ✓
    assert dictionary.flag_differences(figures)["flag"].tolist() == ["✓", "⚠", "–", "≈"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_in_both_languages(lang: str) -> None:
    at = run_page("dictionary", lang)
    assert not at.exception
    assert at.title[0].value == (
        "数据字典与来源" if lang == "zh" else "Data dictionary and sources"
    )
    summary = at.dataframe[0].value
    assert "v_reported_vs_computed" in summary["name"].tolist()
    assert summary.set_index("name").loc["divisions", "rows"] == 142
    # on the seed, 7 matches confirm the source on named rows; 10 are consistency checks
    assert [m.value.split()[0] for m in at.success] == ["7"]
    assert [m.value.split()[0] for m in at.info] == ["10"]
    texts = " ".join(t.value for t in at.text)
    assert "13個設區市都設立了性質不一的大數據管理機構" in texts or "13个设区市" in texts


def test_page_opens_the_object_in_the_url() -> None:
    at = run_page("dictionary", "en", object="v_county_host")
    assert not at.exception
    assert at.selectbox(key="object").value == "v_county_host"
    columns = at.dataframe[1].value
    assert columns["column"].tolist() == ["host", "label_zh", "label_en", "n", "share"]
    assert columns.set_index("column").loc["share", "description"].startswith("n as a share")


def test_page_flags_a_difference_for_an_imported_snapshot(data_copy) -> None:
    snap = roster.import_roster(data_copy, fixture_bytes(), "r.csv", "", LOCAL).snapshot
    assert not run_page("dictionary", "en").error  # readers see the published seed
    at = run_page("dictionary", "en", snapshot=snap.snapshot_id)  # the draft, by its link
    assert not at.exception
    assert len(at.error) == 1
    assert "city government services office (only Lianyungang)" in at.error[0].value  # in words
    assert "city_host_government_services_office" not in at.error[0].value  # never the id


def test_claim_counts_for_seed_and_import(data_copy) -> None:
    con = db.connect(data_copy)
    seed = dictionary.claim_counts(con, "seed").set_index("attribute")
    assert seed.loc["host", ["stated", "derived", "unknown", "imported"]].tolist() == [84, 6, 0, 0]
    assert seed.loc["nature", ["stated", "derived", "unknown"]].tolist() == [3, 11, 76]
    assert seed.loc["push_model", "subject_kind"] == "province"
    snap = roster.import_roster(data_copy, fixture_bytes(), "r.csv", "", LOCAL).snapshot
    imported = dictionary.claim_counts(db.connect(data_copy), snap.snapshot_id)
    agency = imported[imported["subject_kind"] == "agency"].set_index("attribute")
    assert agency["imported"].tolist() == [90, 90, 90]
    assert (agency[["stated", "derived", "unknown"]] == 0).all().all()


@pytest.mark.parametrize(
    ("lang", "title", "words", "host"),
    [
        (
            "zh",
            "逐条说法的来源",
            ["原文明示", "由原文推得", "来源未说明", "导入名册", "最弱"],
            "挂靠单位",
        ),
        (
            "en",
            "Provenance per claim",
            ["Stated", "Derived", "Not in source", "Imported", "weakest"],
            "Hosted at",
        ),
    ],
)
def test_page_documents_provenance_per_claim(
    lang: str, title: str, words: list[str], host: str
) -> None:
    at = run_page("dictionary", lang, object="v_claims")
    assert not at.exception
    assert title in [h.value for h in at.subheader]
    model = next(m.value for m in at.markdown if "v_claims" in m.value)
    assert all(w in model for w in words), model
    counts = next(d.value for d in at.dataframe if "attribute" in d.value.columns)
    assert counts.set_index("attribute").loc[host, "derived"] == 6  # the attribute by its label
    columns = at.dataframe[1].value  # the chosen object's columns: v_claims
    assert columns["column"].tolist()[:6] == [
        "subject_id",
        "attribute",
        "value",
        "confidence",
        "source_ref",
        "excerpt",
    ]


TAB_LABELS = {"zh": "原文与计算对照", "en": "Reported vs computed"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_tab_in_the_link_opens_and_a_chosen_tab_is_written(lang: str) -> None:
    at = run_page("dictionary", lang, tab="figures")
    assert not at.exception
    assert at.session_state["dict_tab"] == TAB_LABELS[lang]  # the open tab
    # choosing another tab writes its code (the same in both languages) into the URL
    at.session_state["dict_tab"] = "来源" if lang == "zh" else "Sources"
    at.run()
    assert at.query_params["tab"] == "sources"
    # the first tab is the default: the link then says nothing
    at.session_state["dict_tab"] = "表与视图" if lang == "zh" else "Tables and views"
    at.run()
    assert "tab" not in at.query_params


def test_an_unknown_tab_in_the_link_says_so_and_opens_the_first() -> None:
    at = run_page("dictionary", "en", tab="nonsense")
    assert not at.exception
    assert at.session_state["dict_tab"] == "Tables and views"
    assert any("nonsense" in t.value for t in at.toast)


def figures_table(at):
    return next(d for d in at.dataframe if d.key == "dict_figures")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_reported_vs_computed_puts_the_key_columns_first(lang: str) -> None:
    at = run_page("dictionary", lang, tab="figures")
    table = figures_table(at)
    order = list(table.proto.column_order)
    assert order[:6] == ["flag", "figure", "reported", "computed", "status_label", "basis_label"]
    frame = table.value
    row = frame.set_index("figure_id").loc["city_units"]
    if lang == "zh":  # the source's own words, simplified; status and basis by their labels
        assert row["figure"] == "13个设区市都设立了性质不一的大数据管理机构"
        assert (row["status_label"], row["basis_label"]) == ("一致", "印证来源")
    else:
        assert row["figure"] == "Jiangsu prefecture-level cities, all with a big-data agency"
        assert (row["status_label"], row["basis_label"]) == ("matches", "confirms the source")


def test_the_detail_pane_shows_the_picked_figure_in_full() -> None:
    at = run_page("dictionary", "en", tab="figures")
    frame = figures_table(at).value
    i = frame["figure_id"].tolist().index("provinces_with_data_agency")
    at.session_state["dict_figures"] = {"selection": {"rows": [i], "columns": []}}
    at.run()
    detail = plain(" ".join(m.value for m in [*at.markdown, *at.caption]))
    assert "provinces nationwide with a data-management agency" in detail
    assert "全國范圍已有28個省份成立了數據管理機構" in detail
    assert "Reported 28 · computed –" in detail


def test_the_detail_pane_shows_a_whole_column_description() -> None:
    at = run_page("dictionary", "zh", object="v_reported_vs_computed")
    columns = next(d for d in at.dataframe if d.key == "dict_columns").value
    i = columns["column"].tolist().index("basis")
    at.session_state["dict_columns"] = {"selection": {"rows": [i], "columns": []}}
    at.run()
    whole = columns["description"].iloc[i]
    assert len(whole) > 100  # longer than a cell shows
    assert any(plain(m.value) == whole for m in at.markdown)


def test_no_confidence_code_or_seed_in_the_chinese_page() -> None:
    at = run_page("dictionary", "zh", tab="confidence")
    main = at.main  # the page; the sidebar's snapshot picker is the frame's
    texts = [m.value for m in [*main.markdown, *main.caption, *main.subheader, *main.title]]
    for word in ("seed", "stated", "derived", "imported", "placeholder_rows"):
        assert all(word not in text for text in texts), word
    agencies = next(d.value for d in at.dataframe if "agency_id" in d.value.columns)
    assert set(agencies["confidence"]) <= {"原文明示", "由原文推得", "导入名册", "来源未说明"}
    table = next(d for d in at.dataframe if "table" in d.value.columns)
    headers = {c: v.get("label") for c, v in json.loads(table.proto.columns).items()}
    assert headers["stated"] == "原文明示" and headers["imported"] == "导入名册"


def test_a_styled_table_drawn_once_sends_what_a_fresh_one_sends() -> None:
    """The figures table's Styler is styled once and cached (app.ui.drawn_styler): each
    draw sends the same styles and display values as a Styler styled in that run."""

    def script() -> None:
        import pandas as pd
        import streamlit as st

        from app.ui import dictionary_tables
        from app.ui.drawn_styler import drawn

        frame = pd.DataFrame(  # text, floats shown as "2.000000", ints, gaps
            {
                "status": ["match", "differs", None],
                "n": [1.5, 2.0, float("nan")],
                "k": [1, 2, 3],
                "text": ["a", None, "c"],
            }
        )

        def styled():  # a fixed uuid: a fresh Styler takes a random one
            return frame.style.apply(dictionary_tables.tint_differences, axis=None).set_uuid("u")

        st.dataframe(styled(), key="fresh")
        held = drawn(styled())
        st.dataframe(held, key="drawn")
        st.dataframe(held, key="drawn_again")

    at = AppTest.from_function(script).run()
    assert not at.exception
    fresh, *drawn = (d.proto.arrow_data for d in at.dataframe)
    assert "#T_u_row1_col0, #T_u_row1_col1, #T_u_row1_col2, #T_u_row1_col3 {" in fresh.styler.styles
    assert drawn == [fresh, fresh]
