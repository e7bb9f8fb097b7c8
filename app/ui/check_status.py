"""The reported-vs-computed status lines (overview, dictionary): which figures differ,
which matches confirm the source on rows that name their unit, and which are only
consistency checks of rows written from the source's own numbers."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st

from app.core import checks
from app.core.chinese import simplified


def figure_words(figures: pd.DataFrame, ids: tuple[str, ...], lang: str) -> list[str]:
    """Figures named for readers, never by id: the source's own words (simplified) in
    Chinese, the figure's scope in English."""
    rows = figures.set_index("figure_id").loc[list(ids)]
    return [simplified(w) for w in rows["excerpt"]] if lang == "zh" else list(rows["scope"])


def lines(t: Callable[..., str], figures: pd.DataFrame, lang: str) -> None:
    """figures: v_reported_vs_computed for the chosen snapshot."""
    draw(t, *summary(figures, lang))


def summary(figures: pd.DataFrame, lang: str) -> tuple[checks.Checks, list[str]]:
    """What checks.summarise finds, and the differing figures' names (figure_words)."""
    found = checks.summarise(figures)
    return found, figure_words(figures, found.differs, lang) if found.differs else []


def draw(t: Callable[..., str], found: checks.Checks, differs: Sequence[str]) -> None:
    """The lines of what checks.summarise found; differs: the differing figures' names
    (figure_words)."""
    if found.differs:
        names = t("app.list_separator").join(differs)
        st.error(t("checks.differ", n=len(found.differs), names=names), icon=":material/warning:")
    if found.confirmed:
        st.success(t("checks.confirmed", n=len(found.confirmed)), icon=":material/check_circle:")
    if found.consistent:
        st.info(t("checks.consistent", n=len(found.consistent)), icon=":material/sync_alt:")
