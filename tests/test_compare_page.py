"""Comparison: the gap statements are the source's words; the page in both languages."""

from __future__ import annotations

import pytest

from app.core import compare
from app.core.config import data_paths
from app.data import db
from tests.conftest import run_page
from tests.explore_fixtures import _geo_tmp, isolated_geo_cache  # noqa: F401 (autouse)


@pytest.fixture(scope="module")
def con():
    return db.connect(data_paths())


@pytest.fixture(scope="module")
def statements(con):
    return db.view(con, "v_gap_statements")


def test_excerpts_are_verbatim_from_the_source(con, statements) -> None:
    sources = db.view(con, "sources").set_index("source_ref")["excerpt"]
    for row in statements.itertuples(index=False):
        paragraph = sources[row.source_ref]
        for part in row.excerpt.split(" … "):
            assert part in paragraph, (row.adcode, row.dimension, part)


def test_statements_agree_with_the_provinces_table(con, statements) -> None:
    provinces = db.view(con, "provinces")
    three = set(provinces[provinces["three_level_structure"].fillna(False).astype(bool)]["adcode"])
    org = set(statements[statements["dimension"] == "organisational_structure"]["adcode"])
    assert org == three | {"320000"}
    pushed = set(provinces[provinces["push_model"].notna()]["adcode"])
    assert set(statements[statements["dimension"] == "coordination_push"]["adcode"]) == pushed
    keys = statements[["adcode", "dimension"]]
    assert not keys.duplicated().any()
    assert set(statements["dimension"]) <= set(compare.DIMENSIONS)


def test_guangdong_beside_jiangsu(statements) -> None:
    points = {p.dimension: p for p in compare.side_by_side(statements, "440000", "en")}
    assert list(points) == list(compare.DIMENSIONS)
    assert all(p.jiangsu is not None for p in points.values())
    assert points["digital_capability"].peer is None  # the source says nothing of it
    assert "Sun Yat-sen" in points["theory_research"].peer.text
    assert points["coordination_push"].peer.text.startswith("Model 1")
    assert compare.said_count(list(points.values())) == (4, 3)


def test_peer_choice_falls_back_to_guangdong() -> None:
    choices = ["150000", "440000", "510000"]
    assert compare.valid_peer("510000", choices) == "510000"
    assert compare.valid_peer("999999", choices) == "440000"
    assert compare.valid_peer(None, ["150000"]) == "150000"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_renders_guangdong_by_default(lang: str) -> None:
    at = run_page("compare", lang)
    assert not at.exception
    assert at.selectbox(key="peer").value == "440000"
    headers = [h.value for h in at.subheader]
    assert headers == (["江苏省", "广东省"] if lang == "zh" else ["Jiangsu", "Guangdong"])
    text = " ".join(m.value for m in at.markdown)
    assert ("来源未说明" if lang == "zh" else "Not in source") in text


def test_peer_from_url_and_not_in_source() -> None:
    at = run_page("compare", "zh", peer="四川省")
    assert not at.exception
    assert at.selectbox(key="peer").value == "510000"
    text = " ".join(m.value for m in at.markdown)
    assert text.count("来源未说明") == 3  # Sichuan: only the push model is in the source


def test_bad_peer_in_url_shows_the_default() -> None:
    at = run_page("compare", "en", peer="<script>")
    assert not at.exception
    assert at.selectbox(key="peer").value == "440000"
