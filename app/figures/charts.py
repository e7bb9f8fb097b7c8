"""Plotly figures of the explorer: discrete choropleth maps, distribution bars, hierarchy.

Every figure colours codes from app.palette, so a host has one colour everywhere. Maps are
one choropleth trace coloured by a category index through a stepped colour scale (its
colour bar is the legend), plus a text trace for names; they carry the map-data credit.
Text that comes from data is escaped: plotly renders a few HTML tags in hover text.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from app.figures import palette

FONT = "sans-serif"
MAP_HEIGHT = 460
NEUTRAL_LINE = "#FFFFFF"


@dataclass(frozen=True)
class Category:
    code: str
    label: str
    colour: str


def esc(text: object) -> str:
    """Data text made inert for plotly's hover/label markup."""
    return html.escape("" if text is None or text != text else str(text), quote=False)


def wrap(text: object, width: int = 28) -> str:
    """Escaped text broken into hover lines (CJK text has no spaces: break by length)."""
    raw = "" if text is None or text != text else str(text)
    lines = textwrap.wrap(raw, width=width, break_long_words=True) or [""]
    return "<br>".join(esc(line) for line in lines)


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
        text=esc(credit),
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
                "title": {"text": esc(legend_title), "side": "top"},
                "tickvals": list(range(n)),
                "ticktext": [esc(c.label) for c in categories],
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
                text=[esc(v) for v in labels["text"]],
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
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
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
            rows.append(
                (props["label_lon"], props["label_lat"], texts[code], colours.get(code, "#000000"))
            )
    return pd.DataFrame(rows, columns=["lon", "lat", "text", "colour"])


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


def bar(
    frame: pd.DataFrame,
    code_column: str,
    lang: str,
    domain: str,
    excerpts: Mapping[str, tuple[str, str]],
    figure_prefix: str,
    source_word: str,
    title: str,
) -> go.Figure:
    """A distribution view (code, label_zh, label_en, n, share) as horizontal bars."""
    data = frame.iloc[::-1]  # plotly draws the first bar at the bottom
    codes = data[code_column].tolist()
    label_col = "label_zh" if lang == "zh" else "label_en"
    excerpt = [excerpts.get(f"{figure_prefix}{c}", ("", "")) for c in codes]
    custom = [
        [code, f"{share:.0%}", wrap(ex[0]), esc(ex[1])]
        for code, share, ex in zip(codes, data["share"], excerpt, strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=data["n"].tolist(),
            y=[wrap(v, 16 if lang == "zh" else 24) for v in data[label_col]],
            orientation="h",
            marker={
                "color": [palette.colour(domain, c) for c in codes],
                "line": {"color": "#333333", "width": 0.5},
            },
            text=[f"{n} · {share:.0%}" for n, share in zip(data["n"], data["share"], strict=True)],
            textposition="outside",
            cliponaxis=False,
            customdata=custom,
            hovertemplate=(
                "<b>%{y}</b><br>%{x} (%{customdata[1]})<br>"
                + esc(source_word)
                + " %{customdata[3]}: 「%{customdata[2]}」<extra></extra>"
            ),
            name="",
        )
    )
    fig.update_layout(
        title={"text": esc(title), "font": {"size": 14}},
        height=70 + 30 * len(codes),
        margin={"l": 0, "r": 40, "t": 36, "b": 0},
        xaxis={"visible": False, "range": [0, max(data["n"].max(), 1) * 1.25]},
        yaxis={"automargin": True},
        font={"family": FONT},
        showlegend=False,
        dragmode=False,
    )
    return fig


def sunburst(
    hierarchy: pd.DataFrame,
    root_label: str,
    level_labels: Mapping[str, str],
    host_labels: Mapping[str, str],
) -> go.Figure:
    """Province -> level -> host groups (rows from structure.hierarchy)."""
    names, colours = [], []
    for row in hierarchy.itertuples(index=False):
        if row.id == "jiangsu":
            names.append(esc(root_label))
            colours.append("#FFFFFF")
        elif not row.host:
            names.append(esc(level_labels.get(row.level, row.level)))
            colours.append("#EEEEEE")
        else:
            names.append(esc(host_labels.get(row.host, row.host)))
            colours.append(palette.host_colour(row.host))
    fig = go.Figure(
        go.Sunburst(
            ids=hierarchy["id"].tolist(),
            labels=names,
            parents=hierarchy["parent"].tolist(),
            values=hierarchy["n"].tolist(),
            branchvalues="total",
            marker={"colors": colours, "line": {"color": "#666666", "width": 0.6}},
            hovertemplate="<b>%{label}</b><br>%{value} (%{percentParent:.0%})<extra></extra>",
            insidetextorientation="horizontal",
            sort=False,
        )
    )
    fig.update_layout(height=420, margin={"l": 0, "r": 0, "t": 0, "b": 0}, font={"family": FONT})
    return fig


def add_markers(fig: go.Figure, points: pd.DataFrame, name: str, symbol: str = "star") -> None:
    """Marker points (lon, lat, text) with a legend entry, e.g. three-level-structure provinces."""
    if points.empty:
        return
    fig.add_trace(
        go.Scattergeo(
            lon=points["lon"].tolist(),
            lat=points["lat"].tolist(),
            text=[esc(v) for v in points["text"]],
            mode="markers",
            marker={
                "symbol": symbol,
                "size": 13,
                "color": "#FFFFFF",
                "line": {"color": "#000000", "width": 1.5},
            },
            hovertemplate="%{text}<extra></extra>",
            name=esc(name),
            showlegend=True,
        )
    )
    fig.update_layout(
        legend={
            "x": 0,
            "y": 1,
            "xanchor": "left",
            "yanchor": "top",
            "bgcolor": "rgba(255,255,255,0.7)",
        }
    )


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
            name=esc(name),
            showlegend=False,
        )
    )


def figure_json_size(fig: go.Figure) -> int:
    """Bytes of the figure's JSON, as sent to the browser."""
    return len(fig.to_json().encode("utf-8"))
