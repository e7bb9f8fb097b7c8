"""The China map names every starred province, and no name or star hides another.

Sizes are estimated the way the browser draws them: a name is 12 px type (a CJK character
12 px wide, a Latin letter about 7.5 px), a star 13 px; plotly offsets a marker's text by
size / 1.6 + 1 px. The map's smallest use, story slide 4 in projector mode at 1280x720,
draws about 6.9 px per degree of longitude: the check uses 6.5 (at any larger scale the
boxes only move apart). Mercator stretches a degree of latitude by 1 / cos(latitude).
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

import plotly.graph_objects as go
import pytest
from shapely.geometry import Point, shape

from app.core import national
from app.core.config import data_paths
from app.data import db
from app.figures import geo, province_names
from app.ui import figures

PX_PER_DEGREE = 6.5
TEXT_HEIGHT = 14.0
THREE_LEVEL = {"330000", "340000", "370000", "410000", "440000", "520000"}  # ¶5
DELTA = {"310000", "320000", "330000", "340000"}
SHORT = {
    "zh": {
        "320000": "江苏",
        "310000": "上海",
        "330000": "浙江",
        "340000": "安徽",
        "520000": "贵州",
    },
    "en": {"320000": "Jiangsu", "310000": "Shanghai", "330000": "Zhejiang", "520000": "Guizhou"},
}


@dataclass(frozen=True)
class Box:
    what: str
    west: float
    east: float
    south: float
    north: float

    def overlaps(self, other: Box) -> bool:
        return (
            self.west < other.east
            and other.west < self.east
            and self.south < other.north
            and other.south < self.north
        )


def text_width(text: str) -> float:
    return sum(12.0 if unicodedata.east_asian_width(c) in "WF" else 7.5 for c in text)


def box(what: str, lon: float, lat: float, px: tuple[float, float, float, float]) -> Box:
    """A box given in pixels from (lon, lat): left, right, up, down."""
    left, right, up, down = px
    lat_px = PX_PER_DEGREE / math.cos(math.radians(lat))
    return Box(
        what, lon - left / PX_PER_DEGREE, lon + right / PX_PER_DEGREE, lat - down / lat_px,
        lat + up / lat_px,
    )  # fmt: skip


def text_box(name: str, lon: float, lat: float, side: str, marker: float) -> Box:
    """Where plotly draws a text point's text (textposition side, offset for a marker)."""
    w, h = text_width(name), TEXT_HEIGHT
    r = marker / 1.6 + 1 if marker else 0.0
    horizontal = {"left": (r + w, -r), "right": (-r, r + w)}
    left, right = next((v for k, v in horizontal.items() if k in side), (w / 2, w / 2))
    vertical = {"top": (r + h, -r), "bottom": (-r, r + h)}
    up, down = next((v for k, v in vertical.items() if k in side), (h / 2, h / 2))
    return box(name, lon, lat, (left, right, up, down))


def drawn(fig: go.Figure) -> tuple[dict[str, str], list[Box], set[str]]:
    """Names by province, the box of every name and star, the starred provinces."""
    names: dict[str, str] = {}
    boxes: list[Box] = []
    starred: set[str] = set()
    for trace in fig.data:
        if not isinstance(trace, go.Scattergeo) or trace.mode not in {"text", "markers+text"}:
            if isinstance(trace, go.Scattergeo) and trace.mode == "markers":
                half = trace.marker.size / 2
                for (code,), lon, lat in zip(trace.customdata, trace.lon, trace.lat, strict=True):
                    starred.add(code)
                    boxes.append(box(f"star {code}", lon, lat, (half, half, half, half)))
            continue
        marker = trace.marker.size if trace.mode == "markers+text" else 0
        sides = trace.textposition
        for i, ((code,), lon, lat, text) in enumerate(
            zip(trace.customdata, trace.lon, trace.lat, trace.text, strict=True)
        ):
            side = sides[i] if isinstance(sides, tuple | list) else sides
            names[code] = text
            boxes.append(text_box(text, lon, lat, side, marker))
    return names, boxes, starred


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_starred_province_is_named_with_its_short_name(lang: str) -> None:
    names, _, starred = drawn(figures.china_map(lang))
    assert starred == THREE_LEVEL
    assert starred <= set(names)
    assert {c: names[c] for c in SHORT[lang]} == SHORT[lang]
    if lang == "zh":
        assert names["150000"] == "内蒙古" and not any(n.endswith("省") for n in names.values())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_name_or_star_overlaps_another(lang: str) -> None:
    names, boxes, _ = drawn(figures.china_map(lang))
    assert set(names) >= DELTA
    clashes = [
        (a.what, b.what) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if a.overlaps(b)
    ]
    assert clashes == []


def test_names_at_sea_are_joined_to_their_province_and_stars_lie_in_theirs() -> None:
    fig = figures.china_map("en")
    lines = [t for t in fig.data if isinstance(t, go.Scattergeo) and t.mode == "lines"]
    (leaders,) = [t for t in lines if t.line.color == province_names.LEADER]
    ends = list(zip(leaders.lon, leaders.lat, strict=True))
    segments = [ends[i : i + 2] for i in range(0, len(ends), 3)]
    at_sea = {c for c, p in province_names.PLACES.items() if p.sea is not None}
    assert at_sea == {"310000", "320000", "330000"} and len(segments) == len(at_sea)
    divisions = db.view(db.connect(data_paths()), "divisions")
    layer = figures.layer("china_provinces", geo.province_codes(divisions))
    shapes = {f["id"]: shape(f["geometry"]) for f in layer["features"]}
    for code in at_sea:
        (segment,) = [s for s in segments if s[0] == province_names.PLACES[code].sea]
        assert shapes[code].contains(Point(segment[1])), code  # the line ends in the province
        assert not shapes[code].contains(Point(segment[0]))  # and starts out at sea
    (stars,) = [t for t in fig.data if isinstance(t, go.Scattergeo) and t.mode == "markers"]
    for (code,), lon, lat in zip(stars.customdata, stars.lon, stars.lat, strict=True):
        assert shapes[code].contains(Point(lon, lat)), code


def test_short_names_drop_the_kind_of_unit() -> None:
    assert [
        national.short_name(n)
        for n in (
            "江苏省",
            "上海市",
            "内蒙古自治区",
            "广西壮族自治区",
            "香港特别行政区",
            "黑龙江省",
        )
    ] == ["江苏", "上海", "内蒙古", "广西", "香港", "黑龙江"]
