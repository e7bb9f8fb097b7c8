"""Code-valued widgets in the URL, for a widget whose options are shown as translated labels.

`bind="query-params"` (app.ui.url) writes a widget's *formatted* option into the URL, so
a value shown in Chinese or English would make the URL depend on the language. These
helpers store the raw codes instead (?item=rec-2.2, ?status=done,blocked) so a link opens
the same view in either language. Used by pages/checklist.py only.
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st


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
