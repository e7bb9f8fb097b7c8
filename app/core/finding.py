"""The overview's finding: two sentences a decision-maker reads first, every figure in them
counted by the views (v_level_metrics, v_city_host, v_county_host) and the province-level
agency's row (v_agencies), never typed.

The first sentence says, per level, how many units have an agency and in how many ways the
agencies are attached (distinct host codes: a host, a department of its own, independent).
The second says where the province-level centre sits and how many agencies below share
that kind of host, the app's own same-host count (DESIGN.md "Metrics"). Values taken from
rows (names, labels) are escaped: the sentences are Markdown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from app.core import md
from app.core.config import SEED_SNAPSHOT
from app.core.metrics import LEVELS, from_view

Translate = Callable[..., str]


@dataclass(frozen=True)
class Level:
    """One level's counts as the views give them."""

    level: str
    units: int
    with_agency: int
    agencies: int
    aligned: int
    kinds: int  # distinct known host codes among the level's agencies
    unknown_host: int  # agencies whose host the rows do not give

    @property
    def without(self) -> int:
        return self.units - self.with_agency


def levels(level_metrics: pd.DataFrame, hosts: Mapping[str, pd.DataFrame]) -> list[Level]:
    """City and county counts: v_level_metrics, and the rows of v_city_host / v_county_host
    (level -> frame with columns host, n)."""
    out = []
    for _, row in level_metrics.iterrows():
        m = from_view(row)
        frame = hosts[m.level]
        known = frame[frame["host"].notna()]
        out.append(
            Level(
                m.level,
                m.coverage.denominator,
                m.coverage.numerator,
                m.agencies,
                m.alignment.numerator,
                len(known),
                int(frame.loc[frame["host"].isna(), "n"].sum()),
            )
        )
    return sorted(out, key=lambda lv: LEVELS.index(lv.level))


def _level_clause(t: Translate, lv: Level) -> str:
    if lv.with_agency == 0:
        return t(f"overview.finding_{lv.level}_none", units=lv.units)
    full = "full" if lv.without == 0 else "some"
    clause = t(
        f"overview.finding_{lv.level}_{full}",
        units=lv.units,
        n=lv.with_agency,
        missing=lv.without,
    )
    if lv.unknown_host:
        kinds = t("overview.finding_kinds_at_least", kinds=lv.kinds)
    elif lv.kinds == 1:
        kinds = t("overview.finding_kinds_one")
    else:
        kinds = t("overview.finding_kinds", kinds=lv.kinds)
    return clause + kinds


def structure_sentence(t: Translate, found: list[Level], snapshot: str) -> str:
    """Sentence one: coverage and the ways of attachment, city then county."""
    by_level = {lv.level: lv for lv in found}
    when = "source" if snapshot == SEED_SNAPSHOT else "import"
    return t(
        "overview.finding_structure",
        when=t(f"overview.finding_when_{when}"),
        city=_level_clause(t, by_level["city"]),
        county=_level_clause(t, by_level["county"]),
    )


def centre_sentence(
    t: Translate,
    found: list[Level],
    name: str,
    host: str | None,
    host_label: str,
    where: str,
) -> str:
    """Sentence two: the province-level agency, its host (with where that is said) and how
    many agencies of each level share that kind of host (v_level_metrics.aligned)."""
    if not host:
        return t("overview.finding_centre_unknown", name=md.escape(name), where=where)
    by_level = {lv.level: lv for lv in found}
    city, county = by_level["city"], by_level["county"]
    return t(
        "overview.finding_centre",
        name=md.escape(name),
        host=md.escape(host_label),
        where=where,
        city_aligned=city.aligned,
        city_agencies=city.agencies,
        county_aligned=county.aligned,
        county_agencies=county.agencies,
    )


def where_said(t: Translate, source_ref: str | None) -> str:
    """Where the centre's row comes from, as a reader cites it: "第 5 段" / "¶5", or the
    imported roster."""
    paragraphs = paragraphs_text(t, source_ref)
    if paragraphs:
        return t("overview.finding_where", where=paragraphs)
    return t("overview.finding_where_import") if source_ref else t("app.not_in_source")


def paragraphs_text(t: Translate, source_ref: str | None) -> str:
    """The article paragraphs a source_ref names, as a reader cites them ("第 5 段", "¶5");
    "" when it names none."""
    return t("app.list_separator").join(
        t("app.paragraph", n=n) for n in paragraph_numbers(source_ref)
    )


def paragraph_numbers(source_ref: str | None) -> list[str]:
    """The article paragraphs a source_ref names ("article#p5;article#p6" -> ["5", "6"])."""
    return [
        ref.removeprefix("article#p")
        for ref in (source_ref or "").split(";")
        if ref.startswith("article#p")
    ]
