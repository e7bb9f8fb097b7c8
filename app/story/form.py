"""The story's Streamlit side: where the page is (URL), what the shown slide reads, the
briefing on demand, and the session keys and callbacks of the page's controls.

A slide's inputs are read through the app's caches (views per snapshot, maps); the
checklist and the saved scenarios are live state, read only by the slides that show them.
Only the shown slide is built; the briefing builds every slide when it is downloaded.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Final

import pandas as pd
import streamlit as st

from app.checklist import table as checklist_table
from app.core.config import SEED_SNAPSHOT
from app.scenarios import model
from app.scenarios import results_form as scenario_results
from app.scenarios import store as scenario_store
from app.story import briefing, slides
from app.story.model import ScenarioChoice, Slide, StoryData, Translator
from app.story.navigation import PRESENT_PARAM, SLIDE_PARAM, parse_present, parse_slide
from app.story.scenario import choose_scenario
from app.ui import clicker, figures, locale, session, snapshots

PRESENT_KEY: Final = "story_present"
PREV_KEY: Final = "story_prev"
NEXT_KEY: Final = "story_next"
BRIEFING_KEY: Final = "story_briefing"
REMOTE_KEY: Final = "story_remote"


@dataclass(frozen=True)
class Reader:
    lang: str
    t: Translator
    snapshot: str | None = None  # the sidebar picker's choice; None: the views' default

    def view(self, name: str) -> pd.DataFrame:
        """A view as of the chosen snapshot (cached by app.ui)."""
        return session.view(name, self.snapshot)

    def scenario(self) -> ScenarioChoice:
        snapshot = self.snapshot or SEED_SNAPSHOT
        return choose_scenario(
            scenario_store.saved(),
            scenario_store.load,
            lambda s: scenario_results.outcome(snapshot, model.steps_key(s.steps)),
            scenario_results.base(snapshot),
            self.t("scenarios.preset_model_name"),
        )


# StoryData field -> how to read it. The three maps are called here and nowhere else.
READERS: Final[dict[str, Callable[[Reader], object]]] = {
    "agencies": lambda r: r.view("v_agencies"),
    "divisions": lambda r: session.view("divisions"),
    "codes": lambda r: session.view("codes"),
    "reported": lambda r: r.view("v_reported_vs_computed"),
    "county_coverage": lambda r: r.view("v_county_coverage"),
    "level_metrics": lambda r: r.view("v_level_metrics"),
    "city_host": lambda r: r.view("v_city_host"),
    "county_host": lambda r: r.view("v_county_host"),
    "province_models": lambda r: session.view("v_province_models"),
    "named_lists": lambda r: session.view("v_named_lists"),
    "sources": lambda r: session.view("sources"),
    "since_source": lambda r: session.view("v_since_source"),
    "checklist_items": lambda r: checklist_table.items(
        session.view("recommendations"), session.view("sources")
    ),
    "scenario": Reader.scenario,
    "city_map": lambda r: figures.city_map(r.lang, "host", r.snapshot),
    "county_map": lambda r: figures.county_map(r.lang, r.snapshot),
    "china_map": lambda r: figures.china_map(r.lang),
    "zone": lambda r: locale.reader_zone(),
}


def gather(
    needs: Collection[str], lang: str, t: Translator, snapshot: str | None = None
) -> StoryData:
    """The named inputs (the rest stay None)."""
    reader = Reader(lang, t, snapshot)
    return StoryData(**{name: READERS[name](reader) for name in needs})


def slide(number: int, lang: str, t: Translator, snapshot: str | None = None) -> Slide:
    """Slide `number`, built from what it reads and nothing more."""
    spec = slides.spec(number)
    return spec.build(number, gather(spec.needs, lang, t, snapshot), lang, t)


def every_slide(lang: str, t: Translator, snapshot: str | None = None) -> list[Slide]:
    return slides.build_all(gather(slides.EVERY_INPUT, lang, t, snapshot), lang, t)


def briefing_file(
    lang: str, t: Translator, snapshot: str | None, exported_at: datetime, zone: str | None
) -> Callable[[], bytes]:
    """The briefing's bytes, made when the download button is clicked (not on every rerun)."""
    as_of = snapshots.as_of(t, snapshot or snapshots.chosen_snapshot(), markdown=False)
    return lambda: briefing.render(
        every_slide(lang, t, snapshot), lang, t, exported_at, zone, as_of
    ).encode()


# --- the URL and the page's controls -----------------------------------------------------


@dataclass(frozen=True)
class Place:
    """Where the URL puts the page; a bad value is kept to be reported, and reset in the URL."""

    number: int
    present: bool
    bad_slide: str | None = None
    bad_present: str | None = None


def place() -> Place:
    """?slide= and ?present= from the URL; the presentation toggle follows the URL."""
    raw_slide = st.query_params.get(SLIDE_PARAM)
    raw_present = st.query_params.get(PRESENT_PARAM)
    number, bad_slide = parse_slide(raw_slide, slides.COUNT)
    present, bad_present = parse_present(raw_present)
    if bad_slide:
        st.query_params[SLIDE_PARAM] = "1"
    if bad_present:
        del st.query_params[PRESENT_PARAM]
    st.session_state[PRESENT_KEY] = present  # the URL is the truth
    return Place(
        number,
        present,
        str(raw_slide) if bad_slide else None,
        str(raw_present) if bad_present else None,
    )


def go_to(number: int) -> None:
    st.query_params[SLIDE_PARAM] = str(number)


def on_present() -> None:
    if st.session_state[PRESENT_KEY]:
        st.query_params[PRESENT_PARAM] = "1"
    elif PRESENT_PARAM in st.query_params:
        del st.query_params[PRESENT_PARAM]


def on_key() -> None:
    """A clicker's or keyboard's step: the next or previous slide, within the story."""
    number, _ = parse_slide(st.query_params.get(SLIDE_PARAM), slides.COUNT)
    target = number + clicker.step(REMOTE_KEY)
    if 1 <= target <= slides.COUNT and target != number:
        go_to(target)
