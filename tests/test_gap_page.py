"""The Gap page under AppTest, both languages: metric cards, fractions, readings, definitions."""

from __future__ import annotations

import pytest

from tests.conftest import run_page

READINGS = {
    "en": [
        "All 13 cities have a big-data agency.",
        "Two different agencies picked at random share a host 38% of the time"
        " (exact: 60/156 ordered pairs).",
        "As scattered as 2.32 equally common hosts; one common host would give 1.",
        "1 of 13 agencies sit under the same host as the province-level centre"
        " (Government services office).",
        "76 of 95 county-level units have a big-data agency; 19 do not.",
        "Two different agencies picked at random share a host 36% of the time"
        " (exact: 2044/5700 ordered pairs).",
        "As scattered as 2.72 equally common hosts; one common host would give 1.",
        "0 of 76 agencies sit under the same host as the province-level centre"
        " (Government services office).",
    ],
    "zh": [
        "全部 13 个设区市都设有大数据管理机构。",
        "随机抽取两个不同的机构，二者挂靠同一单位的概率为 38%（精确值：60/156 个有序对）。",
        "分散程度相当于 2.32 个同等规模的挂靠单位；全部挂靠同一单位则为 1。",
        "13 个机构中有 1 个与省级机构挂靠同一单位（政务办）。",
        "95 个县（市、区）中有 76 个设有大数据管理机构，19 个没有。",
        "随机抽取两个不同的机构，二者挂靠同一单位的概率为 36%（精确值：2044/5700 个有序对）。",
        "分散程度相当于 2.72 个同等规模的挂靠单位；全部挂靠同一单位则为 1。",
        "76 个机构中有 0 个与省级机构挂靠同一单位（政务办）。",
    ],
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_gap_page_shows_each_metric_with_fraction_and_reading(lang: str) -> None:
    at = run_page("gap", lang)
    assert not at.exception
    assert [m.value for m in at.metric] == [
        "100%",
        "0.43",
        "2.32",
        "8%",
        "80%",
        "0.37",
        "2.72",
        "0%",
    ]
    captions = [c.value for c in at.caption]
    fractions = [c.split(":")[-1].split(":")[-1].strip() for c in captions if "/" in c[-9:]]
    assert fractions[:8] == [
        "13/13",
        "73/169",
        "169/73",
        "1/13",
        "76/95",
        "2120/5776",
        "5776/2120",
        "0/76",
    ]
    assert [c for c in captions if c in READINGS[lang]] == READINGS[lang]
    # definitions one click away, and a source affordance per level
    labels = [p.proto.popover.label for p in at.get("popover")]
    assert ("定义" if lang == "zh" else "Definitions") in labels
    assert len(labels) >= 3
    assert len(at.get("plotly_chart")) == 1


def test_gap_page_follows_an_imported_change(data_copy) -> None:
    """Metrics come from the rows: change a city's host in the data and the page follows."""
    from app.data.build import build
    from tests.source_edits import edit_agency

    edit_agency(data_copy, "js-city-320400", host="government_services_office")
    build(data_copy)
    at = run_page("gap", "en")
    assert not at.exception
    assert at.metric[3].value == "15%"
    assert "Exact: 2/13" in [c.value for c in at.caption]


def page_text(at) -> list[str]:
    """Every text the reader sees: Markdown (the definitions too), captions, notices, cards."""
    texts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    texts += [i.value for i in at.info] + [m.label for m in at.metric]
    return [*texts, at.title[0].value]


MODEL_CLAIMS = {
    "en": ("model provinces", "vertically matched", "Vertical alignment", "close to 100%"),
    "zh": ("先进省份", "上下对应度", "接近 100%"),
}
REFERENCE = {"en": "The app's reference point", "zh": "本应用的参照点"}
SAME_HOST = {"en": "Same host as provincial agency", "zh": "与省级机构同一挂靠单位"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_reference_point_is_the_app_s_own_and_cites_no_paragraph(lang: str) -> None:
    """¶5 gives no figure for any province: 100% / 1.00 is the app's assumption, said so."""
    at = run_page("gap", lang)
    assert not at.exception
    text = page_text(at)
    assert not [t for t in text for claim in MODEL_CLAIMS[lang] if claim in t]
    reference = [t for t in text if t.startswith(REFERENCE[lang])]
    assert len(reference) == 1
    for value in ("100%", "1.00"):
        assert value in reference[0]
    assert "¶" not in reference[0] and "第5段" not in reference[0]
    # the same-host metric is named for what it measures, on every level's card
    assert [m.label for m in at.metric].count(SAME_HOST[lang]) == 2


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("zh", ("由省政务办管理", "挂牌在", "上下对口", "覆盖率衡量")),
        ("en", ("managed by", "hung at", "上下对口", "measures that as coverage")),
    ],
)
def test_the_notes_keep_the_same_host_share_apart_from_shang_xia_dui_kou(
    lang: str, words: tuple[str, ...]
) -> None:
    """Same host code is not 上下对口 (a matching agency at each level: coverage), and
    'managed by' is not 'plaque hung at': the notes say what the metric compares."""
    at = run_page("gap", lang)
    notes = next(m.value for m in at.markdown if f"**{SAME_HOST[lang]}**" in m.value)
    for word in words:
        assert word in notes
