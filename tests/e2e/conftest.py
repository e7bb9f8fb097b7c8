"""Real-browser fixtures: one Streamlit server per test session, Debian's Chromium via Playwright.

Locally the tests skip with a clear message when no Chromium is installed; CI installs it
(.ci/run), so there they always run.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.config import ROOT
from tests.conftest import LOAD_SUMMARY

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

__all__ = ["LOAD_SUMMARY"]

pytestmark = pytest.mark.e2e


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(port: int, limit_s: float = 90) -> None:
    end = time.monotonic() + limit_s
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"streamlit did not become healthy on port {port}")


STORE_VARS = ("ATLAS_STATE_DB", "ATLAS_STATE_URL")


def start_server(
    env: dict[str, str] | None = None, args: tuple[str, ...] = (), port: int | None = None
) -> tuple[subprocess.Popen, str]:
    """A `streamlit run` of the app on port (a free one by default) with extra CLI args. Its
    state store is the one env names; else the default beside the data folder env names;
    else a file in a temporary folder (removed by stop_server). Never one inherited from
    this process (a test's own), never the checkout's state/."""
    port = port or free_port()
    own = env or {}
    full = {**os.environ, **own}
    state_dir = None
    if not any(own.get(k) for k in STORE_VARS):
        for k in STORE_VARS:
            full.pop(k, None)
        if not own.get("ATLAS_DATA_DIR"):
            state_dir = tempfile.mkdtemp(prefix="atlas-e2e-state-")
            full["ATLAS_STATE_DB"] = str(Path(state_dir) / "atlas_state.sqlite")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "streamlit_app.py",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            *args,
        ],
        cwd=ROOT,
        env=full,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    STATE_DIRS[proc.pid] = state_dir
    try:
        wait_healthy(port)
    except RuntimeError:
        stop_server(proc)
        raise
    return proc, f"http://127.0.0.1:{port}"


STATE_DIRS: dict[int, str | None] = {}  # server pid -> the temporary state folder it was given


def stop_server(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, 15)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        proc.wait(timeout=10)
    state_dir = STATE_DIRS.pop(proc.pid, None)
    if state_dir:
        shutil.rmtree(state_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip(
            f"no Chromium at {CHROMIUM}: install Debian's chromium package to run e2e tests"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def server_url(browser: object) -> Iterator[str]:
    proc, url = start_server()
    yield url
    stop_server(proc)


# True while the app is idle: its last run has finished and nothing is still loading.
# Any other script state ("initial", "running", "rerunRequested", ...) counts as busy.
IDLE_JS = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  return !!app && app.getAttribute("data-test-script-state") === "notRunning"
    && !document.querySelector("[data-testid='stSkeleton']");
}"""
QUIET_S = 0.5  # a run that starts another (a URL rewrite, a widget sync) does so within this


def idle(page) -> bool:
    from playwright.sync_api import Error

    try:
        return bool(page.evaluate(IDLE_JS))
    except Error:  # the page is navigating: its document is being replaced
        return False


def settle(page, timeout_ms: int = 60000) -> None:
    """Wait until the app has finished its run and stayed idle for QUIET_S, then for the
    network: elements whose code loads lazily (metrics, charts) arrive over HTTP after the
    run ends (the websocket does not count as network activity). timeout_ms only bounds a
    failure: a cold server's first run on a busy 2-core machine has taken over 30 s."""
    page.wait_for_selector("[data-testid='stApp']", timeout=timeout_ms)
    end = time.monotonic() + timeout_ms / 1000
    idle_since: float | None = None
    while time.monotonic() < end:
        if idle(page):
            now = time.monotonic()
            idle_since = idle_since or now
            if now - idle_since >= QUIET_S:
                page.wait_for_load_state("networkidle", timeout=timeout_ms)
                return
        else:
            idle_since = None
        time.sleep(0.05)
    raise TimeoutError("the app kept running")


@pytest.fixture
def page(browser, server_url: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.base_url = server_url  # type: ignore[attr-defined]
    pg.js_errors = errors  # type: ignore[attr-defined]
    yield pg
    context.close()


def open_path(page, path: str) -> None:
    page.goto(page.base_url + path)
    settle(page)
    assert page.locator("[data-testid='stException']").count() == 0, page.locator(
        "[data-testid='stException']"
    ).first.inner_text()


# ---- load test figures: tests append lines to LOAD_SUMMARY; tests/conftest.py prints them
# in the terminal summary (from the workers' reports under pytest-xdist).
