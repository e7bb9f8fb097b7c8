"""Streamlit glue shared by every page: connection, cached results, language, source popovers.

Pages import from here and from the domain modules; nothing in here holds business rules.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import duckdb
import opencc
import pandas as pd
import streamlit as st

from app import db
from app.config import data_paths
from app.i18n import DEFAULT_LANGUAGE, LANGUAGES, translator

LANG_KEY = "lang"


@st.cache_resource(show_spinner=False)
def connection() -> duckdb.DuckDBPyConnection:
    """The process's one base connection; every query takes its own cursor from it."""
    return db.connect(data_paths())


@st.cache_data(show_spinner=False, max_entries=256)
def view(name: str, snapshot: str | None = None) -> pd.DataFrame:
    """A whole view as a DataFrame (views are small; results cached per snapshot)."""
    return db.view(connection(), name, snapshot=snapshot)


def clear_caches() -> None:
    """Forget cached results and the connection (after an import or a rebuild)."""
    view.clear()
    connection.clear()


def language() -> str:
    """The language from ?lang=, else the session's choice, else Chinese; kept in the URL."""
    asked = st.query_params.get(LANG_KEY)
    if asked in LANGUAGES:
        st.session_state[LANG_KEY] = asked
    lang = st.session_state.get(LANG_KEY, DEFAULT_LANGUAGE)
    st.session_state[LANG_KEY] = lang
    if st.query_params.get(LANG_KEY) != lang:
        st.query_params[LANG_KEY] = lang
    return lang


def language_switch(t: Callable[..., str]) -> None:
    """Sidebar control; changing it rewrites ?lang= and reruns in the new language."""

    def switch() -> None:
        chosen = st.session_state["_lang_switch"]
        if chosen:
            st.session_state[LANG_KEY] = chosen
            st.query_params[LANG_KEY] = chosen

    st.sidebar.segmented_control(
        t("app.language"),
        options=list(LANGUAGES),
        format_func=lambda code: t(f"app.language_{code}"),
        default=st.session_state[LANG_KEY],
        key="_lang_switch",
        on_change=switch,
    )


def current_translator() -> Callable[..., str]:
    return translator(st.session_state.get(LANG_KEY, DEFAULT_LANGUAGE))


def current_language() -> str:
    return st.session_state.get(LANG_KEY, DEFAULT_LANGUAGE)


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """The article is in traditional characters; show Chinese readers the simplified form too."""
    return _t2s().convert(text)


def source_popover(t: Callable[..., str], source_ref: str | None, excerpt: str | None) -> None:
    """The "source" affordance beside a figure: paragraph(s) and the verbatim excerpt."""
    with st.popover(t("app.source"), icon=":material/format_quote:"):
        if not source_ref:
            st.caption(t("app.not_in_source"))
            return
        paragraphs = ", ".join(
            t("app.paragraph", n=ref.removeprefix("article#p"))
            for ref in source_ref.split(";")
            if ref.startswith("article#p")
        )
        st.markdown(f"**{paragraphs or source_ref}**")
        if excerpt:
            st.text(f"「{excerpt}」")
            st.caption(t("app.simplified", text=simplified(excerpt)))


def footer(t: Callable[..., str]) -> None:
    st.divider()
    st.caption(t("app.footer"))


def label(domain: str, code: str | None, lang: str) -> str:
    """A code's label (host, nature, ...) in the current language; "unknown" when empty."""
    if code is None or code != code:
        return translator(lang)("app.unknown")
    codes = view("codes")
    row = codes[(codes["domain"] == domain) & (codes["code"] == code)]
    if row.empty:
        return code
    return str(row.iloc[0]["label_zh" if lang == "zh" else "label_en"])
