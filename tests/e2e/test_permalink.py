"""Permalinks in real Chromium: change a view, copy its link from the page, open the link in a
NEW browser context (a new browser: no session, no cookies), and see the same view. Bad or
stale links fall back with a notice. One server on a private data copy with an imported
roster published, so the snapshot choice is exercised too."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator

import pandas as pd
import pytest
from playwright.sync_api import expect

from app import roster
from app.core import permalink
from app.core.config import ROOT, DataPaths
from app.data import snapshots
from app.data.store import SqliteStore
from tests.actors import LOCAL
from tests.conftest import copy_data
from tests.e2e.conftest import open_path, settle, start_server, stop_server

FIXTURE = ROOT / "tests" / "fixtures" / "roster_named_counties.csv"
LINE = "government_services_office"
PAGES = ("/", "/structure", "/models", "/compare", "/gap", "/scenarios", "/checklist")
PAGES += ("/workbench", "/dictionary", "/import", "/story")


@pytest.fixture(scope="module")
def link_server(
    browser, built_data: DataPaths, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    """(base URL, imported snapshot id): the roster has one county moved onto the line,
    imported and published, so it is what every page shows by default."""
    paths = copy_data(built_data, tmp_path_factory.mktemp("permalink") / "data")
    state = paths.root.parent / "state" / "atlas_state.sqlite"  # the server's and ours
    store = SqliteStore(state)
    frame = pd.read_csv(FIXTURE, dtype=str, keep_default_na=False)
    first = frame.index[(frame["level"] == "county") & (frame["host"] != LINE)][0]
    frame.loc[first, "host"] = LINE
    data = frame.to_csv(index=False).encode()
    result = roster.import_roster(paths, data, FIXTURE.name, "", LOCAL, store=store)
    assert result.snapshot is not None
    snapshots.publish(result.snapshot.snapshot_id, LOCAL, store)
    proc, url = start_server({"ATLAS_DATA_DIR": str(paths.root), "ATLAS_STATE_DB": str(state)})
    yield url, result.snapshot.snapshot_id
    stop_server(proc)


@pytest.fixture
def lpage(browser, link_server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.base_url = link_server[0]  # type: ignore[attr-defined]
    yield page
    context.close()


def copied_link(page) -> str:
    """Open the sidebar's copy-link popover and read the URL it offers."""
    page.locator("[data-testid='stSidebar'] [data-testid='stPopover'] button").first.click()
    code = page.locator("[data-testid='stPopoverBody'] [data-testid='stCode'] code")
    code.first.wait_for(timeout=10000)
    text = code.first.inner_text().strip()
    page.keyboard.press("Escape")
    return text


