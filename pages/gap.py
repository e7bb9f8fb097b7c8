"""Gap: coverage, host diversity and the same-host share per level, each with a plain reading,
and the app's own reference point (an assumption, never the source's)."""

import streamlit as st

from app.core import gap, metrics
from app.ui import figure_data, figures, locale, session, snapshots, widgets

t = locale.current_translator()
lang = locale.current_language()
snapshot = snapshots.chosen_snapshot()


def host_label(code: str | None) -> str:
    return session.label("host", code, lang)


st.title(t("gap.title"))
st.info(t("app.as_of"), icon=":material/history:")
st.write(t("gap.intro"))
st.caption(t("gap.reference", **gap.reference_values()))
with st.popover(t("gap.definitions"), icon=":material/menu_book:"):
    st.markdown(t("gap.definitions_body"))

figures_by_id = session.view("v_reported_vs_computed", snapshot).set_index("figure_id")
source_figure = {"city": "city_units", "county": "county_with_agency"}

for _, row in session.view("v_level_metrics", snapshot).iterrows():
    level = metrics.from_view(row)
    with st.container(border=True):
        st.subheader(t(f"gap.level_{level.level}"))
        for column, r in zip(st.columns(4), gap.readings(level, host_label), strict=True):
            with column:
                st.metric(t(f"gap.metric_{r.metric}"), r.shown)
                st.caption(t("gap.fraction", fraction=r.fraction))
                if r.shown == "—":
                    st.caption(t("gap.no_data"))
                else:
                    st.caption(t(r.key, **r.values))
        fig_id = source_figure[level.level]
        if fig_id in figures_by_id.index:
            source_ref, excerpt = figures_by_id.loc[fig_id, ["source_ref", "excerpt"]]
            widgets.source_popover(t, source_ref, excerpt)

st.subheader(t("gap.shares_title"))
distributions = {
    "city": session.view("v_city_host", snapshot),
    "county": session.view("v_county_host", snapshot),
}
level_names = {lv: t(f"gap.short_{lv}") for lv in distributions}
figure_data.chart(
    figures.host_shares(distributions, level_names, host_label, t("gap.shares_axis")),
    figures.host_shares_data(distributions, level_names, host_label, lang, snapshot),
    key="gap_shares",
    config={"displaylogo": False},
)
st.page_link("pages/scenarios.py", label=t("gap.scenario_link"), icon=":material/tune:")
