"""Roster import: template, upload, validation report, snapshots and the changes between them."""

import pandas as pd
import streamlit as st

from app import roster
from app.core import md
from app.core.config import data_paths
from app.core.errors import UserError
from app.data import exports
from app.ui import (
    auth,
    downloads,
    locale,
    session,
    snapshot_admin,
    snapshots,
    tables,
    url,
    widgets,
)

t = locale.current_translator()
lang = locale.current_language()
paths = data_paths()

st.title(t("importer.title"))
st.caption(
    t(
        "importer.intro",
        columns=t("app.list_separator").join(f"`{c}`" for c in roster.IMPORT_COLUMNS),
        optional=t("app.list_separator").join(f"`{c}`" for c in roster.OPTIONAL_COLUMNS),
        cap=roster.MAX_BYTES_LABEL,
        rows=roster.MAX_ROWS,
        chars=roster.MAX_CELL,
    )
)

st.download_button(
    t("importer.template"),
    data=lambda: roster.template_xlsx(session.view("codes"), session.view("divisions")),
    file_name=exports.file_name("roster_template", "xlsx"),
    mime=exports.FORMATS["xlsx"].mime,
    key="imp_template",
    on_click="ignore",
    icon=":material/table_view:",
)


def run_import() -> None:
    """Button callback: check the upload and, when every row is valid, save it as a draft
    and open it in this session (others see it only through its link until published)."""
    upload = st.session_state.get("imp_file")
    if upload is None:
        st.session_state["imp_outcome"] = {"error": t("importer.no_file")}
        return
    note = st.session_state.get("imp_note") or ""
    try:
        result = roster.import_roster(
            paths, upload.getvalue(), upload.name, note, auth.current_actor()
        )
    except UserError as err:  # refused: the actor may not import
        st.session_state["imp_outcome"] = {"error": err.message(t)}
        return
    if result.snapshot is None:
        st.session_state["imp_outcome"] = {
            "file": md.excerpt(upload.name),
            "problems": roster.problems_frame(result.problems, t),
        }
        return
    session.clear_caches()
    snapshots.open_snapshot(result.snapshot.snapshot_id)
    st.session_state["imp_outcome"] = {"snapshot": result.snapshot}


if auth.offer(t, "import"):  # None: a note says why there is no upload
    widgets.uploader_words(t, cap=roster.MAX_BYTES_LABEL)
    with st.container(border=True):
        st.file_uploader(
            t("importer.upload"), type=["csv", "xlsx", "txt"], key="imp_file", max_upload_size=2
        )
        st.text_input(t("importer.note"), max_chars=500, key="imp_note")
        st.button(t("importer.import"), type="primary", key="imp_submit", on_click=run_import)

outcome = st.session_state.get("imp_outcome")
if outcome:
    if "error" in outcome:
        st.warning(outcome["error"])
    elif "problems" in outcome:
        problems: pd.DataFrame = outcome["problems"]
        st.error(
            t("importer.failed", file=md.escape(outcome["file"]), n=len(problems)),
            icon=":material/block:",
        )
        problem_col = t("importer.col_problem")
        picked = tables.pick_one(
            t,
            problems,
            "imp_problems",
            column_config={
                t("importer.col_row"): st.column_config.TextColumn(width="small"),
                problem_col: st.column_config.TextColumn(width="large"),
            },
        )
        if picked is not None:
            with st.container(border=True, key="imp_problem_detail"):  # a cell cuts a long one
                st.caption(t("importer.problem_detail"))
                st.text(picked[problem_col])
        downloads.download_buttons(problems, "import_problems", t, key="imp_problems_dl")
    else:
        snap = outcome["snapshot"]
        st.success(
            t("importer.done", id=snap.snapshot_id, rows=snap.rows, file=md.escape(snap.file_name)),
            icon=":material/check_circle:",
        )

st.subheader(t("importer.snapshots"))
snapshot_admin.snapshot_table(t)
snapshot_admin.admin_actions(t, auth.current_actor())
snapshot_admin.history(t)

st.subheader(t("importer.changes"))
ids = roster.snapshot_ids()
if len(ids) < 2:
    st.info(t("importer.changes_none"))
else:
    left, right = st.columns(2)
    url.check_choice(t, "from", ids)
    url.check_choice(t, "to", ids)
    old = left.selectbox(t("importer.from"), options=ids, index=0, key="from", bind="query-params")
    new = right.selectbox(
        t("importer.to"), options=ids, index=len(ids) - 1, key="to", bind="query-params"
    )
    changes = roster.changes(session.connection(), old, new)
    counts = changes["change"].value_counts()
    for column, kind in zip(st.columns(4), roster.CHANGE_KINDS, strict=True):
        column.metric(t(f"importer.change_{kind}"), int(counts.get(kind, 0)))
    if changes.empty:
        st.info(t("importer.no_changes"))
    else:
        st.dataframe(changes, hide_index=True, key="imp_changes")
        downloads.download_buttons(changes, f"changes_{old}_to_{new}", t, key="imp_changes_dl")
