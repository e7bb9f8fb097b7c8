"""Slide 7: a reform scenario before and after — the newest saved one, else the preset.

The metrics before and after come from app.core.metrics.level_metrics, called in one
place (before_after) so that call can change without touching the slide.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pandas as pd

from app import scenarios
from app.core import metrics
from app.figures.scenario_charts import before_after_figure
from app.story import evidence, parts
from app.story.model import Chart, Fact, ScenarioChoice, Slide, StoryData, Translator

PERCENT_METRICS = ("coverage", "alignment")


def choose_scenario(
    saved: pd.DataFrame,
    load: Callable[[str], scenarios.Scenario],
    agencies: pd.DataFrame,
    units: dict[str, int],
    preset_name: str,
) -> ScenarioChoice:
    """The newest saved scenario that loads and applies; else the model-provinces preset."""
    problem = None
    if len(saved):
        newest = saved.sort_values("saved_at", ascending=False, kind="stable").iloc[0]
        try:
            scenario = load(str(newest["name"]))
            scenarios.apply(scenario, agencies, units)
        except scenarios.ScenarioError:
            problem = "story.saved_unusable"
        else:
            return ScenarioChoice(
                scenario,
                preset=False,
                saved_at=None if pd.isna(newest["saved_at"]) else str(newest["saved_at"]),
                saved_by=None if pd.isna(newest["saved_by"]) else str(newest["saved_by"]),
            )
    return ScenarioChoice(
        scenarios.as_model_provinces(preset_name, agencies), preset=True, problem=problem
    )


def before_after(
    agencies: pd.DataFrame, applied: pd.DataFrame, units: dict[str, int]
) -> list[tuple[metrics.LevelMetrics, metrics.LevelMetrics]]:
    """Each level's metrics before and after the scenario."""
    before = metrics.level_metrics(agencies, units)
    after = metrics.level_metrics(applied, units)
    return list(zip(before, after, strict=True))


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


def _notice(choice: ScenarioChoice, t: Translator) -> str:
    if not choice.preset:
        return t(
            "story.saved_notice",
            name=choice.scenario.name,
            at=(choice.saved_at or "").replace("T", " "),
            who=choice.saved_by or t("app.unknown"),
        )
    notice = t("story.preset_notice", name=choice.scenario.name)
    return t(choice.problem) + " " + notice if choice.problem else notice


def slide_scenario(n: int, data: StoryData, lang: str, t: Translator) -> Slide:
    choice = data.scenario
    units = metrics.level_units(data.divisions)
    applied = scenarios.apply(choice.scenario, data.agencies, units)
    host_label = parts.host_labeller(data.codes, lang, t)
    charts = tuple(
        Chart(
            f"scenario_{level}",
            t(f"gap.level_{level}"),
            before_after_figure(
                scenarios.distribution(data.agencies, applied.agencies, level),
                host_label,
                t("scenarios.before"),
                t("scenarios.after"),
                t("scenarios.agencies_axis"),
            ),
        )
        for level in metrics.LEVELS
    )
    points = (t("story.steps", n=len(choice.scenario.steps)),)
    if choice.scenario.note:
        points += (t("story.note", note=choice.scenario.note),)
    return Slide(
        n,
        "scenario",
        t("story.s7_title"),
        t("story.s7_lead"),
        facts=tuple(_metric_facts(before_after(data.agencies, applied.agencies, units), t)),
        points=points,
        charts=charts,
        excerpts=evidence.model_sentence(data.sources),
        notice=_notice(choice, t),
    )
