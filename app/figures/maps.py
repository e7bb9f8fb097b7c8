"""The maps, built from frames: Jiangsu's cities, Jiangsu's (or China's) counties, China by
push model.

Each builder takes the views it draws (divisions, v_agencies or v_province_models, codes),
the boundaries (a geo layer and what the figure references) and the language, and
returns a plotly figure; app.ui.figures reads the views, caches the figures and hands
plotly.js the chart config that points it at this app's static folder instead of a CDN.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

import pandas as pd
import plotly.graph_objects as go

from app.core import map_states, national, structure
from app.core.chinese import quotation
from app.core.i18n import column, translator
from app.core.text import html_text
from app.figures import choropleth as ch
from app.figures import geo, palette, province_names
from app.figures.hover import claim_lines, confidence_note, hover_lines
from app.figures.text import wrap

BY: Final = ("host", "nature")
PUSH_MODEL_ORDER: Final = ("1", "2", "3", "jiangsu")
NATIONAL_HEIGHT: Final = 560  # the China map


@dataclass(frozen=True)
class Boundaries:
    """A map's units: the layer (for label points) and what the figure references (the
    URL plotly.js fetches the layer from, or the layer itself when it cannot be served)."""

    layer: dict[str, Any]
    source: str | dict[str, Any]


@dataclass(frozen=True)
class CountyStyle:
    """How a county map draws: with each county's city in the hover (Jiangsu), border
    width (county-level units are small), height."""

    with_city: bool
    line_width: float
    height: int


JIANGSU_COUNTIES: Final = CountyStyle(with_city=True, line_width=0.4, height=ch.MAP_HEIGHT)


def _order(codes: pd.DataFrame, domain: str) -> list[str]:
    """A domain's codes in their display order (the codes table's sort_order)."""
    return codes[codes["domain"] == domain].sort_values("sort_order")["code"].tolist()


def city_map(
    divisions: pd.DataFrame,
    agencies: pd.DataFrame,
    codes: pd.DataFrame,
    bounds: Boundaries,
    lang: str,
    by: str = "host",
    claims: pd.DataFrame | None = None,
) -> go.Figure:
    """Jiangsu's 13 cities coloured by their agency's host (or nature), names on the map;
    the hover names each claim of the city's agency with its confidence (claims: v_claims)."""
    if by not in BY:
        raise ValueError(f"colour cities by one of {BY}, not {by!r}")
    t = translator(lang)
    city_codes = list(geo.jiangsu_city_codes(divisions))
    states = map_states.city_states(agencies, city_codes, by)
    labels = structure.labels(codes, by, lang)
    labels[structure.UNKNOWN] = t("maps.unknown")
    names = structure.division_names(divisions, lang)
    colours = palette.colour_map(by)
    cats = ch.present_categories(states["state"].tolist(), _order(codes, by), labels, colours)
    claims_of = claim_lines(claims, codes, lang)
    hover = [
        hover_lines(
            f"<b>{html_text(names.get(r.adcode, r.adcode))}</b>",
            html_text(labels.get(r.state, r.state)),
            html_text(column(r, "name", lang)),
            claims_of(r.agency_id),
            t("maps.source_quote", text=wrap(quotation(r.excerpt, lang)))
            if isinstance(r.excerpt, str) and r.excerpt  # an imported row may have none
            else "",
        )
        for r in states.itertuples(index=False)
    ]
    fills = {
        r.adcode: colours.get(r.state, palette.UNKNOWN_COLOUR)
        for r in states.itertuples(index=False)
    }
    label_df = ch.label_points(
        bounds.layer,
        {c: names.get(c, c) for c in city_codes},
        {c: palette.text_colour(f) for c, f in fills.items()},
    )
    return ch.choropleth(
        bounds.source,
        states["adcode"].tolist(),
        states["state"].tolist(),
        cats,
        hover,
        credit=t("maps.credit"),
        legend_title=t(f"maps.legend_{by}"),
        labels=label_df,
    )


