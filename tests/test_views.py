"""Figures the views compute against the figures the source states, and view invariants."""

from __future__ import annotations

import duckdb
import pytest

from app.core.config import data_paths
from app.data import db

DISTRIBUTIONS = {
    "v_city_host": ("host", 13),
    "v_city_nature": ("nature", 13),
    "v_county_host": ("host", 76),
    "v_county_coverage": ("coverage", 95),
}


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    return db.connect(data_paths())


def pairs(con, view: str, key: str) -> dict[str, int]:
    frame = db.view(con, view)
    return dict(zip(frame[key], frame["n"], strict=True))


def test_county_host_matches_paragraph_5(con) -> None:
    frame = db.query(con, "SELECT host, n FROM v_county_host ORDER BY n DESC")
    assert list(frame["n"]) == [43, 11, 8, 7, 6, 1]
    assert list(frame["host"]) == [
        "government_general_office",
        "development_reform_commission",
        "administrative_approval_bureau",
        "economic_development_bureau",
        "industry_it_bureau",
        "independent",
    ]


def test_city_host_and_nature(con) -> None:
    assert sorted(pairs(con, "v_city_host", "host").values(), reverse=True) == [8, 2, 2, 1]
    agencies = db.view(con, "v_agencies")
    services = agencies[
        (agencies["level"] == "city") & (agencies["host"] == "government_services_office")
    ]
    assert list(services["division_zh"]) == ["连云港市"]
    assert pairs(con, "v_city_nature", "nature") == {"administrative": 11, "public_institution": 2}
    public = agencies[(agencies["level"] == "city") & (agencies["nature"] == "public_institution")]
    assert sorted(public["division_zh"]) == ["南通市", "徐州市"]


def test_county_coverage(con) -> None:
    assert pairs(con, "v_county_coverage", "coverage") == {"with_agency": 76, "without_agency": 19}


@pytest.mark.parametrize(("view", "spec"), DISTRIBUTIONS.items())
def test_distribution_invariants(con, view: str, spec: tuple[str, int]) -> None:
    key, total = spec
    frame = db.view(con, view)
    assert list(frame.columns) == [key, "label_zh", "label_en", "n", "share"]
    assert frame[key].is_unique
    assert frame["n"].sum() == total
    assert frame["share"].sum() == pytest.approx(1.0)
    assert frame["label_zh"].notna().all() and frame["label_en"].notna().all()


def test_province_models_cover_all_34_units(con) -> None:
    frame = db.view(con, "v_province_models")
    assert len(frame) == 34 and frame["adcode"].is_unique
    models = frame.dropna(subset=["push_model"]).groupby("push_model")["name_zh"].apply(set)
    assert models["1"] == {"广东省", "上海市", "浙江省"}
    assert models["2"] == {"河南省", "安徽省", "山东省"}
    assert models["3"] == {"四川省", "内蒙古自治区"}
    assert models["jiangsu"] == {"江苏省"}
    three_level = set(frame[frame["three_level_structure"].fillna(False).astype(bool)]["name_zh"])
    assert three_level == {"广东省", "浙江省", "山东省", "河南省", "安徽省", "贵州省"}


def test_every_reported_figure_matches_or_is_not_computable(con) -> None:
    frame = db.view(con, "v_reported_vs_computed")
    assert frame["figure_id"].is_unique
    assert set(frame["status"]) <= {"match", "not_computable"}
    assert list(frame[frame["status"] == "not_computable"]["figure_id"]) == [
        "provinces_with_data_agency"
    ]


def test_agency_keys_unique_and_levels_complete(con) -> None:
    frame = db.view(con, "v_agencies")
    assert frame["agency_id"].is_unique
    assert frame["level"].value_counts().to_dict() == {"county": 76, "city": 13, "province": 1}
    assert frame[frame["level"] == "city"]["division_adcode"].is_unique


def test_view_headers_document_every_column(con) -> None:
    for path in db.view_files():
        doc = db.parse_view(path)
        if not doc.name.startswith("v_"):
            continue
        columns = list(db.query(con, f"SELECT * FROM {doc.name} LIMIT 0").columns)
        assert list(doc.columns) == columns, f"{path.name} header does not match its columns"
