"""SQL workbench: one read-only statement, saved queries with parameters, downloads."""

import time

import streamlit as st

from app.core import md
from app.data import dictionary, sandbox, workbench
from app.ui import catalogue, downloads, locale, session, snapshots, url, widgets

t = locale.current_translator()
lang = locale.current_language()
snapshot = snapshots.chosen_snapshot()

st.title(t("workbench.title"))
st.caption(
    t("workbench.intro", s=f"{workbench.LIMITS.timeout_s:g}", rows=workbench.MAX_DISPLAY_ROWS)
)

saved = {q.name: q for q in workbench.saved_queries()}


def load_saved() -> None:
    chosen = saved.get(st.session_state.get("wb_saved") or "")
    if chosen is not None:
        st.session_state["sql"] = chosen.sql
        st.session_state["wb_run"] = True


editor, schema = st.columns([2, 1], gap="large")
with editor:
    pick, load = st.columns([4, 1], vertical_alignment="bottom")
    pick.selectbox(
        t("workbench.saved"),
        options=list(saved),
        index=None,
        format_func=lambda n: saved[n].title_zh if lang == "zh" else saved[n].title,
        placeholder=t("workbench.saved_placeholder"),
        key="wb_saved",
    )
    load.button(
        t("workbench.load"),
        on_click=load_saved,
        disabled=not st.session_state.get("wb_saved"),
        key="wb_load",
        width="stretch",
    )
    if st.session_state.get("wb_saved") in saved:
        q = saved[st.session_state["wb_saved"]]
        st.caption(q.purpose_zh if lang == "zh" else q.purpose)

    sql = st.text_area(
        t("workbench.editor"),
        key="sql",
        bind="query-params",
        height=260,
        placeholder=t("workbench.editor_placeholder"),
    )
    params = workbench.parse_params(sql or "")
    values: dict[str, object] = {}
    if params:
        st.caption(t("workbench.params"))
        for column, p in zip(st.columns(min(len(params), 3)) * len(params), params, strict=False):
            label = md.escape(f"${p.name} ({p.type})")  # a label is Markdown: $ starts maths
            key = f"p_{p.name}"
            try:
                default = workbench.coerce(p, p.default)
            except workbench.BadParameter:
                default = workbench.coerce(p, "") if p.type in ("text", "bool") else 0
            if p.type == "bool":
                url.check_flag(t, key)
            with column:
                if p.type in ("int", "float"):  # bounded; a bad default or URL value: 0
                    values[p.name] = url.number_input(t, label, key, p.type, p.default)
                elif p.type == "bool":
                    values[p.name] = st.checkbox(
                        label, value=bool(default), key=key, bind="query-params"
                    )
                else:
                    values[p.name] = st.text_input(
                        label, value=str(default), key=key, bind="query-params", max_chars=200
                    )
    st.button(
        t("workbench.run"),
        type="primary",
        key="wb_run_button",
        on_click=lambda: st.session_state.update(wb_run=True),
    )

    # Run on a click (or after loading a saved query), and once when a link opens the page.
    first_open = "wb_opened" not in st.session_state
    st.session_state["wb_opened"] = True
    if st.session_state.pop("wb_run", False) or (first_open and sql):
        started = time.monotonic()
        outcome: dict[str, object] = {"sql": sql, "values": values, "snapshot": snapshot}
        try:
            result = workbench.run(session.query_pool(), sql or "", values, snapshot)
            outcome |= {"frame": result.frame, "truncated": result.truncated}
        except sandbox.SqlProblem as err:  # refused, bad parameter, timeout, engine fault
            outcome["error"] = err.message(t)
        outcome["seconds"] = time.monotonic() - started
        st.session_state["wb_result"] = outcome

    outcome = st.session_state.get("wb_result")
    if outcome:
        if outcome.get("sql") != sql:
            st.caption(t("workbench.previous_result"))
        if "error" in outcome:
            st.error(md.escape(outcome["error"]), icon=":material/block:")  # echoes the SQL
        else:
            frame = outcome["frame"]
            shown = frame.head(workbench.MAX_DISPLAY_ROWS)
            st.caption(
                t(
                    "workbench.result_rows",
                    n=len(frame),
                    shown=len(shown),
                    s=f"{outcome['seconds']:.2f}",
                    snapshot=outcome["snapshot"],
                )
            )
            if outcome["truncated"]:
                cap = f"{workbench.LIMITS.max_bytes // 2**20} MB"
                which = f"workbench.truncated_{outcome['truncated']}"
                st.warning(t(which, n=len(frame), cap=cap))
            st.dataframe(shown, hide_index=True, key="wb_table")
            name = st.session_state.get("wb_saved") or "query"
            downloads.download_buttons(frame, name, t, key="wb")

with schema:
    st.subheader(t("workbench.schema"))
    for obj in catalogue.objects(snapshot):
        kind = t(f"workbench.kind_{obj.kind}")
        with st.expander(f"{obj.name} · {kind} · {t('workbench.n_rows', n=obj.rows)}"):
            st.caption(obj.row_zh if lang == "zh" else obj.row)
            columns = dictionary.columns_in(obj, lang)
            st.dataframe(columns, hide_index=True, key=f"wb_schema_{obj.name}")
    widgets.provenance_link(t)
