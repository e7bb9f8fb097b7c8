"""User and imported text shows as text in a real browser: no link, no image, no maths.

A private data folder; the roster is imported through the /import page under a hostile
file name, with hostile agency names and excerpt (tests/hostile_text.py). Then the pages
that show them — the overview, /structure, /story?slide=2 (a long name as text, a short
one as a metric), /import and a /workbench link whose error echoes its SQL — must hold no
<a> or <img> made from that text, and the browser must request nothing beyond 127.0.0.1.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from app.core import md
from app.core.config import ROOT, DataPaths
from app.data.build import build
from tests import hostile_text as hostile
from tests.e2e.conftest import open_path, settle, start_server, stop_server

pytestmark = pytest.mark.e2e

LOOPBACK = {"127.0.0.1", "localhost"}
# Links or images the text could have become; heading anchors (#...) are the app's own.
MADE_FROM_TEXT = (
    "[data-testid='stMarkdownContainer'] a:not([href^='#']), "
    "[data-testid='stMarkdownContainer'] img, "
    "[href*='evil.'], [src*='evil.'], [href^='mailto:'], .katex"
)


@pytest.fixture(scope="module")
def server(browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("user_text")
    paths = DataPaths(root / "data")
    shutil.copytree(ROOT / "data" / "sources", paths.sources)
    build(paths)
    env = {"ATLAS_DATA_DIR": str(paths.root), "ATLAS_STATE_DB": str(root / "state.sqlite")}
    proc, url = start_server(env)
    yield url
    stop_server(proc)


@pytest.fixture
def page(browser, server: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    outside: list[str] = []

    def only_loopback(route) -> None:
        url = route.request.url
        if url.startswith(("data:", "blob:")) or urlsplit(url).hostname in LOOPBACK:
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    pg.route("**/*", only_loopback)
    pg.on(
        "request",
        lambda r: None if urlsplit(r.url).hostname in LOOPBACK else outside.append(r.url),
    )
    pg.base_url = server  # type: ignore[attr-defined]
    pg.outside = outside  # type: ignore[attr-defined]
    yield pg
    context.close()


def shown(page) -> str:
    """The page's text as a reader sees it (the escaping's word joiners are invisible)."""
    return page.locator("[data-testid='stApp']").inner_text().replace(md.WORD_JOINER, "")


def assert_shows(page, text: str, limit_s: float = 30) -> None:
    """The text appears as typed (spacing aside); a slow page may still be drawing."""
    wanted = " ".join(text.split())
    end = time.monotonic() + limit_s
    while " ".join(shown(page).split()).count(wanted) == 0:
        assert time.monotonic() < end, (wanted, shown(page))
        time.sleep(0.5)


def assert_inert(page) -> None:
    made = page.locator(MADE_FROM_TEXT)
    assert made.count() == 0, [
        made.nth(i).evaluate("e => e.outerHTML") for i in range(made.count())
    ]
    assert not [u for u in page.outside if not u.startswith(("data:", "blob:"))], page.outside


def upload(page, name: str, data: bytes) -> None:
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": data}]
    )
    page.wait_for_load_state("networkidle")  # the upload itself
    settle(page)
    page.locator(".st-key-imp_submit button").click()
    settle(page)


def test_imported_names_and_file_names_show_as_text(page) -> None:
    open_path(page, "/import?lang=en")
    upload(page, hostile.BAD_FILE_NAME, hostile.bad_roster_bytes())
    assert_inert(page)
    assert f"{hostile.BAD_FILE_NAME} was not imported" in shown(page)

    upload(page, hostile.FILE_NAME, hostile.roster_bytes())
    assert_inert(page)
    alert = page.locator("[data-testid='stAlertContentSuccess']")
    assert hostile.FILE_NAME in alert.inner_text().replace(md.WORD_JOINER, "")

    # the import is a draft, opened in the importer's session through its link
    (draft,) = parse_qs(urlsplit(page.url).query)["snapshot"]
    # a new session opening the draft's link: the sidebar names the import
    open_path(page, f"/import?lang=en&snapshot={draft}")
    sidebar = page.locator("[data-testid='stSidebar'] [data-testid='stCaptionContainer']")
    assert hostile.FILE_NAME in " ".join(sidebar.all_inner_texts()).replace(md.WORD_JOINER, "")
    assert_inert(page)

    for path, name in (
        ("/?lang=zh", hostile.NAME_ZH),
        ("/?lang=en", hostile.NAME_EN),
        ("/story?lang=zh&slide=2", hostile.NAME_ZH),
        ("/story?lang=en&slide=2", hostile.NAME_EN),
    ):
        open_path(page, f"{path}&snapshot={draft}")
        assert_shows(page, name)
        settle(page)
        assert_inert(page)

    open_path(page, f"/structure?lang=en&snapshot={draft}")
    assert_inert(page)
    page.goto(page.base_url + f"/?lang=en&snapshot={draft}")
    settle(page)
    page.get_by_role("button", name="Source").last.click()  # the centre's source popover
    popover = page.locator("[data-testid='stPopoverBody']")
    assert "excerpt.png" in popover.inner_text()
    assert_inert(page)


def test_a_workbench_link_shows_its_error_as_text(page) -> None:
    open_path(page, f"/workbench?lang=en&sql={quote(hostile.SQL)}")
    assert_inert(page)
    error = page.locator("[data-testid='stAlertContentError']")
    assert f"www.{hostile.EVIL}" in error.inner_text().replace(md.WORD_JOINER, "")
