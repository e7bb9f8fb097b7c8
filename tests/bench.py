"""Performance budget (`make bench`): a clear list of measurements, each against its budget.

Each measurement is a function returning rows (what, value, budget). Add yours to
MEASUREMENTS. Pages are timed with AppTest in this process, against an empty Streamlit
page timed in the same run: the median of RUNS warm reruns (the first, cold run is not
counted). Exits 1 if any row is over its budget.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from streamlit.testing.v1 import AppTest

from app.config import ROOT
from tests.conftest import run_page

RUNS = 9
MAP_BUDGET_KB = 400.0
RERUN_BUDGET_RATIO = 3.0
EXPLORE_PAGES = ("structure", "models", "compare")
REFERENCE_PAGES = ("overview",)  # printed for comparison, budget not checked here


@dataclass(frozen=True)
class Row:
    what: str
    value: float
    unit: str
    budget: float

    @property
    def ok(self) -> bool:
        return self.value <= self.budget


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


EMPTY_SCRIPT = "import streamlit as st\n"


def empty_page_in_shell() -> str:
    """streamlit_app.py itself (page config, language, navigation, footer) with an empty page.

    The navigation is built exactly as the app builds it, but no page script runs: what
    every page of the app pays before drawing anything of its own.
    """
    src = (ROOT / "streamlit_app.py").read_text(encoding="utf-8")
    if src.count("st.navigation(pages).run()") != 1:
        raise RuntimeError(
            "streamlit_app.py no longer ends its navigation with st.navigation(pages).run()"
        )
    # AppTest.from_string runs from a temporary folder: page files by absolute path
    return src.replace("st.navigation(pages).run()", "st.navigation(pages)").replace(
        '"pages/', f'"{ROOT}/pages/'
    )


def script_rerun(script: str) -> float:
    at = AppTest.from_string(script, default_timeout=60)
    at.query_params["lang"] = "zh"
    at.run()
    return median_rerun(at)


def map_sizes() -> list[Row]:
    """Each map's payload, zh and en: its figure JSON plus the boundary file plotly.js fetches."""
    from app import maps

    rows = []
    for lang in ("zh", "en"):
        for name, fig in maps.map_figures(lang).items():
            size = maps.payload_bytes(fig)
            kb = {part: f"{n / 1024:.0f}" for part, n in size.items()}
            what = f"map {name} ({lang}): figure {kb['figure']} + geojson {kb['boundaries']}"
            rows.append(Row(what, round(sum(size.values()) / 1024, 1), "KB", MAP_BUDGET_KB))
    return rows


def explore_page_reruns() -> list[Row]:
    """Warm rerun of each explore page as a multiple of an empty page's, timed in the same run.

    The budget is against an empty page in the app's shell; the ratio to a bare empty
    script (no shell at all) is printed beside it for reference.
    """
    bare = script_rerun(EMPTY_SCRIPT)
    empty = script_rerun(empty_page_in_shell())
    rows = [
        Row(
            f"empty page in the app shell ({empty * 1000:.1f} ms; bare {bare * 1000:.1f} ms)",
            1.0,
            "x",
            1.0,
        )
    ]
    for page in EXPLORE_PAGES:
        seconds = median_rerun(run_page(page, "zh"))
        rows.append(
            Row(
                f"/{page} warm rerun ({seconds * 1000:.1f} ms; {seconds / bare:.0f}x bare)",
                round(seconds / empty, 2),
                "x empty",
                RERUN_BUDGET_RATIO,
            )
        )
    for page in REFERENCE_PAGES:
        seconds = median_rerun(run_page(page, "zh"))
        rows.append(
            Row(
                f"/{page} warm rerun, reference ({seconds * 1000:.1f} ms)",
                round(seconds / empty, 2),
                "x empty",
                float("inf"),
            )
        )
    return rows


MEASUREMENTS: list[Callable[[], list[Row]]] = [
    map_sizes,
    explore_page_reruns,
]


def main() -> int:
    over = 0
    print(f"{'measurement':<48} {'value':>9}  {'budget':>8}")
    for measure in MEASUREMENTS:
        for row in measure():
            flag = "" if row.ok else "  OVER BUDGET"
            print(f"{row.what:<48} {row.value:>9} {row.unit:<8} <= {row.budget}{flag}")
            over += not row.ok
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
