"""SQL workbench: one read-only statement, saved queries with parameters, downloads."""

import time
from datetime import UTC, datetime

import streamlit as st

from app.core import md
from app.data import sandbox, workbench
from app.ui import catalogue, locale, session, snapshots, url, widgets, workbench_result

t = locale.current_translator()
lang = locale.current_language()
snapshot = snapshots.chosen_snapshot()

st.title(t("workbench.title"))
st.caption(
    t("workbench.intro", s=f"{workbench.LIMITS.timeout_s:g}", rows=workbench.MAX_DISPLAY_ROWS)
)

saved = {q.name: q for q in workbench.saved_queries()}
# A saved query is linked by name (?saved=county_hosts); its text is the editor's default,
# so ?sql= appears only once the text is edited. An old link's ?sql= still opens as typed.
bad = url.seed_codes("wb_saved", "saved", saved)
if bad:
    url.notice(t, "permalink.bad_value", param="saved", value=", ".join(bad))


def choose_saved() -> None:
    """Choosing a saved query loads it into the editor and runs it (one click)."""
    url.write_codes("wb_saved", "saved")
    chosen = saved.get(st.session_state.get("wb_saved") or "")
    if chosen is not None:
        st.session_state["sql"] = chosen.sql
        st.session_state["wb_run"] = True


editor, schema = st.columns([2, 1], gap="large")
with editor:
    st.selectbox(
        t("workbench.saved"),
        options=list(saved),
        index=None,
        format_func=lambda n: saved[n].title_zh if lang == "zh" else saved[n].title,
        placeholder=t("workbench.saved_placeholder"),
        key="wb_saved",
        on_change=choose_saved,
    )
    chosen = saved.get(st.session_state.get("wb_saved") or "")
    if chosen is not None:
        st.caption(md.escape(chosen.purpose_zh if lang == "zh" else chosen.purpose))

    # A form: Ctrl/Cmd+Enter in the editor (or Enter in a parameter) submits it, which runs.
    with st.form("wb_form", border=False, enter_to_submit=True):
        sql = st.text_area(
            t("workbench.editor"),
            value=chosen.sql if chosen is not None else "",
            key="sql",
            bind="query-params",
            height=260,
            placeholder=t("workbench.editor_placeholder"),
            help=t("workbench.editor_help"),
        )
        values = workbench_result.parameter_inputs(t, workbench.parse_params(sql or ""))
        st.form_submit_button(
            t("workbench.run"),
            type="primary",
            key="wb_run_button",
            on_click=lambda: st.session_state.update(wb_run=True),
        )
    url.check_flag(t, "labels")
    labels = st.toggle(
        t("workbench.labels"), key="labels", bind="query-params", help=t("workbench.labels_help")
    )

    # Run on a submit (or a saved query chosen), and once when a link opens the page.
    first_open = "wb_opened" not in st.session_state
    st.session_state["wb_opened"] = True
    if st.session_state.pop("wb_run", False) or (first_open and sql):
        started = time.monotonic()
        outcome: dict[str, object] = {"sql": sql, "values": values, "snapshot": snapshot}
        outcome["ran_at"] = datetime.now(UTC).isoformat()
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
            name = chosen.name if chosen is not None else "query"
            workbench_result.show(t, lang, outcome, labels, name)

with schema:
    st.subheader(t("workbench.schema"))
    described = catalogue.column_tables(snapshot, lang)
    for obj in catalogue.objects(snapshot):
        kind = t(f"workbench.kind_{obj.kind}")
        with st.expander(f"`{obj.name}` · {kind} · {t('workbench.n_rows', n=obj.rows)}"):
            st.caption(obj.row_zh if lang == "zh" else obj.row)
            st.dataframe(described[obj.name], hide_index=True, key=f"wb_schema_{obj.name}")
    widgets.provenance_link(t)
