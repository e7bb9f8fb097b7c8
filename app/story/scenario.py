"""Slide 7: a reform scenario before and after — the newest saved one, else the preset.

The figures before and after are the views' own (app.scenarios.results runs the same SQL
over the scenario's rows); nothing here recomputes them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pandas as pd

from app.core import metrics
from app.figures import scenario_charts, shown
from app.scenarios import model
from app.scenarios.results import Figures, Outcome
from app.story import evidence, parts
from app.story.model import Chart, Fact, ScenarioChoice, Slide, StoryData, Translator

PERCENT_METRICS = ("coverage", "alignment")


def choose_scenario(
    saved: pd.DataFrame,
    load: Callable[[str], model.Scenario],
    outcome: Callable[[model.Scenario], Outcome],
    base: Figures,
    preset_name: str,
) -> ScenarioChoice:
    """The newest saved scenario that loads and applies; else the app's preset "model"."""
    problem = None
    if len(saved):
        newest = saved.sort_values("saved_at", ascending=False, kind="stable").iloc[0]
        try:
            scenario = load(str(newest["name"]))
            result = outcome(scenario)
        except model.ScenarioError:
            problem = "story.saved_unusable"
        else:
            return ScenarioChoice(
                scenario,
                result,
                preset=False,
                saved_at=None if pd.isna(newest["saved_at"]) else str(newest["saved_at"]),
                saved_by=None if pd.isna(newest["saved_by"]) else str(newest["saved_by"]),
            )
    preset = model.under_centre_host(preset_name, base.metrics, base.counts)
    return ScenarioChoice(preset, outcome(preset), preset=True, problem=problem)


def _pairs(outcome: Outcome) -> list[tuple[metrics.LevelMetrics, metrics.LevelMetrics]]:
    """Each level's metrics before and after."""
    return list(zip(outcome.before.metrics, outcome.after.metrics, strict=True))


def _metric_facts(
    levels: list[tuple[metrics.LevelMetrics, metrics.LevelMetrics]], t: Translator
) -> Iterator[Fact]:
    for b, a in levels:
        for metric in metrics.METRICS:
            rb, ra = getattr(b, metric), getattr(a, metric)
            if metric in PERCENT_METRICS:
                shown = f"{rb.percent()} → {ra.percent()}"
            else:
                shown = f"{rb.decimal()} → {ra.decimal()}"
            note = t("scenarios.before_to_after", before=str(rb), after=str(ra))
            yield Fact(parts.metric_label(t, b.level, metric), shown, note)


def _notice(choice: ScenarioChoice, lang: str, zone: str | None, t: Translator) -> str:
    if not choice.preset:
        return parts.saved_line(
            t,
            "story.saved_notice",
            choice.saved_at,
            choice.saved_by,
            lang,
            zone,
            name=choice.scenario.name,
        )
    notice = t("story.preset_notice", name=choice.scenario.name)
    return t(choice.problem) + " " + notice if choice.problem else notice


def _chart(
    level: str, outcome: Outcome, host_label: Callable[[str | None], str], lang: str, t: Translator
) -> Chart:
    """A level's hosts before and after, and the same bars as its rows."""
    rows = scenario_charts.bars(outcome.host_rows(level), host_label)
    figure = scenario_charts.figure(
        rows, t("scenarios.before"), t("scenarios.after"), t("scenarios.agencies_axis")
    )
    data = shown.before_after(rows, lang, f"scenario-{level}")
    return Chart(f"scenario_{level}", t(f"gap.level_{level}"), figure, data=data)


def slide_scenario(n: int, data: StoryData, lang: str, t: Translator) -> Slide:
    choice = data.scenario
    host_label = parts.host_labeller(data.codes, lang, t)
    charts = tuple(_chart(level, choice.outcome, host_label, lang, t) for level in metrics.LEVELS)
    points = (t("story.steps", n=len(choice.scenario.steps)),)
    if choice.scenario.note:
        points += (t("story.note", note=choice.scenario.note),)
    return Slide(
        n,
        "scenario",
        t("story.s7_title"),
        t("story.s7_lead"),
        facts=tuple(_metric_facts(_pairs(choice.outcome), t)),
        points=points,
        charts=charts,
        # the source backs the figures before; the scenario is the app's or a user's idea,
        # so no sentence of the source is cited beside it
        excerpts=evidence.figure_excerpts(data.reported, ["city_units", "county_with_agency"]),
        notice=_notice(choice, lang, data.zone, t),
    )
