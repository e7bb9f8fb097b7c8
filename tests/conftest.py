"""Shared fixtures: a private copy of the data per test where it changes, clean caches."""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from app.core import md
from app.core.config import ROOT, DataPaths
from app.data.build import build

ENTRY = str(ROOT / "streamlit_app.py")


@pytest.fixture(autouse=True)
def _clear_streamlit_caches() -> Iterator[None]:
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DataPaths:
    """A built copy of data/sources in tmp_path, used by the app and CLI for this test."""
    paths = DataPaths(tmp_path / "data")
    shutil.copytree(ROOT / "data" / "sources", paths.sources)
    build(paths)
    monkeypatch.setenv("ATLAS_DATA_DIR", str(paths.root))
    return paths


def run_page(url_path: str = "", lang: str = "zh", **params: str) -> AppTest:
    """Run the app as a first visit to /url_path?lang=...&params (AppTest)."""
    at = AppTest.from_file(ENTRY, default_timeout=60)
    query = {"lang": lang, **params}
    at.query_params.update(query)
    if url_path:
        # AppTest resolves st.navigation pages only after a first run.
        at.run()
        at.query_params.update(query)
        at.switch_page(f"pages/{url_path}.py")
    return at.run()


def plain(markdown: str) -> str:
    """Escaped text (app.md.escape) as a reader sees it: backslash escapes and entities
    resolved, word joiners gone."""
    text = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)
    return html.unescape(text).replace(md.WORD_JOINER, "")
