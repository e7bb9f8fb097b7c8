"""Checklist: the source's recommendations and integrations with status, owner, due and notes."""

from dataclasses import asdict
from functools import partial

import streamlit as st

from app.checklist import form, labels, model, table
from app.core import md
from app.ui import auth, locale, session, url, widgets

t = locale.current_translator()
lang = locale.current_language()
TITLE, DETAIL = labels.title_column(lang), labels.detail_column(lang)
status_label = partial(labels.status, t)

items = table.items(session.shared_view("recommendations"), session.shared_view("sources"))
by_id = items.set_index("rec_id")
titles = by_id[TITLE].to_dict()  # the picker names every item on each run: a dict, not .at
known = set(titles)

st.title(t("checklist.title"))
st.info(t("app.as_of"), icon=":material/history:")
st.write(t("checklist.intro"))

editor = auth.offer(t, "checklist")  # None: a note says why there is no edit form
if editor:
    form.who(t)

done, total = table.overall(items)
cols = st.columns(1 + len(model.CATEGORY_ORDER))
cols[0].metric(t("checklist.progress"), f"{done}/{total}", help=t("checklist.progress_help"))
cols[0].progress(done / total if total else 0.0)
by_cat = table.progress(items, by="group_category").set_index("group_category")
for col, cat in zip(cols[1:], model.CATEGORY_ORDER, strict=True):
    if cat in by_cat.index:
        col.metric(t(f"checklist.cat_{cat}"), f"{by_cat.at[cat, 'done']}/{by_cat.at[cat, 'total']}")

with st.expander(t("checklist.by_group")):
    st.dataframe(
        labels.groups(table.progress(items), by_id[TITLE], t),
        hide_index=True,
        key="ck_groups",
        column_config={
            t("checklist.col_done_share"): st.column_config.ProgressColumn(
                min_value=0.0, max_value=1.0, format="percent"
            )
        },
    )

f1, f2 = st.columns(2)
bad_status = url.seed_codes(form.STATUS, "status", model.STATUSES, multi=True)
statuses = f1.multiselect(
    t("checklist.filter_status"),
    list(model.STATUSES),
    format_func=status_label,
    key=form.STATUS,
    placeholder=t("checklist.filter_all"),
    on_change=url.write_codes,
    args=(form.STATUS, "status"),
)
if bad_status:
    st.warning(
        t("checklist.error_bad_status", values=md.escape(t("app.list_separator").join(bad_status)))
    )
owner_choices = table.owner_choices(items)
url.check_choice(t, form.OWNER, owner_choices)
owners = f2.multiselect(
    t("checklist.filter_owner"),
    owner_choices,
    key=form.OWNER,
    bind="query-params",
    placeholder=t("checklist.filter_all"),
)
shown = table.filtered(items, statuses, owners)
st.caption(t("checklist.shown", n=len(shown), total=total))
if shown.empty:  # an empty grid would say "empty" in English
    st.info(t("checklist.none_shown"), icon=":material/filter_alt_off:")
else:
    st.dataframe(labels.item_rows(shown, lang, t), hide_index=True, key="ck_table")

st.subheader(t("checklist.edit"))
bad_item = url.seed_codes(form.ITEM, "item", known)
rec_id = st.selectbox(
    t("checklist.pick"),
    list(items["rec_id"]),
    index=None,
    format_func=lambda r: f"{r} · {titles[r]}",
    placeholder=t("checklist.pick_placeholder"),
    key=form.ITEM,
    on_change=url.write_codes,
    args=(form.ITEM, "item"),
)
if bad_item:
    st.warning(t("checklist.error_unknown_item", rec_id=md.escape(bad_item[0])))
form.show_flash()

if rec_id:
    item = by_id.loc[rec_id]
    version = form.based_on(rec_id)
    with st.container(border=True):
        st.markdown(f"**{rec_id}** · {t('checklist.cat_' + item['category'])}")
        st.text(item[TITLE])
        st.caption(item[DETAIL])
        st.caption(t("checklist.addresses", dim=t(f"checklist.dim_{item['addresses']}")))
        if item["parent_id"]:
            parent = f"{item['parent_id']} · {titles[item['parent_id']]}"
            st.caption(t("checklist.part_of", parent=parent))
        widgets.source_popover(t, item["source_ref"], item["excerpt"])

    if not editor:
        auth.offer(t, "checklist")
    else:
        form.conflict_panel(t, rec_id)
        keys = form.widget_keys(rec_id)
        with st.form(form.form_key(rec_id)):
            a, b, c = st.columns(3)
            a.selectbox(
                t("checklist.col_status"),
                list(model.STATUSES),
                format_func=status_label,
                key=keys["status"],
            )
            b.text_input(t("checklist.col_owner"), key=keys["owner"], max_chars=model.OWNER_MAX)
            c.date_input(t("checklist.col_due"), key=keys["due"], format="YYYY-MM-DD")
            st.text_area(t("checklist.col_notes"), key=keys["notes"], max_chars=model.NOTES_MAX)
            st.caption(t("checklist.based_on", version=version))
            st.form_submit_button(
                t("checklist.save"), on_click=form.on_save, args=(rec_id, known, t), type="primary"
            )
        st.button(t("checklist.reload"), key="ck_reload", on_click=form.on_reload, args=(rec_id,))

    form.change_log(t, rec_id)

st.subheader(t("checklist.export"))
for column, button in zip(st.columns(3), form.downloads(items, lang, t), strict=True):
    column.download_button(**asdict(button), icon=":material/download:")
