"""The story's slides in order, each with the inputs it reads.

A slide is built by a pure function of (number, StoryData, language, translator); its
`needs` name the StoryData fields it reads, so the page gathers those and nothing else
(a test builds every slide from its declared inputs alone).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from app.story import case, measures, progress, scenario
from app.story.model import INPUTS, Slide, StoryData, Translator

Builder = Callable[[int, StoryData, str, Translator], Slide]


@dataclass(frozen=True)
class SlideSpec:
    key: str
    build: Builder
    needs: frozenset[str]

    def __post_init__(self) -> None:
        if unknown := self.needs - INPUTS:
            raise ValueError(f"slide {self.key} needs unknown inputs {sorted(unknown)}")


def _spec(key: str, build: Builder, needs: str) -> SlideSpec:
    return SlideSpec(key, build, frozenset(needs.split()))


SLIDES: Final[tuple[SlideSpec, ...]] = (
    _spec("question", case.slide_question, "reported sources"),
    _spec("structure", case.slide_structure, "agencies codes city_host reported city_map"),
    _spec("counties", case.slide_counties, "county_coverage county_host reported county_map"),
    _spec(
        "national",
        case.slide_national,
        "reported province_models named_lists sources since_source china_map",
    ),
    _spec(
        "gap",
        measures.slide_gap,
        "agencies codes level_metrics city_host county_host reported sources",
    ),
    _spec("recommendations", progress.slide_recommendations, "checklist_items zone"),
    _spec("scenario", scenario.slide_scenario, "scenario agencies divisions codes reported zone"),
)
COUNT: Final = len(SLIDES)
EVERY_INPUT: Final = frozenset().union(*(s.needs for s in SLIDES))


def spec(number: int) -> SlideSpec:
    """Slide `number` (1-based)."""
    if not 1 <= number <= COUNT:
        raise ValueError(f"slide {number} is not in 1..{COUNT}")
    return SLIDES[number - 1]


def build(number: int, data: StoryData, lang: str, t: Translator) -> Slide:
    return spec(number).build(number, data, lang, t)


def build_all(data: StoryData, lang: str, t: Translator) -> list[Slide]:
    return [s.build(i, data, lang, t) for i, s in enumerate(SLIDES, start=1)]
