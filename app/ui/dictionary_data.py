"""The /dictionary page's frames as it shows them, labelled in the reader's language and
cached per process like the catalogue's reads (app.ui.catalogue): shared by every session,
so callers must not change them. The key includes the imported snapshots, as there.

A rerun then draws these instead of deriving them again from the views (a view read
unpickles a frame; labelling maps every row).
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from app.core import checks
from app.core.i18n import translator
from app.data import dictionary
from app.ui import catalogue, check_status, dictionary_tables, session


def summary(snapshot: str, lang: str) -> pd.DataFrame:
    """One row per table or view (dictionary.summary), its kind in words."""
    return _summary(snapshot, catalogue.loaded(), lang)


@st.cache_resource(show_spinner=False, max_entries=32)
def _summary(snapshot: str, loaded: tuple[str, ...], lang: str) -> pd.DataFrame:
    t = translator(lang)
    frame = dictionary.summary(catalogue.objects(snapshot), lang)
    return frame.assign(kind=frame["kind"].map(lambda k: t(f"dictionary.kind_{k}")))


class Figures(NamedTuple):
    """v_reported_vs_computed flagged (its download), for reading (its table) and styled
    for it, and what its status lines say (check_status.summary)."""

    flagged: pd.DataFrame
    shown: pd.DataFrame
    styled: Styler
    status: tuple[checks.Checks, list[str]]


def figures(snapshot: str, lang: str) -> Figures:
    return _figures(snapshot, catalogue.loaded(), lang)


@st.cache_resource(show_spinner=False, max_entries=32)
def _figures(snapshot: str, loaded: tuple[str, ...], lang: str) -> Figures:
    view = session.view("v_reported_vs_computed", snapshot)
    shown = dictionary_tables.figures(translator(lang), lang, view)
    status = check_status.summary(view, lang)
    styled = dictionary_tables.styled_figures(shown)
    return Figures(dictionary.flag_differences(view), shown, styled, status)


def claim_counts(snapshot: str, lang: str) -> pd.DataFrame:
    """Claims per attribute and confidence (catalogue.claim_counts), subject and attribute
    in words."""
    return _claim_counts(snapshot, catalogue.loaded(), lang)


@st.cache_resource(show_spinner=False, max_entries=32)
def _claim_counts(snapshot: str, loaded: tuple[str, ...], lang: str) -> pd.DataFrame:
    t = translator(lang)
    return catalogue.claim_counts(snapshot).assign(
        subject_kind=lambda f: f["subject_kind"].map(lambda k: t(f"dictionary.subject_{k}")),
        attribute=lambda f: f["attribute"].map(lambda a: t(f"claims.attribute_{a}")),
    )


class Agencies(NamedTuple):
    """The agencies' rows of v_agencies: as stored (the download), and with level, host
    and confidence in words (the table)."""

    rows: pd.DataFrame
    shown: pd.DataFrame


def agencies(snapshot: str, lang: str) -> Agencies:
    return _agencies(snapshot, catalogue.loaded(), lang)


@st.cache_resource(show_spinner=False, max_entries=32)
def _agencies(snapshot: str, loaded: tuple[str, ...], lang: str) -> Agencies:
    division, name = f"division_{lang}", f"name_{lang}"
    columns = ["agency_id", "level", "division_adcode", division, name, "host"]
    rows = session.view("v_agencies", snapshot)[[*columns, "confidence", "source_ref"]]
    levels = dictionary_tables.confidence_labels(translator(lang))
    shown = rows.assign(
        level=rows["level"].map(lambda v: session.label("level", v, lang)),
        host=rows["host"].map(lambda v: session.label("host", v, lang)),
        confidence=rows["confidence"].map(lambda v: levels.get(v, v)),
    )
    return Agencies(rows, shown)
