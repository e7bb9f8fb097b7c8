"""Checklist: the source's recommendations and integrations with status, owner, due and notes."""

import streamlit as st

from app import checklist, ui
from app.checklist import EditError, StaleEdit
from app.core import md
from app.data import exports
from app.ui import editor, url_state

t = ui.current_translator()
lang = ui.current_language()
TITLE = "title_zh" if lang == "zh" else "title_en"
DETAIL = "detail_zh" if lang == "zh" else "detail_en"
FLASH, CONFLICT = "ck_flash", "ck_conflict"

items = checklist.items(ui.view("recommendations"), ui.view("sources"))
by_id = items.set_index("rec_id")
known = set(by_id.index)


def status_label(code: str) -> str:
    return t(f"checklist.status_{code}")


def widget_keys(rec_id: str) -> dict[str, str]:
    return {f: f"ck_{f}_{rec_id}" for f in checklist.EDIT_FIELDS}


def load_into_form(rec_id: str) -> None:
    """Put the stored state of an item into its form and remember the version it is based on."""
    state = checklist.get_item(rec_id)
    edit = state.edit()
    keys = widget_keys(rec_id)
    st.session_state[keys["status"]] = edit.status.value
    st.session_state[keys["owner"]] = edit.owner
    st.session_state[keys["due"]] = edit.due
    st.session_state[keys["notes"]] = edit.notes
    st.session_state[f"ck_base_{rec_id}"] = state.version


def on_name() -> None:
    try:
        st.session_state[editor.SESSION_KEY] = checklist.editor_name(st.session_state["ck_who"])
    except EditError as exc:
        st.session_state[editor.SESSION_KEY] = None
        st.session_state[FLASH] = ("error", t(exc.key, **md.escape_values(exc.values)))


def on_save(rec_id: str) -> None:
    s = st.session_state
    keys = widget_keys(rec_id)
    who = editor.current()
    if not who:
        s[FLASH] = ("error", t("checklist.error_who_missing"))
        return
    try:
        edit = checklist.make_edit(
            s[keys["status"]], s[keys["owner"]], s[keys["due"]], s[keys["notes"]]
        )
        saved = checklist.save_item(rec_id, s[f"ck_base_{rec_id}"], edit, who, known=known)
    except EditError as exc:
        s[FLASH] = ("error", t(exc.key, **md.escape_values(exc.values)))
        return
    except StaleEdit as exc:
        s[CONFLICT] = exc.current
        s[FLASH] = ("warning", t("checklist.stale", who=md.escape(exc.current.updated_by or "?")))
        return
    unchanged = saved.version == s[f"ck_base_{rec_id}"]
    s[f"ck_base_{rec_id}"] = saved.version
    s.pop(CONFLICT, None)
    if unchanged:
        s[FLASH] = ("info", t("checklist.nothing_changed"))
    else:
        s[FLASH] = ("success", t("checklist.saved_ok", rec_id=rec_id, version=saved.version))


def on_rebase(rec_id: str, version: int) -> None:
    st.session_state[f"ck_base_{rec_id}"] = version
    st.session_state.pop(CONFLICT, None)
    st.session_state[FLASH] = ("info", t("checklist.rebased"))


def on_reload(rec_id: str) -> None:
    load_into_form(rec_id)
    st.session_state.pop(CONFLICT, None)


# --- page -------------------------------------------------------------------------------

st.title(t("checklist.title"))
st.write(t("checklist.intro"))

signed_in = editor.signed_in_name()
if signed_in:
    st.caption(t("checklist.signed_in_as", who=md.escape(signed_in)))
else:
    st.text_input(
        t("checklist.who"),
        key="ck_who",
        value=st.session_state.get(editor.SESSION_KEY) or "",
        max_chars=checklist.WHO_MAX,
        on_change=on_name,
        help=t("checklist.who_help"),
    )

