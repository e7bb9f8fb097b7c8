"""The session's language: from ?lang=, else the session's choice, else Chinese; kept in
the URL, switched from the sidebar, and the translator every page starts with."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from app.core import dates
from app.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, translator
from app.ui.router import guard_legacy_router
from app.ui.url import notice

LANG_KEY = "lang"  # the URL parameter and the session-state key (owned here)
SWITCH_KEY = "_lang_switch"


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


def checked_language() -> str:
    """language(), plus a notice (in the language used) when ?lang= named another one."""
    asked = st.query_params.get(LANG_KEY)
    lang = language()
    if asked is not None and asked not in LANGUAGES:
        t = translator(lang)
        notice(t, "permalink.bad_lang", value=asked, lang=t(f"app.language_{lang}"))
    return lang


def language_switch(t: Callable[..., str]) -> None:
    """Sidebar control; changing it rewrites ?lang= and reruns in the new language."""

    def switch() -> None:
        chosen = st.session_state[SWITCH_KEY]
        if chosen:
            st.session_state[LANG_KEY] = chosen
            st.query_params[LANG_KEY] = chosen

    st.sidebar.segmented_control(
        t("app.language"),
        options=list(LANGUAGES),
        format_func=lambda code: t(f"app.language_{code}"),
        default=st.session_state[LANG_KEY],
        key=SWITCH_KEY,
        on_change=switch,
    )


def current_language() -> str:
    return st.session_state.get(LANG_KEY, DEFAULT_LANGUAGE)


def current_translator() -> Callable[..., str]:
    """Every page's first call: the translator for the session's language."""
    guard_legacy_router()
    return translator(current_language())


def reader_zone() -> str | None:
    """The browser's time zone (IANA name), None outside a browser session."""
    try:
        return st.context.timezone
    except (AttributeError, RuntimeError):
        return None


def when(stamp: object, *, with_time: bool = True) -> str:
    """A stored stamp as this reader writes it: 2026年11月27日 16:55 / 27 Nov 2026, 16:55."""
    return reader_time(current_language(), reader_zone())(stamp, with_time=with_time)


def reader_time(lang: str, zone: str | None) -> Callable[..., str]:
    """when() for a language and zone fixed now: for callbacks that run outside a script
    run (a widget's format_func)."""

    def written(stamp: object, *, with_time: bool = True) -> str:
        text = dates.moment(stamp, lang, zone) if with_time else dates.day(stamp, lang, zone)
        return text if text is not None else translator(lang)("app.unknown")

    return written
