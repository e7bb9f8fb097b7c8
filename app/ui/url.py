"""URL state, one scheme: each stateful widget is bound to ?<its key>= (`bind="query-params"`).

Streamlit seeds a bound widget from the URL and writes it back; what it cannot take it
drops silently. The checks here run before a bound widget is first drawn and say so (a
toast, never markup); seed_flags() reads bound checkboxes early for a page whose other
widgets depend on them (facet counts). Values from the URL are shown as text, cut short.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from contextlib import suppress

import streamlit as st
from streamlit.errors import StreamlitAPIException

from app.core import md, permalink
from app.ui.internals import forget_initial_param, is_history_navigation

NOTICE_VALUE_CHARS = 60


def notice(t: Callable[..., str], key: str, **values: object) -> None:
    """A short notice that a URL asked for something the page cannot show (values from the
    URL are shown as text, never as markup, and cut short: a link can hold pages of it)."""

    short = {
        k: md.excerpt(v, NOTICE_VALUE_CHARS) if isinstance(v, str) else v for k, v in values.items()
    }
    st.toast(t(key, **md.escape_values(short)), icon=":material/link_off:")


def first_draw(param: str) -> bool:
    """Whether the widget bound to ?param= is still to be drawn and the URL names it."""
    return param not in st.session_state and param in st.query_params


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

    if not first_draw(param):
        return False
    value = st.query_params.get(param, "")
    if permalink.bad_bool(value):
        notice(t, "permalink.bad_value", param=param, value=value)
        return True
    return False


def check_number(t: Callable[..., str], param: str, kind: str) -> bool:
    """Before a bound number input is first drawn: notice a value it cannot take (too
    long, out of range, not finite) and drop it, so the input shows its default."""

    if not first_draw(param):
        return False
    value = st.query_params.get(param, "")
    if permalink.bad_number(value, kind):
        notice(t, "permalink.bad_value", param=param, value=value)
        forget(param)
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


def seed_flags(keys: Iterable[str]) -> None:
    """Before bound checkboxes are drawn, take the URL's "true" for each not yet in the
    session: a bound checkbox reads the URL only when drawn, and some pages must know every
    choice first. Anything else in the URL is left to the binding (which drops it).

    After Back or Forward the URL wins over the session: every key is read again (a key
    the URL does not name is off), so the page shows what its URL says."""
    again = is_history_navigation()
    for key in keys:
        if again or key not in st.session_state:
            value = st.query_params.get(key)
            on = isinstance(value, str) and value.strip().lower() == "true"
            if on or again:
                st.session_state[key] = on


def forget(param: str) -> None:
    """Remove ?param= before the widget bound to it is first drawn (a value it cannot take),
    from the visible URL and from the query string the session opened with."""
    with suppress(StreamlitAPIException, KeyError):
        del st.query_params[param]
    forget_initial_param(param)


def drop_params(t: Callable[..., str], keys: Sequence[str]) -> None:
    """Remove URL parameters nothing on the page reads (e.g. an unknown facet code), with a
    notice, so the copied link does not carry them on."""
    for key in keys:
        value = ", ".join(st.query_params.get_all(key))
        with suppress(StreamlitAPIException):  # bound to a widget: the widget drops it
            del st.query_params[key]
        notice(t, "permalink.bad_value", param=key, value=value)


# Code-valued widgets. `bind="query-params"` writes a widget's *formatted* option into the
# URL, so a value shown as a translated label would make the link depend on the language;
# these two keep raw codes instead (?item=rec-2.2, ?status=done,blocked).


def seed_codes(key: str, param: str, valid: Iterable[str], multi: bool = False) -> list[str]:
    """Seed the widget `key` from ?param= on first use, and again after Back or Forward
    (the URL wins: no ?param= clears the widget); returns codes that were not valid."""
    again = is_history_navigation()
    if key in st.session_state and not again:
        return []
    raw = st.query_params.get(param)
    if not raw:
        if again:
            st.session_state[key] = [] if multi else None
        return []
    allowed = set(valid)
    asked = [v for v in raw.split(",") if v] if multi else [raw]
    good = [v for v in asked if v in allowed]
    if multi:
        st.session_state[key] = good
    elif good:
        st.session_state[key] = good[0]
    return [v for v in asked if v not in allowed]


def write_codes(key: str, param: str) -> None:
    """on_change callback: mirror the widget's value into ?param= (removed when empty)."""
    value = st.session_state.get(key)
    if isinstance(value, list | tuple):
        value = ",".join(value)
    if value:
        st.query_params[param] = value
    elif param in st.query_params:
        del st.query_params[param]
