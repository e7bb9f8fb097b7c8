"""The app's only reads and writes of Streamlit's private internals (Streamlit 1.67).

Each is here because no public API does the job, and each degrades to doing nothing if
the internals move in a later Streamlit (a test or the e2e suite then says so):

- the legacy pages/ router (a first deep link to a fresh server skips the entry script);
- the widget bindings of ?params (st.query_params lags one change behind on a same-page
  rerun, so a copied link would too);
- the query string a session opened with (a bound widget seeds itself from it, not from
  st.query_params, and some values make that seeding raise);
- whether this run answers the browser's Back or Forward (then the URL is the truth, and
  values a page seeds from it before drawing must be read again).
"""

from __future__ import annotations

from contextlib import suppress

from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.runtime.state.query_params import _coerce_value_for_query_url


def disable_legacy_router() -> None:
    """Turn off, process-wide, the router that serves pages/<name>.py without the entry."""
    PagesManager.uses_pages_directory = False


def bound_params() -> dict[str, list[str] | None]:
    """Each URL-bound widget of this run as the browser writes it into the URL: its
    serialized value, or None when it holds its default (the URL then omits it) or was
    not drawn this run. Empty if the internals have moved."""

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


def forget_initial_param(param: str) -> None:
    """Drop ?param= from the query string the session opened with (which bound widgets
    seed themselves from); if the internals have moved, nothing happens."""
    ctx = get_script_run_ctx()
    if ctx is None:
        return
    with suppress(AttributeError), ctx.session_state.query_params() as qp:
        qp._initial_query_params.pop(param, None)


def is_history_navigation() -> bool:
    """Whether this run answers the browser's Back or Forward button (False if the
    internals have moved)."""
    ctx = get_script_run_ctx()
    return bool(getattr(ctx, "is_history_navigation", False)) if ctx is not None else False


def peer_address() -> str | None:
    """The TCP peer of this session's browser connection (uvicorn's client host, which it
    takes from X-Forwarded-For only when the proxy itself is on 127.0.0.1); None when
    unknown (no server: AppTest, a bare script). st.context.ip_address can't tell a
    loopback peer from an unknown one: it returns None for both."""
    from streamlit.runtime import exists, get_instance

    ctx = get_script_run_ctx()
    if ctx is None or not exists():
        return None
    with suppress(AttributeError):
        client = get_instance().get_client(ctx.session_id)
        context = getattr(client, "client_context", None)
        return getattr(context, "remote_ip", None)
    return None
