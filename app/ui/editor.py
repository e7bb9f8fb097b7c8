"""Who is editing: the signed-in user where Streamlit's login is configured, else the name
the editor gives once per session (kept in st.session_state)."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

SESSION_KEY = "editor_name"


def signed_in_name(user: Mapping | None = None) -> str | None:
    """st.user's name or e-mail when a login is configured and the user is signed in."""
    info = st.user if user is None else user
    try:
        if not info.get("is_logged_in"):
            return None
        name = info.get("name") or info.get("email") or info.get("sub")
    except (AttributeError, KeyError, TypeError):
        return None
    return str(name) if name else None


def current() -> str | None:
    """The editor's name for the audit log, or None when it has not been given yet."""
    return signed_in_name() or st.session_state.get(SESSION_KEY) or None