def county_map(
    divisions: pd.DataFrame,
    agencies: pd.DataFrame,
    codes: pd.DataFrame,
    bounds: Boundaries,
    lang: str,
    county_codes: tuple[str, ...],
    style: CountyStyle = JIANGSU_COUNTIES,
    claims: pd.DataFrame | None = None,
) -> go.Figure:
    """County-level units coloured by what the data says of each (Jiangsu's 95; with
    national divisions, every county of China on one simplified layer); a county whose
    agency is placed there has each claim and its confidence in the hover (claims: v_claims)."""
    t = translator(lang)
    states = map_states.county_states(agencies, list(county_codes))
    labels = structure.labels(codes, "host", lang)
    labels[map_states.NOT_NAMED] = t("maps.not_named")
    labels[map_states.NO_AGENCY] = t("maps.no_agency")
    colours = {
        **palette.colour_map("host"),
        map_states.NOT_NAMED: palette.UNKNOWN_COLOUR,
        map_states.NO_AGENCY: "#FFFFFF",
    }
    cats = ch.present_categories(states["state"].tolist(), _order(codes, "host"), labels, colours)
    names = structure.division_names(divisions, lang)
    parent = dict(zip(divisions["adcode"], divisions["parent_adcode"], strict=True))
    claims_of = claim_lines(claims, codes, lang)
    hover = [
        hover_lines(
            f"<b>{html_text(names.get(r.adcode, r.adcode))}</b>",
            html_text(names.get(parent.get(r.adcode) or "", "")) if style.with_city else "",
            html_text(labels.get(r.state, r.state)),
            claims_of(r.agency_id),
        )
        for r in states.itertuples(index=False)
    ]
    fig = ch.choropleth(
        bounds.source,
        states["adcode"].tolist(),
        states["state"].tolist(),
        cats,
        hover,
        credit=t("maps.credit"),
        legend_title=t("maps.legend_county"),
        height=style.height,
    )
    # county-level units are small: thinner borders than the map default
    fig.update_traces(marker_line_width=style.line_width, selector={"type": "choropleth"})
    return fig


def china_map(
    divisions: pd.DataFrame,
    province_models: pd.DataFrame,
    codes: pd.DataFrame,
    bounds: Boundaries,
    maritime: list[list[list[float]]],
    lang: str,
    claims: pd.DataFrame | None = None,
) -> go.Figure:
    """China's provincial-level units by push model; three-level-structure provinces starred.

    Where the source's list ends in 等 (v_province_models' *_list_open), the legend and the
    hover say the list is what the source names, not every member; the hover gives each
    shown claim's confidence (claims: v_claims)."""
    t = translator(lang)
    sure = confidence_note(claims, lang)
    adcodes = list(geo.province_codes(divisions))
    provinces = province_models.set_index("adcode").reindex(adcodes)
    states = [
        str(m) if isinstance(m, str) and m else structure.UNKNOWN for m in provinces["push_model"]
    ]
    labels = structure.labels(codes, "push_model", lang)
    open_models = set(provinces.loc[provinces["push_model_list_open"].eq(True), "push_model"])
    hover_labels = {
        c: t("maps.open_list_hover", label=label) if c in open_models else label
        for c, label in labels.items()
    }
    labels = {
        c: t("maps.open_list_legend", label=label) if c in open_models else label
        for c, label in labels.items()
    }
    labels[structure.UNKNOWN] = hover_labels[structure.UNKNOWN] = t("maps.not_classified")
    cats = ch.present_categories(states, PUSH_MODEL_ORDER, labels, palette.colour_map("push_model"))
    names = structure.division_names(divisions, lang)
    three = provinces["three_level_structure"].fillna(False).astype(bool)
    three_open = provinces["three_level_list_open"].eq(True).any()
    three_label = t("maps.three_level_open" if three_open else "maps.three_level")
    hover = [
        hover_lines(
            f"<b>{html_text(names.get(code, code))}</b>",
            html_text(sure(code, "push_model", hover_labels.get(state, state))),
            html_text(sure(code, "three_level_structure", three_label))
            if three.get(code, False)
            else "",
        )
        for code, state in zip(adcodes, states, strict=True)
    ]
    # every classified or starred province is named, in Chinese by its short name (江苏)
    starred = [c for c in adcodes if three.get(c, False)]
    named = {
        c: national.short_name(names.get(c, c)) if lang == "zh" else names.get(c, c)
        for c, s in zip(adcodes, states, strict=True)
        if s != structure.UNKNOWN or c in starred
    }
    fig = ch.choropleth(
        bounds.source,
        adcodes,
        states,
        cats,
        hover,
        credit=t("maps.credit"),
        legend_title=t("maps.legend_push_model"),
        height=NATIONAL_HEIGHT,
    )
    ch.add_lines(fig, maritime, t("maps.maritime"))
    province_names.add(fig, bounds.layer, named, starred, three_label)
    return fig
