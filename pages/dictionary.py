"""Data dictionary and provenance: tables, views, columns, sources, reported vs computed."""

import streamlit as st

from app.data import dictionary
from app.ui import catalogue, check_status, downloads, locale, session, snapshots, url

t = locale.current_translator()
lang = locale.current_language()
snapshot = snapshots.chosen_snapshot()

st.title(t("dictionary.title"))
st.caption(t("dictionary.intro", snapshot=snapshot))


objects = catalogue.objects(snapshot)
tab_objects, tab_sources, tab_figures, tab_confidence = st.tabs(
    [
        t("dictionary.tab_objects"),
        t("dictionary.tab_sources"),
        t("dictionary.tab_figures"),
        t("dictionary.tab_confidence"),
    ]
)

with tab_objects:
    summary = dictionary.summary(objects, lang)
    st.dataframe(
        summary,
        hide_index=True,
        key="dict_summary",
        column_config={
            "name": t("dictionary.col_name"),
            "kind": t("dictionary.col_kind"),
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
    st.subheader(obj.name)
    st.caption(
        f"{t(f'dictionary.kind_{obj.kind}')} · {t('dictionary.n_rows', n=obj.rows)} · "
        f"{obj.row_zh if lang == 'zh' else obj.row}"
    )
    st.dataframe(
        dictionary.columns_in(obj, lang),
        hide_index=True,
        key="dict_columns",
        column_config={
            "column": t("dictionary.col_column"),
            "type": t("dictionary.col_type"),
            "description": st.column_config.TextColumn(
                t("dictionary.col_description"), width="large"
            ),
        },
    )
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
    figures = dictionary.flag_differences(session.view("v_reported_vs_computed", snapshot))
    check_status.lines(t, figures)
    st.caption(t("dictionary.flag_legend_basis"))
    st.dataframe(
        figures.style.apply(
            lambda r: ["background-color: #fde2e1" if r["status"] == "differs" else "" for _ in r],
            axis=1,
        ),
        hide_index=True,
        key="dict_figures",
    )
    downloads.download_buttons(figures, "reported_vs_computed", t, key="dict_figures_dl")

with tab_confidence:
    st.caption(t("dictionary.confidence_intro"))
    st.dataframe(catalogue.confidence(snapshot), hide_index=True, key="dict_confidence")
    st.subheader(t("dictionary.claims_title"))
    st.markdown(t("dictionary.claims_model"))
    st.caption(t("dictionary.claims_counts", snapshot=snapshot))
    st.dataframe(catalogue.claim_counts(snapshot), hide_index=True, key="dict_claims")
    agencies = session.view("v_agencies", snapshot)[
        [
            "agency_id",
            "level",
            "division_adcode",
            "division_zh",
            "name_zh",
            "host",
            "confidence",
            "source_ref",
        ]
    ]
    st.subheader(t("dictionary.agency_rows", snapshot=snapshot))
    st.dataframe(agencies, hide_index=True, key="dict_agencies")
    downloads.download_buttons(agencies, f"v_agencies_{snapshot}", t, key="dict_agencies_dl")
