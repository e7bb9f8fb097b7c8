"""The Gap panel's readings: per level, each metric of v_level_metrics in plain words, and
what the source itself says about what each metric measures.

Readings are (i18n key, values) pairs so both languages say the same thing with the same
numbers; the exact fractions go in the card's tooltip (help), never on the card. (The
host-shares chart beside them is app.figures.bars.host_shares.)

The reference point is the app's own assumption, never the source's: the article gives no
figure of these metrics for any province (¶5 says only that the model provinces are
上下对口, a matching agency at each level). It is where each metric ends when every unit
has an agency and every agency sits under one host, the province-level agency's: the
bound of each definition, not a figure counted from rows.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Final

import pandas as pd

from app.core import metrics
from app.core.chinese import simplified
from app.core.models import GapDimension
from app.core.provenance import MetricDimension

PERCENT_METRICS: Final = ("coverage", "alignment")
REFERENCE: Final = {metric: metrics.Ratio(1, 1) for metric in metrics.METRICS}
# "about 4 times in 10": a chance read as a natural frequency, out of this many draws
OUT_OF: Final = 10
# what each card measures, in the order of the cards: HHI and the effective number of hosts
# both measure how scattered the hosts are, so they share the source's statement
DIMENSION_OF: Final = {
    "coverage": MetricDimension.COVERAGE.value,
    "hhi": MetricDimension.HOST_DIVERSITY.value,
    "effective_hosts": MetricDimension.HOST_DIVERSITY.value,
    "alignment": MetricDimension.ALIGNMENT.value,
}
DIMENSIONS: Final = tuple(dict.fromkeys(DIMENSION_OF.values()))
DIMENSION_WIDTHS: Final = tuple(list(DIMENSION_OF.values()).count(d) for d in DIMENSIONS)
# the source's gap dimension (¶2) the cards measure; the others have no metric in the app
MEASURED: Final = GapDimension.ORGANISATIONAL_STRUCTURE.value
UNMEASURED: Final = tuple(d.value for d in GapDimension if d.value != MEASURED)


@dataclass(frozen=True)
class Reading:
    metric: str
    shown: str  # the value as shown on the card
    fraction: str  # the exact fraction behind it (the story's slide notes show it)
    key: str  # i18n key of the one-line reading
    values: dict[str, object]
    help_key: str  # i18n key of the tooltip: the exact fraction(s) behind the card
    help_values: dict[str, object]


@dataclass(frozen=True)
class SourceSays:
    """The source's words about one dimension at one level, or nothing (not in source)."""

    dimension: str
    text: str | None  # in the reader's language: simplified Chinese, or the English rendering
    original: str | None  # verbatim, traditional characters
    source_ref: str | None


def card_value(metric: str, ratio: metrics.Ratio) -> str:
    """A metric's value as a card shows it: a percentage for shares, else two decimals."""
    return ratio.percent() if metric in PERCENT_METRICS else ratio.decimal()


def reference_values() -> dict[str, str]:
    """The app's reference point (see above), as the cards would show it, by metric."""
    return {metric: card_value(metric, ratio) for metric, ratio in REFERENCE.items()}


def nearest(value: Fraction) -> int:
    """value rounded to a whole number, halves up (2.5 -> 3), as a reader rounds."""
    return math.floor(value + Fraction(1, 2))


def _pairs_key(pairs: metrics.Ratio) -> tuple[str, dict[str, object]]:
    """How often two different agencies picked at random share a host, as "about k in 10"."""
    chance = pairs.fraction
    if chance is None:
        return "gap.read_hhi_single", {}
    if chance in (0, 1):
        return ("gap.read_hhi_never" if chance == 0 else "gap.read_hhi_always"), {}
    k = nearest(chance * OUT_OF)
    if k == 0:
        return "gap.read_hhi_rarely", {"out_of": OUT_OF}
    if k == OUT_OF:
        return "gap.read_hhi_nearly_always", {"out_of": OUT_OF}
    return "gap.read_hhi", {"k": k, "out_of": OUT_OF}


def _effective_key(eff: metrics.Ratio) -> tuple[str, dict[str, object]]:
    value = eff.fraction
    if value == 1:
        return "gap.read_effective_one", {}
    return "gap.read_effective", {"n": nearest(value) if value is not None else 0}


def readings(m: metrics.LevelMetrics, host_label: Callable[[str | None], str]) -> list[Reading]:
    """One card per metric: the value, a plain-language sentence and the exact fractions."""
    cov, hhi, eff, ali, pairs = m.coverage, m.hhi, m.effective_hosts, m.alignment, m.same_host_pairs
    missing = cov.denominator - cov.numerator
    hhi_key, hhi_values = _pairs_key(pairs)
    eff_key, eff_values = _effective_key(eff)
    return [
        Reading(
            "coverage",
            card_value("coverage", cov),
            str(cov),
            f"gap.read_coverage_{m.level}" + ("_full" if missing == 0 else ""),
            {"n": cov.numerator, "units": cov.denominator, "missing": missing},
            "gap.help_coverage",
            {"fraction": str(cov)},
        ),
        Reading(
            "hhi",
            card_value("hhi", hhi),
            str(hhi),
            hhi_key,
            hhi_values,
            "gap.help_hhi",  # the reading uses two *different* agencies: without replacement
            {"fraction": str(hhi), "pairs": str(pairs), "pct": pairs.percent()},
        ),
        Reading(
            "effective_hosts",
            card_value("effective_hosts", eff),
            str(eff),
            eff_key,
            eff_values,
            "gap.help_effective",
            {"fraction": str(eff)},
        ),
        Reading(
            "alignment",
            card_value("alignment", ali),
            str(ali),
            "gap.read_alignment",
            {"n": ali.numerator, "total": ali.denominator, "host": host_label(m.province_host)},
            "gap.help_alignment",
            {"fraction": str(ali)},
        ),
    ]


def source_says(statements: pd.DataFrame, level: str, lang: str) -> list[SourceSays]:
    """Per dimension (DIMENSIONS order), what the source says at this level
    (metric_statements): simplified Chinese for zh, the English rendering for en; a
    dimension without a stated row is not in source."""
    out = []
    for dimension in DIMENSIONS:
        hit = statements[
            (statements["level"] == level)
            & (statements["metric"] == dimension)
            & (statements["confidence"] == "stated")
        ]
        if hit.empty:
            out.append(SourceSays(dimension, None, None, None))
            continue
        row = hit.iloc[0]
        original = str(row["excerpt"])
        text = simplified(original) if lang == "zh" else str(row["statement_en"])
        out.append(SourceSays(dimension, text, original, str(row["source_ref"])))
    return out
