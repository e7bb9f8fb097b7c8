"""Slides 1–4: the case as the source states it — the question, Jiangsu's province and
cities, its counties, and the national models. Each is a pure function of StoryData."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import pandas as pd

from app.core import checks, i18n, national, overview, since
from app.story import evidence, parts
from app.story.model import Chart, Excerpt, Fact, Slide, StoryData, Translator

DIMENSIONS: Final = (
    "organisational_structure",
    "coordination_push",
    "theory_research",
    "digital_capability",
)
MODEL_MARKS: Final = ("廣東、上海", "河南、安徽", "四川")  # ¶6: one sentence per push model


def slide_question(n: int, data: StoryData, lang: str, t: Translator) -> Slide:
    facts = []
    for h in overview.headlines(data.reported):
        shown = h.value if h.value is not None else h.reported
        # a match on rows written from the figure itself is only a consistency check
        note = (
            t("story.stated_only")
            if h.value is None
            else t(checks.match_note_key(h.status, h.basis))
        )
        facts.append(Fact(t(f"overview.{h.key}"), str(shown), note))
    return Slide(
        n,
        "question",
        t("story.s1_title"),
        t("story.s1_lead"),
        facts=tuple(facts),
        points=tuple(t(f"story.dimension_{d}") for d in DIMENSIONS),
        excerpts=(Excerpt("article#p2", evidence.paragraph(data.sources, "article#p2")),),
    )


def _level_slide(
    n: int,
    key: str,
    catalogue: str,
    level: str,
    data: StoryData,
    lang: str,
    t: Translator,
    *,
    facts: tuple[Fact, ...],
    charts: tuple[Chart, ...],
    figure_ids: Sequence[str],
    leading: tuple[Excerpt, ...] = (),
    notice: str = "",
) -> Slide:
    """One level's picture: its facts and map, a line per host, the source's figures."""
    hosts: pd.DataFrame = data.city_host if level == "city" else data.county_host
    host_ids = [f"{level}_host_{h}" for h in hosts["host"]]
    return Slide(
        n,
        key,
        t(f"{catalogue}_title"),
        t(f"{catalogue}_lead"),
        facts=facts,
        points=parts.distribution_points(hosts, lang, t),
        charts=charts,
        excerpts=leading + evidence.figure_excerpts(data.reported, [*figure_ids, *host_ids]),
        notice=notice,
    )


def slide_structure(n: int, data: StoryData, lang: str, t: Translator) -> Slide:
    centre = overview.province_centre(data.agencies)
    facts = (
        Fact(t("story.centre"), str(i18n.column(centre, "name", lang))),
        Fact(t("overview.centre_host"), parts.label(data.codes, "host", centre["host"], lang, t)),
        Fact(
            t("overview.centre_nature"),
            parts.label(data.codes, "nature", centre["nature"], lang, t),
        ),
        Fact(t("story.cities"), str(int(data.city_host["n"].sum()))),
    )
    leading = (
        (Excerpt(str(centre["source_ref"]), str(centre["excerpt"])),)
        if isinstance(centre.get("excerpt"), str)
        else ()
    )
    return _level_slide(
        n,
        "structure",
        "story.s2",
        "city",
        data,
        lang,
        t,
        facts=facts,
        charts=parts.map_chart("city_map", t("story.city_map"), data.city_map),
        figure_ids=["city_units"],
        leading=leading,
    )


def coverage_counts(county_coverage: pd.DataFrame) -> dict[str, int]:
    """units, with_agency, without_agency from v_county_coverage."""
    n = dict(zip(county_coverage["coverage"], county_coverage["n"].astype(int), strict=True))
    return {
        "units": int(sum(n.values())),
        "with_agency": int(n.get("with_agency", 0)),
        "without_agency": int(n.get("without_agency", 0)),
    }


def slide_counties(n: int, data: StoryData, lang: str, t: Translator) -> Slide:
    c = coverage_counts(data.county_coverage)
    facts = (
        Fact(t("story.county_units"), str(c["units"])),
        Fact(t("story.county_with"), str(c["with_agency"])),
        Fact(t("story.county_without"), str(c["without_agency"])),
    )
    return _level_slide(
        n,
        "counties",
        "story.s3",
        "county",
        data,
        lang,
        t,
        facts=facts,
        charts=parts.map_chart("county_map", t("story.county_map"), data.county_map),
        figure_ids=["county_units", "county_with_agency"],
        notice=t("story.which_county_not_in_source"),
    )


def _three_level_fact(named_lists: pd.DataFrame, lang: str, t: Translator) -> Fact:
    """¶5's provinces with a completed three-level structure: a count of the provinces the
    source names (v_named_lists), said to be only those named when its list ends in 等."""
    rows = named_lists[named_lists["list_id"] == "three_level_structure"]
    if rows.empty:
        return Fact(t("story.three_level"), t("app.unknown"))
    row = rows.iloc[0]
    open_list = bool(row["is_open"])
    return Fact(
        t("story.three_level_named" if open_list else "story.three_level"),
        str(int(row["named"])),
        national.names(str(i18n.column(row, "names", lang)).split(";"), open_list, t),
    )


def slide_national(n: int, data: StoryData, lang: str, t: Translator) -> Slide:
    computed, reported = evidence.figure_value(data.reported, "provinces_with_data_agency")
    shown = computed if computed is not None else reported
    models = data.province_models
    facts = (
        Fact(
            t("overview.provinces_with_data_agency"),
            t("app.unknown") if shown is None else str(shown),
            t("story.which_not_in_source"),
        ),
        _three_level_fact(data.named_lists, lang, t),
    )
    points = tuple(
        t("story.model_line", label=g.label, provinces=national.names(g.provinces, g.open, t))
        for g in national.groups(models, lang)
    )
    return Slide(
        n,
        "national",
        t("story.s4_title"),
        t("story.s4_lead"),
        facts=facts,
        points=points,
        charts=parts.map_chart("china_map", t("story.china_map"), data.china_map),
        excerpts=evidence.figure_excerpts(data.reported, ["provinces_with_data_agency"])
        + evidence.sentences(data.sources, "article#p6", MODEL_MARKS),
        since=since.items(data.since_source, lang, t),
    )
