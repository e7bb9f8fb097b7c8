"""Performance budget (`make bench`): one run prints every measurement beside its budget.

Sections, each a table row with its budget and PASS / OVER (printed, not enforced: the
exit code is 0 unless the benchmark itself fails to run):

1. Jiangsu scale (data/): each page's warm rerun time (AppTest, median of RUNS reruns
   after a first, cold run) as a multiple of an empty page's; each map's payload.
2. Jiangsu scale in real Chromium: each page's first render in a fresh browser session
   (navigation start to: script run finished, every plotly chart drawn, choropleths
   filled) as a multiple of an empty page's, median of BROWSER_RUNS.
3. National scale: the same, on a temporary data folder built by the same app.build from
   all of China's county-level units and a synthetic roster (tests/bench_national.py),
   plus the national county map's payload.

The empty page, honestly: the app's own entry script (page config, language switch,
st.navigation with every page) with one more page whose script is empty, opened the way
each page is opened. What a page costs beyond it is what the page itself draws. Both are
run through one generated entry script (a temporary copy of streamlit_app.py that adds
the empty page), so pages and empty page share every condition.

AppTest parses and compiles the entry and the page script again on every run (it makes
a new ScriptCache per run); the server compiles each script once (one ScriptCache per
Runtime). The budgeted ratio shares one ScriptCache across runs, as the server does; the
ratio with AppTest's recompilation is printed beside it for reference.

Timings are noisy on a shared machine; tests never assert them.
"""

from __future__ import annotations

import logging
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import streamlit as st
import streamlit.logger as streamlit_logger
import streamlit.testing.v1.app_test as app_test
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest

from app.core.config import ROOT

RUNS = 15
BROWSER_RUNS = 3
PAGE_BUDGET = {"jiangsu": 3.0, "national": 5.0}
MAP_BUDGET_KB = 400.0
NATIONAL_MAP_BUDGET_KB = 2048.0
EMPTY_PAGE = "bench_empty.py"
EMPTY_URL = "bench_empty"
PAGE_FILE = re.compile(r"""st\.Page\(\s*["']pages/([a-z0-9_]+)\.py["']""")
NAV_LINE = re.compile(r"^(?=.*st\.navigation\(pages\))", re.MULTILINE)


# ---- the table ----------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    what: str
    value: float
    unit: str
    budget: float | None  # None: printed for reference, no budget

    @property
    def verdict(self) -> str:
        if self.budget is None:
            return "-"
        return "PASS" if self.value <= self.budget else "OVER"


class Table:
    WIDTH = 76

    def __init__(self) -> None:
        self.rows: list[Row] = []

    def section(self, title: str) -> None:
        print(f"\n== {title}", flush=True)
        print(f"{'measurement':<{self.WIDTH}} {'value':>9} {'unit':<8} {'budget':>8}  verdict")

    def add(self, row: Row) -> None:
        self.rows.append(row)
        budget = "-" if row.budget is None else f"<= {row.budget:g}"
        print(
            f"{row.what:<{self.WIDTH}} {row.value:>9.2f} {row.unit:<8} {budget:>8}  {row.verdict}",
            flush=True,
        )

    def summary(self) -> None:
        budgeted = [r for r in self.rows if r.budget is not None]
        over = [r for r in budgeted if r.verdict == "OVER"]
        print(f"\n{len(budgeted) - len(over)} of {len(budgeted)} budgeted measurements PASS")
        for r in over:
            print(f"  OVER: {r.what}: {r.value:.2f} {r.unit} (budget {r.budget:g})")


# ---- the pages, and the entry script with an empty page ----------------------------


def app_pages() -> list[str]:
    """Every page file streamlit_app.py registers (its stem), in navigation order."""
    stems = PAGE_FILE.findall((ROOT / "streamlit_app.py").read_text(encoding="utf-8"))
    if not stems:
        raise RuntimeError("found no st.Page('pages/...') in streamlit_app.py")
    return list(dict.fromkeys(stems))


def url_of(stem: str) -> str:
    """DESIGN.md's paths: the overview is the default page at /, the others at /<stem>."""
    return "/" if stem == "overview" else f"/{stem}"