done, total = checklist.overall(items)
cols = st.columns(1 + len(checklist.CATEGORY_ORDER))
cols[0].metric(t("checklist.progress"), f"{done}/{total}", help=t("checklist.progress_help"))
cols[0].progress(done / total if total else 0.0)
by_cat = checklist.progress(items, by="group_category").set_index("group_category")
for col, cat in zip(cols[1:], checklist.CATEGORY_ORDER, strict=True):
    if cat in by_cat.index:
        col.metric(t(f"checklist.cat_{cat}"), f"{by_cat.at[cat, 'done']}/{by_cat.at[cat, 'total']}")

with st.expander(t("checklist.by_group")):
    groups = checklist.progress(items)
    groups.insert(1, "title", groups["group_id"].map(by_id[TITLE]))
    groups = groups.rename(
        columns={
            "group_id": t("checklist.col_item"),
            "title": t("checklist.col_title"),
            **{s: status_label(s) for s in checklist.STATUSES},
            "total": t("checklist.col_total"),
            "done_share": t("checklist.col_done_share"),
        }
    )
    st.dataframe(
        groups,
        hide_index=True,
        key="ck_groups",
        column_config={
            t("checklist.col_done_share"): st.column_config.ProgressColumn(
                min_value=0.0, max_value=1.0, format="percent"
            )
        },
    )

f1, f2 = st.columns(2)
bad_status = url_state.initial("ck_status", "status", checklist.STATUSES, multi=True)
statuses = f1.multiselect(
    t("checklist.filter_status"),
    list(checklist.STATUSES),
    format_func=status_label,
    key="ck_status",
    placeholder=t("checklist.filter_all"),
    on_change=url_state.write,
    args=("ck_status", "status"),
)
if bad_status:
    st.warning(t("checklist.error_bad_status", values=md.escape(", ".join(bad_status))))
owner_options = sorted(o for o in items["owner"].unique() if o)
ui.check_choice(t, "owner", owner_options)
owners = f2.multiselect(
    t("checklist.filter_owner"),
    owner_options,
    key="owner",
    bind="query-params",
    placeholder=t("checklist.filter_all"),
)
shown = checklist.filtered(items, statuses, owners)
st.caption(t("checklist.shown", n=len(shown), total=total))
table = shown[["rec_id", TITLE, "addresses", "status", "owner", "due", "notes"]].copy()
table["addresses"] = table["addresses"].map(lambda d: t(f"checklist.dim_{d}"))
table["status"] = table["status"].map(status_label)
table["due"] = table["due"].fillna("")
table = table.rename(
    columns={
        "rec_id": t("checklist.col_item"),
        TITLE: t("checklist.col_title"),
        "addresses": t("checklist.col_addresses"),
        "status": t("checklist.col_status"),
        "owner": t("checklist.col_owner"),
        "due": t("checklist.col_due"),
        "notes": t("checklist.col_notes"),
    }
)
st.dataframe(table, hide_index=True, key="ck_table")

st.subheader(t("checklist.edit"))
bad_item = url_state.initial("ck_item", "item", known)
rec_id = st.selectbox(
    t("checklist.pick"),
    list(items["rec_id"]),
    index=None,
    format_func=lambda r: f"{r} · {by_id.at[r, TITLE]}",
    placeholder=t("checklist.pick_placeholder"),
    key="ck_item",
    on_change=url_state.write,
    args=("ck_item", "item"),
)
if bad_item:
    st.warning(t("checklist.error_unknown_item", rec_id=md.escape(bad_item[0])))

message = st.session_state.pop(FLASH, None)
if message:
    getattr(st, message[0])(message[1])

