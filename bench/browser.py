"""First render in real Chromium: navigation start to the script finished and every chart
drawn, for each page and the empty page, through one server on the benchmark's entry."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.core.config import ROOT
from bench.pages import EMPTY_URL, PAGE_BUDGET, app_pages, url_of
from bench.table import Row, Table

BROWSER_RUNS = 3

# True (the time since navigation start) once the first script run has finished and
# every plotly chart has drawn (a map once its regions are filled).
RENDERED = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
  if (!document.querySelector("[data-testid='stSidebarNav']")) return false;
  if (document.querySelector("[data-testid='stSkeleton']")) return false;
  for (const chart of document.querySelectorAll("[data-testid='stPlotlyChart']")) {
    if (!chart.querySelector(".main-svg")) return false;
    if (chart.querySelector(".geo") && !chart.querySelector("path.choroplethlocation"))
      return false;
  }
  return performance.now();
}"""


@contextmanager
def bench_server(entry: Path, env: dict[str, str], *args: str) -> Iterator[str]:
    """A `streamlit run` of entry from the project folder (its .streamlit/config.toml),
    with extra command-line options; yields its URL."""
    from tests.e2e.conftest import free_port, stop_server, wait_healthy

    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(entry), "--server.port", str(port)]
    proc = subprocess.Popen(
        [*command, *args],
        cwd=ROOT,
        env={**os.environ, **env, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_healthy(port, limit_s=120)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_server(proc)


def first_render_ms(browser, url: str) -> float:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url, wait_until="commit", timeout=60000)
        handle = page.wait_for_function(RENDERED, polling=20, timeout=90000)
        ms = float(handle.json_value())
        if page.locator("[data-testid='stException']").count():
            raise RuntimeError(f"{url} shows an exception")
        if errors:
            raise RuntimeError(f"{url}: page errors {errors}")
        return ms
    finally:
        context.close()


def browser_renders(table: Table, entry: Path, env: dict[str, str], scale: str) -> None:
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

    if not CHROMIUM.exists():
        raise RuntimeError(f"no Chromium at {CHROMIUM}: install Debian's chromium package")
    paths = [f"/{EMPTY_URL}", *(url_of(s) for s in app_pages())]
    times: dict[str, list[float]] = {p: [] for p in paths}
    with bench_server(entry, env) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for path in paths:  # warm the server: caches, served boundaries
                first_render_ms(browser, f"{base}{path}?lang=zh")
            for _ in range(BROWSER_RUNS):
                for path in paths:
                    times[path].append(first_render_ms(browser, f"{base}{path}?lang=zh"))
        finally:
            browser.close()
    empty = statistics.median(times.pop(f"/{EMPTY_URL}"))
    table.add(Row(f"empty page first render ({empty:.0f} ms)", 1.0, "x empty", None))
    for path, samples in times.items():
        ms = statistics.median(samples)
        table.add(
            Row(f"{path} first render ({ms:.0f} ms)", ms / empty, "x empty", PAGE_BUDGET[scale])
        )
