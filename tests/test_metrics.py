"""Gap metrics: exact values from the seed, read from v_level_metrics (the one place they
are computed), over a snapshot or over any rows registered in place of the agencies."""

from __future__ import annotations

from fractions import Fraction

import pandas as pd
import pytest

from app.core import metrics
from app.core.config import data_paths
from app.data import db
from app.data import metrics as data_metrics


@pytest.fixture(scope="module")
def con():
    return db.connect(data_paths())


@pytest.fixture(scope="module")
def seed(con) -> list[metrics.LevelMetrics]:
    return data_metrics.level_metrics(con)


def rows(con, **columns: list) -> pd.DataFrame:
    """Agencies rows with the table's columns (those not given left empty)."""
    return pd.DataFrame(columns).reindex(columns=db.view(con, "agencies").columns)


def test_units_are_13_cities_and_95_counties(seed) -> None:
    assert [m.coverage.denominator for m in seed] == [13, 95]


def test_city_metrics_from_the_seed(seed) -> None:
    city = seed[0]
    assert city.level == "city"
    assert (city.coverage.numerator, city.coverage.denominator) == (13, 13)
    assert (city.hhi.numerator, city.hhi.denominator) == (73, 169)
    assert city.hhi.fraction == Fraction(73, 169)
    assert city.effective_hosts.decimal() == "2.32"
    assert city.effective_hosts.fraction == Fraction(169, 73)
    assert (city.alignment.numerator, city.alignment.denominator) == (1, 13)
    assert city.province_host == "government_services_office"


def test_county_metrics_from_the_seed(seed) -> None:
    county = seed[1]
    assert (county.coverage.numerator, county.coverage.denominator) == (76, 95)
    assert (county.hhi.numerator, county.hhi.denominator) == (2120, 5776)
    assert county.hhi.fraction == Fraction(2120, 5776)
    assert county.effective_hosts.decimal() == "2.72"
    assert (county.alignment.numerator, county.alignment.denominator) == (0, 76)
    assert county.alignment.fraction == 0
    assert county.units_without == 19


def test_level_metrics_read_the_views_own_columns(con, seed) -> None:
    view = db.view(con, "v_level_metrics")
    for (_, row), m in zip(view.iterrows(), seed, strict=True):
        assert m == metrics.from_view(row)
        assert (m.hhi.numerator, m.hhi.denominator) == (
            row["hhi_numerator"],
            row["hhi_denominator"],
        )
        assert m.hhi.value == pytest.approx(row["hhi"], rel=1e-12)
        assert m.effective_hosts.value == pytest.approx(row["effective_hosts"], rel=1e-12)
        assert m.coverage.value == pytest.approx(row["coverage"], rel=1e-12)
        assert m.alignment.value == pytest.approx(row["alignment"], rel=1e-12)


def test_the_python_copies_are_gone() -> None:
    """Every figure once, in SQL: core keeps the definitions, not a second way to count."""
    for name in (
        "level_metrics",
        "metrics_frame",
        "host_counts",
        "hhi",
        "effective_hosts",
        "coverage",
        "alignment",
        "units_with_agency",
        "level_units",
        "province_host",
    ):
        assert not hasattr(metrics, name), name


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


def test_the_view_over_edge_rows(con) -> None:
    empty = data_metrics.level_metrics(con, rows(con))
    assert empty[0].coverage.fraction == 0 and empty[0].coverage.denominator == 13
    assert empty[0].hhi.fraction is None and empty[0].hhi.decimal() == "—"
    assert empty[0].alignment.fraction is None
    named = rows(
        con,
        agency_id=["p", "a", "b", "c"],
        level=["province", "county", "county", "county"],
        division_adcode=["320000", "320102", "320102", None],
        host=["independent", "independent", "independent", "industry_it_bureau"],
    )
    county = data_metrics.level_metrics(con, named)[1]
    # two agencies in one named county count once; the unnamed one counts as one unit
    assert str(county.coverage) == "2/95"
    assert county.alignment.fraction == Fraction(2, 3)
    assert county.hhi.fraction == Fraction(5, 9)
    counts = data_metrics.host_counts(con, named)
    assert counts[counts["level"] == "county"].set_index("host")["n"].to_dict() == {
        "independent": 2,
        "industry_it_bureau": 1,
    }


def test_registered_rows_shadow_the_table_for_their_cursor_only(con) -> None:
    """Rows of any snapshot label are measured under the snapshot asked for; the base
    connection and its other cursors keep reading the table."""
    agencies = db.view(con, "v_agencies").assign(snapshot="elsewhere")
    only_cities = agencies[agencies["level"] != "county"]
    shadowed = data_metrics.level_metrics(con, only_cities, snapshot="draft-1")
    assert [m.agencies for m in shadowed] == [13, 0]
    assert [m.agencies for m in data_metrics.level_metrics(con)] == [13, 76]
    assert db.view(con, "v_level_metrics")["agencies"].tolist() == [13, 76]


def test_same_host_pairs_are_drawn_without_replacement(con, seed) -> None:
    """Two *different* agencies share a host Σ n(n−1) / N(N−1) of the time; the HHI (43% for
    the cities) is that chance only when the same agency may be drawn twice."""
    city, county = seed
    assert str(city.same_host_pairs) == "60/156"  # 73 − 13 over 13 × 12
    assert str(county.same_host_pairs) == "2044/5700"  # 2120 − 76 over 76 × 75
    assert city.same_host_pairs.percent() == "38%" and city.hhi.percent() == "43%"
    view = db.view(con, "v_level_metrics")
    assert view["same_host_pair_share"].tolist() == pytest.approx([60 / 156, 2044 / 5700])
    assert (view["same_host_pairs"] == view["hhi_numerator"] - view["agencies"]).all()
    assert (view["same_host_pair_share"] < view["hhi"]).all()
    one = rows(
        con,
        agency_id=["p", "a"],
        level=["province", "county"],
        division_adcode=["320000", "320102"],
        host=["independent", "independent"],
    )
    lone = data_metrics.level_metrics(con, one)[1]
    assert lone.hhi.fraction == 1 and lone.same_host_pairs.fraction is None  # no pair to draw
    with data_metrics._cursor(con, one, None) as cur:
        nulls = cur.execute("SELECT same_host_pair_share IS NULL FROM v_level_metrics").fetchall()
    assert nulls == [(True,), (True,)]  # no pair to draw: NULL, never NaN or infinity