if rec_id:
    item = by_id.loc[rec_id]
    if f"ck_base_{rec_id}" not in st.session_state:
        load_into_form(rec_id)
    with st.container(border=True):
        category = t(f"checklist.cat_{item['category']}")
        st.markdown(f"**{rec_id}** · {category}")
        st.text(item[TITLE])
        st.caption(item[DETAIL])
        st.caption(t("checklist.addresses", dim=t(f"checklist.dim_{item['addresses']}")))
        if item["parent_id"]:
            st.caption(
                t(
                    "checklist.part_of",
                    parent=f"{item['parent_id']} · {by_id.at[item['parent_id'], TITLE]}",
                )
            )
        ui.source_popover(t, item["source_ref"], item["excerpt"])

    conflict = st.session_state.get(CONFLICT)
    if conflict is not None and conflict.rec_id == rec_id:
        with st.container(border=True):
            st.warning(t("checklist.conflict_title"), icon=":material/sync_problem:")
            st.caption(
                t(
                    "checklist.conflict_meta",
                    version=conflict.version,
                    who=md.escape(conflict.updated_by or "?"),
                    at=conflict.updated_at or "?",
                )
            )
            st.text(
                f"{t('checklist.col_status')}: {status_label(conflict.status)}\n"
                f"{t('checklist.col_owner')}: {conflict.owner}\n"
                f"{t('checklist.col_due')}: {conflict.due or ''}\n"
                f"{t('checklist.col_notes')}: {conflict.notes}"
            )
            c1, c2 = st.columns(2)
            c1.button(
                t("checklist.rebase"),
                key="ck_rebase",
                on_click=on_rebase,
                args=(rec_id, conflict.version),
            )
            c2.button(t("checklist.discard"), key="ck_discard", on_click=on_reload, args=(rec_id,))

    keys = widget_keys(rec_id)
    with st.form(f"ck_form_{rec_id}"):
        a, b, c = st.columns(3)
        a.selectbox(
            t("checklist.col_status"),
            list(checklist.STATUSES),
            format_func=status_label,
            key=keys["status"],
        )
        b.text_input(t("checklist.col_owner"), key=keys["owner"], max_chars=checklist.OWNER_MAX)
        c.date_input(t("checklist.col_due"), key=keys["due"], format="YYYY-MM-DD")
        st.text_area(t("checklist.col_notes"), key=keys["notes"], max_chars=checklist.NOTES_MAX)
        st.caption(t("checklist.based_on", version=st.session_state[f"ck_base_{rec_id}"]))
        st.form_submit_button(t("checklist.save"), on_click=on_save, args=(rec_id,), type="primary")
    st.button(t("checklist.reload"), key="ck_reload", on_click=on_reload, args=(rec_id,))

    st.markdown(f"**{t('checklist.history')}**")
    log = checklist.audit_log(rec_id)
    if log.empty:
        st.caption(t("checklist.no_history"))
    else:
        log["field"] = log["field"].map(lambda f: t(f"checklist.col_{f}"))
        log = log.drop(columns=["rec_id"]).rename(
            columns={
                c: t(f"checklist.log_{c}") for c in ("version", "who", "at", "field", "old", "new")
            }
        )
        st.dataframe(log.fillna(""), hide_index=True, key="ck_history")

st.subheader(t("checklist.export"))
e1, e2, e3 = st.columns(3)
export = checklist.export_frame(items, lang)
e1.download_button(
    t("checklist.export_xlsx"),
    data=lambda: exports.to_bytes(export, "xlsx", "checklist"),
    file_name=exports.file_name("checklist", "xlsx"),
    mime=exports.FORMATS["xlsx"].mime,
    key="ck_export_xlsx",
    icon=":material/download:",
)
e2.download_button(
    t("checklist.export_md"),
    data=lambda: checklist.to_markdown(items, lang, t).encode("utf-8"),
    file_name=checklist.markdown_file_name(),
    mime="text/markdown",
    key="ck_export_md",
    icon=":material/download:",
)
e3.download_button(
    t("checklist.export_audit"),
    data=lambda: exports.to_bytes(checklist.audit_log(), "xlsx", "audit"),
    file_name=exports.file_name("checklist-audit", "xlsx"),
    mime=exports.FORMATS["xlsx"].mime,
    key="ck_export_audit",
    icon=":material/download:",
)
