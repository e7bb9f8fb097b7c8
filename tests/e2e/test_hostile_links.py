"""One shared link must not rewrite or kill the data every visitor sees.

A first session opens hostile workbench links (a write hidden by a comment trick, a query
that makes DuckDB invalidate its database, one that asks for gigabytes); each is refused
or stopped with a short message. A second session's pages still render and show the
source's figures, and the server's memory stays small (the queries ran in capped workers).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from tests.e2e.conftest import LOAD_SUMMARY, open_path, start_server, stop_server

HOSTILE = {
    "write": "EXPLAIN ANALYZE /* /* */ SELECT 1 -- */ DELETE FROM agencies WHERE level='county'",
    "fatal": "SELECT length(concat("
    + ", ".join(["s"] * 100)
    + ")) FROM (SELECT repeat('x', 50000000) AS s)",
    "memory": "SELECT repeat('x', 1000000) AS s FROM range(3000)",
}
EXPECTED = {
    "write": "EXPLAIN runs here only around a read-only query",
    "fatal": "made the query engine fail",
    "memory": "needed more memory than a query may use",
}


def peak_rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    line = next(ln for ln in status.splitlines() if ln.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


@pytest.fixture(scope="module")
def server(browser) -> tuple[object, str]:
    proc, url = start_server()
    yield proc, url
    stop_server(proc)


def test_hostile_links_leave_other_sessions_intact(browser, server, request) -> None:
    proc, url = server
    attacker = browser.new_context().new_page()
    attacker.base_url = url
    for name, sql in HOSTILE.items():
        open_path(attacker, f"/workbench?lang=en&sql={quote(sql)}")
        main = attacker.locator("[data-testid='stMain']")
        main.get_by_text(EXPECTED[name]).wait_for(timeout=30000)
        assert "Traceback" not in main.inner_text()

    reader = browser.new_context().new_page()
    reader.base_url = url
    open_path(reader, "/?lang=en")
    main = reader.locator("[data-testid='stMain']").inner_text()
    assert "Counties with an agency" in main and "76" in main
    assert "Differs from the source" not in main
    for path in ("/structure?lang=en", "/gap?lang=en"):
        open_path(reader, path)
    # the workbench answers again, from a fresh worker where the last one faulted
    analyst = browser.new_context().new_page()
    analyst.base_url = url
    open_path(analyst, "/workbench?lang=en&sql=" + quote("SELECT n FROM v_county_host"))
    analyst.locator("[data-testid='stMain']").get_by_text("6 rows").first.wait_for(timeout=30000)
    analyst.context.close()

    peak = peak_rss_mb(proc.pid)
    request.config.stash.setdefault(LOAD_SUMMARY, []).append(
        f"hostile links: server peak RSS {peak:.0f} MB (queries ran in capped workers)"
    )
    assert peak < 1024, f"the server itself grew to {peak:.0f} MB"
    attacker.context.close()
    reader.context.close()
