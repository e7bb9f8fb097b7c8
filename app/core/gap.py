"""The Gap panel's readings: per level, each metric of v_level_metrics in plain words.

Readings are (i18n key, values) pairs so both languages say the same thing with the same
numbers. (The host-shares chart beside them is app.figures.bars.host_shares.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.core import metrics


@dataclass(frozen=True)
class Reading:
    metric: str
    shown: str  # the value as shown on the card
    fraction: str  # the exact fraction behind it
    key: str  # i18n key of the one-line reading
    values: dict[str, object]


def readings(m: metrics.LevelMetrics, host_label: Callable[[str | None], str]) -> list[Reading]:
    """One card per metric: the value, its fraction and a plain-language sentence."""
    cov, hhi, eff, ali = m.coverage, m.hhi, m.effective_hosts, m.alignment
    missing = cov.denominator - cov.numerator
    return [
        Reading(
            "coverage",
            cov.percent(),
            str(cov),
            f"gap.read_coverage_{m.level}" + ("_full" if missing == 0 else ""),
            {"n": cov.numerator, "units": cov.denominator, "missing": missing},
        ),
        Reading(
            "hhi",
            hhi.decimal(),
            str(hhi),
            "gap.read_hhi",  # two *different* agencies: the without-replacement figure
            {"pct": m.same_host_pairs.percent(), "pairs": str(m.same_host_pairs)},
        ),
        Reading(
            "effective_hosts",
            eff.decimal(),
            str(eff),
            "gap.read_effective",
            {"eff": eff.decimal()},
        ),
        Reading(
            "alignment",
            ali.percent(),
            str(ali),
            "gap.read_alignment",
            {"n": ali.numerator, "total": ali.denominator, "host": host_label(m.province_host)},
        ),
    ]
