"""Keep a widget's value in the URL by code, not by label.

`bind="query-params"` writes a widget's *formatted* option into the URL, so a value shown
in Chinese or English would make the URL depend on the language. These helpers store the
raw codes instead (?item=rec-2.2, ?status=done,blocked) so a link opens the same view in
either language.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress

import streamlit as st
from streamlit.errors import StreamlitAPIException
from streamlit.runtime.scriptrunner import get_script_run_ctx


def initial(key: str, param: str, valid: Iterable[str], multi: bool = False) -> list[str]:
    """Seed the widget `key` from ?param= on first use; returns codes that were not valid."""
    if key in st.session_state:
        return []
    raw = st.query_params.get(param)
    if not raw:
        return []
    allowed = set(valid)
    asked = [v for v in raw.split(",") if v] if multi else [raw]
    good = [v for v in asked if v in allowed]
    if multi:
        st.session_state[key] = good
    elif good:
        st.session_state[key] = good[0]
    return [v for v in asked if v not in allowed]


def write(key: str, param: str) -> None:
    """on_change callback: mirror the widget's value into ?param= (removed when empty)."""
    value = st.session_state.get(key)
    if isinstance(value, list | tuple):
        value = ",".join(value)
    if value:
        st.query_params[param] = value
    elif param in st.query_params:
        del st.query_params[param]


def forget(param: str) -> None:
    """Remove ?param= before the widget bound to it is first drawn (a value it cannot take).

    Streamlit seeds a bound widget from the query string the session opened with, not
    from st.query_params, and some values make that seeding raise (an int input given
    1e400), so the value goes from both. Reads Streamlit 1.67 internals (the kept
    initial query string); if they move, only the visible URL changes."""
    with suppress(StreamlitAPIException, KeyError):
        del st.query_params[param]
    ctx = get_script_run_ctx()
    if ctx is None:
        return
    with suppress(AttributeError), ctx.session_state.query_params() as qp:
        qp._initial_query_params.pop(param, None)
