"""The three maps, built from the views: Jiangsu's cities, Jiangsu's counties, China by push model.

Each builder reads the views (for a snapshot) and the cached boundaries, and returns a
plotly figure; figures are cached as resources per (language, options, snapshot): a
cached figure is shared, so callers must not change it (st.plotly_chart only reads it),
and clear() forgets them after the data is rebuilt. The page passes
`chart_config()` to st.plotly_chart so plotly.js reads its base topojson from this app's
static folder instead of a CDN.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from app import ui
from app.core import structure
from app.core.i18n import translator
from app.figures import charts, geo, palette

BY = ("host", "nature")


def _static_url() -> str:
    return geo.topojson_url(str(st.get_option("server.baseUrlPath") or ""))


def chart_config() -> dict[str, Any]:
    """st.plotly_chart config: local topojson, no logo, no scroll zoom."""
    return {"topojsonURL": _static_url(), "displaylogo": False, "scrollZoom": False}


def boundaries(name: str, adcodes: tuple[str, ...]) -> tuple[dict[str, Any], str | dict[str, Any]]:
    """The layer (for label points) and what the figure references: a served URL, else the data."""
    fc = geo.layer(name, adcodes)
    served = geo.served_layer(name, adcodes)
    return fc, (f"{_static_url()}geo/{served}" if served else fc)


def _divisions() -> pd.DataFrame:
    return ui.view("divisions")


def _hover_lines(*parts: str) -> str:
    return "<br>".join(p for p in parts if p)


@st.cache_resource(show_spinner=False, max_entries=32)
def city_map(lang: str, by: str = "host", snapshot: str | None = None) -> go.Figure:
    """Jiangsu's 13 cities coloured by their agency's host (or nature), names on the map."""
    if by not in BY:
        raise ValueError(f"colour cities by one of {BY}, not {by!r}")
    t = translator(lang)
    divisions = _divisions()
    codes_df = ui.view("codes")
    city_codes = list(geo.jiangsu_city_codes(divisions))
    fc, source = boundaries("jiangsu_cities", tuple(city_codes))
    states = structure.city_states(ui.view("v_agencies", snapshot), city_codes, by)
    labels = structure.labels(codes_df, by, lang)
    labels[structure.UNKNOWN] = t("maps.unknown")
    names = structure.division_names(divisions, lang)
    order = codes_df[codes_df["domain"] == by].sort_values("sort_order")["code"].tolist()
    colours = palette.colour_map(by)
    cats = charts.present_categories(states["state"].tolist(), order, labels, colours)
    hover = [
        _hover_lines(
            f"<b>{charts.esc(names.get(r.adcode, r.adcode))}</b>",
            charts.esc(labels.get(r.state, r.state)),
            charts.esc(r.name_zh if lang == "zh" else r.name_en),
            f"{charts.esc(t('maps.source'))}: 「{charts.wrap(r.excerpt)}」" if r.excerpt else "",
        )
        for r in states.itertuples(index=False)
    ]
    fills = {
        r.adcode: colours.get(r.state, palette.UNKNOWN_COLOUR)
        for r in states.itertuples(index=False)
    }
    label_df = charts.label_points(
        fc,
        {c: names.get(c, c) for c in city_codes},
        {c: palette.text_colour(f) for c, f in fills.items()},
    )
    return charts.choropleth(
        source,
        states["adcode"].tolist(),
        states["state"].tolist(),
        cats,
        hover,
        credit=t("maps.credit"),
        legend_title=t(f"maps.legend_{by}"),
        labels=label_df,
    )


@st.cache_resource(show_spinner=False, max_entries=32)
def county_map(lang: str, snapshot: str | None = None) -> go.Figure:
    """Jiangsu's 95 county-level units coloured by what the data says of each."""
    t = translator(lang)
    divisions = _divisions()
    county_codes = list(geo.jiangsu_county_codes(divisions))
    _, source = boundaries("jiangsu_counties", tuple(county_codes))
    states = structure.county_states(ui.view("v_agencies", snapshot), county_codes)
    labels = structure.labels(ui.view("codes"), "host", lang)
    labels[structure.NOT_NAMED] = t("maps.not_named")
    labels[structure.NO_AGENCY] = t("maps.no_agency")
    order = ui.view("codes").query("domain == 'host'").sort_values("sort_order")["code"].tolist()
    colours = {
        **palette.colour_map("host"),
        structure.NOT_NAMED: palette.UNKNOWN_COLOUR,
        structure.NO_AGENCY: "#FFFFFF",
    }
    cats = charts.present_categories(states["state"].tolist(), order, labels, colours)
    names = structure.division_names(divisions, lang)
    parent = dict(zip(divisions["adcode"], divisions["parent_adcode"], strict=True))
    hover = [
        _hover_lines(
            f"<b>{charts.esc(names.get(r.adcode, r.adcode))}</b>",
            charts.esc(names.get(parent.get(r.adcode) or "", "")),
            charts.esc(labels.get(r.state, r.state)),
        )
        for r in states.itertuples(index=False)
    ]
    fig = charts.choropleth(
        source,
        states["adcode"].tolist(),
        states["state"].tolist(),
        cats,
        hover,
        credit=t("maps.credit"),
        legend_title=t("maps.legend_county"),
    )
    # county-level units have thin borders; draw the city borders over them for orientation
    fig.update_traces(marker_line_width=0.4, selector={"type": "choropleth"})
    return fig


