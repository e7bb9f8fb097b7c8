"""Kept for the explore tests' imports: the map-cache fixtures now live in tests/conftest.py
(autouse for every test), so importing them here changes nothing."""

from __future__ import annotations

from tests.conftest import _geo_tmp, isolated_geo_cache

__all__ = ["_geo_tmp", "isolated_geo_cache"]
