"""Streamlit glue shared by every page: connection, cached results, language, source popovers.

Pages import from here and from the domain modules; nothing in here holds business rules.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from contextlib import suppress

import duckdb
import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.runtime.state.query_params import _coerce_value_for_query_url

from app import roster
from app.core import md, permalink
from app.core.chinese import simplified
from app.core.config import data_paths
from app.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, translator
from app.data import db, exports
from app.data.query_pool import QueryPool
from app.ui import url_state

LANG_KEY = "lang"


@st.cache_resource(show_spinner=False, validate=db.is_alive)
def connection() -> duckdb.DuckDBPyConnection:
    """The process's one base connection; every query takes its own cursor from it.

    Only the app's own SQL runs here. Should DuckDB ever invalidate it (a fatal error),
    the next use opens a new one instead of failing every page of every session."""
    paths = data_paths()
    roster.clean_leftovers(paths)  # what a killed import left behind, if no import runs now
    return db.connect(paths)


@st.cache_resource(show_spinner=False)
def query_pool() -> QueryPool:
    """The worker processes that run user SQL (workbench) on the read-only engine."""
    return QueryPool(data_paths())


@st.cache_data(show_spinner=False, max_entries=256)
def view(name: str, snapshot: str | None = None) -> pd.DataFrame:
    """A whole view as a DataFrame (views are small; results cached per snapshot)."""
    return db.view(connection(), name, snapshot=snapshot)


def clear_caches() -> None:
    """Forget cached results and the connection (after an import or a rebuild)."""
    view.clear()
    _labels.clear()
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


SHELL_KEY = "_shell_running"


def begin_shell() -> None:
    """The entry script marks each run it serves (see guard_legacy_router)."""
    st.session_state[SHELL_KEY] = True


def end_shell() -> None:
    st.session_state[SHELL_KEY] = False


def guard_legacy_router() -> None:
    """Serve a first deep link through the entry script's st.navigation.

    With a pages/ folder beside the entry script, Streamlit's legacy router runs the
    first request of a fresh server (e.g. /structure) as pages/structure.py directly,
    skipping the entry (language, navigation). A page run that the entry did not start
    turns the process-wide legacy router off and reruns; checked per session, since
    several sessions may open their first deep links at the same moment.
    """
    if not st.session_state.get(SHELL_KEY):
        PagesManager.uses_pages_directory = False
        st.rerun()


def current_language() -> str:
    return st.session_state.get(LANG_KEY, DEFAULT_LANGUAGE)


def source_popover(t: Callable[..., str], source_ref: str | None, excerpt: str | None) -> None:
    """The "source" affordance beside a figure: paragraph(s) and the verbatim excerpt (an
    imported roster brings its own source_ref and excerpt: shown as text, never markup)."""

    with st.popover(t("app.source"), icon=":material/format_quote:"):
        if not source_ref:
            st.caption(t("app.not_in_source"))
            return
        paragraphs = ", ".join(
            t("app.paragraph", n=ref.removeprefix("article#p"))
            for ref in source_ref.split(";")
            if ref.startswith("article#p")
        )
        st.markdown(f"**{md.escape(paragraphs or source_ref)}**")
        if excerpt:
            st.text(f"「{excerpt}」")
            st.caption(t("app.simplified", text=md.escape(simplified(excerpt))))


def footer(t: Callable[..., str]) -> None:
    st.divider()
    st.caption(t("app.footer"))


@st.cache_resource(show_spinner=False)
def _labels(lang: str) -> dict[tuple[str, str], str]:
    """(domain, code) -> label in one language; the codes table never changes at run time."""
    codes = db.view(connection(), "codes")
    column = "label_zh" if lang == "zh" else "label_en"
    return {(r.domain, r.code): str(getattr(r, column)) for r in codes.itertuples()}


def label(domain: str, code: str | None, lang: str) -> str:
    """A code's label (host, nature, ...) in the current language; "unknown" when empty."""
    if code is None or code != code:
        return translator(lang)("app.unknown")
    return _labels(lang).get((domain, code), code)


