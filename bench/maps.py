"""Map payloads: what the browser receives for each of the app's maps, and the national
county map (all of China's county-level units), which only the benchmark draws.

The national map and the payload measure live here, not in app/: the app never draws the
national county map. Both use the app's own building blocks (layers, states, palette,
choropleth), so the figure is what the app would send.
"""

from __future__ import annotations

import time

import plotly.graph_objects as go

from app import ui
from app.core import structure
from app.core.i18n import translator
from app.figures import charts, geo, maps, palette
from bench.table import Row, Table

MAP_BUDGET_KB = 400.0
NATIONAL_MAP_BUDGET_KB = 2048.0
# one simplified layer for all of China's county-level units (the benchmark's own)
NATIONAL_LAYER = geo.Layer("china_counties", 0.05, 2, max_area_change=0.15)


def map_figures(lang: str) -> dict[str, go.Figure]:
    """Every map the app draws, by name."""
    return {
        "city_host": maps.city_map(lang, "host"),
        "city_nature": maps.city_map(lang, "nature"),
        "county": maps.county_map(lang),
        "china": maps.china_map(lang),
    }


def payload_bytes(fig: go.Figure) -> dict[str, int]:
    """What the browser receives for a map: the figure JSON and the boundaries it fetches."""
    out = {"figure": charts.figure_json_size(fig), "boundaries": 0}
    for trace in fig.data:
        source = getattr(trace, "geojson", None)
        if isinstance(source, str):
            out["boundaries"] += (geo.SERVED_DIR / source.rsplit("/", 1)[-1]).stat().st_size
    return out


def national_county_map(lang: str) -> go.Figure:
    """Every county-level unit in the divisions, coloured like the Jiangsu county map: with
    the national benchmark data, all of China's, on one simplified layer."""
    geo.LAYERS.setdefault(NATIONAL_LAYER.name, NATIONAL_LAYER)
    t = translator(lang)
    divisions = ui.view("divisions")
    codes = list(geo.county_codes(divisions))
    _, source = maps.boundaries(NATIONAL_LAYER.name, tuple(codes))
    states = structure.county_states(ui.view("v_agencies"), codes)
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
        "<br>".join(
            (
                f"<b>{charts.esc(names.get(r.adcode, r.adcode))}</b>",
                charts.esc(labels.get(r.state, r.state)),
            )
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
