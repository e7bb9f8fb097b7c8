"""Load: 20 browser sessions at once on one server, each filtering and switching language.

Each session (its own browser context, so its own Streamlit session) opens /structure in
one language, ticks a facet checkbox, switches language, ticks a second checkbox, and
after every change checks its own view: the "shown" count computed from the same data
for its own filters, its own language's labels, its own filters in the URL, no
exception on the page and no page error. Sessions are driven concurrently with
playwright's async API (asyncio.gather over 20 pages of one Chromium). At the end the
server must still answer its health check. The p50 and p95 time from a checkbox click
to the new count showing are printed in the terminal summary.
"""

from __future__ import annotations

import asyncio
import statistics
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.core import structure
from app.core.config import DataPaths
from app.core.i18n import translator
from app.core.structure import Filters
from app.data import db
from tests.conftest import copy_data
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, LOAD_SUMMARY, start_server, stop_server

SESSIONS = 20
LIMIT_S = 300  # the whole load run; each step has its own, shorter timeout
PLOTLY_REDRAW_RACE = "reading '_axisMatchGroups'"
STEP_MS = 120000  # behaviour, not speed: a busy 2-core machine has taken 45 s for a click

# True once the run has finished and the metric labelled `label` shows `value`.
SHOWS = """([label, value]) => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
  for (const m of document.querySelectorAll("[data-testid='stMetric']")) {
    const l = m.querySelector("[data-testid='stMetricLabel']");
    const v = m.querySelector("[data-testid='stMetricValue']");
    if (l && v && l.innerText.trim().startsWith(label)) return v.innerText.trim() === value;
  }
  return false;
}"""


STATE_JS = """() => ({
  state: document.querySelector("[data-testid='stApp']")?.getAttribute("data-test-script-state"),
  connection: document.querySelector("[data-testid='stApp']")?.getAttribute(
    "data-test-connection-state"),
  metrics: [...document.querySelectorAll("[data-testid='stMetric']")].map(m => m.innerText),
  sidebar: document.querySelector("[data-testid='stSidebar']")?.innerText.slice(0, 1500),
  dialogs: [...document.querySelectorAll("[role='dialog']")].map(d => d.innerText.slice(0, 200)),
})"""


@dataclass(frozen=True)
class Plan:
    """One session's own path: start language, first filter, then the other language, a level."""

    lang: str
    first: tuple[str, str]  # (dimension, code)
    level: str
    counts: tuple[int, int, int]  # shown: before, after the first filter, after the level

    @property
    def other(self) -> str:
        return "en" if self.lang == "zh" else "zh"


def plans(paths: DataPaths) -> list[Plan]:
    """20 different (language, filter, level) combinations, each changing the count twice."""
    con = db.connect(paths)
    try:
        agencies = structure.prepared(db.view(con, "v_agencies"))
        options = structure.options(db.view(con, "codes"), db.view(con, "divisions"), agencies)
    finally:
        con.close()
    total = len(agencies)
    out: list[Plan] = []
    candidates = [(d, c) for d in ("host", "city", "nature") for c in options[d]]
    for i, (dim, code) in enumerate(candidates):
        after_first = len(structure.apply(agencies, Filters.of(**{dim: code})))
        for level in ("county", "city", "province"):
            after_level = len(structure.apply(agencies, Filters.of(**{dim: code, "level": level})))
            if total != after_first != after_level and after_first:
                out.append(
                    Plan(
                        "zh" if i % 2 == 0 else "en",
                        (dim, code),
                        level,
                        (total, after_first, after_level),
                    )
                )
                break
        if len(out) == SESSIONS:
            return out
    raise AssertionError(f"only {len(out)} filter combinations change the count twice")


