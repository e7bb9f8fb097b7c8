"""The data dictionary's reads, cached once per snapshot (shared by /dictionary and
/workbench's schema browser): describing every table and view runs a count per object
and parses every view header, and the full column list is built once per language.

Results are shared, never copied (cache_resource): callers only read them. The key
includes the imported snapshots, so an import refreshes the row counts.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import streamlit as st

from app.data import dictionary
from app.ui import session, snapshots


def loaded() -> tuple[str, ...]:
    """The imports this run read from the store (the caches' key: an import renews them)."""
    return tuple(snapshots.state()[1])


@st.cache_resource(show_spinner=False, max_entries=32)
def _objects(snapshot: str, loaded: tuple[str, ...]) -> list[dictionary.ObjectDoc]:
    return dictionary.describe(session.connection(), snapshot)


def objects(snapshot: str) -> list[dictionary.ObjectDoc]:
    """Every table and view with its columns, descriptions and row count."""
    return _objects(snapshot, loaded())


@st.cache_resource(show_spinner=False, max_entries=64)
def _all_columns(snapshot: str, loaded: tuple[str, ...], lang: str) -> pd.DataFrame:
    return dictionary.all_columns(_objects(snapshot, loaded), lang)


def all_columns(snapshot: str, lang: str) -> pd.DataFrame:
    """One row per column of every object (the full dictionary's download)."""
    return _all_columns(snapshot, loaded(), lang)


@st.cache_resource(show_spinner=False, max_entries=64)
def _described(snapshot: str, loaded: tuple[str, ...], lang: str) -> dict[str, pd.DataFrame]:
    return {o.name: dictionary.columns_in(o, lang) for o in _objects(snapshot, loaded)}


def columns_of(snapshot: str, lang: str, name: str) -> pd.DataFrame:
    """One table's or view's columns, described in lang (dictionary.columns_in)."""
    return _described(snapshot, loaded(), lang)[name]


@st.cache_resource(show_spinner=False, max_entries=64)
def _column_tables(snapshot: str, loaded: tuple[str, ...], lang: str) -> dict[str, pa.Table]:
    return {n: pa.Table.from_pandas(f) for n, f in _described(snapshot, loaded, lang).items()}


def column_tables(snapshot: str, lang: str) -> dict[str, pa.Table]:
    """columns_of every object, by name, as the Arrow table st.dataframe would
    make of the frame: the workbench's schema browser draws every one of them on each
    rerun, and converting them once saves that work."""
    return _column_tables(snapshot, loaded(), lang)


@st.cache_resource(show_spinner=False, max_entries=32)
def _undocumented(snapshot: str, loaded: tuple[str, ...]) -> pd.DataFrame:
    return dictionary.undocumented(_objects(snapshot, loaded))


def undocumented(snapshot: str) -> pd.DataFrame:
    return _undocumented(snapshot, loaded())


@st.cache_resource(show_spinner=False, max_entries=32)
def _confidence(snapshot: str, loaded: tuple[str, ...]) -> pd.DataFrame:
    return dictionary.confidence_counts(session.connection(), snapshot)


def confidence(snapshot: str) -> pd.DataFrame:
    """Rows per confidence level, per table."""
    return _confidence(snapshot, loaded())


@st.cache_resource(show_spinner=False, max_entries=32)
def _claim_counts(snapshot: str, loaded: tuple[str, ...]) -> pd.DataFrame:
    return dictionary.claim_counts(session.connection(), snapshot)


def claim_counts(snapshot: str) -> pd.DataFrame:
    """Claims per attribute and confidence (v_claims)."""
    return _claim_counts(snapshot, loaded())
