"""Gap metrics: exact values from the seed, and the view agrees with app.metrics."""

from __future__ import annotations

from fractions import Fraction

import pandas as pd
import pytest

from app.core import metrics
from app.core.config import data_paths
from app.data import db


@pytest.fixture(scope="module")
def con():
    return db.connect(data_paths())


@pytest.fixture(scope="module")
def seed(con) -> tuple[pd.DataFrame, dict[str, int]]:
    return db.view(con, "v_agencies"), metrics.level_units(db.view(con, "divisions"))


def test_units_are_13_cities_and_95_counties(seed) -> None:
    assert seed[1] == {"city": 13, "county": 95}


def test_city_metrics_from_the_seed(seed) -> None:
    city = metrics.level_metrics(*seed)[0]
    assert city.level == "city"
    assert (city.coverage.numerator, city.coverage.denominator) == (13, 13)
    assert (city.hhi.numerator, city.hhi.denominator) == (73, 169)
    assert city.hhi.fraction == Fraction(73, 169)
    assert city.effective_hosts.decimal() == "2.32"
    assert city.effective_hosts.fraction == Fraction(169, 73)
    assert (city.alignment.numerator, city.alignment.denominator) == (1, 13)
    assert city.province_host == "government_services_office"


def test_county_metrics_from_the_seed(seed) -> None:
    county = metrics.level_metrics(*seed)[1]
    assert (county.coverage.numerator, county.coverage.denominator) == (76, 95)
    assert (county.hhi.numerator, county.hhi.denominator) == (2120, 5776)
    assert county.hhi.fraction == Fraction(2120, 5776)
    assert county.effective_hosts.decimal() == "2.72"
    assert (county.alignment.numerator, county.alignment.denominator) == (0, 76)
    assert county.alignment.fraction == 0


def test_view_equals_the_functions_on_the_seed(con, seed) -> None:
    view = db.view(con, "v_level_metrics")
    py = metrics.metrics_frame(*seed)
    assert list(view.columns) == list(py.columns)
    assert list(view["level"]) == ["city", "county"]
    for col in ("units", "with_agency", "agencies", "hhi_numerator", "hhi_denominator", "aligned"):
        assert [int(v) for v in view[col]] == [int(v) for v in py[col]], col
    for col in ("coverage", "hhi", "effective_hosts", "alignment"):
        assert view[col].tolist() == pytest.approx(py[col].tolist(), rel=1e-12), col
    for (_, row), m in zip(view.iterrows(), metrics.level_metrics(*seed), strict=True):
        assert metrics.from_view(row) == m


def test_view_invariants(con) -> None:
    view = db.view(con, "v_level_metrics")
    assert view["level"].is_unique
    assert (view["with_agency"] <= view["units"]).all()
    assert (view["aligned"] <= view["agencies"]).all()
    assert ((view["hhi"] > 0) & (view["hhi"] <= 1)).all()
    assert (view["effective_hosts"] * view["hhi"]).tolist() == pytest.approx([1.0, 1.0])
    # host shares of the distribution views square-sum to the HHI
    for level, dist in (("city", "v_city_host"), ("county", "v_county_host")):
        shares = db.view(con, dist)["share"]
        assert (shares**2).sum() == pytest.approx(view.set_index("level").at[level, "hhi"])
        assert shares.sum() == pytest.approx(1.0)


def test_view_header_documents_every_column(con) -> None:
    doc = db.parse_view(next(p for p in db.view_files() if p.stem.endswith("v_level_metrics")))
    assert doc.name == "v_level_metrics"
    assert list(doc.columns) == list(db.view(con, "v_level_metrics").columns)


def test_functions_on_edge_frames() -> None:
    empty = pd.DataFrame(columns=["level", "division_adcode", "host"])
    m = metrics.level_metrics(empty, {"city": 13, "county": 95})
    assert m[0].coverage.fraction == 0
    assert m[0].hhi.fraction is None and m[0].hhi.decimal() == "—"
    assert m[0].alignment.fraction is None
    named = pd.DataFrame(
        {
            "level": ["province", "county", "county", "county"],
            "division_adcode": ["320000", "320102", "320102", None],
            "host": ["independent", "independent", "independent", "industry_it_bureau"],
        }
    )
    # two agencies in one named county count once; the unnamed one counts as one unit
    assert metrics.units_with_agency(named, "county") == 2
    assert metrics.alignment(named, "county").fraction == Fraction(2, 3)
    assert metrics.hhi(named, "county").fraction == Fraction(5, 9)
