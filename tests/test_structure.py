"""Structure explorer: facet rules (units) and the page under AppTest in both languages."""

from __future__ import annotations

import pandas as pd
import pytest

from app.core import map_states, structure
from app.core.config import data_paths
from app.core.structure import Filters
from app.data import db
from tests.conftest import run_page
from tests.explore_fixtures import _geo_tmp, isolated_geo_cache  # noqa: F401 (autouse)


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    con = db.connect(data_paths())
    return {name: db.view(con, name) for name in ("v_agencies", "codes", "divisions")}


@pytest.fixture(scope="module")
def agencies(frames) -> pd.DataFrame:
    return structure.prepared(frames["v_agencies"])


def test_host_government_office_at_county_level_is_43(agencies) -> None:
    f = Filters.of(level="county", host="government_general_office")
    assert len(structure.apply(agencies, f)) == 43


def test_city_public_institutions_are_xuzhou_and_nantong(agencies) -> None:
    shown = structure.apply(agencies, Filters.of(level="city", nature="public_institution"))
    assert sorted(shown["division_zh"]) == ["南通市", "徐州市"]


def test_facet_counts_ignore_their_own_dimension(agencies, frames) -> None:
    opts = structure.options(frames["codes"], frames["divisions"], agencies)
    f = Filters.of(level="county", host="government_general_office")
    level = structure.facet_counts(agencies, f, "level", opts["level"])
    host = structure.facet_counts(agencies, f, "host", opts["host"])
    assert level == {"province": 0, "city": 8, "county": 43}
    assert host["government_general_office"] == 43
    assert host["development_reform_commission"] == 11
    assert sum(host.values()) == 76
    # no filter: every level's total
    none = structure.facet_counts(agencies, Filters(), "level", opts["level"])
    assert none == {"province": 1, "city": 13, "county": 76}


def test_options_include_unknown_nature_and_13_cities(agencies, frames) -> None:
    opts = structure.options(frames["codes"], frames["divisions"], agencies)
    assert opts["nature"] == ["administrative", "public_institution", structure.UNKNOWN]
    assert len(opts["city"]) == 13 and opts["city"][0] == "320100"
    assert len(opts["host"]) == 8


def test_unknown_dimension_is_refused() -> None:
    with pytest.raises(ValueError, match="dimension"):
        Filters.of(colour="red")


def test_selection_codes_read_customdata_then_location() -> None:
    event = {
        "selection": {
            "points": [
                {"customdata": ["320300"]},
                {"location": "320600"},
                {"customdata": ["320300"]},
                {"z": 1},
            ]
        }
    }
    assert structure.selection_codes(event) == ["320300", "320600"]
    assert structure.selection_codes(None) == []
    assert structure.selection_codes({"selection": {}}) == []


def test_county_states_seed_is_not_named_everywhere(agencies, frames) -> None:
    codes = sorted(frames["divisions"].query("level == 'county'")["adcode"])
    states = map_states.county_states(agencies, codes)
    assert len(states) == 95
    assert set(states["state"]) == {map_states.NOT_NAMED}
    summary = map_states.county_summary(agencies, codes)
    assert summary == {"units": 95, "agencies": 76, "placed": 0, "unplaced": 76, "without": 19}


def test_county_states_colour_placed_counties_by_host() -> None:
    roster = pd.DataFrame(
        {
            "agency_id": ["r1", "r2"],
            "level": ["county", "county"],
            "division_adcode": ["320102", "320105"],
            "host": ["independent", "industry_it_bureau"],
        }
    )
    states = map_states.county_states(roster, ["320102", "320104", "320105"])
    assert states["state"].tolist() == ["independent", map_states.NO_AGENCY, "industry_it_bureau"]
    assert states["agency_id"].tolist() == ["r1", "", "r2"]  # whose claims the hover shows
    unplaced = {"agency_id": ["r3"], "level": ["county"], "division_adcode": [None]}
    partly = pd.concat([roster, pd.DataFrame({**unplaced, "host": ["independent"]})])
    assert map_states.county_states(partly, ["320104"])["state"].tolist() == [map_states.NOT_NAMED]


