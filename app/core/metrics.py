"""Gap metrics per level (DESIGN.md "Metrics"): what they are, not how they are counted.

Coverage, host diversity (HHI, effective hosts) and the same-host share are computed once,
in SQL, by the view v_level_metrics (app.data.metrics reads it for a snapshot or over a
scenario's rows). Here are only their definitions: exact fractions (kept unreduced, e.g.
HHI 2120/5776, so the reader sees the counts), a view row read as such, and the
presentation of two results side by side.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import pandas as pd

LEVELS = ("city", "county")
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
    # Σ n(n−1) / N(N−1): two *different* agencies drawn at random share a host (the HHI is
    # the same chance when one agency may be drawn twice, i.e. with replacement)
    same_host_pairs: Ratio

    @property
    def agencies(self) -> int:
        return self.alignment.denominator

    @property
    def units_without(self) -> int:
        """Units of the level with no agency (where a scenario may create one)."""
        return self.coverage.denominator - self.coverage.numerator

    def value(self, metric: str) -> Fraction | None:
        return getattr(self, metric).fraction


def _count(value: object) -> int:
    return 0 if pd.isna(value) else int(value)


def from_view(row: pd.Series) -> LevelMetrics:
    """A v_level_metrics row as LevelMetrics: the view's own counts, nothing recomputed."""
    hhi = Ratio(_count(row["hhi_numerator"]), _count(row["hhi_denominator"]))
    return LevelMetrics(
        str(row["level"]),
        Ratio(_count(row["with_agency"]), _count(row["units"])),
        hhi,
        Ratio(hhi.denominator, hhi.numerator),  # effective_hosts = 1 / hhi, as the view has it
        Ratio(_count(row["aligned"]), _count(row["agencies"])),
        None if pd.isna(row["province_host"]) else str(row["province_host"]),
        Ratio(_count(row["same_host_pairs"]), _count(row["agency_pairs"])),
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
