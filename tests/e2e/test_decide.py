"""The checklist in a real browser: an edit is still there after a page reload."""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.checklist.store import audit_log
from app.data.store import SqliteStore
from tests.e2e.conftest import open_path, settle, start_server, stop_server

pytestmark = pytest.mark.e2e

NOTE = '<b>kick-off</b> on Monday =HYPERLINK("http://x")'


@pytest.fixture(scope="module")
def state_server(browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A server of our own whose state file is a temporary one (never data/)."""
    state = tmp_path_factory.mktemp("state") / "atlas_state.sqlite"
    proc, url = start_server(env={"ATLAS_STATE_DB": str(state)})
    yield url, state
    stop_server(proc)


@pytest.fixture
def decide_page(browser, state_server):
    url, _ = state_server
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.base_url = url  # type: ignore[attr-defined]
    pg.js_errors = errors  # type: ignore[attr-defined]
    yield pg
    context.close()


def test_checklist_edit_survives_a_reload(decide_page, state_server) -> None:
    page = decide_page
    open_path(page, "/checklist?lang=en&item=rec-1.2")
    main = page.locator("[data-testid='stMain']")
    name = main.get_by_role("textbox", name="Your name (recorded in the change log)")
    name.fill("Browser tester")
    name.press("Enter")
    settle(page)
    main.get_by_role("textbox", name="Owner").fill("General office")
    main.get_by_role("textbox", name="Notes").fill(NOTE)
    main.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("Saved rec-1.2 (version 1).").wait_for(timeout=30000)

    page.reload()
    settle(page)
    main = page.locator("[data-testid='stMain']")
    assert main.get_by_role("textbox", name="Notes").input_value() == NOTE
    assert main.get_by_role("textbox", name="Owner").input_value() == "General office"
    assert "Editing version 1 of this item." in main.inner_text()
    # the note is text, never markup: no <b> element was created from it
    assert main.locator("b", has_text="kick-off").count() == 0
    log = audit_log("rec-1.2", SqliteStore(state_server[1]))
    # a browser on this computer edits as its local user; the typed name is only shown
    assert set(log["who"]) == {"local:" + getpass.getuser()}
    assert set(log["who_name"]) == {"Browser tester"}
    assert not page.js_errors
