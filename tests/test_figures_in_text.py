"""Sentences that give a count take it from the data (v_level_metrics, the scenario
engine's figures, reported_figures): change the data and the sentence follows."""

from __future__ import annotations

import pandas as pd
import pytest

from app.core.config import DataPaths
from app.data.build import build
from tests.conftest import run_page


def edit(paths: DataPaths, table: str, change) -> None:
    path = paths.sources / f"{table}.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    change(frame).to_csv(path, index=False)


@pytest.fixture
def changed_data(data_copy: DataPaths) -> DataPaths:
    """One county-level unit fewer (94), two county agencies fewer (74 of them, so 20 units
    without one), and a source that says 29 provinces have a data agency."""

    def drop_county(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.drop(frame.index[frame["level"] == "county"][0])

    dropped: list[str] = []

    def drop_two_agencies(frame: pd.DataFrame) -> pd.DataFrame:
        rows = frame.index[frame["level"] == "county"][:2]
        dropped.extend(frame.loc[rows, "agency_id"])
        return frame.drop(rows)

    def drop_their_claims(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[~frame["subject_id"].isin(dropped)]

    def say_29(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[frame["figure_id"] == "provinces_with_data_agency", "value"] = "29"
        return frame

    edit(data_copy, "divisions", drop_county)
    edit(data_copy, "agencies", drop_two_agencies)
    edit(data_copy, "claims", drop_their_claims)
    edit(data_copy, "reported_figures", say_29)
    build(data_copy)
    return data_copy


def markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_seed_states_the_sources_counts(lang: str) -> None:
    overview = run_page("overview", lang)
    structure = run_page("structure", lang)
    if lang == "en":
        assert "its 13 cities and 95 county-level units" in markdown(overview)
        assert "its 13 cities and 95 county-level units" in structure.caption[0].value
        assert "**The 95 county-level units**" in markdown(structure)
    else:
        assert "13 个设区市和 95 个县（市、区）" in markdown(overview)
        assert "13 个设区市、95 个县（市、区）" in structure.caption[0].value
        assert "**95 个县（市、区）**" in markdown(structure)


def test_counts_follow_the_data(changed_data: DataPaths) -> None:
    assert "its 13 cities and 94 county-level units" in markdown(run_page("overview", "en"))
    structure = run_page("structure", "en")
    assert "its 13 cities and 94 county-level units" in structure.caption[0].value
    assert "**The 94 county-level units**" in markdown(structure)
    models = run_page("models", "zh")
    assert "全国已有 29 个省份" in models.warning[0].value
    assert "未说明是哪 29 个" in models.warning[0].value
    fill = run_page("scenarios", "en").button(key="sc_preset_fill").help
    assert "(20 of 94 do)" in fill


def test_the_fill_preset_says_most_county_agencies_not_most_counties() -> None:
    """¶5: 43 of 76 county agencies (a majority) are at the government office; 43 of 95
    county-level units is not most of them."""
    en = run_page("scenarios", "en").button(key="sc_preset_fill").help
    zh = run_page("scenarios", "zh").button(key="sc_preset_fill").help
    assert "(19 of 95 do)" in en and "like most county agencies" in en
    assert "most counties" not in en
    assert "95 个中有 19 个未设" in zh and "多数县级机构" in zh
