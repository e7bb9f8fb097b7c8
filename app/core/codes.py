"""Jiangsu's codes, written once: the province's adcode and the prefix its divisions share."""

from __future__ import annotations

import pandas as pd

JIANGSU_ADCODE = "320000"
JIANGSU_PREFIX = JIANGSU_ADCODE[:2]  # every Jiangsu city and county adcode starts with it


def in_jiangsu(adcode: str | None) -> bool:
    return bool(adcode) and str(adcode).startswith(JIANGSU_PREFIX)


def jiangsu_cities(divisions: pd.DataFrame) -> pd.DataFrame:
    """The 13 city rows of a divisions table."""
    return divisions[
        (divisions["level"] == "city") & (divisions["parent_adcode"] == JIANGSU_ADCODE)
    ]


def jiangsu_counties(divisions: pd.DataFrame) -> pd.DataFrame:
    """The county-level rows of a divisions table that lie in Jiangsu."""
    county = divisions["level"] == "county"
    return divisions[county & divisions["adcode"].str.startswith(JIANGSU_PREFIX)]


def province_agency(agencies: pd.DataFrame) -> pd.Series | None:
    """The province-level agency's row (the big-data centre); None when the rows have none."""
    rows = agencies[agencies["level"] == "province"]
    return rows.iloc[0] if len(rows) else None
