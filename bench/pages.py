"""Page reruns under AppTest: the app's entry with an empty page added, each page's warm
rerun as a multiple of the empty page's (see bench/__main__.py for the method)."""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st
import streamlit.testing.v1.app_test as app_test
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest

from app.core.config import ROOT
from bench.table import Row, Table

RUNS = 15
PAGE_BUDGET = {"jiangsu": 3.0, "national": 5.0}
EMPTY_PAGE = "bench_empty.py"
EMPTY_URL = "bench_empty"
PAGE_FILE = re.compile(r"""st\.Page\(\s*["']pages/([a-z0-9_]+)\.py["']""")
NAV_LINE = re.compile(r"^(?=.*st\.navigation\(pages\))", re.MULTILINE)


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