@st.cache_resource(show_spinner=False, max_entries=8)
def china_map(lang: str) -> go.Figure:
    """China's provincial-level units by push model; three-level-structure provinces starred."""
    t = translator(lang)
    divisions = _divisions()
    codes = list(geo.province_codes(divisions))
    fc, source = boundaries("china_provinces", tuple(codes))
    provinces = ui.view("v_province_models").set_index("adcode").reindex(codes)
    states = [
        str(m) if isinstance(m, str) and m else structure.UNKNOWN for m in provinces["push_model"]
    ]
    labels = structure.labels(ui.view("codes"), "push_model", lang)
    labels[structure.UNKNOWN] = t("maps.not_classified")
    order = ["1", "2", "3", "jiangsu"]
    cats = charts.present_categories(states, order, labels, palette.colour_map("push_model"))
    names = structure.division_names(divisions, lang)
    three = provinces["three_level_structure"].fillna(False).astype(bool)
    hover = [
        _hover_lines(
            f"<b>{charts.esc(names.get(code, code))}</b>",
            charts.esc(labels.get(state, state)),
            charts.esc(t("maps.three_level")) if three.get(code, False) else "",
        )
        for code, state in zip(codes, states, strict=True)
    ]
    classified = {
        c: names.get(c, c) for c, s in zip(codes, states, strict=True) if s != structure.UNKNOWN
    }
    fills = dict(zip(codes, [palette.push_model_colour(s) for s in states], strict=True))
    label_df = charts.label_points(
        fc, classified, {c: palette.text_colour(f) for c, f in fills.items()}
    )
    fig = charts.choropleth(
        source,
        codes,
        states,
        cats,
        hover,
        credit=t("maps.credit"),
        legend_title=t("maps.legend_push_model"),
        labels=label_df,
        height=560,
    )
    charts.add_lines(fig, geo.maritime(), t("maps.maritime"))
    starred = [c for c in codes if three.get(c, False)]
    points = charts.label_points(fc, {c: names.get(c, c) for c in starred}, {})
    points["lat"] = points["lat"] - 0.9  # under the name
    charts.add_markers(fig, points, t("maps.three_level"))
    return fig


@st.cache_resource(show_spinner=False, max_entries=8)
def national_county_map(lang: str, snapshot: str | None = None) -> go.Figure:
    """Every county-level unit in the divisions, coloured like the Jiangsu county map.

    With the seed data these are Jiangsu's 95; with national divisions (the benchmark's
    national-scale data) all of China's county-level units, on one simplified layer.
    """
    t = translator(lang)
    divisions = _divisions()
    codes = list(geo.county_codes(divisions))
    _, source = boundaries("china_counties", tuple(codes))
    states = structure.county_states(ui.view("v_agencies", snapshot), codes)
    codes_df = ui.view("codes")
    labels = structure.labels(codes_df, "host", lang)
    labels[structure.NOT_NAMED] = t("maps.not_named")
    labels[structure.NO_AGENCY] = t("maps.no_agency")
    order = codes_df[codes_df["domain"] == "host"].sort_values("sort_order")["code"].tolist()
    colours = {
        **palette.colour_map("host"),
        structure.NOT_NAMED: palette.UNKNOWN_COLOUR,
        structure.NO_AGENCY: "#FFFFFF",
    }
    cats = charts.present_categories(states["state"].tolist(), order, labels, colours)
    names = structure.division_names(divisions, lang)
    hover = [
        _hover_lines(
            f"<b>{charts.esc(names.get(r.adcode, r.adcode))}</b>",
            charts.esc(labels.get(r.state, r.state)),
        )
        for r in states.itertuples(index=False)
    ]
    fig = charts.choropleth(
        source,
        states["adcode"].tolist(),
        states["state"].tolist(),
        cats,
        hover,
        credit=t("maps.credit"),
        legend_title=t("maps.legend_county"),
        height=560,
    )
    fig.update_traces(marker_line_width=0.2, selector={"type": "choropleth"})
    return fig


def clear() -> None:
    """Forget the cached figures (after a rebuild of the data)."""
    city_map.clear()
    county_map.clear()
    china_map.clear()
    national_county_map.clear()


def map_figures(lang: str, snapshot: str | None = None) -> dict[str, go.Figure]:
    """Every map of the app, by name (for the benchmark and the size test)."""
    return {
        "city_host": city_map(lang, "host", snapshot),
        "city_nature": city_map(lang, "nature", snapshot),
        "county": county_map(lang, snapshot),
        "china": china_map(lang),
    }


def payload_bytes(fig: go.Figure) -> dict[str, int]:
    """What the browser receives for a map: the figure JSON and the boundaries it fetches."""
    out = {"figure": charts.figure_json_size(fig), "boundaries": 0}
    for trace in fig.data:
        source = getattr(trace, "geojson", None)
        if isinstance(source, str):
            out["boundaries"] += (geo.SERVED_DIR / source.rsplit("/", 1)[-1]).stat().st_size
    return out