# ---- analyse: downloads, snapshots, provenance link (issue 5) -------------------------

SNAPSHOT_KEY = "snapshot"


def download_buttons(
    frame: pd.DataFrame, what: str, t: Callable[..., str], key: str | None = None
) -> None:
    """CSV / XLSX / Parquet / JSON buttons for any table (app.exports does the bytes).

    The bytes are made only when a button is clicked; clicking does not rerun the page."""

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
                file=md.escape(snap.file_name),  # the uploader's name, shown to everyone
                rows=snap.rows,
                created=snap.created_at.replace("T", " "),
            )
        )
    return chosen or ids[0]


def provenance_link(t: Callable[..., str]) -> None:
    """A link to the data dictionary and provenance page (/dictionary)."""
    st.page_link("pages/dictionary.py", label=t("exports.provenance"), icon=":material/menu_book:")


# ---- present: one snapshot for every page, permalinks, safe URL parameters (issue 6) ----


NOTICE_VALUE_CHARS = 60


def notice(t: Callable[..., str], key: str, **values: object) -> None:
    """A short notice that a URL asked for something the page cannot show (values from the
    URL are shown as text, never as markup, and cut short: a link can hold pages of it)."""

    short = {
        k: md.excerpt(v, NOTICE_VALUE_CHARS) if isinstance(v, str) else v for k, v in values.items()
    }
    st.toast(t(key, **md.escape_values(short)), icon=":material/link_off:")


def checked_language() -> str:
    """language(), plus a notice (in the language used) when ?lang= named another one."""
    asked = st.query_params.get(LANG_KEY)
    lang = language()
    if asked is not None and asked not in LANGUAGES:
        t = translator(lang)
        notice(t, "permalink.bad_lang", value=asked, lang=t(f"app.language_{lang}"))
    return lang


def data_snapshot(t: Callable[..., str]) -> str:
    """The one sidebar snapshot picker (entry script); pages read chosen_snapshot().

    A ?snapshot= that names no snapshot (deleted, mistyped) falls back to the latest with
    a notice; so does a session whose chosen snapshot has gone since."""

    ids = roster.snapshot_ids(data_paths())
    held = st.session_state.get(SNAPSHOT_KEY)
    if held is not None and held not in ids:
        del st.session_state[SNAPSHOT_KEY]
        notice(t, "permalink.snapshot_gone", value=held)
    elif held is None:
        asked = st.query_params.get(SNAPSHOT_KEY)
        if asked and asked not in ids:
            notice(t, "permalink.bad_snapshot", value=asked)
    return snapshot_picker(t)


def chosen_snapshot() -> str:
    """The snapshot the sidebar picker chose for this run (the entry script draws it first)."""

    ids = roster.snapshot_ids(data_paths())
    chosen = st.session_state.get(SNAPSHOT_KEY)
    return chosen if chosen in ids else ids[-1]


def check_choice(
    t: Callable[..., str], param: str, allowed: Collection[str], key: str | None = None
) -> list[str]:
    """Before a widget bound to ?param= is first drawn: the URL values it cannot take.

    Streamlit drops such a value silently and shows the default; this says so. `allowed`
    are the strings the URL may hold (a bound widget's *formatted* options). Only the
    widget's first run is checked (`key` defaults to param)."""

    if (key or param) in st.session_state or param not in st.query_params:
        return []
    bad = permalink.unknown(st.query_params.get_all(param), allowed)
    if bad:
        notice(t, "permalink.bad_value", param=param, value=", ".join(bad))
    return bad


def check_flag(t: Callable[..., str], param: str) -> bool:
    """Before a bound checkbox/toggle is first drawn: notice a value other than true/false."""

    if param in st.session_state or param not in st.query_params:
        return False
    value = st.query_params.get(param, "")
    if permalink.bad_bool(value):
        notice(t, "permalink.bad_value", param=param, value=value)
        return True
    return False


