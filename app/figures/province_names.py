"""Province names and three-level stars on the China map, placed so that none hides another.

At national scale the Yangtze delta is a few pixels wide. Jiangsu, Shanghai and Zhejiang
are named out at sea, each joined to its province by a leader line; a starred province's
name sits beside its star, where plotly puts a marker's text (an offset in pixels, so the
two never overlap whatever the map's size). PLACES holds the hand-tuned positions of the
crowded east; any other province is named at its label point, a starred one under its star.
Names are dark with a light halo, legible on every fill and on the white sea.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any, Final

import plotly.graph_objects as go

from app.core.text import html_text
from app.figures.text import FONT

FONT_SIZE: Final = 12
STAR_SIZE: Final = 13
# A name beside a star is offset as if from a marker this size: clear of the star's points
# and of the text's line box (which is taller than its letters).
BESIDE_SIZE: Final = 20
LEADER: Final = "#555555"


@dataclass(frozen=True)
class Place:
    """Where a province's star and name go.

    side: where the name sits from its point (plotly's textposition; beside the star for a
    starred province); point: the star's or name's (lon, lat), else the province's label
    point; sea: the name is written from this (lon, lat) rightwards, out at sea, with a
    leader line to the point.
    """

    side: str = "bottom center"
    point: tuple[float, float] | None = None
    sea: tuple[float, float] | None = None


# The delta and its neighbours (label points: Jiangsu 120.0,32.9; Shanghai 121.4,31.1;
# Zhejiang 119.8,29.1; Anhui 117.2,32.0; Shandong 118.0,36.4; Henan 113.1,33.9).
PLACES: Final[Mapping[str, Place]] = {
    "320000": Place(point=(120.0, 33.2), sea=(123.4, 33.7)),  # Jiangsu
    "310000": Place(point=(121.5, 31.15), sea=(123.4, 31.2)),  # Shanghai
    "330000": Place(point=(120.0, 28.6), sea=(123.4, 28.5)),  # Zhejiang: star clear of Anhui's name
    "340000": Place(point=(116.6, 33.3)),  # Anhui: star in the north, name under it
    "370000": Place(side="middle right"),  # Shandong: name east of its star, on the peninsula
    "410000": Place(side="middle left"),  # Henan: name west of its star, clear of Anhui's
}


def _point(layer: Mapping[str, Any], code: str) -> tuple[float, float]:
    place = PLACES.get(code)
    if place is not None and place.point is not None:
        return place.point
    props = next(f["properties"] for f in layer["features"] if f["id"] == code)
    return (props["label_lon"], props["label_lat"])


def _text(fig: go.Figure, rows: list[tuple[str, float, float, str, str]], marker: bool) -> None:
    """Names (code, lon, lat, text, side); with marker, each offset as if from a star."""
    if not rows:
        return
    codes, lons, lats, texts, sides = zip(*rows, strict=True)
    fig.add_trace(
        go.Scattergeo(
            lon=list(lons),
            lat=list(lats),
            text=[html_text(v) for v in texts],
            customdata=[[c] for c in codes],
            mode="markers+text" if marker else "text",
            # an invisible marker: plotly offsets the name by the marker's size
            marker={"size": BESIDE_SIZE, "opacity": 0} if marker else None,
            textposition=list(sides),
            textfont={"size": FONT_SIZE, "color": "#111111", "family": FONT, "shadow": "auto"},
            hoverinfo="skip",
            showlegend=False,
            name="",
        )
    )


def add(
    fig: go.Figure,
    layer: Mapping[str, Any],
    names: Mapping[str, str],
    starred: Collection[str],
    star_name: str,
) -> None:
    """Name every province in names (code -> name) and star every one in starred (each
    starred province must be named); star_name is the stars' legend entry."""
    missing = set(starred) - set(names)
    if missing:
        raise ValueError(f"starred provinces need a name: {sorted(missing)}")
    plain, beside, leaders = [], [], []
    for code, name in names.items():
        lon, lat = _point(layer, code)
        place = PLACES.get(code, Place(side="bottom center" if code in starred else ""))
        if place.sea is not None:
            plain.append((code, *place.sea, name, "middle right"))
            leaders.append((place.sea, (lon, lat)))
        elif code in starred:
            beside.append((code, lon, lat, name, place.side))
        else:
            plain.append((code, lon, lat, name, place.side or "middle center"))
    if leaders:
        lons: list[float | None] = []
        lats: list[float | None] = []
        for (x0, y0), (x1, y1) in leaders:
            lons += [x0, x1, None]
            lats += [y0, y1, None]
        fig.add_trace(
            go.Scattergeo(
                lon=lons,
                lat=lats,
                mode="lines",
                line={"color": LEADER, "width": 0.8},
                hoverinfo="skip",
                showlegend=False,
                name="",
            )
        )
    stars = [c for c in names if c in starred]
    if stars:
        points = [_point(layer, c) for c in stars]
        fig.add_trace(
            go.Scattergeo(
                lon=[p[0] for p in points],
                lat=[p[1] for p in points],
                text=[html_text(names[c]) for c in stars],
                customdata=[[c] for c in stars],
                mode="markers",
                marker={
                    "symbol": "star",
                    "size": STAR_SIZE,
                    "color": "#FFFFFF",
                    "line": {"color": "#000000", "width": 1.5},
                },
                hovertemplate="%{text}<extra></extra>",
                name=html_text(star_name),
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
    _text(fig, plain, marker=False)
    _text(fig, beside, marker=True)
