"""The server-side load client (bench/load.py, bench/protocol.py) against a real server.

Behaviour only, no timing: five sessions load /structure and change a facet over
Streamlit's own websocket protocol; every one reaches script_finished, the change
changes what the page shows, and no page shows an exception. A facet change the server
ignores (a widget id it does not know) is reported, not passed silently.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from app.core.config import DataPaths
from bench.load import PAGE, QUERY, SHOWN, run_load
from bench.protocol import ProtocolError, Session
from tests.conftest import copy_data
from tests.e2e.conftest import start_server, stop_server

SESSIONS = 5


def in_own_loop(coroutine):
    """Run the coroutine on a thread of its own: under pytest-xdist a browser test's
    Playwright may hold an event loop running on this thread (asyncio.run refuses then)."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


@pytest.fixture(scope="module")
def server(built_data: DataPaths, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("load_client")
    paths = copy_data(built_data, tmp / "data")
    proc, url = start_server(
        {"ATLAS_DATA_DIR": str(paths.root), "ATLAS_STATE_DB": str(tmp / "state.sqlite")}
    )
    yield url
    stop_server(proc)


def test_sessions_load_structure_and_change_a_facet(server: str) -> None:
    result = in_own_loop(run_load([server], SESSIONS, "burst"))
    assert result.failures == []
    assert result.loaded == SESSIONS
    assert len(result.first) == len(result.changes) == SESSIONS


def test_a_facet_change_changes_the_page_and_back(server: str) -> None:
    async def steps() -> None:
        s = Session(server, PAGE, QUERY)
        try:
            first = await s.open()
            assert first.exceptions == []
            everyone = first.metrics()[SHOWN]
            city = sorted(k for k in first.widgets if k.startswith("city_"))[0]
            assert "lang=zh" in s.query

            ticked = await s.set_checkbox(city, True)
            assert ticked.exceptions == []
            assert ticked.metrics()[SHOWN] != everyone
            # the other facets' counts follow the filter too (labels "市级 (n)")
            assert ticked.labels("Checkbox") != first.labels("Checkbox")

            unticked = await s.set_checkbox(city, False)
            assert unticked.metrics()[SHOWN] == everyone
            # elements the client said it had cached came back as references, resolved
            assert unticked.refs > 0
        finally:
            await s.close()

    in_own_loop(steps())


def test_a_change_the_server_ignores_is_caught(server: str) -> None:
    async def steps() -> tuple[str, str]:
        s = Session(server, PAGE, QUERY)
        try:
            first = await s.open()
            city = sorted(k for k in first.widgets if k.startswith("city_"))[0]
            with pytest.raises(ProtocolError):
                await s.set_checkbox("no_such_widget", True)
            # a wrong widget id: the server keeps the page as it was
            _, element = first.widgets[city]
            first.widgets[city] = ("$$ID-0000-" + city, element)
            again = await s.set_checkbox(city, True)
            return first.metrics()[SHOWN], again.metrics()[SHOWN]
        finally:
            await s.close()

    before, after = in_own_loop(steps())
    assert before == after


def test_percentiles() -> None:
    from bench.load import p50, p95

    samples = [float(n) for n in range(1, 101)]
    assert p50(samples) == 50.5
    assert p95(samples) == 95.0
    assert p95([3.0]) == 3.0


def test_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="burst, steady or serial"):
        in_own_loop(run_load(["http://127.0.0.1:9"], 1, "nonsense"))
