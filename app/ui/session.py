"""The process's data for every session: the DuckDB connection, the query pool, cached
view reads and code labels, and forgetting them after an import or a rebuild."""

from __future__ import annotations

from collections.abc import Callable

import duckdb
import pandas as pd
import streamlit as st

from app.core.config import data_paths
from app.core.i18n import column_name, translator
from app.data import db, legacy
from app.data.query_pool import QueryPool


@st.cache_resource(show_spinner=False, validate=db.is_alive)
def connection() -> duckdb.DuckDBPyConnection:
    """The process's one base connection; every query takes its own cursor from it.

    Only the app's own SQL runs here. Should DuckDB ever invalidate it (a fatal error),
    the next use opens a new one instead of failing every page of every session."""
    paths = data_paths()
    legacy.adopt_snapshots(paths)  # imports an older version kept in the data folder, once
    return db.connect(paths)


@st.cache_resource(show_spinner=False)
def query_pool() -> QueryPool:
    """The worker processes that run user SQL (workbench) on the read-only engine."""
    return QueryPool(data_paths())


@st.cache_data(show_spinner=False, max_entries=256)
def view(name: str, snapshot: str | None = None) -> pd.DataFrame:
    """A whole view as a DataFrame (views are small; results cached per snapshot)."""
    return db.view(connection(), name, snapshot=snapshot)


@st.cache_resource(show_spinner=False, max_entries=64)
def shared_view(name: str, snapshot: str | None = None) -> pd.DataFrame:
    """view(), one frame shared by every caller (no copy unpickled on each read): for
    callers that only read it, on a page that reads it on every rerun."""
    return db.view(connection(), name, snapshot=snapshot)


@st.cache_resource(show_spinner=False)
def _labels(lang: str) -> dict[tuple[str, str], str]:
    """(domain, code) -> label in one language; the codes table never changes at run time."""
    codes = db.view(connection(), "codes")
    label_column = column_name("label", lang)
    return {(r.domain, r.code): str(getattr(r, label_column)) for r in codes.itertuples()}


def label(domain: str, code: str | None, lang: str) -> str:
    """A code's label (host, nature, ...) in the current language; "unknown" when empty."""
    return labeller(domain, lang)(code)


def labeller(domain: str, lang: str) -> Callable[[str | None], str]:
    """label() for one domain, its labels looked up once: a page that names many codes in a
    run (a selectbox's format_func) then pays no cache lookup per code."""
    labels, unknown = _labels(lang), translator(lang)("app.unknown")

    def name(code: str | None) -> str:
        if code is None or code != code:
            return unknown
        return labels.get((domain, code), code)

    return name


def clear_caches() -> None:
    """Forget cached results and the connection (after an import or a rebuild)."""
    view.clear()
    shared_view.clear()
    _labels.clear()
    connection.clear()
