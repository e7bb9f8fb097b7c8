"""The Gap panel's readings: per level, each metric of v_level_metrics in plain words.

Readings are (i18n key, values) pairs so both languages say the same thing with the same
numbers. (The host-shares chart beside them is app.figures.bars.host_shares.)

The reference point is the app's own assumption, never the source's: the article gives no
figure of these metrics for any province (¶5 says only that the model provinces are
上下对口, a matching agency at each level). It is where each metric ends when every unit
has an agency and every agency sits under one host, the province-level agency's: the
bound of each definition, not a figure counted from rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from app.core import metrics

PERCENT_METRICS: Final = ("coverage", "alignment")
REFERENCE: Final = {metric: metrics.Ratio(1, 1) for metric in metrics.METRICS}


@dataclass(frozen=True)
class Reading:
    metric: str
    shown: str  # the value as shown on the card
    fraction: str  # the exact fraction behind it
    key: str  # i18n key of the one-line reading
    values: dict[str, object]


def card_value(metric: str, ratio: metrics.Ratio) -> str:
    """A metric's value as a card shows it: a percentage for shares, else two decimals."""
    return ratio.percent() if metric in PERCENT_METRICS else ratio.decimal()


def reference_values() -> dict[str, str]:
    """The app's reference point (see above), as the cards would show it, by metric."""
    return {metric: card_value(metric, ratio) for metric, ratio in REFERENCE.items()}


def readings(m: metrics.LevelMetrics, host_label: Callable[[str | None], str]) -> list[Reading]:
    """One card per metric: the value, its fraction and a plain-language sentence."""
    cov, hhi, eff, ali = m.coverage, m.hhi, m.effective_hosts, m.alignment
    missing = cov.denominator - cov.numerator
    return [
        Reading(
            "coverage",
            card_value("coverage", cov),
            str(cov),
            f"gap.read_coverage_{m.level}" + ("_full" if missing == 0 else ""),
            {"n": cov.numerator, "units": cov.denominator, "missing": missing},
        ),
        Reading(
            "hhi",
            card_value("hhi", hhi),
            str(hhi),
            "gap.read_hhi",  # two *different* agencies: the without-replacement figure
            {"pct": m.same_host_pairs.percent(), "pairs": str(m.same_host_pairs)},
        ),
        Reading(
            "effective_hosts",
            card_value("effective_hosts", eff),
            str(eff),
            "gap.read_effective",
            {"eff": eff.decimal()},
        ),
        Reading(
            "alignment",
            card_value("alignment", ali),
            str(ali),
            "gap.read_alignment",
            {"n": ali.numerator, "total": ali.denominator, "host": host_label(m.province_host)},
        ),
    ]
