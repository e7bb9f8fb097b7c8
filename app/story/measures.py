"""Slide 5: the gap, measured — v_level_metrics per level, read out, and the host shares."""

from __future__ import annotations

from app.core import gap, metrics
from app.figures import bars, shown
from app.story import evidence, parts
from app.story.model import Chart, Fact, Slide, StoryData, Translator

LEVELS = ("city", "county")  # the host-share bars, top to bottom


def level_readings(
    data: StoryData, lang: str, t: Translator
) -> list[tuple[metrics.LevelMetrics, list[gap.Reading]]]:
    """Each level's metrics (from the view) and the plain reading of each metric."""
    host_label = parts.host_labeller(data.codes, lang, t)
    out = []
    for _, row in data.level_metrics.iterrows():
        m = metrics.from_view(row)
        out.append((m, gap.readings(m, host_label)))
    return out


def slide_gap(n: int, data: StoryData, lang: str, t: Translator) -> Slide:
    facts, points = [], []
    for m, readings in level_readings(data, lang, t):
        level = t(f"gap.level_{m.level}")
        for r in readings:
            fraction = t("gap.fraction", fraction=r.fraction)
            facts.append(Fact(parts.metric_label(t, m.level, r.metric), r.shown, fraction))
            if r.shown != "—":
                points.append(t("story.level_reading", level=level, text=t(r.key, **r.values)))
    counts = bars.level_counts(
        dict(zip(LEVELS, (data.city_host, data.county_host), strict=True)),
        {"city": t("gap.short_city"), "county": t("gap.short_county")},
    )
    hosts = bars.hosts_in(counts, parts.host_labeller(data.codes, lang, t))
    fig = bars.host_shares(counts, hosts, t("gap.shares_axis"))
    return Slide(
        n,
        "gap",
        t("story.s5_title"),
        t("story.s5_lead", **gap.reference_values()),
        facts=tuple(facts),
        points=tuple(points),
        charts=(
            Chart(
                "gap_shares",
                t("gap.shares_title"),
                fig,
                data=shown.host_shares(
                    counts,
                    hosts,
                    lang,
                    "host-shares",
                    shown.counted_refs(data.agencies, LEVELS),
                ),
            ),
        ),
        excerpts=evidence.figure_excerpts(data.reported, ["city_units", "county_with_agency"])
        + evidence.model_sentence(data.sources),
    )
