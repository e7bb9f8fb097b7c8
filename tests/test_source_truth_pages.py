"""What every page says, in both languages, against what the source says (issue: "say only
what the source says"). The rendered text of each page (body, sidebar, tables, chart
legends and hovers) and of every story slide and the offline briefing is searched for:

- a benchmark the source does not give, attributed to the model provinces;
- a list the source leaves open (等) shown closed;
- "not started" for a checklist item nobody has touched;
- the conversion errors 制约著 / 著力.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from functools import cache

import opencc
import pytest

from app.core.i18n import translator
from app.story import briefing, form, slides
from tests.conftest import plain, run_page

PAGES = ("", "structure", "models", "compare", "gap", "scenarios", "checklist", "dictionary")
LANGS = ("zh", "en")

# A figure given to the model provinces: the source (¶5) gives none for any province.
ATTRIBUTED_BENCHMARK = {
    "en": re.compile(r"model provinces?[^.]*?\d+(\.\d+)?\s*%|close to 100\s*%", re.I),
    "zh": re.compile(r"(先进|示范|标杆|样板)(省份|省)[^。]*?\d+(\.\d+)?\s*%|接近\s*100\s*%"),
}
# The source's open lists (¶5, ¶6 end in 等): the first names of each, in both languages.
OPEN_LISTS = {
    "en": (("Shanghai", "Zhejiang", "Guangdong"), ("Anhui", "Shandong", "Henan")),
    "zh": (("上海", "浙江", "广东"), ("安徽", "山东", "河南")),
}
# the source's own words keep a list open (等), as do "such as" and the app's marker
KEPT_OPEN = {
    "en": re.compile(r"not exhaustive|such as|and others|among others", re.I),
    "zh": re.compile("等|未尽列"),
}
UNTOUCHED = {"en": re.compile(r"\bNot started\b"), "zh": re.compile("未开始")}
MISCONVERTED = ("制约著", "著力")


def texts(at) -> Iterator[str]:
    """Every text a run sent: Markdown bodies and alerts, metrics, table cells and chart
    specs (not widget options or column headers: a status named as a choice or a column
    says nothing about an item)."""
    for kind in ("markdown", "caption", "error", "warning", "info", "success", "toast"):
        for element in getattr(at, kind):
            yield plain(element.value)
    for element in at.sidebar.caption:
        yield plain(element.value)
    for element in at.metric:
        yield plain(element.label)
        yield plain(str(element.value))
    for kind in ("title", "header", "subheader"):
        for element in getattr(at, kind):
            yield plain(element.value)
    for element in at.dataframe:
        yield element.value.to_string(header=False)
    for chart in at.get("plotly_chart"):
        yield from leaves(json.loads(chart.proto.spec))


def leaves(value: object) -> Iterator[str]:
    """Each string of a chart spec on its own (a map's labels are one string per unit)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from leaves(item)


@cache
def _character_converter() -> opencc.OpenCC:
    # character by character, without the phrase rules that turn 著 into 着: enough to
    # tell the article's script from simplified text
    return opencc.OpenCC("t2s")


def is_simplified(text: str) -> bool:
    return _character_converter().convert(text) == text


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.。;;!?!?])\s*|\n", text) if s.strip()]


def check(text: str, lang: str) -> list[str]:
    found: list[str] = []
    for sentence in sentences(text):
        if ATTRIBUTED_BENCHMARK[lang].search(sentence):
            found.append(f"benchmark given to the model provinces: {sentence!r}")
        for names in OPEN_LISTS[lang]:
            if all(n in sentence for n in names) and not KEPT_OPEN[lang].search(sentence):
                found.append(f"open list shown closed: {sentence!r}")
        if UNTOUCHED[lang].search(sentence):
            found.append(f"untouched item shown as not started: {sentence!r}")
        if is_simplified(sentence):  # 著力 is right in the article's own script
            found += [f"misconverted {w}: {sentence!r}" for w in MISCONVERTED if w in sentence]
    return found


def page_problems(at, lang: str) -> list[str]:
    assert not at.exception, at.exception
    return sorted({p for text in texts(at) for p in check(text, lang)})


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", PAGES)
def test_page_says_only_what_the_source_says(path: str, lang: str) -> None:
    assert page_problems(run_page(path, lang), lang) == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("number", range(1, slides.COUNT + 1))
def test_slide_says_only_what_the_source_says(number: int, lang: str) -> None:
    assert page_problems(run_page("story", lang, slide=str(number)), lang) == []


def test_the_checks_find_what_they_look_for() -> None:
    # each check fires on the wording it exists to stop
    assert check("Model 1: Shanghai, Zhejiang, Guangdong", "en")
    assert check("模式一:上海、浙江、广东", "zh")
    assert not check(
        "Model 1: Shanghai, Zhejiang, Guangdong (named in the source, list not exhaustive)", "en"
    )
    assert check("As in the model provinces, 100%, 1.00, 1 and 100%.", "en")
    assert check("先进省份上下对口(第5段),接近 100%。", "zh")
    assert check("Status: Not started", "en")
    assert check("不断制约著数字政府建设", "zh")


@pytest.mark.parametrize("lang", LANGS)
def test_briefing_says_only_what_the_source_says(data_copy, lang: str) -> None:
    t = translator(lang)
    built = slides.build_all(form.gather(slides.EVERY_INPUT, lang, t), lang, t)
    found: set[str] = set()
    for slide in built:
        shown = re.sub(
            r"<script.*?</script>|<style.*?</style>",
            "",
            briefing.slide_html(slide, t, lang),
            flags=re.S,
        )
        text = html.unescape(re.sub(r"<[^>]+>", "\n", shown))
        charts = [s for chart in slide.charts for s in leaves(chart.figure.to_plotly_json())]
        found.update(p for piece in [text, *charts] for p in check(piece, lang))
    assert sorted(found) == []
