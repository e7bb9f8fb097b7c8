"""`make bench`'s load section: bench/load.py against real `streamlit run` servers.

Rows: steady state (DESIGN.md: sessions opened over 10 s, each changing a facet every
5 s) for 20, 50 and 100 sessions on one server (and 50 with Streamlit's post-run garbage
collection back on, its default, for reference) and 100 over two replicas sharing one
PostgreSQL (ATLAS_STATE_URL; sessions split evenly, as sticky sessions behind a load
balancer would be); budget p95 <= 1 s at 50 sessions on one server. Then a burst of 50
new sessions on /structure against one on a bare page (title + one line): budget 1.5x.
One session's back-to-back facet changes give a rerun's cost without contention: at
50 sessions x one change per 5 s the server must serve 10 reruns a second, and Python
runs one script thread at a time (the GIL), so 1 / that cost bounds what one server holds.
"""

from __future__ import annotations

import asyncio
import os
from contextlib import ExitStack
from pathlib import Path

from app.core.config import ROOT
from bench.browser import bench_server as server
from bench.load import PAGE, QUERY, Result, first_loads, p50, p95, run_load
from bench.table import Row, Table

LEVELS = (20, 50, 100)
BUDGET_SESSIONS, BUDGET_S = 50, 1.0
REPLICAS = 2
DURATION_S = 30.0  # each steady session changes a facet for this long (6 changes)
BURST = 50
BURST_BUDGET = 1.5
BARE_PAGE = 'import streamlit as st\n\nst.title("Bare page")\nst.write("One line.")\n'


def warm(urls: list[str]) -> None:
    """One session per server first: the data caches fill once, as on a server in use."""
    result = asyncio.run(run_load(urls, len(urls), "burst"))
    if result.failures:
        raise RuntimeError(f"the load client failed on a warm server: {result.failures[0]}")


def machine_load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} CPUs"


def steady_rows(table: Table, urls: list[str], sessions: int, where: str) -> Result:
    print(f"  ({machine_load()} before {sessions} sessions {where})", flush=True)
    result = asyncio.run(run_load(urls, sessions, "steady", DURATION_S))
    failed = f", {len(result.failures)} FAILED" if result.failures else ""
    name = f"steady, {sessions} sessions {where}{failed}"
    budget = BUDGET_S if (sessions, where) == (BUDGET_SESSIONS, "on one server") else None
    table.add(Row(f"{name}: facet change p50", p50(result.changes), "s", None))
    table.add(Row(f"{name}: facet change p95", p95(result.changes), "s", budget))
    table.add(Row(f"{name}: first load p50", p50(result.first), "s", None))
    table.add(Row(f"{name}: first load p95", p95(result.first), "s", None))
    for failure in result.failures[:3]:
        print(f"  {failure}")
    return result


SERIAL = 20  # facet changes back to back by one session: a rerun's cost, no contention


def serial_row(table: Table, url: str, where: str) -> None:
    result = asyncio.run(run_load([url], 1, "serial", SERIAL))
    if result.failures:
        raise RuntimeError(result.failures[0])
    what = f"one session, {SERIAL} changes back to back{where}: median"
    table.add(Row(what, p50(result.changes), "s", None))


def load_section(table: Table, folder: Path) -> None:
    from tests.postgres import MISSING, binaries, running_postgres

    app = ROOT / "streamlit_app.py"
    state = {"ATLAS_STATE_DB": str(folder / "load_state.sqlite")}
    table.section(
        f"load: /structure over Streamlit's websocket (bench/load.py), steady state:"
        f" {DURATION_S:g} s of facet changes every 5 s (budget p95 <= {BUDGET_S:g} s at"
        f" {BUDGET_SESSIONS} sessions, one server)"
    )
    with server(app, state) as url:
        warm([url])
        serial_row(table, url, "")
        for sessions in LEVELS:
            steady_rows(table, [url], sessions, "on one server")
    # the largest single cost measured under this load: Streamlit's full gc.collect()
    # after every script run, which .streamlit/config.toml turns off (runner.postScriptGC);
    # Streamlit's default, printed for reference
    with server(app, state, "--runner.postScriptGC", "true") as url:
        warm([url])
        serial_row(table, url, ", postScriptGC on (Streamlit's default)")
        steady_rows(table, [url], BUDGET_SESSIONS, "on one server, postScriptGC on")
    with ExitStack() as stack:
        if binaries() is None:
            print(f"  (no PostgreSQL: {MISSING}; the replicas share one SQLite file)")
            shared = state
        else:
            shared = {"ATLAS_STATE_URL": stack.enter_context(running_postgres())}
        urls = [stack.enter_context(server(app, shared)) for _ in range(REPLICAS)]
        warm(urls)
        steady_rows(table, urls, LEVELS[-1], f"over {REPLICAS} replicas")

    table.section(f"load: a burst of {BURST} new sessions (budget {BURST_BUDGET:g}x a bare page)")
    bare = folder / "bare_page.py"
    bare.write_text(BARE_PAGE, encoding="utf-8")
    walls = {}
    for name, script, page, query in (
        ("/structure", app, PAGE, QUERY),
        ("a bare page", bare, "", ""),
    ):
        with server(script, state) as url:
            first = asyncio.run(first_loads(url, 1, page, query))  # a warm server
            if first.failures:
                raise RuntimeError(first.failures[0])
            print(f"  ({machine_load()} before the burst on {name})", flush=True)
            result = asyncio.run(first_loads(url, BURST, page, query))
            walls[name] = result.wall
            failed = f", {len(result.failures)} FAILED" if result.failures else ""
            table.add(
                Row(f"burst on {name}{failed}: until every session loaded", result.wall, "s", None)
            )
            table.add(Row(f"burst on {name}: first load p95", p95(result.first), "s", None))
    ratio = walls["/structure"] / walls["a bare page"]
    table.add(Row("burst: /structure as a multiple of a bare page", ratio, "x", BURST_BUDGET))
