"""The permalink of what a session shows now, and the "copy link" affordance."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from app.core import permalink
from app.ui.internals import bound_params
from app.ui.locale import LANG_KEY, current_language
from app.ui.snapshots import SNAPSHOT_KEY, chosen_snapshot


def current_link(url_path: str) -> str:
    """The full URL of what this session shows now (call after the page has run, so its
    bound widgets are in st.query_params); the snapshot is always named.

    The backend's st.query_params is not refreshed from the browser on a same-page rerun,
    so the bound widgets' own values (internals.bound_params) take precedence."""

    params: dict[str, list[str]] = {k: st.query_params.get_all(k) for k in st.query_params}
    for key, values in bound_params().items():
        if values is None:
            params.pop(key, None)
        else:
            params[key] = values
    params = permalink.with_defaults(
        params, {LANG_KEY: current_language(), SNAPSHOT_KEY: chosen_snapshot()}
    )
    base = st.context.url or f"/{url_path}"
    return permalink.url(base, params)


def page_link(page: str, label: str, icon: str) -> None:
    """A link to another page that keeps this view's language, and its snapshot when the
    URL names one (a link opened in a new tab reads them from its URL)."""
    params = {LANG_KEY: current_language()}
    if st.query_params.get(SNAPSHOT_KEY):
        params[SNAPSHOT_KEY] = chosen_snapshot()
    st.page_link(page, label=label, icon=icon, query_params=params)


def copy_link(t: Callable[..., str], url_path: str, where: object = None) -> None:
    """The "copy link" affordance: a popover holding the view's URL with a copy button."""
    container = where if where is not None else st.sidebar
    with container.popover(t("permalink.copy"), icon=":material/link:", width="stretch"):
        st.caption(t("permalink.help"))
        st.code(current_link(url_path), language=None, wrap_lines=True)
