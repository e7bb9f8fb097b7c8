"""Open lists stay open: where the source's list ends in 等 ("and others"), the app says the
list is what the source names, not every member, and counts it as named members. Model 3
(四川、內蒙古模式) has no 等 and stays closed. Which lists are open is data
(data/sources/named_lists.csv -> v_named_lists, v_province_models), not code."""

from __future__ import annotations

import html
import re
from datetime import datetime

import pandas as pd
import pytest

from app.core import national
from app.core.config import DataPaths, data_paths
from app.core.i18n import translator
from app.data import db
from app.data.build import BuildError, build
from app.story import briefing, form, slides
from tests.conftest import legend_entries, run_page
from tests.explore_fixtures import _geo_tmp, isolated_geo_cache  # noqa: F401 (autouse)

OPEN = {"zh": "来源列举，未尽列", "en": "named in the source, list not exhaustive"}


@pytest.fixture(scope="module")
def con():
    return db.connect(data_paths())


def test_the_sources_lists_and_which_are_open(con) -> None:
    lists = db.view(con, "v_named_lists").set_index("list_id")
    assert lists["is_open"].to_dict() == {
        "push_model_1": True,  # 廣東、上海、浙江等省市
        "push_model_2": True,  # 河南、安徽、山東等省份
        "push_model_3": False,  # 第三種四川、內蒙古模式
        "research_partners_330000": False,  # 之江實驗室與浙江大學
        "research_partners_440000": True,  # 中山大學、數廣公司、華為、騰訊等
        "three_level_structure": True,  # 廣東、浙江、山東、河南、安徽、貴州等多個省份
    }
    assert lists["named"].to_dict() == {
        "push_model_1": 3,
        "push_model_2": 3,
        "push_model_3": 2,
        "research_partners_330000": 2,
        "research_partners_440000": 4,
        "three_level_structure": 6,
    }
    assert set(lists.loc["three_level_structure", "names_en"].split(";")) == {
        "Guangdong", "Zhejiang", "Shandong", "Henan", "Anhui", "Guizhou",
    }  # fmt: skip


def test_a_list_is_open_exactly_when_the_sources_words_end_in_deng(con) -> None:
    lists = db.view(con, "v_named_lists")
    sources = db.view(con, "sources").set_index("source_ref")["excerpt"]
    for row in lists.itertuples(index=False):
        assert row.excerpt in sources[row.source_ref], row.list_id
        assert row.is_open == ("等" in row.excerpt), row.list_id


def test_province_models_carry_the_openness_of_their_lists(con) -> None:
    models = db.view(con, "v_province_models").set_index("adcode")
    assert models.loc["440000", "push_model_list_open"] == True  # noqa: E712
    assert models.loc["410000", "push_model_list_open"] == True  # noqa: E712
    assert models.loc["510000", "push_model_list_open"] == False  # noqa: E712
    assert models.loc["520000", "three_level_list_open"] == True  # noqa: E712
    assert models.loc["440000", "research_partners_list_open"] == True  # noqa: E712
    assert models.loc["330000", "research_partners_list_open"] == False  # noqa: E712
    assert pd.isna(models.loc["320000", "push_model_list_open"])  # Jiangsu: not a list
    assert pd.isna(models.loc["110000", "push_model_list_open"])  # not classified


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_models_page_keeps_open_lists_open(con, lang: str) -> None:
    t = translator(lang)
    groups = {g.code: g for g in national.groups(db.view(con, "v_province_models"), lang)}
    assert groups["1"].open and groups["2"].open and not groups["3"].open
    at = run_page("models", lang)
    assert not at.exception
    captions = {c.value for c in at.caption}
    for code in ("1", "2"):
        names = t("app.list_separator").join(groups[code].provinces)
        assert t("models.members", names=t("app.open_list", names=names)) in captions
    closed = t("app.list_separator").join(groups["3"].provinces)
    assert t("models.members", names=closed) in captions
    table = at.dataframe[-1].value.set_index(t("models.col.province"))  # the page's table
    guangdong = "广东省" if lang == "zh" else "Guangdong"
    assert OPEN[lang] in table.loc[guangdong, t("models.col.partners")]
    assert OPEN[lang] in table.loc[guangdong, t("models.col.three_level")]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_story_slide_4_counts_named_provinces_and_keeps_lists_open(lang: str) -> None:
    t = translator(lang)
    data = form.gather(slides.spec(4).needs, lang, t)
    slide = slides.build(4, data, lang, t)
    three = {f.label: f for f in slide.facts}[t("story.three_level_named")]
    assert three.value == "6" and OPEN[lang] in three.note
    assert [OPEN[lang] in p for p in slide.points] == [True, True, False, False]
    doc = briefing.render([slide], lang, t, datetime(2026, 1, 1))
    assert html.escape(t("story.three_level_named")) in doc and OPEN[lang] in doc


def test_china_map_legend_and_hover_keep_lists_open() -> None:
    from app.ui import figures

    fig = figures.china_map("en")
    chor = fig.data[0]
    ticks = legend_entries(chor)
    state = {loc: ticks[z] for loc, z in zip(chor.locations, chor.z, strict=True)}
    assert state["440000"].endswith("(list not exhaustive)")
    assert state["410000"].endswith("(list not exhaustive)")
    assert not state["510000"].endswith("(list not exhaustive)")  # 四川、內蒙古: no 等
    hover = dict(zip(chor.locations, chor.text, strict=True))
    assert "named in the source, list not exhaustive" in html.unescape(hover["330000"])
    assert "not exhaustive" not in html.unescape(hover["510000"])
    (stars,) = [t for t in fig.data if getattr(t, "mode", None) == "markers"]
    assert "list not exhaustive" in html.unescape(stars.name)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_compare_says_the_peer_is_among_the_provinces_named(lang: str) -> None:
    at = run_page("compare", lang, peer="330000")
    assert not at.exception
    text = "\n".join(m.value for m in at.markdown)
    plain = re.sub(r"\\(.)", r"\1", text)
    assert plain.count(OPEN[lang]) >= 2  # its model 1 list and its three-level list


def test_openness_comes_from_the_data(data_copy: DataPaths) -> None:
    """Close the three-level list in named_lists.csv and the story stops calling it open."""
    path = data_copy.sources / "named_lists.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[frame["list_id"] == "three_level_structure", "is_open"] = "false"
    frame.to_csv(path, index=False)
    build(data_copy)
    t = translator("en")
    slide = slides.build(4, form.gather(slides.spec(4).needs, "en", t), "en", t)
    three = {f.label: f for f in slide.facts}
    assert t("story.three_level") in three and t("story.three_level_named") not in three
    assert "not exhaustive" not in three[t("story.three_level")].note


def test_the_build_refuses_a_list_not_in_the_sources_words(data_copy: DataPaths) -> None:
    path = data_copy.sources / "named_lists.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[frame["list_id"] == "push_model_1", "excerpt"] = "廣東、上海、浙江省市"
    frame.to_csv(path, index=False)
    with pytest.raises(BuildError) as err:
        build(data_copy)
    assert [(p.file, p.code) for p in err.value.problems] == [("named_lists.csv", "not_verbatim")]
