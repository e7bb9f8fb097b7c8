"""Data dictionary and provenance: tables, views, columns, sources, reported vs computed."""

import streamlit as st

from app.ui import (
    catalogue,
    check_status,
    dictionary_data,
    dictionary_tables,
    downloads,
    locale,
    session,
    snapshots,
    tables,
    url,
)

t = locale.current_translator()
lang = locale.current_language()
snapshot = snapshots.chosen_snapshot()

st.title(t("dictionary.title"))
snapshot_name = snapshots.snapshot_name(t, snapshot)
st.caption(t("dictionary.intro", snapshot=snapshot_name))


objects = catalogue.objects(snapshot)
tab_objects, tab_sources, tab_figures, tab_confidence = dictionary_tables.tabs(t)

with tab_objects:
    summary = dictionary_data.summary(snapshot, lang)  # cached and shared: read only

    def pick_object() -> None:
        """A row picked in the summary opens that object below, its row text in full."""
        rows = st.session_state["dict_summary"].selection.rows
        if rows:
            st.session_state["object"] = summary["name"].iloc[rows[0]]

    st.dataframe(
        summary,
        hide_index=True,
        key="dict_summary",
        on_select=pick_object,
        selection_mode="single-row",
        column_config={
            "name": t("dictionary.col_name"),
            "kind": st.column_config.TextColumn(t("dictionary.col_kind"), width="small"),
            "rows": t("dictionary.col_rows"),
            "columns": t("dictionary.col_columns"),
            "row": st.column_config.TextColumn(t("dictionary.col_row"), width="large"),
        },
    )
    missing = catalogue.undocumented(snapshot)
    if len(missing):
        st.warning(t("dictionary.undocumented", n=len(missing)))
    names = [o.name for o in objects]
    url.check_choice(t, "object", names)
    chosen = st.selectbox(
        t("dictionary.pick_object"), options=names, key="object", bind="query-params"
    )
    obj = next(o for o in objects if o.name == chosen)
    st.subheader(f"`{obj.name}`", anchor=False)  # an SQL name, written as code
    st.caption(
        f"{t(f'dictionary.kind_{obj.kind}')} · {t('dictionary.n_rows', n=obj.rows)} · "
        f"{obj.row_zh if lang == 'zh' else obj.row}"
    )
    columns = catalogue.columns_of(snapshot, lang, obj.name)
    dictionary_tables.described_columns(t, columns, "dict_columns")
    st.caption(t("dictionary.download_all"))
    downloads.download_buttons(
        catalogue.all_columns(snapshot, lang), "data_dictionary", t, key="dict_all"
    )

with tab_sources:
    st.caption(t("dictionary.sources_intro"))
    sources = session.view("sources")
    for row in sources.itertuples():
        with st.container(border=True):
            st.markdown(f"**{row.source_ref}** · {t('dictionary.paragraph', n=row.paragraph)}")
            st.caption(row.citation if lang == "zh" else row.citation_en)
            st.text(row.excerpt_zh_hans if lang == "zh" else row.excerpt)
            if lang == "zh":
                st.caption(t("dictionary.original", text=row.excerpt))
    downloads.download_buttons(sources, "sources", t, key="dict_sources")

with tab_figures:
    figures = dictionary_data.figures(snapshot, lang)
    check_status.draw(t, *figures.status)
    st.caption(t("dictionary.flag_legend_basis"))
    dictionary_tables.figures_table(t, figures.shown, figures.styled)
    downloads.download_buttons(figures.flagged, "reported_vs_computed", t, key="dict_figures_dl")

with tab_confidence:
    st.caption(t("dictionary.confidence_intro"))
    levels = dictionary_tables.confidence_labels(t)
    headers = {"table": t("dictionary.col_table"), **levels}
    tables.table(t, catalogue.confidence(snapshot), "dict_confidence", column_config=headers)
    st.subheader(t("dictionary.claims_title"))
    st.markdown(t("dictionary.claims_model"))
    st.caption(t("dictionary.claims_counts", snapshot=snapshot_name))
    claims = dictionary_data.claim_counts(snapshot, lang)
    headers = {
        "subject_kind": t("dictionary.col_subject"),
        "attribute": t("dictionary.col_attribute"),
    }
    tables.table(t, claims, "dict_claims", column_config={**headers, **levels})
    agencies = dictionary_data.agencies(snapshot, lang)
    st.subheader(t("dictionary.agency_rows", snapshot=snapshot_name))
    names = {"division_": "division", "name_": "agency_name"}
    headers = {c: t(f"dictionary.col_{names.get(c[:-2], c)}") for c in agencies.rows.columns}
    tables.table(t, agencies.shown, "dict_agencies", column_config=headers)
    downloads.download_buttons(agencies.rows, f"v_agencies_{snapshot}", t, key="dict_agencies_dl")
