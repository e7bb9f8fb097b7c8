"""What a slide is, and what slides are built from.

A slide is plain data (title, lead, facts, bullet points, charts, verbatim source
excerpts), so the story page and the HTML briefing draw the same thing. StoryData holds
the inputs a slide may read; each slide declares which ones it reads (app.story.slides),
and only those are gathered, so a field a slide did not ask for stays None.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields

import pandas as pd
import plotly.graph_objects as go

from app.core.since import SinceItem
from app.figures.shown import Shown
from app.scenarios.model import Scenario
from app.scenarios.results import Outcome

Translator = Callable[..., str]


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    note: str = ""


@dataclass(frozen=True)
class Excerpt:
    """Verbatim words of the source and the paragraph(s) they come from."""

    source_ref: str
    text: str

    def paragraphs(self) -> list[str]:
        return [
            ref.removeprefix("article#p")
            for ref in self.source_ref.split(";")
            if ref.startswith("article#p")
        ]


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    figure: go.Figure
    is_map: bool = False
    data: Shown | None = None  # the rows it draws (a map's come from app.ui.figures)


@dataclass(frozen=True)
class Slide:
    number: int
    key: str
    title: str
    lead: str
    facts: tuple[Fact, ...] = ()
    points: tuple[str, ...] = ()
    charts: tuple[Chart, ...] = ()
    excerpts: tuple[Excerpt, ...] = ()
    notice: str = ""  # e.g. "this is a preset, not a saved scenario"
    since: tuple[SinceItem, ...] = ()  # changes reported after the article (not the source)


@dataclass(frozen=True)
class ScenarioChoice:
    """The scenario slide 7 shows: the newest saved one, else the app's own preset."""

    scenario: Scenario
    outcome: Outcome  # its figures before and after (the views over both sets of rows)
    preset: bool
    saved_at: str | None = None
    saved_by: str | None = None
    problem: str | None = None  # i18n key when a saved scenario could not be used


@dataclass(frozen=True)
class StoryData:
    """The inputs of the slides; a slide reads only those it declares (the rest are None)."""

    agencies: pd.DataFrame | None = None  # v_agencies
    divisions: pd.DataFrame | None = None
    codes: pd.DataFrame | None = None
    reported: pd.DataFrame | None = None  # v_reported_vs_computed
    county_coverage: pd.DataFrame | None = None  # v_county_coverage
    level_metrics: pd.DataFrame | None = None  # v_level_metrics
    city_host: pd.DataFrame | None = None  # v_city_host
    county_host: pd.DataFrame | None = None  # v_county_host
    province_models: pd.DataFrame | None = None  # v_province_models
    named_lists: pd.DataFrame | None = None  # v_named_lists
    sources: pd.DataFrame | None = None
    since_source: pd.DataFrame | None = None  # v_since_source (reported elsewhere)
    checklist_items: pd.DataFrame | None = None  # the checklist with its saved progress
    scenario: ScenarioChoice | None = None
    city_map: go.Figure | None = None
    county_map: go.Figure | None = None
    china_map: go.Figure | None = None
    zone: str | None = None  # the reader's time zone (IANA name): the day a save is shown on


INPUTS = frozenset(f.name for f in fields(StoryData))
