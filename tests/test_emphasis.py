"""The structure explorer's maps and bars emphasise what the filters show and fade the rest;
a filter that matches nothing fades everything and offers to clear the filters."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from app.core import emphasis, structure
from app.core.config import data_paths
from app.core.structure import Filters
from app.data import db
from app.figures import choropleth, geo, palette
from app.ui import figures
from tests.conftest import run_page

NANJING = "320100"
NO_MATCH = {"city_320100": "true", "host_government_general_office": "true"}  # 南京: 政府组成部门


@pytest.fixture(scope="module")
def agencies() -> pd.DataFrame:
    return structure.prepared(db.view(db.connect(data_paths()), "v_agencies"))


@pytest.fixture(scope="module")
def county_codes() -> tuple[str, ...]:
    return geo.jiangsu_county_codes(db.view(db.connect(data_paths()), "divisions"))


def test_no_filter_emphasises_nothing(agencies, county_codes) -> None:
    none = Filters()
    assert emphasis.cities(agencies, none) is None
    assert emphasis.counties(agencies, none, county_codes) is None
    assert emphasis.categories(agencies, none, "city", "host") is None


def test_a_city_filter_emphasises_that_city_and_no_county(agencies, county_codes) -> None:
    """A city filter leaves out the county agencies the source does not place."""
    nanjing = Filters.of(city=NANJING)
    assert emphasis.cities(agencies, nanjing) == {NANJING}
    assert emphasis.counties(agencies, nanjing, county_codes) == frozenset()
    assert emphasis.categories(agencies, nanjing, "city", "host") == {"constituent_department"}


def test_county_filters_emphasise_every_unplaced_county(agencies, county_codes) -> None:
    county = Filters.of(level="county", host="government_general_office")
    assert emphasis.cities(agencies, county) == frozenset()
    assert emphasis.counties(agencies, county, county_codes) == set(county_codes)
    assert emphasis.categories(agencies, county, "county", "host") == {"government_general_office"}
    assert emphasis.categories(agencies, county, "city", "host") == frozenset()


def test_a_filter_matching_nothing_emphasises_nothing_anywhere(agencies, county_codes) -> None:
    none = Filters.of(city=NANJING, host="government_general_office")
    assert structure.apply(agencies, none).empty
    assert emphasis.cities(agencies, none) == frozenset()
    assert emphasis.counties(agencies, none, county_codes) == frozenset()


def test_emphasised_city_map_keeps_the_chosen_colour_and_fades_the_rest() -> None:
    fig = figures.city_map("zh", "host", None, (NANJING,))
    regions, outline = [t for t in fig.data if isinstance(t, go.Choropleth)]
    assert list(regions.locations).index(NANJING) == 0 and regions.selectedpoints == (0,)
    assert regions.selected.marker.opacity == 1
    assert regions.unselected.marker.opacity == palette.FADED < 0.5
    assert outline.locations == (NANJING,) and outline.marker.line.width >= 2
    assert outline.hoverinfo == "skip" and outline.showscale is False
    (names,) = [t for t in fig.data if isinstance(t, go.Scattergeo)]
    faded = {row[0] for row, c in zip(names.customdata, names.textfont.color, strict=True)
             if c == choropleth.FADED_TEXT}  # fmt: skip
    assert NANJING not in faded and len(faded) == 12
    # the shared, cached map is not changed
    base = figures.city_map("zh", "host")
    assert base.data[0].selectedpoints is None
    assert len([t for t in base.data if isinstance(t, go.Choropleth)]) == 1


def test_nothing_chosen_fades_the_whole_map_without_outline() -> None:
    fig = figures.county_map("en", None, ())
    (regions,) = [t for t in fig.data if isinstance(t, go.Choropleth)]
    assert regions.selectedpoints == () and regions.unselected.marker.opacity == palette.FADED


def test_bars_fade_all_but_the_chosen_category() -> None:
    fig = figures.distribution_bar("county_host", "en", None, ("government_general_office",))
    bar = fig.data[0]
    codes = [c[0] for c in bar.customdata]
    assert len(codes) > 1 and bar.selectedpoints == (codes.index("government_general_office"),)
    assert bar.selected.marker.opacity == 1 and bar.unselected.marker.opacity == palette.FADED
    assert figures.distribution_bar("county_host", "en").data[0].selectedpoints is None


# AppTest -------------------------------------------------------------------------------


def _specs(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def test_page_emphasises_the_city_chosen_in_the_url() -> None:
    at = run_page("structure", "en", city_320100="true")
    assert not at.exception
    city_map = _specs(at)[0]
    assert city_map["data"][0]["selectedpoints"] == [0]
    assert "highlight" in " ".join(c.value for c in at.caption)


@pytest.mark.parametrize(("lang", "words"), [("zh", "没有符合筛选条件的机构"), ("en", "No agency")])
def test_no_match_greys_the_maps_and_offers_to_clear(lang: str, words: str) -> None:
    at = run_page("structure", lang, **NO_MATCH)
    assert not at.exception
    assert any(words in w.value for w in at.warning)
    city_map, county_map = _specs(at)[:2]
    assert city_map["data"][0]["selectedpoints"] == []
    assert county_map["data"][0]["selectedpoints"] == []
    at.button(key="structure_clear_maps").click().run()
    assert not any(cb.value for cb in at.checkbox)
    assert not at.warning or not any(words in w.value for w in at.warning)
    assert "selectedpoints" not in _specs(at)[0]["data"][0]
