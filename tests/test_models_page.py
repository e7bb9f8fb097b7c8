"""National models page: what the source classifies, and the page in both languages."""

from __future__ import annotations

import pytest

from app.core import national
from app.core.config import data_paths
from app.core.i18n import translator
from app.data import db
from tests.conftest import run_page
from tests.explore_fixtures import _geo_tmp, isolated_geo_cache  # noqa: F401 (autouse)


@pytest.fixture(scope="module")
def models():
    return db.view(db.connect(data_paths()), "v_province_models")


def test_groups_follow_the_source(models) -> None:
    groups = {g.code: g for g in national.groups(models, "zh")}
    assert list(groups) == ["1", "2", "3", "jiangsu"]
    assert sorted(groups["1"].provinces) == sorted(["上海市", "浙江省", "广东省"])
    assert sorted(groups["2"].provinces) == sorted(["河南省", "安徽省", "山东省"])
    assert sorted(groups["3"].provinces) == sorted(["四川省", "内蒙古自治区"])
    assert groups["jiangsu"].provinces == ["江苏省"]
    assert "推动力度最大" in groups["1"].note


def test_table_says_not_in_source_never_no(models) -> None:
    t = translator("en")
    table = national.table(models, "en", t).set_index("Province")
    assert len(table) == 10  # nine push-model provinces and Guizhou (three-level only)
    assert table.loc["Guangdong", "Three-level structure"].startswith("Yes")
    assert table.loc["Shanghai", "Three-level structure"] == "Not in source"
    assert table.loc["Guizhou", "Push model"] == "Not in source"
    assert table.loc["Zhejiang", "Research partners"] == "之江实验室, 浙江大学"
    assert table.loc["Henan", "Research partners"] == "Not in source"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_renders_in_both_languages(lang: str) -> None:
    at = run_page("models", lang)
    assert not at.exception
    assert [m.value for m in at.metric] == ["28"]
    assert len(at.get("plotly_chart")) == 1
    assert len(at.dataframe[-1].value) == 10
    warning = at.warning[0].value
    assert ("哪 28 个" in warning) if lang == "zh" else ("not which 28" in warning)
