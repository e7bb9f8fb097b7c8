"""Projector slides in real Chromium: every slide fits a 1280x720 and a 1920x1080 window with
nothing cut, in one type scale (maps' text as large as charts'), with no internal ids or raw
timestamps; and a clicker's keys step the slides.

The server has a state file of its own with progress recorded by a named person and a
scenario saved by nobody, so slides 6 and 7 show their fullest form (chart, counts, who
and when) and a saver who gave no name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from app.checklist import model as checklist_model
from app.checklist import store as checklist_store
from app.core.i18n import translator
from app.core.models import Host
from app.data.store import SqliteStore
from app.scenarios import model as scenarios
from app.scenarios import store as scenario_store
from app.story import display
from app.story.slides import COUNT
from tests.actors import LOCAL
from tests.e2e.conftest import settle, start_server, stop_server

pytestmark = pytest.mark.e2e

SIZES = ((1280, 720), (1920, 1080))
EN_SLIDES = (2, 4, 5, 7)  # English runs longest: cards, a map, the dense slides (one size)
RECORDER = "王芳"
# Seen once in CI on a loaded machine: plotly.js reads a chart's layout after Streamlit has
# replaced it during the first run's redraw at the window's type size (the charts are then
# drawn, which the checks below measure). Tolerated once per slide; a second time fails.
PLOTLY_REDRAW_RACE = "reading '_axisMatchGroups'"
ID = re.compile(r"\b(rec|int|pri)-\d")
STAMP = re.compile(r"\d{4}-\d\d-\d\d(T|\s)?\d\d:\d\d|\b\d{4}-\d\d-\d\d\b")

# Plotly has drawn every chart of the run, in the projector's type size: the page's first
# run does not know the window yet and draws at a default size, then the browser reports
# the window and the charts are drawn again. The numbers inside bars are left out: Plotly
# shrinks them to fit a narrow bar.
CHARTS_READY_JS = """(font) => {
  const charts = document.querySelectorAll("[data-testid='stPlotlyChart']");
  const plots = [...document.querySelectorAll(".js-plotly-plot")];
  if (plots.length !== charts.length || !plots.every(p => p.querySelector(".main-svg")))
    return false;
  const sizes = plots.flatMap(p => [...p.querySelectorAll("text")]
    .filter(t => t.textContent.trim() && !t.classList.contains("bartext"))
    .map(t => parseFloat(getComputedStyle(t).fontSize)));
  return sizes.every(s => Math.abs(s - font) < 0.6);
}"""

MEASURE_JS = """() => {
  const shown = e => e.offsetParent !== null || getComputedStyle(e).position === "fixed";
  const main = document.querySelector("[data-testid='stMain']");
  const slide = document.querySelector(".st-key-story_slide");
  const body = document.querySelector(".st-key-story_body");
  const bodyBottom = body.getBoundingClientRect().bottom;
  const text = e => (e.innerText || e.textContent || "").trim().slice(0, 60);
  const font = e => parseFloat(getComputedStyle(e).fontSize);
  const cards = [...slide.querySelectorAll("[class*='st-key-story_card_']")];
  const plotText = kind => [...document.querySelectorAll(".js-plotly-plot")]
    .filter(p => (p.querySelector(".choroplethlocation") !== null) === (kind === "map"))
    .flatMap(p => [...p.querySelectorAll("text")])
    .filter(t => t.textContent.trim() && !t.classList.contains("bartext"))
    .map(font);
  return {
    overflow: Math.max(document.scrollingElement.scrollHeight - innerHeight,
                       main.scrollHeight - main.clientHeight),
    below: [...slide.querySelectorAll("p, li, button, h2")]
      .filter(e => shown(e) && e.getBoundingClientRect().bottom > innerHeight + 1).map(text),
    spill: [...body.querySelectorAll("p, li, .js-plotly-plot")]
      .filter(e => shown(e) && e.getBoundingClientRect().bottom > bodyBottom + 1).map(text),
    cut: [...slide.querySelectorAll("*")].filter(e => {
      if (!shown(e) || e.closest(".js-plotly-plot") || !text(e)) return false;
      const style = getComputedStyle(e);
      const clips = style.textOverflow === "ellipsis" || style.overflowX !== "visible";
      return clips && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1);
    }).map(text),
    metricsCut: [...document.querySelectorAll("[data-testid='stMetricValue']")]
      .filter(e => e.scrollWidth > e.clientWidth + 1).map(text),
    // plotly shows a scroll bar in a legend taller than its room: entries are hidden
    legendsCut: [...document.querySelectorAll(".js-plotly-plot .legend .scrollbar")]
      .filter(r => parseFloat(r.getAttribute("height") || "0") > 0).length,
    heading: text(slide.querySelector("h2")),
    visible: slide.innerText,
    lead: font(slide.querySelector("h2").closest("[data-testid='stElementContainer']")
      .nextElementSibling.querySelector("p")),
    values: cards.map(c => [...c.querySelectorAll("[data-testid='stMarkdownContainer'] p")]
      .filter(p => !p.closest("[data-testid='stCaptionContainer']")).map(font)).flat(),
    labels: cards.map(c => font(c.querySelector("[data-testid='stCaptionContainer'] p"))),
    cards: cards.map(c => [...c.querySelectorAll("p")].map(p => p.innerText)),
    mapText: plotText("map"),
    chartText: plotText("chart"),
  };
}"""


@pytest.fixture(scope="module")
def story_server(browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    state = tmp_path_factory.mktemp("state") / "atlas_state.sqlite"
    store = SqliteStore(state)
    edit = checklist_model.make_edit("in_progress", "", None, "")
    checklist_store.save_item("rec-1", 0, edit, LOCAL, RECORDER, store)  # a name typed here
    step = scenarios.Move(
        level="city", from_host=Host.INDUSTRY_IT_BUREAU, to_host=Host.GOVERNMENT_SERVICES_OFFICE
    )
    scenario = scenarios.make("政务办统筹", note="两市改挂", steps=(step,))
    scenario_store.save(scenario, LOCAL, overwrite=False, store=store)
    with store.transaction() as con:  # saved by nobody: a row from before savers were kept
        con.execute("UPDATE scenario SET saved_by = NULL")
    proc, url = start_server(env={"ATLAS_STATE_DB": str(state)})
    yield url
    stop_server(proc)


def open_slide(page, url: str, path: str, font: int) -> None:
    page.goto(url + path)
    settle(page)
    page.wait_for_function(CHARTS_READY_JS, arg=font, timeout=60000)
    settle(page)
    assert page.locator("[data-testid='stException']").count() == 0


def check_slide(m: dict, n: int, lang: str, size: tuple[int, int]) -> None:
    where = f"slide {n} at {size[0]}x{size[1]} ({lang})"
    assert m["heading"].startswith(f"{n}."), where
    assert m["overflow"] <= 1, f"{where} scrolls by {m['overflow']} px"
    assert m["below"] == [] and m["spill"] == [], f"{where}: {m['below']} {m['spill']}"
    assert m["cut"] == [] and m["metricsCut"] == [], f"{where} cuts {m['cut']}"
    assert m["legendsCut"] == 0, f"{where}: a chart's legend scrolls (entries hidden)"
    assert not ID.search(m["visible"]), f"{where} shows an id"
    assert not STAMP.search(m["visible"]), f"{where} shows a raw timestamp"
    assert not re.search(r"由\s*未知|by unknown", m["visible"], re.I), where
    # legible on a projector: body text >= 16 px at 720p and >= 20 px at 1080p
    assert m["lead"] >= (16 if size[1] <= 720 else 20), f"{where}: lead {m['lead']} px"
    # one type scale: the cards of a slide share their sizes
    assert len(set(m["values"])) <= 1 and len(set(m["labels"])) <= 1, f"{where}: {m}"
    font = display.chart_font(size)
    assert all(s >= font - 0.5 for s in m["mapText"]), f"{where}: map text {m['mapText']}"
    assert all(abs(s - font) < 0.6 for s in m["chartText"]), f"{where}: {m['chartText']}"


def test_every_projector_slide_fits_the_window_with_nothing_cut(browser, story_server) -> None:
    t = translator("zh")
    runs = [("zh", size, range(1, COUNT + 1)) for size in SIZES] + [("en", SIZES[0], EN_SLIDES)]
    for lang, size, numbers in runs:
        context = browser.new_context(viewport={"width": size[0], "height": size[1]})
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        try:
            for n in numbers:
                path = f"/story?slide={n}&present=1&lang={lang}"
                open_slide(page, story_server, path, display.chart_font(size))
                if errors and all(PLOTLY_REDRAW_RACE in e for e in errors):
                    errors.clear()  # a transient plotly.js race: the slide must open cleanly
                    open_slide(page, story_server, path, display.chart_font(size))
                assert not errors, f"slide {n} at {size} ({lang}): {errors}"
                m = page.evaluate(MEASURE_JS)
                check_slide(m, n, lang, size)
                if lang != "zh":
                    continue
                if n == 2:  # the nature card reads 事业单位 in full (it once read 事业…)
                    nature = next(c for c in m["cards"] if c[0] == t("overview.centre_nature"))
                    assert nature[1] == "事业单位"
                if n == 4:  # a map and its legend in the charts' type
                    assert m["mapText"] and min(m["mapText"]) >= display.chart_font(size) - 0.5
                if n == 6:  # progress recorded by a named person: who and on which day
                    assert RECORDER in m["visible"] and "年" in m["visible"]
                if n == 7:  # saved by nobody: the day, and no "saved by unknown"
                    assert "政务办统筹" in m["visible"] and t("app.unknown") not in m["visible"]
            assert not errors
        finally:
            context.close()


def heading(page) -> str:
    return page.locator(".st-key-story_slide h2").first.inner_text()


def press(page, key: str, slide: int, lang: str = "zh") -> None:
    page.keyboard.press(key)
    page.wait_for_url(re.compile(rf"[?&]slide={slide}(&|$)"))
    settle(page)
    page.wait_for_function(
        "(text) => document.querySelector('.st-key-story_slide h2')?.innerText === text",
        arg=f"{slide}. {translator(lang)(f'story.s{slide}_title')}",
    )


def test_a_clickers_keys_step_the_slides_and_the_url_follows(browser, story_server) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    try:
        page.goto(story_server + "/story?lang=zh")
        settle(page)
        assert heading(page).startswith("1.")
        # beside the sidebar at 1280 px the buttons read in full (they once read 上… / 下…)
        cut = page.evaluate(
            "() => [...document.querySelectorAll('.st-key-story_nav button *')]"
            ".filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)"
        )
        assert cut == []
        for key, slide in [
            ("PageDown", 2),
            ("ArrowRight", 3),
            ("Space", 4),
            ("ArrowDown", 5),
            ("PageUp", 4),
            ("ArrowLeft", 3),
        ]:
            press(page, key, slide)  # one step each: never two listeners

        # a key typed into a field is the field's: the next key outside it steps once
        field = page.locator("[data-testid='stSidebar'] input[aria-label='数据快照']")
        field.focus()
        page.keyboard.press("ArrowRight")
        page.keyboard.press("Escape")
        field.evaluate("e => e.blur()")
        press(page, "PageDown", 4)

        # on a projector too, and presentation mode is kept
        page.goto(story_server + "/story?slide=7&present=1&lang=zh")
        settle(page)
        press(page, "ArrowUp", 6)
        assert "present=1" in page.url
        press(page, "PageDown", 7)
        page.keyboard.press("PageDown")  # past the last slide: goes nowhere
        press(page, "ArrowLeft", 6)
        assert "present=1" in page.url
        assert not page.locator("[data-testid='stAlertContentWarning']").count()  # no bad slide
    finally:
        context.close()
