"""Fixtures of the explore tests: map caches go to a temporary folder, never data/ or static/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.figures import geo


@pytest.fixture(scope="session")
def _geo_tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder per test session, so each layer is simplified once per session."""
    return tmp_path_factory.mktemp("geo")


@pytest.fixture(autouse=True)
def isolated_geo_cache(_geo_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the geometry disk cache and the served-layer folder at the session's tmp folder."""
    cache = _geo_tmp / "cache"
    monkeypatch.setattr(geo, "cache_dir", lambda: cache)
    monkeypatch.setattr(geo, "SERVED_DIR", _geo_tmp / "static-geo")
    yield cache
