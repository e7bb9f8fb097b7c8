"""The overview under AppTest in both languages: computed headline figures and sources."""

from __future__ import annotations

import pytest

from app.core.i18n import translator
from tests.conftest import plain, run_page


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
    # the figure named in words, never by its id (zh: the source's words, simplified)
    assert any("county-level units with a big-data agency" in e.value for e in at.error)
    assert not any("county_with_agency" in e.value for e in at.error)
    zh = run_page("overview", "zh")
    assert any("有76个设有大数据管理机构" in e.value for e in zh.error)


FINDING = {
    "zh": (
        "在来源所述时期，江苏 13 个设区市都设有大数据管理机构，隶属关系分 4 种；"
        "95 个县（市、区）中 76 个设有机构（19 个没有），隶属关系分 6 种。",
        "省级的江苏省大数据管理中心由政务办管理（来源第 5 段）；与它同属政务办的机构，"
        "市级 13 个中有 1 个，县级 76 个中有 0 个（本应用的计数）。",
    ),
    "en": (
        "At the time the source describes, all 13 of Jiangsu's cities had a big-data agency,"
        " attached in 4 different ways; 76 of its 95 county-level units had one (19 had none),"
        " attached in 6 different ways.",
        "The province's own centre, Jiangsu Big Data Management Centre, is managed by the"
        " Government services office (the source, ¶5); 1 of the 13 city agencies and 0 of the"
        " 76 county agencies sat under that same kind of body (the app's own count).",
    ),
}


def finding_text(at) -> list[str]:
    """The two sentences of the finding box, as a reader sees them."""
    return [plain(m.value) for m in at.markdown][:2]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_landing_page_states_the_finding_first(lang: str) -> None:
    """Two sentences at the top: coverage and ways of attachment per level (v_level_metrics,
    v_city_host, v_county_host), the centre's host with its paragraph, and the app's own
    same-host count, labelled as such; the as-of note under them."""
    at = run_page("", lang)
    assert not at.exception
    assert finding_text(at) == list(FINDING[lang])
    assert at.caption[0].value == translator(lang)("app.as_of")


def test_the_finding_follows_the_data(data_copy) -> None:
    """Drop the one independent county agency and move a city to the government services
    office: the sentences count again (75 with, 20 without, 5 ways; 2 of 13 same-body)."""
    from app.data.build import build
    from tests.source_edits import drop_agency, edit_agency

    drop_agency(data_copy, "js-county-independent-01")
    edit_agency(data_copy, "js-city-320400", host="government_services_office")
    build(data_copy)
    structure, centre = finding_text(run_page("", "en"))
    assert "75 of its 95 county-level units had one (20 had none), attached in 5 different" in (
        structure
    )
    assert "all 13 of Jiangsu's cities had a big-data agency, attached in 4 different" in structure
    assert "2 of the 13 city agencies and 0 of the 75 county agencies" in centre
    zh_structure, zh_centre = finding_text(run_page("", "zh"))
    assert "95 个县（市、区）中 75 个设有机构（20 个没有），隶属关系分 5 种" in zh_structure
    assert "市级 13 个中有 2 个，县级 75 个中有 0 个" in zh_centre


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_small_chart_and_map_link_to_their_pages(lang: str) -> None:
    at = run_page("", lang)
    links = {p.proto.page: p.proto.query_string for p in at.get("page_link")}
    assert {"gap", "structure"} <= {page.strip("/") for page in links}
    assert all(f"lang={lang}" in query for query in links.values())
    assert len(at.get("plotly_chart")) == 2
