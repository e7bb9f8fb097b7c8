"""The overview under AppTest in both languages: computed headline figures and sources."""

from __future__ import annotations

import pytest

from tests.conftest import run_page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_overview_renders_headline_figures(lang: str) -> None:
    at = run_page("overview", lang)
    assert not at.exception
    values = [m.value for m in at.metric]
    assert values[:4] == ["13", "95", "76", "28"]
    assert len(at.get("popover")) >= 5
    assert at.query_params["lang"] == [lang] or at.query_params["lang"] == lang


def test_overview_names_the_centre_in_the_current_language() -> None:
    zh = " ".join(m.value for m in run_page("overview", "zh").markdown)
    en = " ".join(m.value for m in run_page("overview", "en").markdown)
    assert "江苏省大数据管理中心" in zh and "事业单位" in zh and "政务办" in zh
    assert "Jiangsu Big Data Management Centre" in en and "Public institution" in en


def test_unknown_language_falls_back_to_chinese() -> None:
    at = run_page("overview", "fr")
    assert not at.exception
    assert at.metric[0].label == "设区市"


def test_overview_reports_a_difference_from_the_source(data_copy) -> None:
    from app.data.build import build
    from tests.source_edits import drop_agency

    drop_agency(data_copy, "js-county-gov-office-01")  # the first county row
    build(data_copy)
    at = run_page("overview", "en")
    assert [m.value for m in at.metric][2] == "75"
    assert any("Differs from the source, which says 76" in w.value for w in at.warning)
    assert any("county_with_agency" in e.value for e in at.error)
