"""Performance budget (`make bench`): one run prints every measurement beside its budget.

Sections, each a table row with its budget and PASS / OVER (printed, not enforced: the
exit code is 0 unless the benchmark itself fails to run):

1. Jiangsu scale (data/): each page's warm rerun time (AppTest, median of RUNS reruns
   after a first, cold run) as a multiple of an empty page's; each map's payload.
2. Jiangsu scale in real Chromium: each page's first render in a fresh browser session
   (navigation start to: script run finished, every plotly chart drawn, choropleths
   filled) as a multiple of an empty page's, median of BROWSER_RUNS.
3. National scale: the same, on a temporary data folder built by the same app.build from
   all of China's county-level units and a synthetic roster (bench/national.py),
   plus the national county map's payload.
4. Load, server-side: sessions speaking Streamlit's websocket protocol against real
   servers (bench/load_bench.py). `python -m bench load` runs this section alone.

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
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st
import streamlit.logger as streamlit_logger

from bench.browser import BROWSER_RUNS, browser_renders
from bench.load_bench import load_section
from bench.maps import map_sizes, national_map_size
from bench.national import make_national_data
from bench.pages import PAGE_BUDGET, RUNS, app_pages, bench_entry, page_reruns, url_of
from bench.table import Table

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


SECTIONS = ("all", "load")


def main(argv: list[str]) -> int:
    section = argv[0] if argv else "all"
    if section not in SECTIONS or len(argv) > 1:
        print(f"usage: python -m bench [{' | '.join(SECTIONS)}]", file=sys.stderr)
        return 2
    quiet_streamlit()
    table = Table()
    with tempfile.TemporaryDirectory(prefix="atlas-bench-") as tmp:
        folder = Path(tmp)
        if section == "load":
            load_section(table, folder)
            table.summary()
            return 0
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
        load_section(table, folder)
    table.summary()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