def check_number(t: Callable[..., str], param: str, kind: str) -> bool:
    """Before a bound number input is first drawn: notice a value it cannot take (too
    long, out of range, not finite) and drop it, so the input shows its default."""

    if param in st.session_state or param not in st.query_params:
        return False
    value = st.query_params.get(param, "")
    if permalink.bad_number(value, kind):
        notice(t, "permalink.bad_value", param=param, value=value)
        url_state.forget(param)
        return True
    return False


def number_input(
    t: Callable[..., str], label: str, key: str, kind: str, default: str
) -> int | float:
    """A number input of `kind` ("int" or "float") bound to ?key=, within
    ±permalink.MAX_NUMBER. Its default is text (a query header's `-- param x: int 5`): 0
    when empty or not such a number; that, or a URL value it cannot take, is noticed on
    the first draw."""

    check_number(t, key, kind)
    zero = 0 if kind == "int" else 0.0
    value = permalink.number(default, kind) if default.strip() else zero
    if value is None:
        if key not in st.session_state:
            notice(t, "permalink.bad_default", param=key, value=default, fallback=zero)
        value = zero
    limit = permalink.MAX_NUMBER if kind == "int" else float(permalink.MAX_NUMBER)
    return st.number_input(
        label,
        value=value,
        min_value=-limit,
        max_value=limit,
        step=1 if kind == "int" else None,
        key=key,
        bind="query-params",
    )


def drop_params(t: Callable[..., str], keys: Sequence[str]) -> None:
    """Remove URL parameters nothing on the page reads (e.g. an unknown facet code), with a
    notice, so the copied link does not carry them on."""
    for key in keys:
        value = ", ".join(st.query_params.get_all(key))
        with suppress(StreamlitAPIException):  # bound to a widget: the widget drops it
            del st.query_params[key]
        notice(t, "permalink.bad_value", param=key, value=value)


def _bound_params() -> dict[str, list[str] | None]:
    """Each URL-bound widget of this run as the browser writes it into the URL: its
    serialized value, or None when it holds its default (the URL then omits it) or was
    not drawn this run. The backend's st.query_params is not refreshed from the browser
    on a same-page rerun, so a link built from it alone could lag one change behind.

    Reads Streamlit 1.67 internals (widget bindings and metadata); if they move, the
    link falls back to st.query_params alone."""

    ctx = get_script_run_ctx()
    if ctx is None:
        return {}
    out: dict[str, list[str] | None] = {}
    try:
        with ctx.session_state.query_params() as qp:
            bindings = dict(qp._bindings_by_param)
        state = ctx.session_state._state
        drawn = ctx.shared.widget_ids_this_run
        for param, binding in bindings.items():
            meta = state._new_widget_state.widget_metadata.get(binding.widget_id)
            if meta is None or binding.widget_id not in drawn:
                out[param] = None
                continue
            value = state[binding.widget_id]
            if value == meta.deserializer(None):
                out[param] = None
                continue
            coerced = _coerce_value_for_query_url(meta.serializer(value), meta.value_type)
            out[param] = [coerced] if isinstance(coerced, str) else list(coerced)
    except (AttributeError, KeyError, TypeError):
        return {}
    return out


def current_link(url_path: str) -> str:
    """The full URL of what this session shows now (call after the page has run, so its
    bound widgets are in st.query_params); the snapshot is always named."""

    params: dict[str, list[str]] = {k: st.query_params.get_all(k) for k in st.query_params}
    for key, values in _bound_params().items():
        if values is None:
            params.pop(key, None)
        else:
            params[key] = values
    params = permalink.with_defaults(
        params, {LANG_KEY: current_language(), SNAPSHOT_KEY: chosen_snapshot()}
    )
    base = st.context.url or f"/{url_path}"
    return permalink.url(base, params)


def copy_link(t: Callable[..., str], url_path: str, where: object = None) -> None:
    """The "copy link" affordance: a popover holding the view's URL with a copy button."""
    container = where if where is not None else st.sidebar
    with container.popover(t("permalink.copy"), icon=":material/link:", width="stretch"):
        st.caption(t("permalink.help"))
        st.code(current_link(url_path), language=None, wrap_lines=True)
