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
from streamlit.runtime.pages_manager import PagesManager

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
    """Every page's first call: the translator for the session's language."""
    guard_legacy_router()
    return translator(st.session_state.get(LANG_KEY, DEFAULT_LANGUAGE))


def guard_legacy_router() -> None:
    """Serve a first deep link through the entry script's st.navigation.

    With a pages/ folder beside the entry script, Streamlit's legacy router runs the
    first request of a fresh server (e.g. /structure) as pages/structure.py directly,
    skipping the entry (language, navigation). Turn the legacy router off and rerun.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


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


# ---- analyse: downloads, snapshots, provenance link (issue 5) -------------------------

SNAPSHOT_KEY = "snapshot"


def download_buttons(
    frame: pd.DataFrame, what: str, t: Callable[..., str], key: str | None = None
) -> None:
    """CSV / XLSX / Parquet / JSON buttons for any table (app.exports does the bytes).

    The bytes are made only when a button is clicked; clicking does not rerun the page."""
    from app import exports

    stem = key or what
    for column, fmt in zip(st.columns(len(exports.FORMATS)), exports.FORMATS, strict=True):
        with column:
            st.download_button(
                t(f"exports.{fmt}"),
                data=lambda fmt=fmt: exports.to_bytes(frame, fmt),
                file_name=exports.file_name(what, fmt),
                mime=exports.FORMATS[fmt].mime,
                key=f"_dl_{stem}_{fmt}",
                on_click="ignore",
                icon=":material/download:",
                width="stretch",
            )


def snapshot_picker(t: Callable[..., str]) -> str:
    """Sidebar choice of the agencies snapshot (latest import by default; ?snapshot=ID).

    Returns the snapshot id to hand to view()/db.query(); 'seed' is the article's data."""
    from app import roster

    paths = data_paths()
    snaps = {s.snapshot_id: s for s in roster.list_snapshots(paths)}
    ids = list(reversed(roster.snapshot_ids(paths)))  # latest first; the seed last
    if set(snaps) - set(roster.loaded_snapshots(connection())):
        clear_caches()  # imported elsewhere (another session or the CLI): reload
    chosen = st.sidebar.selectbox(
        t("exports.snapshot"),
        options=ids,
        index=0,
        key=SNAPSHOT_KEY,
        bind="query-params",
        help=t("exports.snapshot_help"),
    )
    snap = snaps.get(chosen)
    if snap is None:
        st.sidebar.caption(t("exports.snapshot_seed"))
    else:
        st.sidebar.caption(
            t(
                "exports.snapshot_import",
                file=snap.file_name,
                rows=snap.rows,
                created=snap.created_at.replace("T", " "),
            )
        )
    return chosen or ids[0]


def provenance_link(t: Callable[..., str]) -> None:
    """A link to the data dictionary and provenance page (/dictionary)."""
    st.page_link("pages/dictionary.py", label=t("exports.provenance"), icon=":material/menu_book:")
