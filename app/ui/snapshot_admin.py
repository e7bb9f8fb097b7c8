"""/import's snapshot list and its admin actions: publish a draft, withdraw the published
import, delete a draft, and the history of those actions (who, when). The store refuses
what the actor's role does not allow; the controls are drawn only for admins."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from app.core import md
from app.core.config import SEED_SNAPSHOT
from app.core.errors import UserError
from app.core.roles import Actor
from app.data import snapshots as store
from app.ui import locale, session, tables
from app.ui.auth import current_actor
from app.ui.snapshots import state as snapshot_state

FLASH = "imp_admin_flash"
PICK = "imp_admin_pick"


def status_label(t: Callable[..., str], snapshot_id: str, published: str) -> str:
    return t("importer.status_published" if snapshot_id == published else "importer.status_draft")


def snapshot_table(t: Callable[..., str]) -> None:
    """Every snapshot: the seed, then each import with its status, who imported it, when."""
    published, snaps = snapshot_state()
    rows = [
        {
            "status": status_label(t, SEED_SNAPSHOT, published)
            if published == SEED_SNAPSHOT
            else "",
            "file_name": t("importer.seed_file"),
            "created_at": "",
            "created_by": "",
            "rows": int(session.view("v_agencies", SEED_SNAPSHOT).shape[0]),
            "note": "",
            "snapshot": SEED_SNAPSHOT,
        },
        *[
            {
                "status": status_label(t, s.snapshot_id, published),
                "file_name": s.file_name,
                "created_at": locale.when(s.created_at),
                "created_by": s.who,
                "rows": s.rows,
                "note": s.note,
                "snapshot": s.snapshot_id,
            }
            for s in reversed(snaps.values())
        ],
    ]
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        key="imp_snapshots",
        column_config={
            "status": t("importer.col_status"),
            "file_name": t("importer.col_file"),
            "created_at": t("importer.col_created"),
            "created_by": t("importer.col_by"),
            "rows": t("importer.col_rows"),
            "note": st.column_config.TextColumn(t("importer.col_note"), width="large"),
            "snapshot": t("importer.col_snapshot"),
        },
    )


def _act(t: Callable[..., str], action: str) -> None:
    """Button callback: publish, withdraw or delete, as the actor of this request."""
    actor: Actor = current_actor()
    chosen = st.session_state.get(PICK)
    try:
        if action == "publish":
            store.publish(chosen, actor)
        elif action == "withdraw":
            chosen = store.withdraw(actor)
        else:
            store.delete(chosen, actor)
    except UserError as err:
        st.session_state[FLASH] = ("error", err.message(t))
        return
    session.clear_caches()
    snap = snapshot_state()[1].get(chosen)  # as the page the admin clicked on listed them
    name = snap.file_name if snap else t("importer.seed_file")
    st.session_state[FLASH] = ("success", t(f"importer.{action}_done", name=md.escape(name)))


def admin_actions(t: Callable[..., str], actor: Actor) -> None:
    """Publish / withdraw / delete, for admins; a line saying who may, for anyone else."""
    flash = st.session_state.pop(FLASH, None)
    if flash:
        getattr(st, flash[0])(flash[1])
    if not actor.can("publish"):
        st.caption(t("importer.admin_only"))
        return
    published, snaps = snapshot_state()
    ids = [*reversed(snaps), SEED_SNAPSHOT]  # the newest first
    names = {i: f"{s.file_name} · {locale.when(s.created_at)}" for i, s in snaps.items()}
    names[SEED_SNAPSHOT] = t("importer.seed_file")
    with st.container(border=True, key="imp_admin"):
        st.selectbox(
            t("importer.admin_pick"),
            options=ids,
            key=PICK,
            format_func=lambda sid: (
                f"{names.get(sid, sid)} ({status_label(t, sid, published)})"
                if sid == published or sid != SEED_SNAPSHOT
                else names[sid]
            ),
        )
        chosen = st.session_state.get(PICK)
        disabled = {
            "publish": chosen == published,
            "withdraw": published == SEED_SNAPSHOT,
            "delete": chosen in (SEED_SNAPSHOT, published),
        }
        for column, (action, off) in zip(st.columns(3), disabled.items(), strict=True):
            column.button(
                t(f"importer.{action}"),
                key=f"imp_{action}",
                type="primary" if action == "publish" else "secondary",
                disabled=off,
                on_click=_act,
                args=(t, action),
            )


def history(t: Callable[..., str]) -> None:
    """Imports, publications, withdrawals and deletions, newest first."""
    log = store.history()
    if log.empty:
        return
    with st.expander(t("importer.history"), icon=":material/history:"):
        frame = pd.DataFrame(
            {
                t("importer.col_when"): log["at"].map(locale.when),
                t("importer.col_action"): log["action"].map(lambda a: t(f"importer.action_{a}")),
                t("importer.col_snapshot"): log["snapshot_id"],
                t("importer.col_by"): log["who_name"].where(log["who_name"] != "", log["who"]),
                t("importer.col_identity"): log["who"],
            }
        )
        tables.table(t, frame, key="imp_history")
