"""What the structure explorer's filters emphasise on its maps and bars.

One rule for every chart: with no filter nothing is emphasised (None: draw everything in
full colour); with filters, a region or bar keeps its colour when it holds an agency the
filters show (the table's rows) and the rest is greyed. So a filter that matches no agency
greys every chart, and a city filter, which leaves out the county agencies whose county
the source does not name (see structure.city_note), greys the county map.

Frames are v_agencies prepared by app.core.structure.prepared (nature 'unknown' explicit).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from app.core import structure
from app.core.structure import Filters

Chosen = frozenset[str] | None  # None: no filter, nothing greyed


def _shown(agencies: pd.DataFrame, filters: Filters) -> pd.DataFrame | None:
    return structure.apply(agencies, filters) if filters.active else None


def cities(agencies: pd.DataFrame, filters: Filters) -> Chosen:
    """Jiangsu cities whose city-level agency the filters show (the city map's colours)."""
    shown = _shown(agencies, filters)
    if shown is None:
        return None
    return frozenset(shown.loc[shown["level"] == "city", "division_adcode"].dropna())


def counties(agencies: pd.DataFrame, filters: Filters, county_codes: Sequence[str]) -> Chosen:
    """County-level units holding a shown county agency; while some shown county agency
    is not placed, every unit the data places no agency in (it may be there)."""
    shown = _shown(agencies, filters)
    if shown is None:
        return None
    county = shown[shown["level"] == "county"]
    chosen = set(county["division_adcode"].dropna())
    if county["division_adcode"].isna().any():
        placed = agencies.loc[agencies["level"] == "county", "division_adcode"].dropna()
        chosen |= set(county_codes) - set(placed)
    return frozenset(chosen & set(county_codes))


def categories(agencies: pd.DataFrame, filters: Filters, level: str, column: str) -> Chosen:
    """Codes of a distribution bar (column 'host' or 'nature' at one level) that shown
    agencies have."""
    shown = _shown(agencies, filters)
    if shown is None:
        return None
    return frozenset(shown.loc[shown["level"] == level, column].dropna().astype(str))


def key(chosen: Chosen) -> tuple[str, ...] | None:
    """A chosen set as a hashable, ordered cache key (None stays None)."""
    return None if chosen is None else tuple(sorted(chosen))
