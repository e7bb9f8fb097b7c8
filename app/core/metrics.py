"""Gap metrics per level (DESIGN.md "Metrics"): coverage, host diversity, vertical alignment.

Pure functions on a DataFrame of agencies (columns level, division_adcode, host), so the
same code measures the source data and any scenario before and after. Values are exact
fractions (kept unreduced, e.g. HHI 2120/5776, so the reader sees the counts); the view
v_level_metrics computes the same numbers in SQL and a test checks the two agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import pandas as pd
import streamlit as st

from app.core.codes import JIANGSU_ADCODE

LEVELS = ("city", "county")
PROVINCE_ADCODE = JIANGSU_ADCODE
METRICS = ("coverage", "hhi", "effective_hosts", "alignment")


@dataclass(frozen=True)
class Ratio:
    """numerator / denominator kept as counts; None when the denominator is zero."""

    numerator: int
    denominator: int

    @property
    def fraction(self) -> Fraction | None:
        return Fraction(self.numerator, self.denominator) if self.denominator else None

    @property
    def value(self) -> float | None:
        f = self.fraction
        return None if f is None else float(f)

    def decimal(self, places: int = 2) -> str:
        v = self.value
        return "—" if v is None else f"{v:.{places}f}"

    def percent(self) -> str:
        v = self.value
        return "—" if v is None else f"{v:.0%}"

    def __str__(self) -> str:
        return f"{self.numerator}/{self.denominator}"


@dataclass(frozen=True)
class LevelMetrics:
    level: str
    coverage: Ratio  # units with an agency / units
    hhi: Ratio  # Σ n² / N²
    effective_hosts: Ratio  # N² / Σ n²  (1 / HHI)
    alignment: Ratio  # agencies on the province's host / agencies
    province_host: str | None

    @property
    def agencies(self) -> int:
        return self.alignment.denominator

    def value(self, metric: str) -> Fraction | None:
        return getattr(self, metric).fraction


def level_units(divisions: pd.DataFrame) -> dict[str, int]:
    """How many Jiangsu units each level has (13 cities, 95 county-level units)."""
    code = divisions["adcode"].astype(str)
    city = (divisions["level"] == "city") & (divisions["parent_adcode"] == PROVINCE_ADCODE)
    county = (divisions["level"] == "county") & code.str.startswith(PROVINCE_ADCODE[:2])
    return {"city": int(city.sum()), "county": int(county.sum())}


def at_level(agencies: pd.DataFrame, level: str) -> pd.DataFrame:
    return agencies[agencies["level"] == level]


def province_host(agencies: pd.DataFrame) -> str | None:
    """Host code of the province-level agency: the line the lower levels align to."""
    rows = at_level(agencies, "province")
    if rows.empty or pd.isna(rows.iloc[0]["host"]):
        return None
    return str(rows.iloc[0]["host"])


def units_with_agency(agencies: pd.DataFrame, level: str) -> int:
    """Named units count once; an agency whose unit the source does not name counts as one."""
    rows = at_level(agencies, level)
    unnamed = rows["division_adcode"].isna()
    return int(rows.loc[~unnamed, "division_adcode"].nunique() + unnamed.sum())


def coverage(agencies: pd.DataFrame, level: str, units: int) -> Ratio:
    return Ratio(units_with_agency(agencies, level), units)


def host_counts(agencies: pd.DataFrame, level: str) -> pd.Series:
    """Agencies per host at one level, largest first (ties by host code)."""
    counts = at_level(agencies, level)["host"].value_counts()
    return counts.sort_index().sort_values(ascending=False, kind="stable")


def hhi(agencies: pd.DataFrame, level: str) -> Ratio:
    """Herfindahl-Hirschman index of host shares: Σ (n_h / N)² = Σ n_h² / N²."""
    counts = host_counts(agencies, level)
    total = int(counts.sum())
    return Ratio(int((counts.astype("int64") ** 2).sum()), total * total)


def effective_hosts(agencies: pd.DataFrame, level: str) -> Ratio:
    """1 / HHI: the number of equally common hosts that would be as concentrated."""
    h = hhi(agencies, level)
    return Ratio(h.denominator, h.numerator)


def alignment(agencies: pd.DataFrame, level: str, line: str | None = None) -> Ratio:
    """Share of the level's agencies whose host is the province-level agency's host."""
    line = province_host(agencies) if line is None else line
    rows = at_level(agencies, level)
    return Ratio(int((rows["host"] == line).sum()) if line else 0, len(rows))


@st.cache_data(show_spinner=False, max_entries=128)
def level_metrics(agencies: pd.DataFrame, units: dict[str, int]) -> list[LevelMetrics]:
    """All metrics for the city and county levels (cached by the frame's content: pages
    compute them for the same agencies on every rerun)."""
    line = province_host(agencies)
    out = []
    for level in LEVELS:
        concentration = hhi(agencies, level)
        out.append(
            LevelMetrics(
                level,
                coverage(agencies, level, units[level]),
                concentration,
                Ratio(concentration.denominator, concentration.numerator),  # effective_hosts
                alignment(agencies, level, line),
                line,
            )
        )
    return out


def metrics_frame(agencies: pd.DataFrame, units: dict[str, int]) -> pd.DataFrame:
    """The same columns as v_level_metrics, computed in Python."""
    rows = []
    for m in level_metrics(agencies, units):
        rows.append(
            {
                "level": m.level,
                "units": m.coverage.denominator,
                "with_agency": m.coverage.numerator,
                "coverage": m.coverage.value,
                "agencies": m.agencies,
                "hhi_numerator": m.hhi.numerator,
                "hhi_denominator": m.hhi.denominator,
                "hhi": m.hhi.value,
                "effective_hosts": m.effective_hosts.value,
                "province_host": m.province_host,
                "aligned": m.alignment.numerator,
                "alignment": m.alignment.value,
            }
        )
    return pd.DataFrame(rows)


def from_view(row: pd.Series) -> LevelMetrics:
    """A v_level_metrics row as LevelMetrics (exact ratios from the view's counts)."""
    agencies = int(row["agencies"])
    num = 0 if pd.isna(row["hhi_numerator"]) else int(row["hhi_numerator"])
    return LevelMetrics(
        str(row["level"]),
        Ratio(int(row["with_agency"]), int(row["units"])),
        Ratio(num, agencies * agencies),
        Ratio(agencies * agencies, num),
        Ratio(int(row["aligned"]), agencies),
        None if pd.isna(row["province_host"]) else str(row["province_host"]),
    )


def change(before: Ratio, after: Ratio) -> float | None:
    """after - before as a number (for st.metric's delta); None when either is undefined."""
    if before.value is None or after.value is None:
        return None
    return after.value - before.value


def comparison(before: list[LevelMetrics], after: list[LevelMetrics]) -> pd.DataFrame:
    """One row per level and metric: before, after (as fractions and decimals) and change."""
    rows = []
    for b, a in zip(before, after, strict=True):
        for metric in METRICS:
            rb, ra = getattr(b, metric), getattr(a, metric)
            rows.append(
                {
                    "level": b.level,
                    "metric": metric,
                    "before": str(rb),
                    "before_value": rb.value,
                    "after": str(ra),
                    "after_value": ra.value,
                    "change": change(rb, ra),
                }
            )
    return pd.DataFrame(rows)
