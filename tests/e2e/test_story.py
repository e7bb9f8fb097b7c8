"""Story mode in real Chromium: navigation, presentation mode, and the briefing offline."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from app.core.i18n import translator
from tests.e2e.conftest import open_path, settle

TITLES = {lang: translator(lang) for lang in ("zh", "en")}


def heading(page) -> str:
    return page.locator("[data-testid='stMain'] h2").first.inner_text()


def title(lang: str, n: int) -> str:
    return f"{n}. {TITLES[lang](f'story.s{n}_title')}"


def click(page, key: str) -> None:
    page.locator(f".st-key-{key} button").first.click()


def wait_heading(page, text: str, limit_s: float = 20) -> None:
    end = time.monotonic() + limit_s
    while time.monotonic() < end:
        settle(page)
        if heading(page) == text:
            return
        time.sleep(0.2)
    raise AssertionError(f"heading stayed {heading(page)!r}, expected {text!r}")


def map_regions(page) -> int:
    return page.locator(".js-plotly-plot path.choroplethlocation").count()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_next_previous_and_a_deep_link_to_slide_3(page, lang: str) -> None:
    open_path(page, f"/story?lang={lang}")
    assert heading(page) == title(lang, 1)
    click(page, "story_next")
    page.wait_for_url(re.compile(r"slide=2"))
    wait_heading(page, title(lang, 2))
    page.wait_for_function(
        "document.querySelectorAll('.js-plotly-plot path.choroplethlocation').length === 13"
    )
    click(page, "story_prev")
    page.wait_for_url(re.compile(r"slide=1"))
    wait_heading(page, title(lang, 1))

    open_path(page, f"/story?slide=3&lang={lang}")
    assert heading(page) == title(lang, 3)
    page.wait_for_function(
        "document.querySelectorAll('.js-plotly-plot path.choroplethlocation').length === 95"
    )
    main = page.locator("[data-testid='stMain']").inner_text()
    assert all(n in main for n in ("95", "76", "19"))

    open_path(page, f"/story?slide=99&lang={lang}")
    assert heading(page) == title(lang, 1)
    assert page.locator("[data-testid='stAlertContentWarning']").count() == 1
    assert not page.js_errors


def font_px(page, selector: str) -> float:
    return float(
        page.locator(selector)
        .first.evaluate("e => getComputedStyle(e).fontSize")
        .removesuffix("px")
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_presentation_mode_hides_the_chrome_and_enlarges(page, lang: str) -> None:
    # a projector's screen: presentation type follows the window (test_slides_fit.py)
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_path(page, f"/story?slide=2&lang={lang}")
    sidebar = page.locator("[data-testid='stSidebar']")
    assert sidebar.is_visible()
    assert page.locator("[data-testid='stHeader']").is_visible()
    normal_h2 = font_px(page, "[data-testid='stMain'] h2")
    normal_p = font_px(page, "[data-testid='stMain'] [data-testid='stMarkdownContainer'] p")
    page.wait_for_selector(".js-plotly-plot")
    normal_chart = page.locator(".js-plotly-plot").first.bounding_box()["height"]

    page.locator(".st-key-story_present label").first.click()
    page.wait_for_url(re.compile(r"present=1"))
    settle(page)
    page.wait_for_function(
        "!document.querySelector(\"[data-testid='stSidebar']\")"
        " || getComputedStyle(document.querySelector(\"[data-testid='stSidebar']\")).display"
        " === 'none'"
    )
    assert not sidebar.is_visible()
    assert not page.locator("[data-testid='stHeader']").is_visible()
    assert not page.locator("[data-testid='stToolbar']").is_visible()
    assert font_px(page, "[data-testid='stMain'] h2") > normal_h2 * 1.2
    assert (
        font_px(page, "[data-testid='stMain'] [data-testid='stMarkdownContainer'] p")
        > normal_p * 1.2
    )
    page.wait_for_function(
        f"document.querySelector('.js-plotly-plot').getBoundingClientRect().height"
        f" > {normal_chart * 1.2}"
    )
    assert heading(page) == title(lang, 2)

    # the link reopens in presentation mode, and next keeps it
    open_path(page, page.url.removeprefix(page.base_url))
    assert not sidebar.is_visible() and heading(page) == title(lang, 2)
    click(page, "story_next")
    page.wait_for_url(re.compile(r"slide=3"))
    wait_heading(page, title(lang, 3))
    assert "present=1" in page.url and not sidebar.is_visible()

    page.locator(".st-key-story_present label").first.click()
    page.wait_for_url(lambda url: "present=" not in url)
    settle(page)
    sidebar.wait_for(state="visible")
    assert not page.js_errors


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_briefing_draws_every_chart_with_the_network_off(
    page, browser, tmp_path: Path, lang: str
) -> None:
    open_path(page, f"/story?lang={lang}")
    with page.expect_download(timeout=60000) as info:
        click(page, "story_briefing")
    download = info.value
    assert re.fullmatch(
        rf"briefing-{lang}-\d{{4}}-\d\d-\d\dT\d{{4}}\.html", download.suggested_filename
    )
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    doc = path.read_text(encoding="utf-8")
    charts = doc.count("Plotly.newPlot(")
    maps = doc.count('<div class="chart" data-kind="map">')
    assert (charts, maps) == (6, 3)  # no progress chart while nothing is recorded

    context = browser.new_context(offline=True, viewport={"width": 1200, "height": 900})
    asked: list[str] = []

    def only_the_file(route) -> None:
        url = route.request.url
        asked.append(url)
        if url.startswith("file://"):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", only_the_file)
    offline = context.new_page()
    errors: list[str] = []
    offline.on("pageerror", lambda e: errors.append(str(e)))
    offline.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        offline.goto(path.as_uri())
        offline.wait_for_function(
            f"document.querySelectorAll('.js-plotly-plot').length === {charts}", timeout=30000
        )
        offline.wait_for_function(
            "[...document.querySelectorAll('div.chart[data-kind=map]')].every("
            "d => d.querySelectorAll('path.choroplethlocation').length > 0)",
            timeout=30000,
        )
        assert offline.locator(".js-plotly-plot").count() == charts
        regions = [
            d.locator("path.choroplethlocation").count()
            for d in offline.locator("div.chart[data-kind=map]").all()
        ]
        assert regions == [13, 95, 34]
        bars = offline.locator("div.chart:not([data-kind=map]) .js-plotly-plot g.point path")
        assert bars.count() > 0
        assert [u for u in asked if not u.startswith("file://")] == []
        assert not errors
        text = offline.locator("body").inner_text()
        t = TITLES[lang]
        assert t("story.briefing_title") in text and t("app.as_of") in text
        offline.screenshot(path=str(tmp_path / "briefing.png"))
    finally:
        context.close()
