"""A slide drawn with Streamlit: its title, facts, points and charts, then its details.

On a screen the source's excerpts and the changes since the source sit below the slide.
On a projector (app.story.display) the slide fits one window: the details become buttons
that open over the slide, a dense slide's notes become tooltips, and its charts fill the
room the text leaves. Every value is text (app.core.md.escape), never markup.
"""

from __future__ import annotations

from typing import NamedTuple

import streamlit as st

from app.core import md
from app.story import display
from app.story.model import Chart, Fact, Slide, Translator
from app.ui import figure_data, figure_rows, figures, since, snapshots, widgets


class Screen(NamedTuple):
    """Where a slide is drawn: a projector or a screen, the charts' type size, and what
    its charts' data panels name (language, snapshot)."""

    present: bool
    font: int
    lang: str
    snapshot: str | None


def _fact(fact: Fact, index: int, note_as_tip: bool) -> None:
    with st.container(border=True, key=f"story_card_{index}"):
        st.caption(md.escape(fact.label))
        tip = md.escape(fact.note) if fact.note and note_as_tip else None
        st.markdown(f"{md.escape(fact.value)}", help=tip)
        if fact.note and not note_as_tip:
            st.caption(md.escape(fact.note))


def facts(slide: Slide, per_row: int, present: bool) -> None:
    """The cards, one value size per slide (large only when every value is short)."""
    if not slide.facts:
        return
    size = "values" if display.all_short(slide) else "names"
    note_as_tip = present and display.dense(slide)
    with st.container(key=f"story_facts_{size}"):
        for start in range(0, len(slide.facts), per_row):
            row = slide.facts[start : start + per_row]
            for index, (column, fact) in enumerate(zip(st.columns(per_row), row, strict=False)):
                with column:
                    _fact(fact, start + index, note_as_tip)


def points(items: tuple[str, ...]) -> None:
    if items:
        st.markdown("\n".join(f"- {md.escape(p)}" for p in items))


def chart(slide: Slide, item: Chart, screen: Screen) -> None:
    """A chart, and on a screen (not a projector) its rows, source and download below."""
    present, font = screen.present, screen.font
    st.markdown(f"**{md.escape(item.title)}**")
    beside = len(slide.charts) > 1  # charts side by side: each legend at its chart's right
    st.plotly_chart(
        display.for_projector(item.figure, font, beside) if present else item.figure,
        key=f"story_{slide.key}_{item.key}",
        config=figures.chart_config() if item.is_map else {"displaylogo": False},
        width="stretch",
        height="stretch" if present else "content",
        # the app theme would reset a chart's type size (maps keep theirs)
        theme=None if present and not item.is_map else "streamlit",
    )
    rows = item.data or figure_rows.map_data(item.key, screen.lang, screen.snapshot)
    if rows is not None and not present:  # projector slides stay uncluttered
        figure_data.panel(rows, f"story_{slide.key}_{item.key}")


def body(slide: Slide, screen: Screen) -> None:
    """Facts, points and charts in the slide's arrangement."""
    present = screen.present
    shown = () if present and display.points_aside(slide) else slide.points
    with st.container(key="story_body"):
        match display.arrangement(slide):
            case "map":
                chart_col, text_col = st.columns([3, 2], gap="large")
                with chart_col:
                    for item in slide.charts:
                        chart(slide, item, screen)
                with text_col:
                    facts(slide, 2, present)
                    points(shown)
            case "one_chart":
                facts(slide, 4, present)
                if not shown:
                    chart(slide, slide.charts[0], screen)
                    return
                points_col, chart_col = st.columns([2, 3], gap="large")
                with points_col:
                    points(shown)
                with chart_col:
                    chart(slide, slide.charts[0], screen)
            case _:
                facts(slide, 4, present)
                points(shown)
                if slide.charts:
                    columns = st.columns(len(slide.charts))
                    for column, item in zip(columns, slide.charts, strict=False):
                        with column:
                            chart(slide, item, screen)


def excerpts(slide: Slide, t: Translator) -> None:
    for excerpt in slide.excerpts:
        paras = t("app.list_separator").join(t("app.paragraph", n=p) for p in excerpt.paragraphs())
        st.markdown(f"**{md.escape(paras or excerpt.source_ref)}**")
        widgets.quote(t, excerpt.text)  # simplified first in Chinese, the original a click away


def details(slide: Slide, t: Translator, present: bool, as_of: str) -> None:
    """The source's excerpts and the changes since the source: below the slide, or on a
    projector buttons that open over it (with points that did not fit), beside the date."""
    since_key = f"story_{slide.key}_since"
    if not present:
        if slide.since:  # reported after the article: kept apart from the source's excerpts
            since.draw(t, slide.since, key=since_key)
        if slide.excerpts:
            with st.expander(t("story.sources_heading"), icon=":material/format_quote:"):
                excerpts(slide, t)
        st.caption(as_of)
        return
    with st.container(horizontal=True, vertical_alignment="center", key="story_details"):
        if display.points_aside(slide):
            with st.popover(t("story.points_heading"), icon=":material/list:"):
                points(slide.points)
        if slide.excerpts:
            with st.popover(t("story.sources_heading"), icon=":material/format_quote:"):
                excerpts(slide, t)
        if slide.since:
            with st.popover(t("since.title"), icon=":material/update:"):
                since.draw(t, slide.since, key=since_key)
        st.caption(as_of, width="stretch")


def draw(
    slide: Slide, lang: str, t: Translator, present: bool, font: int, snapshot: str | None
) -> None:
    """Everything below the navigation: title, lead, notice, body, details."""
    st.header(f"{slide.number}\\. {md.escape(slide.title)}", anchor=False)
    st.markdown(md.escape(slide.lead))
    if slide.notice:
        st.info(md.escape(slide.notice), icon=":material/info:")
    body(slide, Screen(present, font, lang, snapshot))
    details(slide, t, present, snapshots.as_of(t, snapshot or snapshots.chosen_snapshot()))
