"""Shared fixtures: the data built once per test session, a private copy of it per test
that needs one, a private state store per test, AppTest runs acting as the local machine,
clean Streamlit caches, and one map-layer disk cache per session."""

from __future__ import annotations

import html
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from app.core import md
from app.core.config import ROOT, DataPaths
from app.data.build import build
from app.data.store import FILE_ENV, FILE_NAME, URL_ENV
from app.figures import geo
from app.ui import auth

ENTRY = str(ROOT / "streamlit_app.py")
# figures a test reports (the load tests' timings), printed in the terminal summary
LOAD_SUMMARY = pytest.StashKey[list[str]]()
SUMMARY_PROPERTY = "summary line"


# Order for `make test` (pytest-xdist, `--dist loadfile --no-loadscope-reorder`): each file
# stays on one worker (a browser-test module's server and private data start once), and files
# are handed out in this order: the browser tests first, while both workers are free; the
# 20-session load test last, so its crowd meets as few other tests as possible.
FIRST, LAST = "tests/e2e/", "tests/e2e/test_load.py"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        path = item.nodeid.split("::", 1)[0]
        return 2 if path == LAST else 0 if path.startswith(FIRST) else 1

    items.sort(key=rank)  # stable: within a rank, the collection order stays


@pytest.fixture(autouse=True)
def _clear_streamlit_caches() -> Iterator[None]:
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


LOOPBACK, ELSEWHERE = "127.0.0.1", "192.0.2.7"  # ELSEWHERE: a documentation address


