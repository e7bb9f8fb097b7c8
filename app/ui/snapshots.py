"""Which agencies snapshot the pages show: the published one, unless the URL opens another
(?snapshot=ID: the article's seed, or a draft by its id). One sidebar picker, drawn by
the entry script; pages read chosen_snapshot(). Readers see names, never ids; a draft
carries a badge and its own as-of line wherever it is shown."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from app.core import md
from app.core.config import SEED_SNAPSHOT
from app.data import snapshots as store
from app.roster import loaded_snapshots
from app.ui.locale import current_language, reader_time, reader_zone, when
from app.ui.session import clear_caches, connection
from app.ui.url import notice

SNAPSHOT_KEY = "snapshot"  # the URL parameter and the picker's key (owned here)
STATE_KEY = "_snapshot_state"  # this run's (published id, {id: Snapshot}), read once a run


def state() -> tuple[str, dict[str, store.Snapshot]]:
    """The published id and every imported snapshot, as this run read them from the store
    (the entry script's picker reads them once a run; pages and their callbacks reuse
    them), or read now if nothing has yet."""
    held = st.session_state.get(STATE_KEY)
    return held if held is not None else _read_state()


def _read_state() -> tuple[str, dict[str, store.Snapshot]]:
    published = store.published_id()
    snaps = {s.snapshot_id: s for s in store.list_snapshots()}
    if set(snaps) != set(loaded_snapshots(connection())) - {SEED_SNAPSHOT}:
        clear_caches()  # imported or deleted elsewhere (another session, replica, the CLI)
    st.session_state[STATE_KEY] = (published, snaps)
    return published, snaps


def data_snapshot(t: Callable[..., str]) -> str:
    """The one sidebar snapshot picker (entry script). Options: the published snapshot,
    the article's seed, and a draft only when the URL names it. A ?snapshot= that names
    nothing (deleted, mistyped) falls back to the published one with a notice."""
    published, snaps = _read_state()
    known = {SEED_SNAPSHOT, *snaps}
    asked = st.query_params.get(SNAPSHOT_KEY)
    held = st.session_state.get(SNAPSHOT_KEY)
    if asked and asked not in known:
        notice(
            t, "permalink.snapshot_gone" if asked == held else "permalink.bad_snapshot", value=asked
        )
        del st.query_params[SNAPSHOT_KEY]
        asked = None
    chosen = asked or published
    # Not bind="query-params": a bound selectbox writes its formatted label into the URL,
    # and a link must name the snapshot by id in any language. The URL holds the id only
    # when it is not the published one, so a shared link keeps following publication.
    st.session_state[SNAPSHOT_KEY] = chosen
    options = list(dict.fromkeys([published, SEED_SNAPSHOT, chosen]))
    written = reader_time(current_language(), reader_zone())
    st.sidebar.selectbox(
        t("exports.snapshot"),
        options=options,
        key=SNAPSHOT_KEY,
        help=t("exports.snapshot_help"),
        format_func=lambda sid: picker_name(t, sid, published, snaps, written),
        on_change=keep_in_url,
    )
    if chosen != published and chosen != SEED_SNAPSHOT:
        st.sidebar.badge(t("exports.draft"), icon=":material/edit_note:", color="orange")
    st.sidebar.caption(as_of(t, chosen))
    return chosen


def keep_in_url() -> None:
    """The chosen snapshot into the URL (?snapshot=ID), before the run that shows it; the
    published one is the default and leaves the URL."""
    chosen = st.session_state[SNAPSHOT_KEY]
    if chosen == state()[0]:
        if SNAPSHOT_KEY in st.query_params:
            del st.query_params[SNAPSHOT_KEY]
    else:
        st.query_params[SNAPSHOT_KEY] = chosen


def open_snapshot(snapshot_id: str) -> None:
    """Show snapshot_id from the next run on (a callback, e.g. after an import)."""
    st.query_params[SNAPSHOT_KEY] = snapshot_id


def picker_name(
    t: Callable[..., str],
    snapshot_id: str,
    published: str,
    snaps: dict[str, store.Snapshot],
    written: Callable[[object], str],
) -> str:
    """An option of the picker as a reader names it: the article's data, or an import by
    file and time; "(published)" or "(draft)" after an import."""
    if snapshot_id == SEED_SNAPSHOT:
        name = t("exports.snapshot_seed_name")
        return t("exports.published_name", name=name) if published == SEED_SNAPSHOT else name
    snap = snaps.get(snapshot_id)
    if snap is None:
        return snapshot_id
    name = t("exports.snapshot_import_name", file=snap.file_name, created=written(snap.created_at))
    key = "exports.published_name" if snapshot_id == published else "exports.draft_name"
    return t(key, name=name)


def chosen_snapshot() -> str:
    """The snapshot the sidebar picker chose for this run (the entry script draws it
    first); the published one otherwise."""
    published, snaps = state()
    chosen = st.session_state.get(SNAPSHOT_KEY)
    return chosen if chosen == SEED_SNAPSHOT or chosen in snaps else published


def is_draft(snapshot_id: str) -> bool:
    published, snaps = state()
    return snapshot_id in snaps and snapshot_id != published


def imported(snapshot_id: str) -> store.Snapshot | None:
    """The imported snapshot of that id (None for the seed or a snapshot gone)."""
    return state()[1].get(snapshot_id)


def as_of(t: Callable[..., str], snapshot: str, markdown: bool = True) -> str:
    """What the figures shown are as of: the article's time for the seed; for an import,
    the file, who imported it and when, and whether it is a draft. markdown: the
    uploader's file name and name escaped for Markdown; False for plain text (HTML)."""
    if snapshot == SEED_SNAPSHOT:
        return t("app.as_of")
    snap = imported(snapshot)
    if snap is None:
        return t("app.as_of")
    escape = md.escape if markdown else str
    values = {"file": escape(snap.file_name), "who": escape(snap.who)}
    key = "exports.as_of_import_by" if snap.who else "exports.as_of_import"
    text = t(key, at=when(snap.created_at), **values)
    return t("exports.as_of_draft", text=text) if is_draft(snapshot) else text


def snapshot_name(t: Callable[..., str], snapshot: str, markdown: bool = True) -> str:
    """A snapshot as a reader names it, never by its id ("seed", import-2026...): the
    article's agencies, or the roster imported from a file at a time. markdown: the file
    name (the uploader's text) escaped for a caption; False for a file cell."""

    if snapshot == SEED_SNAPSHOT:
        return t("exports.snapshot_name_seed")
    snap = imported(snapshot)
    if snap is None:
        return snapshot
    name = md.escape(snap.file_name) if markdown else snap.file_name
    return t("exports.snapshot_name_import", file=name, created=when(snap.created_at))