def in_new_browser(browser, url: str):
    """A fresh context (as another person's browser) opened at url."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(url)
    settle(page)
    assert page.locator("[data-testid='stException']").count() == 0
    return page


def heading(page) -> str:
    return page.locator("[data-testid='stMain'] :is(h1, h2)").first.inner_text()


def main_text(page) -> str:
    return page.locator("[data-testid='stMain']").inner_text()


def metric(page, label: str) -> str:
    box = page.locator("[data-testid='stMetric']").filter(has_text=re.compile(label))
    return box.first.locator("[data-testid='stMetricValue']").inner_text()


def checked(page, key: str) -> bool:
    return page.locator(f".st-key-{key} input").first.is_checked()


def select_option(page, key: str, option: str) -> None:
    page.locator(f".st-key-{key} [data-testid='stSelectbox']").first.click()
    page.get_by_role("option", name=option, exact=True).click()
    settle(page)


# The toasts' text once one has text: a toast is drawn before its text, and leaves again.
TOAST_TEXT_JS = """() => [...document.querySelectorAll("[data-testid='stToast']")]
  .map(t => t.innerText.trim()).filter(Boolean).join(" ") || false"""


def toast_text(page) -> str:
    return page.wait_for_function(TOAST_TEXT_JS, timeout=60000, polling=25).json_value()


@pytest.mark.parametrize("path", PAGES)
def test_every_page_offers_a_link_to_itself(lpage, link_server, path: str) -> None:
    """The copy-link pop-over of every page in a real browser names the page, the language
    and the published snapshot. That each page's link reopens it as it is, is checked for
    every page in both languages under AppTest (tests/test_permalink.py); reopening in a
    new browser is checked below for each kind of view state."""
    base, snapshot = link_server
    open_path(lpage, f"{path}?lang=en")
    link = copied_link(lpage)
    got_path, params = permalink.parse(link)
    assert link.startswith(base + path.rstrip("/"))
    assert got_path == path.strip("/")
    assert params["lang"] == ["en"] and params["snapshot"] == [snapshot]


def test_structure_filters_language_and_seed_reopen(lpage, browser) -> None:
    open_path(lpage, "/structure?lang=zh")
    # English, the seed, county level, by nature
    lpage.locator("[data-testid='stSidebar'] button").filter(has_text="English").click()
    settle(lpage)
    select_option(lpage, "snapshot", "The article's data (seed)")  # the id stays in the URL
    lpage.locator(".st-key-level_county label").first.click()
    settle(lpage)
    lpage.locator(".st-key-by_nature label").first.click()
    settle(lpage)
    shown = metric(lpage, "Agencies shown")
    assert shown == "76"
    link = copied_link(lpage)
    params = permalink.parse(link)[1]
    assert params["lang"] == ["en"] and params["snapshot"] == ["seed"]
    assert permalink.parse(lpage.url)[1]["snapshot"] == ["seed"]  # by id, not by its name
    assert params["level_county"] == ["true"] and params["by_nature"] == ["true"]
    assert permalink.parse(lpage.url)[1]["level_county"] == ["true"]  # the address bar agrees

    other = in_new_browser(browser, link)
    try:
        assert metric(other, "Agencies shown") == "76"
        assert checked(other, "level_county") and checked(other, "by_nature")
        assert not checked(other, "level_city")
        assert (
            other.locator(".st-key-snapshot input").first.input_value()
            == "The article's data (seed)"
        )
        assert copied_link(other) == link
    finally:
        other.context.close()


def test_published_snapshot_is_named_in_the_link(lpage, browser, link_server) -> None:
    _, snapshot = link_server
    open_path(lpage, "/gap?lang=en")
    # metrics arrive lazily on a busy machine: wait until the last one is drawn
    last = lpage.locator("[data-testid='stMetricValue']").last
    with contextlib.suppress(AssertionError):  # the assert below says what it shows
        expect(last).to_have_text("1%", timeout=30000)
    values = lpage.locator("[data-testid='stMetricValue']").all_inner_texts()
    assert values[-1] == "1%"  # county alignment of the imported roster: 1/76
    link = copied_link(lpage)
    assert permalink.parse(link)[1]["snapshot"] == [snapshot]
    other = in_new_browser(browser, link.replace(snapshot, "seed"))
    try:
        assert other.locator("[data-testid='stMetricValue']").all_inner_texts()[-1] == "0%"
    finally:
        other.context.close()


def test_compare_and_dictionary_choices_reopen(lpage, browser) -> None:
    open_path(lpage, "/compare?lang=en")
    before = lpage.locator("h3").all_inner_texts()
    lpage.locator(".st-key-peer [data-testid='stSelectbox']").first.click()
    options = lpage.get_by_role("option").all_inner_texts()
    current = lpage.locator(".st-key-peer input").first.input_value()
    choice = next(o.strip() for o in options if o.strip() and o.strip() != current)
    lpage.get_by_role("option", name=choice, exact=True).click()
    settle(lpage)
    after = lpage.locator("h3").all_inner_texts()
    assert after != before and choice in after
    link = copied_link(lpage)
    assert permalink.parse(link)[1]["peer"] == [choice]
    other = in_new_browser(browser, link)
    try:
        assert other.locator("h3").all_inner_texts() == after
    finally:
        other.context.close()

    open_path(lpage, "/dictionary?lang=zh")
    select_option(lpage, "object", "v_county_host")
    link = copied_link(lpage)
    assert permalink.parse(link)[1]["object"] == ["v_county_host"]
    other = in_new_browser(browser, link)
    try:
        assert "v_county_host" in other.locator("h3").all_inner_texts()
    finally:
        other.context.close()


def test_checklist_status_filter_reopens(lpage, browser) -> None:
    open_path(lpage, "/checklist?lang=en")
    lpage.locator(".st-key-ck_status input").first.click()
    lpage.get_by_role("option", name="Not started", exact=True).click()
    lpage.keyboard.press("Escape")
    settle(lpage)
    link = copied_link(lpage)
    assert permalink.parse(link)[1]["status"] == ["not_started"]
    shown = [
        t for t in lpage.locator("[data-testid='stCaption']").all_inner_texts() if "Showing" in t
    ]
    other = in_new_browser(browser, link)
    try:
        other.locator(".st-key-ck_status [data-tag]").first.wait_for(timeout=10000)
        tags = other.locator(".st-key-ck_status [data-tag] span[title]").all_inner_texts()
        assert [t.strip() for t in tags] == ["Not started"], (other.url, main_text(other)[:300])
        again = [
            t
            for t in other.locator("[data-testid='stCaption']").all_inner_texts()
            if "Showing" in t
        ]
        assert again == shown
    finally:
        other.context.close()


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/structure?lang=en&host_foo=true", "host"),
        ("/structure?lang=en&snapshot=nope", "nope"),
        ("/gap?lang=fr", "fr"),
        ("/dictionary?lang=en&object=v_nope", "v"),
    ],
)
def test_bad_links_fall_back_with_a_notice(lpage, path: str, expected: str) -> None:
    # the notice is a toast that leaves after a few seconds: read it as soon as it shows,
    # not after the run has settled (on a busy machine it may be gone by then)
    lpage.goto(lpage.base_url + path)
    text = toast_text(lpage)
    settle(lpage)
    assert lpage.locator("[data-testid='stException']").count() == 0
    assert expected in text
    assert lpage.locator("h1").count() >= 1
    link = copied_link(lpage)
    params = permalink.parse(link)[1]
    assert "host_foo" not in params and params["snapshot"] != ["nope"]
    assert params["lang"] in (["en"], ["zh"])
    if "lang=fr" in path:
        assert params["lang"] == ["zh"]


def test_story_slide_reopens(lpage, browser) -> None:
    open_path(lpage, "/story?lang=en&slide=3")
    third = heading(lpage)
    lpage.locator(".st-key-story_next button").first.click()
    settle(lpage)
    link = copied_link(lpage)
    assert permalink.parse(link)[1]["slide"] == ["4"]
    title = heading(lpage)
    assert title != third
    other = in_new_browser(browser, link)
    try:
        assert heading(other) == title
    finally:
        other.context.close()
