"""What the Jiangsu maps colour: one state per city or county-level unit, from v_agencies.

A city's state is its agency's host (or nature) code, UNKNOWN when it has none; a county's
is its placed agency's host, else NOT_NAMED or NO_AGENCY. Pure, like app.core.structure
(whose filters choose the agencies) so it can be tested without Streamlit.
"""

from __future__ import annotations

import pandas as pd

from app.core.structure import UNKNOWN

# County map states beyond a host code
NOT_NAMED = "not_named"  # the source (or roster) has county agencies it does not place
NO_AGENCY = "no_agency"  # every county agency is placed, and this county has none


def city_states(agencies: pd.DataFrame, city_codes: list[str], by: str) -> pd.DataFrame:
    """One row per Jiangsu city: adcode, state (host or nature code), agency name, excerpt,
    agency_id (empty for a city without an agency)."""
    cities = agencies[agencies["level"] == "city"].drop_duplicates("division_adcode")
    cities = cities.set_index("division_adcode")
    rows = []
    for code in city_codes:
        if code in cities.index:
            row = cities.loc[code]
            value = row[by]
            state = value if isinstance(value, str) and value else UNKNOWN
            rows.append(
                (
                    code,
                    state,
                    row["name_zh"],
                    row["name_en"],
                    row["excerpt"] or "",
                    row["confidence"],
                    row["agency_id"],
                )
            )
        else:
            rows.append((code, UNKNOWN, "", "", "", "", ""))
    return pd.DataFrame(
        rows,
        columns=["adcode", "state", "name_zh", "name_en", "excerpt", "confidence", "agency_id"],
    )


def county_states(agencies: pd.DataFrame, county_codes: list[str]) -> pd.DataFrame:
    """One row per Jiangsu county-level unit, coloured by what the data knows of it.

    A county with a placed agency gets its host code; the others are NOT_NAMED while some
    county agency has no county (the seed: all 76), else NO_AGENCY. agency_id names the
    placed agency ("" for the others).
    """
    county = agencies[agencies["level"] == "county"]
    placed = county[county["division_adcode"].notna()].drop_duplicates("division_adcode")
    placed = placed.set_index("division_adcode")
    unplaced = int(county["division_adcode"].isna().sum())
    rest = NOT_NAMED if unplaced else NO_AGENCY
    states = [placed["host"].get(code, rest) for code in county_codes]
    ids = [placed["agency_id"].get(code, "") for code in county_codes]
    return pd.DataFrame({"adcode": county_codes, "state": states, "agency_id": ids})


def county_summary(agencies: pd.DataFrame, county_codes: list[str]) -> dict[str, int]:
    """Totals beside the county map: units, agencies, placed, not placed, units without one."""
    county = agencies[agencies["level"] == "county"]
    with_agency = len(county)
    return {
        "units": len(county_codes),
        "agencies": with_agency,
        "placed": int(county["division_adcode"].notna().sum()),
        "unplaced": int(county["division_adcode"].isna().sum()),
        "without": len(county_codes) - with_agency,
    }
