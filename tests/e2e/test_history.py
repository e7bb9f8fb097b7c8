"""Browser Back and Forward in real Chromium at 1366x768: after two facet clicks on
/structure (or two checklist filter changes), Back steps back through the views (never out
of the app) and each step shows what its URL says; the sidebar's copy-link button is
visible without scrolling."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.e2e.conftest import open_path, settle, start_server, stop_server

COUNTY, OFFICE = "level_county", "host_government_general_office"
# what /structure shows for each set of facets the URL names (v_agencies, the seed)
SHOWN = {frozenset(): 90, frozenset({COUNTY}): 76, frozenset({COUNTY, OFFICE}): 43}


@pytest.fixture(scope="module")
def history_server(browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One server for the module, with its own (empty) checklist store."""
    state = tmp_path_factory.mktemp("history") / "state.sqlite"
    proc, url = start_server(env={"ATLAS_STATE_DB": str(state)})
    yield url
    stop_server(proc)


@pytest.fixture
def small(browser, history_server: str):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.base_url = history_server  # type: ignore[attr-defined]
    page.js_errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()


def shown(page) -> int:
    metric = page.locator("[data-testid='stMetric']").filter(
        has_text=re.compile("Agencies shown|显示的机构")
    )
    return int(metric.locator("[data-testid='stMetricValue']").inner_text())


def facet(page, key: str):
    return page.locator(f".st-key-{key} [data-testid='stCheckbox']")


def facets_in_url(page) -> frozenset[str]:
    query = parse_qs(urlsplit(page.url).query)
    return frozenset(k for k in (COUNTY, OFFICE) if query.get(k) == ["true"])


def assert_page_matches_url(page, expected: frozenset[str]) -> None:
    """Still in the app, the URL names `expected`, and the page shows that view."""
    assert page.url.startswith(page.base_url + "/structure"), page.url
    settle(page)
    assert facets_in_url(page) == expected, page.url
    assert shown(page) == SHOWN[expected]
    for key in (COUNTY, OFFICE):
        assert facet(page, key).locator("input").is_checked() == (key in expected), key


def test_back_steps_through_facet_clicks_and_the_page_follows_its_url(small) -> None:
    page = small
    open_path(page, "/structure?lang=zh")
    assert_page_matches_url(page, frozenset())
    facet(page, COUNTY).locator("label").click()
    page.wait_for_url(re.compile(COUNTY))
    assert_page_matches_url(page, frozenset({COUNTY}))
    facet(page, OFFICE).locator("label").click()
    page.wait_for_url(re.compile(OFFICE))
    assert_page_matches_url(page, frozenset({COUNTY, OFFICE}))

    page.go_back()
    assert_page_matches_url(page, frozenset({COUNTY}))
    page.go_back()
    assert_page_matches_url(page, frozenset())
    page.go_forward()
    assert_page_matches_url(page, frozenset({COUNTY}))
    assert not page.js_errors


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_copy_link_is_visible_without_scrolling_at_1366x768(small, lang: str) -> None:
    open_path(small, f"/structure?lang={lang}")
    button = small.locator("[data-testid='stSidebar'] [data-testid='stPopover'] button").first
    box = button.bounding_box()
    assert box is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= 768, box


def items_shown(page) -> str:
    caption = page.locator("[data-testid='stCaptionContainer']").filter(
        has_text=re.compile(r"\d+ of \d+ items shown")
    )
    return caption.first.inner_text()


def choose_status(page, name: str) -> None:
    page.get_by_role("combobox", name="Filter by status").click()
    page.get_by_role("option", name=name).click()
    page.keyboard.press("Escape")


def test_back_restores_a_filter_the_page_keeps_in_the_url_by_code(small) -> None:
    """The checklist's status filter is written to ?status= by a callback (not a bound
    widget): Back must restore the page's filter as well as the URL."""
    page = small
    open_path(page, "/checklist?lang=en")
    everything = items_shown(page)
    assert not everything.startswith("0 of")
    choose_status(page, "Done")  # nothing is recorded in a fresh state store: none shown
    page.wait_for_url(re.compile("status=done"))
    settle(page)
    assert items_shown(page).startswith("0 of")
    choose_status(page, "Not recorded")  # every item
    page.wait_for_url(re.compile("not_recorded"))
    settle(page)
    assert items_shown(page) == everything

    page.go_back()
    assert page.url.startswith(page.base_url + "/checklist"), page.url
    settle(page)
    assert "status=done" in page.url and "not_recorded" not in page.url
    assert items_shown(page).startswith("0 of")
    page.go_back()
    settle(page)
    assert "status=" not in page.url
    assert items_shown(page) == everything
