"""Map payloads: what the browser receives for each of the app's maps, and the national
county map (all of China's county-level units), which only the benchmark draws.

The national map and the payload measure live here, not in app/: the app never draws the
national county map. Both use the app's own building blocks (layers, states, palette,
choropleth), so the figure is what the app would send.
"""

from __future__ import annotations

import time

import plotly.graph_objects as go

from app.figures import geo, maps
from app.ui import figures, session
from bench.table import Row, Table

MAP_BUDGET_KB = 400.0
NATIONAL_MAP_BUDGET_KB = 2048.0
# one simplified layer, and thinner borders, for all of China's county-level units (about
# 2,875): at national scale a small district may change its area by 15% (a few pixels)
NATIONAL_LAYER = geo.Layer("china_counties", 0.05, 2, max_area_change=0.15)
NATIONAL_STYLE = maps.CountyStyle(with_city=False, line_width=0.2, height=560)


def map_figures(lang: str) -> dict[str, go.Figure]:
    """Every map the app draws, by name (built and cached as the pages do)."""
    return {
        "city_host": figures.city_map(lang, "host"),
        "city_nature": figures.city_map(lang, "nature"),
        "county": figures.county_map(lang),
        "china": figures.china_map(lang),
    }


def payload_bytes(fig: go.Figure) -> dict[str, int]:
    """What the browser receives for a map: the figure JSON and the boundaries it fetches."""
    out = {"figure": len(fig.to_json().encode("utf-8")), "boundaries": 0}
    for trace in fig.data:
        source = getattr(trace, "geojson", None)
        if isinstance(source, str):
            out["boundaries"] += (geo.SERVED_DIR / source.rsplit("/", 1)[-1]).stat().st_size
    return out


def national_county_map(lang: str) -> go.Figure:
    """Every county-level unit in the divisions, drawn by the app's county-map builder: with
    the national benchmark data, all of China's, on one simplified layer."""
    geo.LAYERS.setdefault(NATIONAL_LAYER.name, NATIONAL_LAYER)
    divisions = session.view("divisions")
    adcodes = tuple(sorted(divisions[divisions["level"] == "county"]["adcode"]))
    bounds = figures.boundaries(NATIONAL_LAYER.name, adcodes)
    agencies, codes = session.view("v_agencies"), session.view("codes")
    return maps.county_map(divisions, agencies, codes, bounds, lang, adcodes, NATIONAL_STYLE)


def map_sizes(table: Table) -> None:
    """Each map's payload, zh and en: its figure JSON plus the boundary file plotly.js fetches."""
    for lang in ("zh", "en"):
        for name, fig in map_figures(lang).items():
            size = payload_bytes(fig)
            kb = {part: f"{n / 1024:.0f}" for part, n in size.items()}
            what = f"map {name} ({lang}): figure {kb['figure']} KB + geojson {kb['boundaries']} KB"
            table.add(Row(what, sum(size.values()) / 1024, "KB", MAP_BUDGET_KB))


def national_map_size(table: Table) -> None:
    for lang in ("zh", "en"):
        start = time.perf_counter()
        fig = national_county_map(lang)
        seconds = time.perf_counter() - start
        size = payload_bytes(fig)
        units = len(fig.data[0].locations)
        table.add(
            Row(
                f"map national counties ({lang}, {units} units, built in {seconds:.1f} s):"
                f" figure {size['figure'] / 1024:.0f} KB"
                f" + geojson {size['boundaries'] / 1024:.0f} KB",
                sum(size.values()) / 1024,
                "KB",
                NATIONAL_MAP_BUDGET_KB,
            )
        )