@pytest.fixture(autouse=True)
def _act_from_peer(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The address the app believes a request comes from. AppTest has no server (no peer),
    so without this every run would be a viewer's: runs act from this computer, which may
    write when no sign-in is configured. A test marked `@pytest.mark.peer("192.0.2.7")`
    acts from elsewhere (a viewer); one that sets `at.secrets["auth"]` and `at.user` acts
    as that signed-in user (with ATLAS_ROLES_FILE for the role)."""
    marker = request.node.get_closest_marker("peer")
    address = marker.args[0] if marker else LOOPBACK
    monkeypatch.setattr(auth.internals, "peer_address", lambda: address)
    return address


_BETWEEN_TESTS: list[Path] = []  # this process's store for what runs outside a test's own


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before any fixture of a test, module- and session-scoped ones included (a DuckDB
    connection reads the imported snapshots from the store): a store of this test
    process's own, whatever the previous test left in the environment (a monkeypatch
    undone after isolated_state restores the state variable it saw). Nothing opens the
    checkout's state/."""
    if not _BETWEEN_TESTS:
        _BETWEEN_TESTS.append(Path(tempfile.mkdtemp(prefix="atlas-test-state-")) / FILE_NAME)
    os.environ.pop(URL_ENV, None)
    os.environ[FILE_ENV] = str(_BETWEEN_TESTS[0])


def pytest_unconfigure(config: pytest.Config) -> None:
    for path in _BETWEEN_TESTS:
        shutil.rmtree(path.parent, ignore_errors=True)


@pytest.fixture(autouse=True)
def isolated_state(tmp_path: Path) -> Iterator[Path]:
    """Every test's own state store (checklist, scenarios, imported snapshots): never the
    checkout's state/ folder, whichever data folder the test reads. The file is where
    data_copy's default would put it (tmp_path/state/), so a test that reads the default
    location of its data copy finds the same store. Subprocesses inherit it. Its own
    MonkeyPatch, so a test's monkeypatch.undo() cannot send writes to the checkout."""
    path = tmp_path / "state" / FILE_NAME
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv(URL_ENV, raising=False)
        mp.setenv(FILE_ENV, str(path))
        yield path


@pytest.fixture(scope="session")
def _geo_tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder per test session (per xdist worker), so each layer is simplified once."""
    return tmp_path_factory.mktemp("geo")


@pytest.fixture(autouse=True)
def isolated_geo_cache(_geo_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the map layers' disk cache and served-layer folder at the session's folder:
    never data/ or static/, and not each private data copy's own cache/ (China's provinces
    take seconds to simplify). A layer's cache key names its units and tolerances, so
    copies with other divisions get other files. A test of the cache's location calls
    monkeypatch.undo() first (tests/test_geo.py)."""
    cache = _geo_tmp / "cache"
    monkeypatch.setattr(geo, "cache_dir", lambda: cache)
    monkeypatch.setattr(geo, "SERVED_DIR", _geo_tmp / "static-geo")
    yield cache


@pytest.fixture(scope="session")
def built_data(tmp_path_factory: pytest.TempPathFactory) -> DataPaths:
    """data/sources built once per test session; a template that no test writes to."""
    paths = DataPaths(tmp_path_factory.mktemp("built") / "data")
    shutil.copytree(ROOT / "data" / "sources", paths.sources)
    build(paths)
    return paths


def copy_data(built: DataPaths, dest: Path) -> DataPaths:
    """A private, writable copy of the built data at dest (a file copy, no rebuild)."""
    shutil.copytree(built.root, dest)
    return DataPaths(dest)


@pytest.fixture
def data_copy(built_data: DataPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DataPaths:
    """A built copy of data/sources in tmp_path, used by the app and CLI for this test
    (its sources and parquet are the test's own to change; its state store is
    isolated_state's tmp_path/state/, the copy's default location)."""
    paths = copy_data(built_data, tmp_path / "data")
    monkeypatch.setenv("ATLAS_DATA_DIR", str(paths.root))
    return paths


def run_page(url_path: str = "", lang: str = "zh", **params: str) -> AppTest:
    """Run the app as a first visit to /url_path?lang=...&params (AppTest). Before its
    first run AppTest names a page by its file's stem, which is each page's url_path
    (streamlit_app.py), so the first run is the page's, as a first visit is."""
    at = AppTest.from_file(ENTRY, default_timeout=60)
    at.query_params.update({"lang": lang, **params})
    if url_path:
        at.switch_page(f"pages/{url_path}.py")
    return at.run()


def plain(markdown: str) -> str:
    """Escaped text (app.md.escape) as a reader sees it: backslash escapes and entities
    resolved, word joiners gone."""
    text = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)
    return html.unescape(text).replace(md.WORD_JOINER, "")


# ---- the load tests' figures in the terminal summary --------------------------------------
# A test appends its lines to config.stash[LOAD_SUMMARY]; each report carries the new ones
# (user_properties reach the controller under pytest-xdist), which prints them at the end.


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    report = yield
    lines = item.config.stash.get(LOAD_SUMMARY, [])
    report.user_properties.extend((SUMMARY_PROPERTY, line) for line in lines)
    lines.clear()
    return report


_reported: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    _reported.extend(v for k, v in report.user_properties if k == SUMMARY_PROPERTY)


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    if _reported:
        terminalreporter.section("load test")
        for line in _reported:
            terminalreporter.write_line(line)


def legend_entries(choropleth) -> list[str]:
    """A map's colour-bar entries as a reader sees them: entities decoded, the lines of a
    wrapped entry joined again (with a space where Latin words were split)."""
    entries = []
    for tick in choropleth.colorbar.ticktext:
        lines = html.unescape(tick).split("<br>")
        text = lines[0]
        for line in lines[1:]:
            text += (" " if text[-1:].isascii() and line[:1].isascii() else "") + line
        entries.append(text)
    return entries


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """One real PostgreSQL server per test session (per xdist worker), started on first
    use from Debian's postgresql package; skipped with a reason when it is missing."""
    from tests import postgres

    if postgres.binaries() is None:
        pytest.skip(postgres.MISSING)
    with postgres.running_postgres() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request: pytest.FixtureRequest, tmp_path: Path):
    """An empty state store on each backend: a SQLite file, a fresh PostgreSQL database."""
    from app.data.store import PostgresStore, SqliteStore
    from tests import postgres

    if request.param == "sqlite":
        return SqliteStore(tmp_path / "state.sqlite")
    return PostgresStore(postgres.fresh_database(request.getfixturevalue("postgres_server")))


# ---- acting as a signed-in user (AppTest): sign-in configured, st.user, the role file -----

AUTH_SECRETS = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "test-cookie-secret",
    "client_id": "atlas",
    "client_secret": "atlas-secret",
    "server_metadata_url": "http://localhost:9/.well-known/openid-configuration",
}


@pytest.fixture
def roles_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A role file for the test (ATLAS_ROLES_FILE): ed@example.org is an editor,
    boss@example.org an admin, anyone else signed in a viewer."""
    path = tmp_path / "roles.toml"
    path.write_text(
        '[emails]\n"ed@example.org" = "editor"\n"boss@example.org" = "admin"\n', encoding="utf-8"
    )
    monkeypatch.setenv(auth.ROLES_ENV, str(path))
    return path


def sign_in(at: AppTest, email: str | None, name: str = "") -> AppTest:
    """Configure sign-in for the AppTest run, and sign in as email (None: signed out)."""
    at.secrets["auth"] = AUTH_SECRETS
    at.user = (
        {"is_logged_in": False}
        if email is None
        else {
            "is_logged_in": True,
            "email": email,
            "name": name or email,
            "sub": email,
        }
    )
    return at
