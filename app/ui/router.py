"""The entry script's shell around each page run, and the guard against Streamlit's
legacy pages/ router."""

from __future__ import annotations

import streamlit as st

from app.ui.internals import disable_legacy_router

SHELL_KEY = "_shell_running"  # owned here: True while the entry script runs a page


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
        disable_legacy_router()
        st.rerun()
