"""The Gap page under AppTest, both languages: metric cards, fractions, readings, definitions."""

from __future__ import annotations

import pytest

from tests.conftest import plain, run_page

READINGS = {
    "en": [
        "All 13 cities have a big-data agency.",
        "Pick two different agencies at random: about 4 times in 10 they have the same kind"
        " of host.",
        "As if the agencies were split evenly among about 2 hosts.",
        "Under the same kind of body as the province-level centre (Government services office):"
        " 1 of the 13 agencies.",
        "76 of 95 county-level units have a big-data agency; 19 do not.",
        "Pick two different agencies at random: about 4 times in 10 they have the same kind"
        " of host.",
        "As if the agencies were split evenly among about 3 hosts.",
        "Under the same kind of body as the province-level centre (Government services office):"
        " 0 of the 76 agencies.",
    ],
    "zh": [
        "全部 13 个设区市都设有大数据管理机构。",
        "随机挑两个不同的机构，大约每 10 次有 4 次它们挂在同一类单位。",
        "就好像这些机构平均分在大约 2 个挂靠单位之下。",
        "13 个机构中，和省级机构一样归属政务办的有 1 个。",
        "95 个县（市、区）中有 76 个设有大数据管理机构，19 个没有。",
        "随机挑两个不同的机构，大约每 10 次有 4 次它们挂在同一类单位。",
        "就好像这些机构平均分在大约 3 个挂靠单位之下。",
        "76 个机构中，和省级机构一样归属政务办的有 0 个。",
    ],
}
# the exact fractions behind the eight cards, in order: only in each card's tooltip
FRACTIONS = ["13/13", "73/169", "169/73", "1/13", "76/95", "2120/5776", "5776/2120", "0/76"]
# what the source says (¶5) per level and dimension: coverage, host diversity, same host
SOURCE_SAYS = {
    "zh": [
        "来源（第 5 段）：“13个设区市都设立了性质不一的大数据管理机构”",
        "来源（第 5 段）：“隶属关系也各不相同”",
        "来源（第 5 段）：“仅有连云港市一家挂牌在市政务办”",
        "来源（第 5 段）：“全省95个县（市、区）中，有76个设有大数据管理机构”",
        "来源（第 5 段）：“县（市、区）层面更加复杂”",
        "来源没有谈到这一点。",
    ],
    "en": [
        "The source (¶5): “All 13 prefecture-level cities have set up a big-data agency,"
        " of differing nature.”",
        "The source (¶5): “Whom they answer to also differs from city to city.”",
        "The source (¶5): “Only Lianyungang has its agency's plaque at the city government"
        " services office.”",
        "The source (¶5): “Of the province's 95 county-level units, 76 have a big-data agency.”",
        "The source (¶5): “At the county level it is more complex still.”",
        "The source says nothing about this.",
    ],
}
ORIGINALS = [
    "「13個設區市都設立了性質不一的大數據管理機構」",
    "「隸屬關系也各不相同」",
    "「僅有連云港市一家掛牌在市政務辦」",
    "「全省95個縣(市、區)中,有76個設有大數據管理機構」",
    "「縣(市、區)層面更加復雜」",
]


def shown_text(at) -> list[str]:
    """What the page shows without a click or hover: Markdown, captions, card values."""
    texts = [plain(m.value) for m in at.markdown] + [plain(c.value) for c in at.caption]
    return texts + [f"{m.label} {m.value}" for m in at.metric]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_gap_page_reads_each_metric_in_plain_words(lang: str) -> None:
    """Each card: the value, a sentence a person can use, the exact fraction only in the
    card's tooltip; no developer wording ("精确值", "Exact:") anywhere on the page."""
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
    texts = shown_text(at)
    assert [t for t in texts if t in READINGS[lang]] == READINGS[lang]
    helps = [m.help for m in at.metric]
    assert all(fraction in help for fraction, help in zip(FRACTIONS, helps, strict=True))
    assert "60/156" in helps[1] and "2044/5700" in helps[5]  # two different agencies
    for fraction in FRACTIONS:
        assert not [t for t in texts if fraction in t], fraction
    assert not [t for t in texts + helps if "精确值" in t or "Exact" in t]
    # definitions one click away, the host shares chart below
    labels = [p.proto.popover.label for p in at.get("popover")]
    assert ("定义" if lang == "zh" else "Definitions") in labels
    assert len(at.get("plotly_chart")) == 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_dimension_shows_what_the_source_says(lang: str) -> None:
    """Beside coverage, host diversity and the same-host share of each level: the source's
    words with their paragraph (simplified Chinese, or the data's English), the traditional
    original one click away; where the source says nothing, the page says so."""
    at = run_page("gap", lang)
    captions = [plain(c.value) for c in at.caption]
    assert [c for c in captions if c in SOURCE_SAYS[lang]] == SOURCE_SAYS[lang]
    originals = [t.value for t in at.text]
    assert originals == ORIGINALS
    labels = [p.proto.popover.label for p in at.get("popover")]
    assert labels.count("原文" if lang == "zh" else "Original") == len(ORIGINALS)


def test_gap_page_follows_an_imported_change(data_copy) -> None:
    """Metrics come from the rows: change a city's host in the data and the page follows."""
    from app.data.build import build
    from tests.source_edits import edit_agency

    edit_agency(data_copy, "js-city-320400", host="government_services_office")
    build(data_copy)
    at = run_page("gap", "en")
    assert not at.exception
    assert at.metric[3].value == "15%"
    assert "2/13" in at.metric[3].help
    assert (
        "Under the same kind of body as the province-level centre (Government services office):"
        " 2 of the 13 agencies." in shown_text(at)
    )


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


@pytest.mark.parametrize(
    ("lang", "dimensions"),
    [
        ("zh", ("“高位协调与协同推进”", "“理论创新研究”", "“数字能力”")),
        ("en", ("“High-level coordination and push”", "“Theory and research”")),
    ],
)
def test_the_source_s_other_gap_dimensions_are_named_not_measured(
    lang: str, dimensions: tuple[str, ...]
) -> None:
    """The cards measure the organisational structure; the source's other gap dimensions
    (¶2) are named as unmeasured, with a link to /compare where its words on each are."""
    at = run_page("gap", lang)
    note = next(c.value for c in at.caption if dimensions[0] in c.value)
    assert all(d in note for d in dimensions)
    links = {p.proto.page.strip("/"): p.proto.query_string for p in at.get("page_link")}
    assert f"lang={lang}" in links["compare"]
