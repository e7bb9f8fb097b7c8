"""The checklist page's Streamlit side: session keys, form callbacks, flash messages, caches,
and the item's conflict panel and change log.

The one module of the package that imports Streamlit. Every session_state key the page
uses is named here. An item's form holds its widgets (widget_keys) and the version the
edit is based on (base_key); a save on a stale version leaves the editor's text in the
form and keeps what is stored now under CONFLICT, to compare, rebase or discard.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from app.checklist import export, labels
from app.checklist.model import (
    EDIT_FIELDS,
    WHO_MAX,
    EditError,
    ItemState,
    StaleEdit,
    editor_name,
    make_edit,
)
from app.checklist.store import audit_log, get_item, save_item
from app.core import md
from app.core.roles import Refused
from app.data import exports
from app.ui import auth, editor, locale

Translator = Callable[..., str]

WHO = "ck_who"  # the name an editor types (when no login is configured)
STATUS = "ck_status"  # status filter, kept in ?status= by code (app.ui.url.seed_codes)
ITEM = "ck_item"  # the item being edited, kept in ?item= (app.ui.url.seed_codes)
OWNER = "owner"  # owner filter, bound to ?owner=
FLASH = "ck_flash"  # (kind, text) shown once on the next run
CONFLICT = "ck_conflict"  # the stored ItemState a save was refused against

_markdown = st.cache_data(show_spinner=False, max_entries=32)(export.to_markdown)


@dataclass(frozen=True)
class Download:
    """One export button, as st.download_button's arguments (the bytes made when clicked)."""

    label: str
    data: Callable[[], bytes]
    file_name: str
    mime: str
    key: str


def downloads(frame: pd.DataFrame, lang: str, t: Translator) -> list[Download]:
    """The meeting exports: the items (XLSX), the handout (Markdown), the change log (XLSX)."""
    xlsx = exports.FORMATS["xlsx"].mime
    return [
        Download(
            t("checklist.export_xlsx"),
            lambda: export.items_xlsx(frame, lang),
            exports.file_name("checklist", "xlsx"),
            xlsx,
            "ck_export_xlsx",
        ),
        Download(
            t("checklist.export_md"),
            lambda: _markdown(frame, lang).encode("utf-8"),
            export.markdown_file_name(),
            "text/markdown",
            "ck_export_md",
        ),
        Download(
            t("checklist.export_audit"),
            export.audit_xlsx,
            exports.file_name("checklist-audit", "xlsx"),
            xlsx,
            "ck_export_audit",
        ),
    ]


def widget_keys(rec_id: str) -> dict[str, str]:
    return {f: f"ck_{f}_{rec_id}" for f in EDIT_FIELDS}


def base_key(rec_id: str) -> str:
    return f"ck_base_{rec_id}"


def form_key(rec_id: str) -> str:
    return f"ck_form_{rec_id}"


def given_name() -> str:
    return st.session_state.get(editor.SESSION_KEY) or ""


def load_into_form(rec_id: str) -> None:
    """Put the stored state of an item into its form and remember the version it is based on."""
    state = get_item(rec_id)
    edit = state.edit()
    keys = widget_keys(rec_id)
    st.session_state[keys["status"]] = edit.status.value
    st.session_state[keys["owner"]] = edit.owner
    st.session_state[keys["due"]] = edit.due
    st.session_state[keys["notes"]] = edit.notes
    st.session_state[base_key(rec_id)] = state.version


def based_on(rec_id: str) -> int:
    """The version the item's form edits (the stored state is loaded on first use)."""
    if base_key(rec_id) not in st.session_state:
        load_into_form(rec_id)
    return st.session_state[base_key(rec_id)]


def conflict(rec_id: str) -> ItemState | None:
    """What is stored now, when this session's last save of the item was refused as stale."""
    state = st.session_state.get(CONFLICT)
    return state if state is not None and state.rec_id == rec_id else None