async def session(context, base: str, n: int, plan: Plan, clicks: list[float]) -> None:
    """One Streamlit session: a page (tab) of its own, with its own websocket and state."""
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    def unexpected() -> list[str]:
        # plotly.js can throw this while a tab redraws a chart under heavy load (seen with
        # 20 tabs on 2 busy cores); it is the browser's own race, not the app's
        return [e for e in errors if PLOTLY_REDRAW_RACE not in e]

    async def shows(lang: str, value: int) -> None:
        label = translator(lang)("structure.shown")
        await page.wait_for_function(SHOWS, arg=[label, str(value)], polling=25, timeout=STEP_MS)

    async def check(lang: str, keys: list[str]) -> None:
        where = f"session {n} ({plan})"
        assert not unexpected(), f"{where}: page errors {unexpected()}"
        assert await page.locator("[data-testid='stException']").count() == 0, where
        title = await page.locator("h1").first.inner_text(timeout=STEP_MS)
        assert title.strip() == translator(lang)("structure.title"), f"{where}: title {title!r}"
        assert f"lang={lang}" in page.url, f"{where}: {page.url}"
        for key in keys:
            assert f"{key}=true" in page.url, f"{where}: {key} not in {page.url}"

    async def tick(key: str, lang: str, value: int) -> None:
        start = time.perf_counter()
        await page.locator(f".st-key-{key} label").first.click(timeout=STEP_MS)
        await shows(lang, value)
        clicks.append(time.perf_counter() - start)

    try:
        before, after_first, after_level = plan.counts
        first_key = structure.widget_key(*plan.first)
        level_key = structure.widget_key("level", plan.level)
        await page.goto(f"{base}/structure?lang={plan.lang}", timeout=STEP_MS)
        await shows(plan.lang, before)
        await check(plan.lang, [])

        await tick(first_key, plan.lang, after_first)
        await check(plan.lang, [first_key])

        switch = translator(plan.lang)(f"app.language_{plan.other}")
        await (
            page.locator(".st-key-_lang_switch")
            .get_by_text(switch, exact=True)
            .click(timeout=STEP_MS)
        )
        await shows(plan.other, after_first)
        await check(plan.other, [first_key])

        await tick(level_key, plan.other, after_level)
        await check(plan.other, [first_key, level_key])
    except Exception as exc:
        raise AssertionError(f"session {n} ({plan}) failed: {exc}\n{await state(page)}") from exc
    finally:
        await page.close()


async def state(page) -> str:
    """What the page shows, for a failure message."""
    try:
        return str(
            await page.evaluate(STATE_JS) | {"url": page.url}  # type: ignore[operator]
        )
    except Exception as exc:  # noqa: BLE001 - a closed page has nothing to say
        return f"(no page state: {exc})"


async def run_sessions(base: str, chosen: list[Plan]) -> list[float]:
    from playwright.async_api import async_playwright

    clicks: list[float] = []
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            # Tabs of one browser context share its HTTP cache (the app's scripts load
            # once); each tab is its own Streamlit session.
            context = await browser.new_context(viewport={"width": 1000, "height": 700})
            # No warm-up visit: the crowd's first deep links also hit a fresh server's
            # legacy pages/ router at once (router.guard_legacy_router, checked per session).
            await asyncio.wait_for(
                asyncio.gather(
                    *(session(context, base, n, plan, clicks) for n, plan in enumerate(chosen))
                ),
                timeout=LIMIT_S - 20,
            )
        finally:
            await browser.close()
    return clicks


def healthy(base: str) -> bool:
    with urllib.request.urlopen(f"{base}/_stcore/health", timeout=10) as r:
        return r.read().strip() == b"ok"


@pytest.mark.e2e
@pytest.mark.timeout(LIMIT_S + 60)
def test_twenty_sessions_filter_and_switch_language_without_interference(
    built_data: DataPaths, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's chromium package")
    paths = copy_data(built_data, tmp_path / "data")
    chosen = plans(paths)
    assert len({(p.lang, p.first, p.level) for p in chosen}) == SESSIONS

    proc, base = start_server(
        {"ATLAS_DATA_DIR": str(paths.root), "ATLAS_STATE_DB": str(tmp_path / "state.sqlite")}
    )
    try:
        start = time.perf_counter()
        # the sessions run on one asyncio loop in a thread of their own, apart from the
        # sync Playwright the other e2e tests keep open in this thread
        with ThreadPoolExecutor(1) as pool:
            clicks = pool.submit(asyncio.run, run_sessions(base, chosen)).result()
        wall = time.perf_counter() - start
        assert proc.poll() is None, "the server died under load"
        assert healthy(base)
    finally:
        stop_server(proc)

    assert len(clicks) == 2 * SESSIONS
    ms = sorted(c * 1000 for c in clicks)
    p50 = statistics.median(ms)
    p95 = ms[max(0, round(0.95 * len(ms)) - 1)]
    line = (
        f"load: {SESSIONS} concurrent sessions on /structure, {len(ms)} filter changes in"
        f" {wall:.1f} s: click to new count shown p50 {p50:.0f} ms, p95 {p95:.0f} ms,"
        f" max {ms[-1]:.0f} ms"
    )
    print(line)
    request.config.stash.setdefault(LOAD_SUMMARY, []).append(line)