def bench_entry(folder: Path) -> Path:
    """folder/streamlit_app.py: the app's entry script plus an empty page at /bench_empty.

    pages/ and static/ are links to the app's own, so every page and map works as in
    the app; the empty page is folder/bench_empty.py, a script with no statement.
    """
    src = (ROOT / "streamlit_app.py").read_text(encoding="utf-8")
    if len(NAV_LINE.findall(src)) != 1:
        raise RuntimeError("streamlit_app.py no longer calls st.navigation(pages) once")
    extra = (
        "pages[next(iter(pages))].append(\n"
        f'    st.Page("{EMPTY_PAGE}", title="empty (benchmark)", url_path="{EMPTY_URL}")\n'
        ")\n"
    )
    (folder / EMPTY_PAGE).write_text('"""An empty page: the benchmark\'s baseline."""\n')
    for name in ("pages", "static"):
        link = folder / name
        if not link.exists():
            link.symlink_to(ROOT / name, target_is_directory=True)
    entry = folder / "streamlit_app.py"
    entry.write_text(NAV_LINE.sub(extra, src, count=1), encoding="utf-8")
    return entry


@contextmanager
def server_like_script_cache() -> Iterator[None]:
    """Compile each script once across AppTest runs, as the server's one ScriptCache does."""
    shared = ScriptCache()
    original = app_test.ScriptCache
    app_test.ScriptCache = lambda: shared  # type: ignore[assignment,misc]
    try:
        yield
    finally:
        app_test.ScriptCache = original  # type: ignore[misc]


def median_rerun(at: AppTest, runs: int = RUNS) -> float:
    """Median seconds of `runs` warm reruns of an AppTest that has already run once."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
        if at.exception:
            raise RuntimeError(f"the page raised: {at.exception[0].value}")
    return statistics.median(times)


def page_rerun(entry: Path, page: str) -> float:
    """Open entry's page (a file relative to entry) as a first visit, then time warm reruns."""
    at = AppTest.from_file(str(entry), default_timeout=120)
    at.query_params["lang"] = "zh"
    at.run()
    at.query_params["lang"] = "zh"
    at.switch_page(page)
    at.run()
    if at.exception:
        raise RuntimeError(f"{page} raised: {at.exception[0].value}")
    return median_rerun(at)


def bare_entry(folder: Path) -> Path:
    """folder/bare_app.py: no shell at all, st.navigation with only the empty page (reference)."""
    entry = folder / "bare_app.py"
    entry.write_text(
        f'import streamlit as st\n\nst.navigation([st.Page("{EMPTY_PAGE}")]).run()\n',
        encoding="utf-8",
    )
    return entry


def page_reruns(table: Table, entry: Path, scale: str) -> None:
    """Each page's warm rerun as a multiple of the empty page's (server-like compilation)."""
    st.cache_data.clear()
    st.cache_resource.clear()
    pages = [EMPTY_PAGE, *(f"pages/{s}.py" for s in app_pages())]
    with server_like_script_cache():
        served = {page: page_rerun(entry, page) for page in pages}
        bare = page_rerun(bare_entry(entry.parent), EMPTY_PAGE)
    raw = {page: page_rerun(entry, page) for page in pages}
    empty, empty_raw = served.pop(EMPTY_PAGE), raw.pop(EMPTY_PAGE)
    table.add(
        Row(
            f"empty page in the app's shell ({empty * 1000:.1f} ms;"
            f" bare st.navigation, no shell: {bare * 1000:.1f} ms)",
            1.0,
            "x empty",
            None,
        )
    )
    for page, seconds in served.items():
        table.add(
            Row(
                f"{url_of(Path(page).stem)} warm rerun ({seconds * 1000:.1f} ms;"
                f" recompiling each run: {raw[page] / empty_raw:.1f}x)",
                seconds / empty,
                "x empty",
                PAGE_BUDGET[scale],
            )
        )


# ---- maps -------------------------------------------------------------------------


def map_sizes(table: Table) -> None:
    """Each map's payload, zh and en: its figure JSON plus the boundary file plotly.js fetches."""
    from app.figures import maps

    for lang in ("zh", "en"):
        for name, fig in maps.map_figures(lang).items():
            size = maps.payload_bytes(fig)
            kb = {part: f"{n / 1024:.0f}" for part, n in size.items()}
            what = f"map {name} ({lang}): figure {kb['figure']} KB + geojson {kb['boundaries']} KB"
            table.add(Row(what, sum(size.values()) / 1024, "KB", MAP_BUDGET_KB))


