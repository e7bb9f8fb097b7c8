"""Headline figures for the overview, each computed from the views with its source."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from app.core.codes import province_agency


@dataclass(frozen=True)
class Headline:
    key: str  # i18n key under "overview."
    value: int | None  # computed from rows; None when the rows cannot give it
    reported: int | None  # what the article states, for the same figure
    status: str  # match / differs / not_computable
    source_ref: str
    excerpt: str
    basis: str = ""  # what a match shows: named_rows / placeholder_rows / not_computable


HEADLINES = ("city_units", "county_units", "county_with_agency", "provinces_with_data_agency")


def headlines(reported_vs_computed: pd.DataFrame) -> list[Headline]:
    """The overview's four counts, in display order, from v_reported_vs_computed."""
    rows = reported_vs_computed.set_index("figure_id")
    out = []
    for key in HEADLINES:
        row = rows.loc[key]
        computed = None if pd.isna(row["computed"]) else int(row["computed"])
        out.append(
            Headline(
                key,
                computed,
                int(row["reported"]),
                row["status"],
                row["source_ref"],
                row["excerpt"],
                row["basis"],
            )
        )
    return out


def unit_counts(level_metrics: pd.DataFrame) -> dict[str, int]:
    """Jiangsu's units per level as v_level_metrics counts them, for the sentences that
    name them: {"cities": 13, "counties": 95} on the seed (counties = county-level units)."""
    units = dict(zip(level_metrics["level"], level_metrics["units"], strict=True))
    return {"cities": int(units["city"]), "counties": int(units["county"])}


def province_centre(agencies: pd.DataFrame) -> pd.Series:
    """The province-level agency's row (nature, host, rank) from v_agencies."""
    row = province_agency(agencies)
    if row is None:
        raise ValueError("the rows have no province-level agency")
    return row
