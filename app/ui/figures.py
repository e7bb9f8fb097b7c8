"""The app's figures, cached per process: views read through the session, built by the pure
builders of app.figures.

A cached figure is shared by every session, so callers must not change it (st.plotly_chart
only reads it). Maps reference their boundaries by URL under this app's static folder, and
chart_config() points plotly.js's base topojson there too: no request leaves the server.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from app.core import structure
from app.core.i18n import translator
from app.figures import bars, choropleth, geo, hierarchy, maps
from app.ui.session import view
from app.ui.structure_facets import bar, filters_of


def _static_url() -> str:
    return geo.topojson_url(str(st.get_option("server.baseUrlPath") or ""))


def chart_config() -> dict[str, Any]:
    """st.plotly_chart config of a map: local topojson, no logo, no scroll zoom."""
    return {"topojsonURL": _static_url(), "displaylogo": False, "scrollZoom": False}


# ---- boundaries ----------------------------------------------------------------------


@st.cache_resource(show_spinner=False, max_entries=16)
def layer(name: str, adcodes: tuple[str, ...]) -> dict[str, Any]:
    """A simplified layer (FeatureCollection keyed by adcode), read from disk once."""
    return geo.layer(name, adcodes)


@st.cache_resource(show_spinner=False, max_entries=16)
def served_layer(name: str, adcodes: tuple[str, ...]) -> str | None:
    """File name of the layer under static/geo/ (written once), or None if it cannot be."""
    return geo.served_layer(name, adcodes)


@st.cache_resource(show_spinner=False)
def maritime() -> list[list[list[float]]]:
    return geo.maritime()


def boundaries(name: str, adcodes: tuple[str, ...]) -> maps.Boundaries:
    """The layer (for label points) and what the figure references: a served URL, else the data."""
    fc = layer(name, adcodes)
    served = served_layer(name, adcodes)
    return maps.Boundaries(fc, f"{_static_url()}geo/{served}" if served else fc)


# ---- maps ----------------------------------------------------------------------------


Chosen = tuple[str, ...] | None  # what filters emphasise (app.core.emphasis.key); None: all


@st.cache_resource(show_spinner=False, max_entries=32)
def _city_map(lang: str, by: str, snapshot: str | None) -> go.Figure:
    divisions = view("divisions")
    bounds = boundaries("jiangsu_cities", geo.jiangsu_city_codes(divisions))
    agencies, claims = view("v_agencies", snapshot), view("v_claims", snapshot)
    return maps.city_map(divisions, agencies, view("codes"), bounds, lang, by, claims)


@st.cache_resource(show_spinner=False, max_entries=64)
def city_map(
    lang: str, by: str = "host", snapshot: str | None = None, chosen: Chosen = None
) -> go.Figure:
    """Jiangsu's 13 cities coloured by their agency's host (or nature), names on the map,
    each claim's confidence in the hover; the chosen cities emphasised (a copy: the
    unemphasised figure is cached once and never changed)."""
    fig = _city_map(lang, by, snapshot)
    return fig if chosen is None else choropleth.emphasise(fig, chosen)


@st.cache_resource(show_spinner=False, max_entries=32)
def _county_map(lang: str, snapshot: str | None) -> go.Figure:
    divisions = view("divisions")
    adcodes = geo.jiangsu_county_codes(divisions)
    bounds = boundaries("jiangsu_counties", adcodes)
    agencies, claims = view("v_agencies", snapshot), view("v_claims", snapshot)
    return maps.county_map(divisions, agencies, view("codes"), bounds, lang, adcodes, claims=claims)


@st.cache_resource(show_spinner=False, max_entries=16)
def small_city_map(lang: str, height: int, snapshot: str | None = None) -> go.Figure:
    """The city map by host at a smaller height (the overview's): a copy, since the cached
    full-size map is shared."""
    return go.Figure(city_map(lang, "host", snapshot)).update_layout(height=height)


@st.cache_resource(show_spinner=False, max_entries=64)
def county_map(lang: str, snapshot: str | None = None, chosen: Chosen = None) -> go.Figure:
    """Jiangsu's 95 county-level units coloured by what the data says of each (a placed
    agency's claims and their confidence in the hover); the chosen units emphasised."""
    fig = _county_map(lang, snapshot)
    return fig if chosen is None else choropleth.emphasise(fig, chosen, outline_width=1.2)


@st.cache_resource(show_spinner=False, max_entries=8)
def china_map(lang: str) -> go.Figure:
    """China's provincial-level units by push model; three-level-structure provinces starred,
    each claim's confidence in the hover."""
    divisions = view("divisions")
    bounds = boundaries("china_provinces", geo.province_codes(divisions))
    models, claims = view("v_province_models"), view("v_claims")
    return maps.china_map(divisions, models, view("codes"), bounds, maritime(), lang, claims)


# ---- bars and the hierarchy ------------------------------------------------------------


@st.cache_resource(show_spinner=False, max_entries=128)
def distribution_bar(
    name: str, lang: str, snapshot: str | None = None, chosen: Chosen = None
) -> go.Figure:
    """One of the structure explorer's distribution bars (structure_facets.BARS), the bars
    of the chosen codes in full colour and the others faded (all full when None)."""
    spec = bar(name)
    t = translator(lang)
    excerpts = structure.excerpts_by_figure(view("v_reported_vs_computed", snapshot))
    return bars.distribution(
        view(spec.view, snapshot),
        spec.code_column,
        lang,
        spec.domain,
        excerpts,
        spec.figure_prefix,
        t("app.source"),
        t(f"structure.{name}"),
        chosen,
    )


def host_shares(
    distributions: Mapping[str, pd.DataFrame],
    level_names: Mapping[str, str],
    host_label: Callable[[str | None], str],
    axis_title: str,
    height: int = 280,
    legend_space: int = 70,
) -> go.Figure:
    """One 100% bar per level, a segment per host: distributions are level -> frame with
    columns host, n (v_city_host, v_county_host); cached per (counts, labels, title, size)."""
    counts = bars.level_counts(distributions, level_names)
    hosts = bars.hosts_in(counts, host_label)
    return _host_shares(counts, hosts, axis_title, height, legend_space)


@st.cache_resource(show_spinner=False, max_entries=32)
def _host_shares(
    counts: tuple[bars.LevelCounts, ...],
    hosts: tuple[tuple[str, str], ...],
    axis_title: str,
    height: int,
    legend_space: int,
) -> go.Figure:
    return bars.host_shares(counts, hosts, axis_title, height, legend_space)


FiltersKey = tuple[tuple[str, tuple[str, ...]], ...]  # structure_facets.filters_key


@st.cache_resource(show_spinner=False, max_entries=64)
def shown_agencies(key: FiltersKey, snapshot: str | None = None) -> pd.DataFrame:
    """The agencies the filters show (the sunburst's and its rows' one source)."""
    agencies = structure.prepared(view("v_agencies", snapshot))
    return structure.apply(agencies, filters_of(key))


@st.cache_resource(show_spinner=False, max_entries=64)
def hierarchy_rows(key: FiltersKey, snapshot: str | None = None) -> pd.DataFrame:
    """Province -> level -> host groups of the shown agencies (structure.hierarchy)."""
    return structure.hierarchy(shown_agencies(key, snapshot))


def hierarchy_parts(lang: str, key: FiltersKey, snapshot: str | None) -> tuple:
    """What the sunburst and its data panel (figure_rows.hierarchy_data) both take: the
    rows, the root's name, and the level and host labels in lang."""
    codes = view("codes")
    return (
        hierarchy_rows(key, snapshot),
        translator(lang)("structure.root"),
        structure.labels(codes, "level", lang),
        structure.labels(codes, "host", lang),
    )


@st.cache_resource(show_spinner=False, max_entries=64)
def hierarchy_figure(lang: str, key: FiltersKey, snapshot: str | None = None) -> go.Figure:
    """The sunburst of the agencies the filters show (structure_facets.filters_key)."""
    return hierarchy.sunburst(*hierarchy_parts(lang, key, snapshot))