def national_map_size(table: Table) -> None:
    from app.figures import maps

    for lang in ("zh", "en"):
        start = time.perf_counter()
        fig = maps.national_county_map(lang)
        seconds = time.perf_counter() - start
        size = maps.payload_bytes(fig)
        units = len(fig.data[0].locations)
        table.add(
            Row(
                f"map national counties ({lang}, {units} units, built in {seconds:.1f} s):"
                f" figure {size['figure'] / 1024:.0f} KB"
                f" + geojson {size['boundaries'] / 1024:.0f} KB",
                sum(size.values()) / 1024,
                "KB",
                NATIONAL_MAP_BUDGET_KB,
            )
        )


# ---- real Chromium --------------------------------------------------------------------

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
def bench_server(entry: Path, env: dict[str, str]) -> Iterator[str]:
    from tests.e2e.conftest import free_port, stop_server, wait_healthy

    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(entry), "--server.port", str(port)],
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


# ---- national scale ------------------------------------------------------------------


@contextmanager
def data_dir(path: Path) -> Iterator[None]:
    """Point the app (this process) at another data folder, with cold caches."""
    old = os.environ.get("ATLAS_DATA_DIR")
    os.environ["ATLAS_DATA_DIR"] = str(path)
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("ATLAS_DATA_DIR", None)
        else:
            os.environ["ATLAS_DATA_DIR"] = old
        st.cache_data.clear()
        st.cache_resource.clear()


class _OutsideServerNoise(logging.Filter):
    """AppTest and the in-process map builders run outside a server: Streamlit says so."""

    NOISE = ("missing ScriptRunContext", "No runtime found")

    def filter(self, record: logging.LogRecord) -> bool:
        return not any(n in record.getMessage() for n in self.NOISE)


def quiet_streamlit() -> None:
    streamlit_logger.set_log_level("error")
    for name in (
        "streamlit.runtime.scriptrunner_utils.script_run_context",
        "streamlit.runtime.caching.cache_data_api",
        "streamlit.runtime.caching.cache_resource_api",
    ):
        streamlit_logger.get_logger(name).addFilter(_OutsideServerNoise())


def main() -> int:
    quiet_streamlit()
    table = Table()
    with tempfile.TemporaryDirectory(prefix="atlas-bench-") as tmp:
        folder = Path(tmp)
        # the app's own state (checklist, scenarios) goes to the temporary folder too
        state = {"ATLAS_STATE_DB": str(folder / "atlas_state.sqlite")}
        os.environ.update(state)
        entry = bench_entry(folder)
        print(f"pages: {', '.join(url_of(s) for s in app_pages())}")
        print(f"AppTest: median of {RUNS} warm reruns; Chromium: median of {BROWSER_RUNS}")

        table.section(
            f"Jiangsu scale (data/): warm rerun, AppTest (budget {PAGE_BUDGET['jiangsu']:g}x)"
        )
        page_reruns(table, entry, "jiangsu")
        table.section("Jiangsu scale: map payloads")
        map_sizes(table)
        table.section("Jiangsu scale: first render in Chromium")
        browser_renders(table, entry, state, "jiangsu")

        from tests.bench_national import make_national_data

        start = time.perf_counter()
        paths, national, counts = make_national_data(folder / "national")
        print(
            f"\nnational data: {counts['divisions']} divisions ({national.counties} county-level;"
            f" skipped {', '.join(national.skipped)}: it is a province), {counts['agencies']}"
            f" agencies (synthetic), built by app.build in {time.perf_counter() - start:.1f} s"
            f" into {paths.root}"
        )
        with data_dir(paths.root):
            table.section("national scale: map payload")
            national_map_size(table)
            table.section(
                f"national scale: warm rerun, AppTest (budget {PAGE_BUDGET['national']:g}x)"
            )
            page_reruns(table, entry, "national")
            table.section("national scale: first render in Chromium")
            browser_renders(table, entry, {**state, "ATLAS_DATA_DIR": str(paths.root)}, "national")
    table.summary()
    return 0


if __name__ == "__main__":
    sys.exit(main())
