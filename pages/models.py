"""National models: provinces by push model, three-level structure, research partners; China map."""

import streamlit as st

from app.core import national
from app.ui import (
    downloads,
    figure_data,
    figure_rows,
    figures,
    locale,
    session,
    since,
    snapshots,
    widgets,
)

t = locale.current_translator()
lang = locale.current_language()
snapshot = snapshots.chosen_snapshot()

st.title(t("models.title"))
st.caption(t("models.intro"))
st.info(t("app.as_of"), icon=":material/history:")

models = session.view("v_province_models")
reported = session.view("v_reported_vs_computed", snapshot).set_index("figure_id")
agency_figure = reported.loc["provinces_with_data_agency"]

count_col, note_col = st.columns([1, 3])
with count_col, st.container(border=True):
    st.metric(t("models.with_agency"), int(agency_figure["reported"]))
    widgets.source_popover(t, agency_figure["source_ref"], agency_figure["excerpt"])
note_col.warning(
    t("models.which_not_in_source", n=int(agency_figure["reported"])), icon=":material/help:"
)

st.subheader(t("models.map"))
figure_data.chart(
    figures.china_map(lang),
    figure_rows.china_map_data(lang),
    key="models_china_map",
    config=figures.chart_config(),
    width="stretch",
)

st.subheader(t("models.groups"))
p6 = session.view("sources").set_index("source_ref").loc["article#p6"]
for column, group in zip(st.columns(4), national.groups(models, lang), strict=False):
    with column, st.container(border=True, key=f"models_group_{group.code}"):
        st.markdown(f"**{group.label}**")
        st.write(group.note)
        st.caption(t("models.members", names=national.names(group.provinces, group.open, t)))
widgets.source_popover(t, "article#p6", p6["excerpt"])

st.subheader(t("models.table"))
table = national.table(models, lang, t)
st.dataframe(table, hide_index=True, width="stretch", key="models_table")
downloads.download_buttons(table, "province-models", t, key="models")
st.caption(t("models.table_note"))

since.section(t, lang, key="models_since")
