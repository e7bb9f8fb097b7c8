"""Which agencies snapshot the pages show: one sidebar picker (?snapshot=ID), drawn by the
entry script; pages read chosen_snapshot(). 'seed' is the article's data."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from app import roster
from app.core import md
from app.core.config import SEED_SNAPSHOT, data_paths
from app.ui.locale import when
from app.ui.session import clear_caches, connection
from app.ui.url import notice

SNAPSHOT_KEY = "snapshot"  # the URL parameter and the picker's key (owned here)


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


def snapshot_name(t: Callable[..., str], snapshot: str, markdown: bool = True) -> str:
    """A snapshot as a reader names it, never by its id ("seed", import-2026...): the
    article's agencies, or the roster imported from a file at a time. markdown: the file
    name (the uploader's text) escaped for a caption; False for a file cell."""

    if snapshot == SEED_SNAPSHOT:
        return t("exports.snapshot_name_seed")
    snap = next((s for s in roster.list_snapshots(data_paths()) if s.snapshot_id == snapshot), None)
    if snap is None:
        return snapshot
    name = md.escape(snap.file_name) if markdown else snap.file_name
    return t("exports.snapshot_name_import", file=name, created=when(snap.created_at))
