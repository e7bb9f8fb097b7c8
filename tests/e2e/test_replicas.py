"""Two replicas of the app (two `streamlit run` servers) over one PostgreSQL and one data
folder, as behind a load balancer: what one writes, the other shows on its next run; two
saves of one item made at once on the two replicas give one success and one conflict."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest

from app import roster
from app.core.config import data_paths
from app.core.roles import Actor, Role
from app.data import snapshots
from app.data.store import PostgresStore
from tests import postgres
from tests.e2e.conftest import open_path, settle, start_server, stop_server
from tests.test_roster import FIXTURE

pytestmark = pytest.mark.e2e

ITEM = "rec-1.2"
SAVED = f"Saved {ITEM} (version 1)."
CONFLICT = "Not saved:"


@pytest.fixture(scope="module")
def replicas(browser, postgres_server: str) -> Iterator[tuple[str, str, str]]:
    """Two servers sharing one fresh PostgreSQL database; yields (url1, url2, state url)."""
    state = postgres.fresh_database(postgres_server)
    env = {"ATLAS_STATE_URL": state}
    first, url1 = start_server(env=env)
    try:
        second, url2 = start_server(env=env)
    except RuntimeError:
        stop_server(first)
        raise
    yield url1, url2, state
    stop_server(first)
    stop_server(second)


def open_on(browser, base: str, path: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.base_url = base  # type: ignore[attr-defined]
    open_path(page, path)
    return page


def fill_item(page, name: str, owner: str) -> None:
    main = page.locator("[data-testid='stMain']")
    who = main.get_by_role("textbox", name="Your name (recorded in the change log)")
    if who.count():
        who.fill(name)
        who.press("Enter")
        settle(page)
    main.get_by_role("textbox", name="Owner").fill(owner)
    main.get_by_role("textbox", name="Owner").press("Tab")


def test_saves_at_once_on_two_replicas_give_one_success_and_one_conflict(browser, replicas) -> None:
    url1, url2, _ = replicas
    path = f"/checklist?lang=en&item={ITEM}"
    one, two = open_on(browser, url1, path), open_on(browser, url2, path)
    fill_item(one, "Replica one", "Office one")
    fill_item(two, "Replica two", "Office two")
    save = "[data-testid='stMain'] button:has-text('Save')"
    one.locator(save).first.click(no_wait_after=True)
    two.locator(save).first.click(no_wait_after=True)
    settle(one)
    settle(two)
    texts = [p.locator("[data-testid='stMain']").inner_text() for p in (one, two)]
    outcomes = sorted("saved" if SAVED in t else "conflict" if CONFLICT in t else t for t in texts)
    assert outcomes == ["conflict", "saved"]
    # the replica that lost shows, on its next run, what the other saved
    loser, winner_owner = (two, "Office one") if SAVED in texts[0] else (one, "Office two")
    loser.reload()
    settle(loser)
    owner = loser.locator("[data-testid='stMain']").get_by_role("textbox", name="Owner")
    assert owner.input_value() == winner_owner
    for page in (one, two):
        page.context.close()


def test_a_publish_on_one_replica_is_seen_on_the_others_next_run(browser, replicas) -> None:
    url1, url2, state = replicas
    editor = Actor("oidc:ed@example.org", "Ed", Role.EDITOR)
    result = roster.import_roster(
        data_paths(),
        FIXTURE.read_bytes(),
        "replica.csv",
        "",
        editor,
        datetime(2026, 11, 27),
        PostgresStore(state),
    )
    assert result.snapshot is not None
    reader = open_on(browser, url2, "/structure?lang=en")
    sidebar = reader.locator("[data-testid='stSidebar']")
    assert "imported roster" not in sidebar.inner_text()  # a draft: not shown to readers

    admin = open_on(browser, url1, "/import?lang=en")  # loopback: the local admin
    admin.get_by_role("button", name="Publish", exact=True).click()
    admin.get_by_text("every reader now sees it").wait_for(timeout=30000)
    assert snapshots.published_id(PostgresStore(state)) == result.snapshot.snapshot_id

    reader.keyboard.press("r")  # the reader's next run (Streamlit's rerun key)
    settle(reader)
    reader.get_by_text("Figures from an imported roster").first.wait_for(timeout=30000)
    assert "replica.csv" in sidebar.inner_text()
    for page in (reader, admin):
        page.context.close()