def conflict_panel(t: Translator, rec_id: str) -> None:
    """After a refused stale save: what is stored now, and rebase onto it or discard."""
    stored = conflict(rec_id)
    if stored is None:
        return
    with st.container(border=True):
        st.warning(t("checklist.conflict_title"), icon=":material/sync_problem:")
        st.caption(labels.stored_by(stored, t, locale.when))
        st.text(labels.stored_text(stored, t))
        c1, c2 = st.columns(2)
        c1.button(
            t("checklist.rebase"),
            key="ck_rebase",
            on_click=on_rebase,
            args=(rec_id, stored.version, t),
        )
        c2.button(t("checklist.discard"), key="ck_discard", on_click=on_reload, args=(rec_id,))


def change_log(t: Translator, rec_id: str) -> None:
    """The item's saved changes, newest first (store.audit_log), or a line saying none."""
    st.markdown(f"**{t('checklist.history')}**")
    log = audit_log(rec_id)
    if log.empty:
        st.caption(t("checklist.no_history"))
    else:
        st.dataframe(labels.history(log, t, locale.when), hide_index=True, key="ck_history")


def show_flash() -> None:
    """The message a callback left for this run, once."""
    message = st.session_state.pop(FLASH, None)
    if message:
        getattr(st, message[0])(message[1])


def _error(exc: EditError, t: Translator) -> tuple[str, str]:
    return ("error", t(exc.key, **md.escape_values(exc.values)))


def on_name(t: Translator) -> None:
    try:
        st.session_state[editor.SESSION_KEY] = editor_name(st.session_state[WHO])
    except EditError as exc:
        st.session_state[editor.SESSION_KEY] = None
        st.session_state[FLASH] = _error(exc, t)


def on_save(rec_id: str, known: set[str], t: Translator) -> None:
    s = st.session_state
    keys = widget_keys(rec_id)
    try:
        actor = auth.require("checklist")  # hidden controls are no guard: a viewer stops here
    except Refused as exc:
        s[FLASH] = ("error", exc.message(t))
        return
    who = editor.current()  # a display label; the signed-in or local actor is who writes
    if not who:
        s[FLASH] = ("error", t("checklist.error_who_missing"))
        return
    try:
        edit = make_edit(s[keys["status"]], s[keys["owner"]], s[keys["due"]], s[keys["notes"]])
        saved = save_item(rec_id, s[base_key(rec_id)], edit, actor, label=who, known=known)
    except (EditError, Refused) as exc:
        s[FLASH] = _error(exc, t)
        return
    except StaleEdit as exc:
        s[CONFLICT] = exc.current
        s[FLASH] = ("warning", t("checklist.stale", who=md.escape(exc.current.updated_by or "?")))
        return
    unchanged = saved.version == s[base_key(rec_id)]
    s[base_key(rec_id)] = saved.version
    s.pop(CONFLICT, None)
    if unchanged:
        s[FLASH] = ("info", t("checklist.nothing_changed"))
    else:
        s[FLASH] = ("success", t("checklist.saved_ok", rec_id=rec_id, version=saved.version))


def on_rebase(rec_id: str, version: int, t: Translator) -> None:
    """Keep the editor's text and base it on the stored version (they save again)."""
    st.session_state[base_key(rec_id)] = version
    st.session_state.pop(CONFLICT, None)
    st.session_state[FLASH] = ("info", t("checklist.rebased"))


def on_reload(rec_id: str) -> None:
    """Discard the editor's text: the form shows what is stored now."""
    load_into_form(rec_id)
    st.session_state.pop(CONFLICT, None)


def who(t: Translator) -> None:
    """Who is editing: the signed-in name, else a name field kept for the session."""
    signed_in = editor.signed_in_name()
    if signed_in:
        st.caption(t("checklist.signed_in_as", who=md.escape(signed_in)))
        return
    st.text_input(
        t("checklist.who"),
        key=WHO,
        value=given_name(),
        max_chars=WHO_MAX,
        on_change=on_name,
        args=(t,),
        help=t("checklist.who_help"),
    )
