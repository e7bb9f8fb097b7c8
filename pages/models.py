"""National models: provinces by push model, three-level structure, research partners; China map."""

import streamlit as st

from app import ui
from app.core import national
from app.figures import maps

t = ui.current_translator()
lang = ui.current_language()
snapshot = ui.chosen_snapshot()

st.title(t("models.title"))
st.caption(t("models.intro"))
st.info(t("app.as_of"), icon=":material/history:")

models = ui.view("v_province_models")
figures = ui.view("v_reported_vs_computed", snapshot).set_index("figure_id")
agency_figure = figures.loc["provinces_with_data_agency"]

count_col, note_col = st.columns([1, 3])
with count_col, st.container(border=True):
    st.metric(t("models.with_agency"), int(agency_figure["reported"]))
    ui.source_popover(t, agency_figure["source_ref"], agency_figure["excerpt"])
note_col.warning(t("models.which_not_in_source"), icon=":material/help:")

st.subheader(t("models.map"))
st.plotly_chart(
    maps.china_map(lang), key="models_china_map", config=maps.chart_config(), width="stretch"
)

st.subheader(t("models.groups"))
p6 = ui.view("sources").set_index("source_ref").loc["article#p6"]
for column, group in zip(st.columns(4), national.groups(models, lang), strict=False):
    with column, st.container(border=True, key=f"models_group_{group.code}"):
        st.markdown(f"**{group.label}**")
        st.write(group.note)
        st.caption(
            t(
                "models.members",
                names="、".join(group.provinces) if lang == "zh" else ", ".join(group.provinces),
            )
        )
ui.source_popover(t, "article#p6", p6["excerpt"])

st.subheader(t("models.table"))
table = national.table(models, lang, t)
st.dataframe(table, hide_index=True, width="stretch", key="models_table")
ui.download_buttons(table, "province-models", t, key="models")
st.caption(t("models.table_note"))
