"""Jiangsu structure explorer: facet filters, maps, distributions, hierarchy, table."""

import streamlit as st

from app.core import structure
from app.ui import (
    downloads,
    figure_data,
    figure_rows,
    figures,
    locale,
    snapshots,
    structure_data,
    structure_panels,
    url,
)
from app.ui import structure_facets as facets

t = locale.current_translator()
lang = locale.current_language()
snapshot = snapshots.chosen_snapshot()  # the sidebar picker (the entry script draws it)

st.title(t("structure.title"))
data = structure_data.agencies(snapshot)  # cached per process: never changed here
st.caption(t("structure.intro", **data.units))
st.info(snapshots.as_of(t, snapshot), icon=":material/history:")

options = data.options
label_of = structure_data.labels(lang)

url.drop_params(t, facets.bad_url_facets(options))
facets.seed_from_url(options)
filters = facets.current_filters(options)
key = facets.filters_key(filters)
chosen = structure_data.shown(key, snapshot)  # what the filters show, cached like data
shown = chosen.frame

side, main = st.columns([1, 3], gap="large")
with side, st.container(border=True):
    st.subheader(t("structure.filters"))
    st.button(
        t("structure.clear"),
        icon=":material/filter_alt_off:",
        help=t("structure.clear_help"),
        on_click=facets.clear,
        args=(options,),
        disabled=not filters.active,
        key="structure_clear",
    )
    for dim in structure.DIMENSIONS:
        counts = chosen.counts[dim]
        facets.facet(
            dim, t(f"structure.{dim}"), options[dim], counts, lambda c, d=dim: label_of[d].get(c, c)
        )

with main:
    count_col, note_col = st.columns([1, 3])
    count_col.metric(
        t("structure.shown"), len(shown), help=t("structure.shown_of", total=len(data.frame))
    )
    with note_col:
        if filters.active:
            what = facets.chosen_in_words(filters, t, label_of)
            st.text(t("structure.active", what=what))
        else:
            st.caption(t("structure.no_filter"))
        if filters.get("city"):
            st.caption(t("structure.city_note"))

    st.subheader(t("structure.maps"))
    facets.emphasis_note(t, options, filters, shown.empty)
    url.check_flag(t, "by_nature")
    by_nature = st.toggle(t("structure.colour_by_nature"), key="by_nature", bind="query-params")
    colour_by = "nature" if by_nature else "host"
    figure_data.chart(
        figures.city_map(lang, colour_by, snapshot, chosen.cities),
        figure_rows.city_map_data(lang, colour_by, snapshot),
        key=facets.chart_key("city_map"),
        data_key="structure_city_map",
        on_select=lambda: facets.on_select("city_map", options, {}, "city"),
        selection_mode="points",
        config=figures.chart_config(),
        width="stretch",
    )
    st.caption(t("structure.click_city"))
    st.markdown(f"**{t('structure.county_title', **data.units)}**")
    county_map_col, county_facts_col = st.columns([2, 1])
    with county_map_col:
        figure_data.chart(
            figures.county_map(lang, snapshot, chosen.counties),
            figure_rows.county_map_data(lang, snapshot),
            key="structure_county_map",
            config=figures.chart_config(),
            width="stretch",
        )
    with county_facts_col:
        structure_panels.county_facts(t, data)

    st.subheader(t("structure.distribution"))
    st.caption(t("structure.click_bar"))
    structure_panels.distribution_bars(lang, snapshot, options, chosen.bars)

    st.subheader(t("structure.hierarchy"))
    if shown.empty:
        st.caption(t("structure.empty"))
    else:
        figure_data.chart(
            figures.hierarchy_figure(lang, key, snapshot),
            figure_rows.hierarchy_data(lang, key, snapshot),
            key="structure_sunburst",
            config={"displaylogo": False},
            width="stretch",
        )

    st.subheader(t("structure.table"))
    table = structure_data.table(lang, key, snapshot)
    if table.empty:
        st.caption(t("structure.empty"))
    st.dataframe(table, hide_index=True, width="stretch", key="structure_table")
    downloads.download_buttons(table, "jiangsu-agencies", t, key="structure")
