"""Discrete choropleth maps: one trace coloured by category, names, markers, lines, credit.

A map is one choropleth trace coloured by a category index through a stepped colour scale
(its colour bar is the legend), plus a text trace for names; every map carries the
map-data credit. Colours come from app.figures.palette, so a host has one colour
everywhere; text from data is escaped (app.figures.text). emphasise() makes the variant
that shows what filters chose: the chosen regions keep their colour under a strong
outline (a second choropleth trace, outlines only), the others fade.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from app.core.text import html_text
from app.figures import palette, toolbar
from app.figures.text import FONT, legend_label

MAP_HEIGHT = 460
NEUTRAL_LINE = "#FFFFFF"
OUTLINE = "#1A1A1A"  # around an emphasised region
FADED_TEXT = "#6E6E6E"  # a faded region's name
FADED_LINE = "#7F7F7F"  # borders while some regions are faded
TRANSPARENT = "rgba(0,0,0,0)"


@dataclass(frozen=True)
class Category:
    code: str
    label: str
    colour: str


def discrete_colorscale(colours: Sequence[str]) -> list[list[Any]]:
    """A stepped scale: value i (0..n-1, with zmin -0.5, zmax n-0.5) gets colours[i]."""
    n = len(colours)
    scale: list[list[Any]] = []
    for i, colour in enumerate(colours):
        scale.append([i / n, colour])
        scale.append([(i + 1) / n, colour])
    return scale


def _credit(fig: go.Figure, credit: str) -> None:
    fig.add_annotation(
        text=html_text(credit),
        showarrow=False,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="bottom",
        font={"size": 11, "color": "#555555"},
        bgcolor="rgba(255,255,255,0.7)",
    )


def choropleth(
    geojson: Mapping[str, Any] | str,
    adcodes: Sequence[str],
    states: Sequence[str],
    categories: Sequence[Category],
    hover: Sequence[str],
    credit: str,
    legend_title: str,
    labels: pd.DataFrame | None = None,
    height: int = MAP_HEIGHT,
) -> go.Figure:
    """One choropleth trace over the features (id = adcode), coloured by category.

    geojson is the FeatureCollection itself or the URL plotly.js fetches it from. A colour
    bar runs bottom to top, so the categories are indexed from the last: the first one
    heads the legend.
    """
    categories = list(reversed(categories))
    index = {c.code: i for i, c in enumerate(categories)}
    z = [index[s] for s in states]
    n = len(categories)
    fig = go.Figure(
        go.Choropleth(
            geojson=geojson,
            locations=list(adcodes),
            z=z,
            zmin=-0.5,
            zmax=n - 0.5,
            colorscale=discrete_colorscale([c.colour for c in categories]),
            customdata=[[code] for code in adcodes],
            text=list(hover),
            hovertemplate="%{text}<extra></extra>",
            marker={"line": {"color": NEUTRAL_LINE, "width": 0.8}},
            colorbar={
                "title": {"text": html_text(legend_title), "side": "top"},
                "tickvals": list(range(n)),
                "ticktext": [legend_label(c.label) for c in categories],
                "thickness": 14,
                "len": min(1.0, 0.12 * n + 0.1),
                "lenmode": "fraction",
                "outlinewidth": 0,
                "y": 1,
                "yanchor": "top",
            },
            name="",
        )
    )
    if labels is not None and len(labels):
        fig.add_trace(
            go.Scattergeo(
                lon=labels["lon"].tolist(),
                lat=labels["lat"].tolist(),
                text=[html_text(v) for v in labels["text"]],
                customdata=[[code] for code in labels["code"]],
                mode="text",
                textfont={"size": 12, "color": labels["colour"].tolist(), "family": FONT},
                hoverinfo="skip",
                showlegend=False,
                name="",
            )
        )
    fig.update_geos(
        visible=False,
        fitbounds="locations",
        projection={"type": "mercator"},
        bgcolor="rgba(0,0,0,0)",
    )
    fig.update_layout(
        height=height,
        # the legend (colour bar) starts under the toolbars' strip
        margin={"l": 0, "r": 0, "t": toolbar.STRIP, "b": 0},
        font={"family": FONT},
        dragmode=False,
    )
    _credit(fig, credit)
    return fig


def label_points(
    geojson: Mapping[str, Any], texts: Mapping[str, str], colours: Mapping[str, str]
) -> pd.DataFrame:
    """Name positions from each feature's label point (only features named in texts)."""
    rows = []
    for feature in geojson["features"]:
        code = feature["id"]
        if code in texts:
            props = feature["properties"]
            colour = colours.get(code, "#000000")
            rows.append((code, props["label_lon"], props["label_lat"], texts[code], colour))
    return pd.DataFrame(rows, columns=["code", "lon", "lat", "text", "colour"])


def emphasise(fig: go.Figure, chosen: Collection[str], outline_width: float = 2.0) -> go.Figure:
    """A copy of a map (fig, maybe cached and shared, is not changed): the chosen regions
    keep their colour and get a strong outline, the others and their names fade; with
    nothing chosen the whole map fades."""
    out = go.Figure(fig)
    regions = next(t for t in out.data if isinstance(t, go.Choropleth))
    locations = list(regions.locations)
    picked = [i for i, code in enumerate(locations) if code in chosen]
    regions.update(
        selectedpoints=picked,
        selected={"marker": {"opacity": 1}},
        unselected={"marker": {"opacity": palette.FADED}},
        # white borders vanish on faded fills: grey ones keep each region's shape
        marker_line_color=FADED_LINE,
    )
    for names in out.data:
        if isinstance(names, go.Scattergeo) and names.mode == "text" and names.customdata:
            colours = list(names.textfont.color)
            names.textfont.color = [
                colour if row[0] in chosen else FADED_TEXT
                for colour, row in zip(colours, names.customdata, strict=True)
            ]
    if picked:
        out.add_trace(
            go.Choropleth(
                geojson=regions.geojson,
                locations=[locations[i] for i in picked],
                z=[0] * len(picked),
                colorscale=[[0, TRANSPARENT], [1, TRANSPARENT]],
                showscale=False,
                marker={"line": {"color": OUTLINE, "width": outline_width}},
                hoverinfo="skip",
                name="",
            )
        )
    return out


def present_categories(
    states: Sequence[str],
    order: Sequence[str],
    labels: Mapping[str, str],
    colours: Mapping[str, str],
) -> list[Category]:
    """Categories that occur, in the domain's order, unknown-type states last."""
    seen = set(states)
    ordered = [c for c in order if c in seen] + sorted(seen - set(order))
    return [Category(c, labels.get(c, c), colours.get(c, palette.UNKNOWN_COLOUR)) for c in ordered]


def add_lines(fig: go.Figure, lines: Sequence[Sequence[Sequence[float]]], name: str) -> None:
    """Polylines (e.g. the maritime boundary) as one trace; None separates the parts."""
    lon: list[float | None] = []
    lat: list[float | None] = []
    for line in lines:
        lon.extend(p[0] for p in line)
        lat.extend(p[1] for p in line)
        lon.append(None)
        lat.append(None)
    fig.add_trace(
        go.Scattergeo(
            lon=lon,
            lat=lat,
            mode="lines",
            line={"color": "#7F7F7F", "width": 1},
            hoverinfo="skip",
            name=html_text(name),
            showlegend=False,
        )
    )
