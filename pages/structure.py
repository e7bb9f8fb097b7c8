"""Jiangsu structure explorer: facet filters, maps, distributions, hierarchy, table."""

import streamlit as st

from app import ui
from app.core import structure
from app.figures import geo, maps
from app.ui import structure_view as sv

t = ui.current_translator()
lang = ui.current_language()
snapshot = ui.chosen_snapshot()  # the sidebar picker (the entry script draws it)

st.title(t("structure.title"))
st.caption(t("structure.intro"))
st.info(t("app.as_of"), icon=":material/history:")

agencies = structure.prepared(ui.view("v_agencies", snapshot))
codes = ui.view("codes")
divisions = ui.view("divisions")
options = structure.options(codes, divisions, agencies)
host_labels = structure.labels(codes, "host", lang)
nature_labels = {
    **structure.labels(codes, "nature", lang),
    structure.UNKNOWN: t("structure.nature_unknown"),
}
level_labels = structure.labels(codes, "level", lang)
names = structure.division_names(divisions, lang)
label_of = {"level": level_labels, "host": host_labels, "nature": nature_labels, "city": names}

ui.drop_params(t, sv.bad_url_facets(options))
sv.seed_from_url(options)
filters = sv.current_filters(options)
shown = structure.apply(agencies, filters)

side, main = st.columns([1, 3], gap="large")
with side, st.container(border=True):
    st.subheader(t("structure.filters"))
    st.button(
        t("structure.clear"),
        icon=":material/filter_alt_off:",
        help=t("structure.clear_help"),
        on_click=sv.clear,
        args=(options,),
        disabled=not filters.active,
        key="structure_clear",
    )
    for dim in structure.DIMENSIONS:
        counts = structure.facet_counts(agencies, filters, dim, options[dim])
        sv.facet(
            dim,
            t(f"structure.{dim}"),
            options[dim],
            counts,
            lambda c, d=dim: label_of[d].get(c, c),
        )

with main:
    count_col, note_col = st.columns([1, 3])
    count_col.metric(
        t("structure.shown"), len(shown), help=t("structure.shown_of", total=len(agencies))
    )
    with note_col:
        if filters.active:
            what = "; ".join(
                f"{t(f'structure.{d}')}: "
                + ", ".join(label_of[d].get(c, c) for c in sorted(filters.get(d)))
                for d in structure.DIMENSIONS
                if filters.get(d)
            )
            st.text(t("structure.active", what=what))
        else:
            st.caption(t("structure.no_filter"))
        if filters.get("city"):
            st.caption(t("structure.city_note"))

    st.subheader(t("structure.maps"))
    ui.check_flag(t, "by_nature")
    by_nature = st.toggle(t("structure.colour_by_nature"), key="by_nature", bind="query-params")
    st.plotly_chart(
        maps.city_map(lang, "nature" if by_nature else "host", snapshot),
        key=sv.chart_key("city_map"),
        on_select=lambda: sv.on_select("city_map", options, {}, "city"),
        selection_mode="points",
        config=maps.chart_config(),
        width="stretch",
    )
    st.caption(t("structure.click_city"))
    st.markdown(f"**{t('structure.county_title')}**")
    county_map_col, county_facts_col = st.columns([2, 1])
    county_map_col.plotly_chart(
        maps.county_map(lang, snapshot),
        key="structure_county_map",
        config=maps.chart_config(),
        width="stretch",
    )
    with county_facts_col:
        summary = structure.county_summary(agencies, list(geo.jiangsu_county_codes(divisions)))
        st.metric(t("structure.county_units"), summary["units"])
        st.metric(t("structure.county_agencies"), summary["agencies"])
        st.metric(t("structure.county_without"), summary["without"])
        excerpt, ref = structure.excerpts_by_figure(
            ui.view("v_reported_vs_computed", snapshot)
        ).get("county_with_agency", ("", ""))
        ui.source_popover(t, ref, excerpt)
        if summary["unplaced"]:
            st.warning(
                t("structure.county_note_unplaced", unplaced=summary["unplaced"]),
                icon=":material/help:",
            )
        if summary["placed"]:
            st.caption(t("structure.county_note_placed", placed=summary["placed"]))

    st.subheader(t("structure.distribution"))
    st.caption(t("structure.click_bar"))
    for row in (sv.BARS[:2], sv.BARS[2:]):
        for col, (name, _, _, domain, _, fixed) in zip(st.columns(2), row, strict=True):
            fig = sv.distribution_bar(name, lang, snapshot)
            if fixed is None:
                col.plotly_chart(
                    fig, key=f"structure_{name}", config={"displaylogo": False}, width="stretch"
                )
            else:
                col.plotly_chart(
                    fig,
                    key=sv.chart_key(name),
                    on_select=lambda n=name, f=fixed, d=domain: sv.on_select(n, options, f, d),
                    selection_mode="points",
                    config={"displaylogo": False},
                    width="stretch",
                )

    st.subheader(t("structure.hierarchy"))
    if shown.empty:
        st.caption(t("structure.empty"))
    else:
        st.plotly_chart(
            sv.hierarchy_figure(lang, sv.filters_key(filters), snapshot),
            key="structure_sunburst",
            config={"displaylogo": False},
            width="stretch",
        )

    st.subheader(t("structure.table"))
    table = structure.table(
        shown,
        lang,
        host_labels,
        nature_labels,
        level_labels,
        names,
        unknown=t("structure.nature_unknown"),
        not_named=t("structure.not_named"),
    )
    table = table.rename(columns={c: t(f"structure.col.{c}") for c in table.columns})
    if table.empty:
        st.caption(t("structure.empty"))
    st.dataframe(table, hide_index=True, width="stretch", key="structure_table")
    ui.download_buttons(table, "jiangsu-agencies", t, key="structure")