def test_hierarchy_sums_to_shown(agencies) -> None:
    h = structure.hierarchy(agencies).set_index("id")
    assert h.loc["jiangsu", "n"] == 90
    assert h.loc["county", "n"] == 76 == h[h["parent"] == "county"]["n"].sum()
    assert h.loc["city/government_general_office", "n"] == 8


def test_table_shows_labels_and_not_named(agencies, frames) -> None:
    codes = frames["codes"]
    shown = structure.apply(agencies, Filters.of(level="county", host="independent"))
    table = structure.table(
        shown,
        "en",
        structure.labels(codes, "host", "en"),
        structure.labels(codes, "nature", "en"),
        structure.labels(codes, "level", "en"),
        structure.division_names(frames["divisions"], "en"),
        unknown="Not in source",
        not_named="Not named",
    )
    assert table[["level", "unit", "host", "nature"]].values.tolist() == [
        ["County", "Not named", "Independent agency", "Not in source"]
    ]


# AppTest -------------------------------------------------------------------------------


def _metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_renders_in_both_languages(lang: str) -> None:
    at = run_page("structure", lang)
    assert not at.exception
    assert _metric(at, "显示的机构" if lang == "zh" else "Agencies shown") == "90"
    assert len(at.checkbox) == 3 + 8 + 3 + 13
    assert len(at.get("plotly_chart")) == 7  # 2 maps, 4 bars, 1 sunburst


def test_url_restores_filters_county_government_office_43() -> None:
    at = run_page("structure", "zh", level_county="true", host_government_general_office="true")
    assert not at.exception
    assert _metric(at, "显示的机构") == "43"
    assert at.checkbox(key="level_county").value is True
    assert at.checkbox(key="host_government_general_office").label.endswith("(43)")


def test_clicking_facets_county_government_office_shows_43() -> None:
    at = run_page("structure", "en")
    at.checkbox(key="level_county").check().run()
    assert _metric(at, "Agencies shown") == "76"
    at.checkbox(key="host_government_general_office").check().run()
    assert _metric(at, "Agencies shown") == "43"
    assert len(at.dataframe[-1].value) == 43


def test_city_public_institution_shows_xuzhou_and_nantong() -> None:
    at = run_page("structure", "zh", level_city="true", nature_public_institution="true")
    assert _metric(at, "显示的机构") == "2"
    table = at.dataframe[-1].value
    assert sorted(table["城市"]) == ["南通市", "徐州市"]


def test_bad_url_values_are_ignored_not_raised() -> None:
    at = run_page("structure", "en", level_county="banana", city_999999="true", by_nature="maybe")
    assert not at.exception
    assert _metric(at, "Agencies shown") == "90"


def test_clear_button_resets_every_filter() -> None:
    at = run_page("structure", "en", level_city="true", city_320300="true")
    assert _metric(at, "Agencies shown") == "1"
    at.button(key="structure_clear").click().run()
    assert _metric(at, "Agencies shown") == "90"
    assert not any(cb.value for cb in at.checkbox)


def test_colour_by_nature_toggle_from_url() -> None:
    at = run_page("structure", "en", by_nature="true")
    assert not at.exception
    assert at.toggle(key="by_nature").value is True


@pytest.mark.parametrize(
    ("lang", "columns", "words"),
    [
        (
            "zh",
            ("挂靠可信度", "性质可信度", "级别可信度"),
            ("原文明示", "由原文推得", "来源未说明"),
        ),
        (
            "en",
            ("Hosted at (confidence)", "Nature (confidence)", "Rank (confidence)"),
            ("Stated", "Derived", "Not in source"),
        ),
    ],
)
def test_table_shows_each_claims_confidence(lang: str, columns, words) -> None:
    """泰州: host stated (named in ¶5), nature derived (¶5 其余11个), rank not in source."""
    at = run_page("structure", lang, level_city="true", city_321200="true")
    assert not at.exception
    (row,) = at.dataframe[-1].value.to_dict("records")
    assert [row[c] for c in columns] == list(words)
    nantong = run_page("structure", lang, level_city="true", city_320600="true")
    (row,) = nantong.dataframe[-1].value.to_dict("records")
    assert [row[c] for c in columns[:2]] == [words[1], words[0]]  # host derived, nature stated
