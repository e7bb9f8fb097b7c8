"""The rows each figure of app.ui.figures draws, cached per process: app.ui.figure_data
shows them under the figure with their source and a download.

Read from the same views and helpers as the figures (app.figures.shown), never a
recomputation, so a figure and its rows cannot disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd
import streamlit as st

from app.figures import bars, geo, shown
from app.ui import figures
from app.ui.session import view
from app.ui.structure_facets import bar


@st.cache_resource(show_spinner=False, max_entries=32)
def city_map_data(lang: str, by: str = "host", snapshot: str | None = None) -> shown.Shown:
    """The rows city_map() colours: per city, its agency and host (or nature)."""
    agencies = view("v_agencies", snapshot)
    return shown.city_map(view("divisions"), agencies, view("codes"), lang, by)


@st.cache_resource(show_spinner=False, max_entries=32)
def county_map_data(lang: str, snapshot: str | None = None) -> shown.Shown:
    """The rows county_map() colours: per county-level unit, what the data says of it."""
    divisions = view("divisions")
    adcodes = geo.jiangsu_county_codes(divisions)
    return shown.county_map(divisions, view("v_agencies", snapshot), view("codes"), lang, adcodes)


@st.cache_resource(show_spinner=False, max_entries=8)
def china_map_data(lang: str) -> shown.Shown:
    """The rows china_map() colours and stars: per province, push model, three levels."""
    return shown.china_map(view("divisions"), view("v_province_models"), view("codes"), lang)


def map_data(name: str, lang: str, snapshot: str | None = None) -> shown.Shown | None:
    """The rows of a map by its story chart key (city_map, county_map, china_map)."""
    if name == "city_map":
        return city_map_data(lang, "host", snapshot)
    if name == "county_map":
        return county_map_data(lang, snapshot)
    if name == "china_map":
        return china_map_data(lang)
    return None


@st.cache_resource(show_spinner=False, max_entries=64)
def distribution_data(name: str, lang: str, snapshot: str | None = None) -> shown.Shown:
    """The rows distribution_bar() draws: its view; its source, the agencies it counts."""
    level = name.split("_")[0]  # city_host, county_coverage, ...
    refs = shown.counted_refs(view("v_agencies", snapshot), [level])
    return shown.distribution(view(bar(name).view, snapshot), lang, name, refs)


def host_shares_data(
    distributions: Mapping[str, pd.DataFrame],
    level_names: Mapping[str, str],
    host_label: Callable[[str | None], str],
    lang: str,
    snapshot: str | None = None,
) -> shown.Shown:
    """The rows host_shares() draws: per level and host, n of the level's total; its
    source, the agencies it counts."""
    counts = bars.level_counts(distributions, level_names)
    refs = shown.counted_refs(view("v_agencies", snapshot), list(distributions))
    return shown.host_shares(counts, bars.hosts_in(counts, host_label), lang, "host-shares", refs)


@st.cache_resource(show_spinner=False, max_entries=64)
def hierarchy_data(lang: str, key: figures.FiltersKey, snapshot: str | None = None) -> shown.Shown:
    """The rows hierarchy_figure() draws: level, host, n of the shown agencies."""
    return shown.hierarchy(
        *figures.hierarchy_parts(lang, key, snapshot),
        lang,
        figures.shown_agencies(key, snapshot)["source_ref"],
        "jiangsu-hierarchy",
    )
