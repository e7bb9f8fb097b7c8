"""Which agencies snapshot the pages show: one sidebar picker (?snapshot=ID), drawn by the
entry script; pages read chosen_snapshot(). 'seed' is the article's data; readers see
label(), never the id."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import streamlit as st

from app import roster
from app.core import md
from app.core.config import SEED_SNAPSHOT, data_paths
from app.ui.locale import current_language, reader_time, reader_zone, when
from app.ui.session import clear_caches, connection
from app.ui.url import notice

SNAPSHOT_KEY = "snapshot"  # the URL parameter and the picker's key (owned here)
LABELS_KEY = "_snapshot_labels"  # {snapshot id: the name this session showed for it}


def snapshot_picker(t: Callable[..., str]) -> str:
    """Sidebar choice of the agencies snapshot (latest import by default; ?snapshot=ID).

    Returns the snapshot id to hand to view()/db.query(); 'seed' is the article's data."""

    paths = data_paths()
    written = reader_time(current_language(), reader_zone())
    snaps = {s.snapshot_id: s for s in roster.list_snapshots(paths)}
    ids = list(reversed(roster.snapshot_ids(paths)))  # latest first; the seed last
    if set(snaps) - set(roster.loaded_snapshots(connection())):
        clear_caches()  # imported elsewhere (another session or the CLI): reload
    # Not bind="query-params": a bound selectbox writes its formatted label into the URL,
    # and a link must name the snapshot by id in any language. So the URL is kept here: it
    # wins when it names a snapshot (a link, Back), a choice writes it (keep_in_url).
    asked = st.query_params.get(SNAPSHOT_KEY)
    if asked in ids:
        st.session_state[SNAPSHOT_KEY] = asked
    elif st.session_state.get(SNAPSHOT_KEY) not in ids:
        st.session_state[SNAPSHOT_KEY] = ids[0]
    chosen = st.sidebar.selectbox(
        t("exports.snapshot"),
        options=ids,
        key=SNAPSHOT_KEY,
        help=t("exports.snapshot_help"),
        format_func=partial(label, t("exports.snapshot_seed_name"), names(t, written, snaps)),
        on_change=keep_in_url,
    )
    if asked != chosen:
        st.query_params[SNAPSHOT_KEY] = chosen
    snap = snaps.get(chosen)
    if snap is None:
        st.sidebar.caption(t("exports.snapshot_seed"))
    else:
        st.sidebar.caption(
            t(
                "exports.snapshot_import",
                file=md.escape(snap.file_name),  # the uploader's name, shown to everyone
                rows=snap.rows,
                created=written(snap.created_at),
            )
        )
    return chosen or ids[0]


def keep_in_url() -> None:
    """The chosen snapshot into the URL (?snapshot=ID), before the run that shows it."""
    st.query_params[SNAPSHOT_KEY] = st.session_state[SNAPSHOT_KEY]


def imported(snapshot_id: str) -> roster.Snapshot | None:
    """The imported snapshot of that id (None for the seed or a snapshot gone)."""
    return next(
        (s for s in roster.list_snapshots(data_paths()) if s.snapshot_id == snapshot_id), None
    )


def names(
    t: Callable[..., str], written: Callable[[object], str], snaps: dict[str, roster.Snapshot]
) -> dict[str, str]:
    """{snapshot id: the name a reader sees for it}, kept in the session: a snapshot deleted
    meanwhile keeps the name the browser still holds for it."""
    known = st.session_state.setdefault(LABELS_KEY, {})
    for snapshot_id, snap in snaps.items():
        known[snapshot_id] = t(
            "exports.snapshot_import_name", file=snap.file_name, created=written(snap.created_at)
        )
    return known


def label(seed_name: str, known: dict[str, str], snapshot_id: str) -> str:
    """A snapshot as a reader names it (a selectbox shows options as text), never its id
    unless nothing better is known."""
    return seed_name if snapshot_id == SEED_SNAPSHOT else known.get(snapshot_id, snapshot_id)


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
    snap = imported(snapshot)
    if snap is None:
        return snapshot
    name = md.escape(snap.file_name) if markdown else snap.file_name
    return t("exports.snapshot_name_import", file=name, created=when(snap.created_at))
