"""Story: the case as numbered slides (?slide=N), a projector mode (?present=1), a briefing."""

from datetime import UTC, datetime

import streamlit as st

from app.core import md
from app.story import briefing, display, form
from app.story.model import Chart, Fact
from app.story.slides import COUNT
from app.ui import figure_data, figures, locale, since, snapshots, widgets

t = locale.current_translator()
lang = locale.current_language()
place = form.place()
if place.present:
    st.html(display.PRESENTATION_CSS)  # static CSS, never user text

snapshot = snapshots.chosen_snapshot()  # the sidebar's snapshot picker
slide = form.slide(place.number, lang, t, snapshot)

prev_col, where_col, next_col, present_col, export_col = st.columns(
    [1, 2, 1, 2, 2], vertical_alignment="center"
)
prev_col.button(
    t("story.prev"),
    key=form.PREV_KEY,
    on_click=form.go_to,
    args=(place.number - 1,),
    disabled=place.number <= 1,
    icon=":material/arrow_back:",
    width="stretch",
)
where_col.markdown(f"**{t('story.slide_of', n=place.number, total=COUNT)}**")
next_col.button(
    t("story.next"),
    key=form.NEXT_KEY,
    on_click=form.go_to,
    args=(place.number + 1,),
    disabled=place.number >= COUNT,
    icon=":material/arrow_forward:",
    width="stretch",
)
present_col.toggle(
    t("story.present"),
    key=form.PRESENT_KEY,
    on_change=form.on_present,
    help=t("story.present_help"),
)
exported_at = datetime.now(UTC)
export_col.download_button(
    t("story.export"),
    data=form.briefing_file(lang, t, snapshot, exported_at, locale.reader_zone()),  # made on click
    file_name=briefing.file_name(lang, exported_at),
    mime="text/html",
    key=form.BRIEFING_KEY,
    on_click="ignore",
    icon=":material/download:",
    help=t("story.export_help"),
    width="stretch",
)

if place.bad_slide is not None:
    bad = md.escape(place.bad_slide[:40])
    st.warning(t("story.bad_slide", value=bad, total=COUNT), icon=":material/error:")
if place.bad_present is not None:
    st.warning(t("story.bad_present", value=md.escape(place.bad_present[:40])))

st.header(f"{slide.number}\\. {md.escape(slide.title)}", anchor=False)
st.markdown(md.escape(slide.lead))
if slide.notice:
    st.info(md.escape(slide.notice), icon=":material/info:")


def draw_facts(facts: tuple[Fact, ...], per_row: int) -> None:
    for start in range(0, len(facts), per_row):
        row = facts[start : start + per_row]
        for column, fact in zip(st.columns(per_row), row, strict=False):
            with column, st.container(border=True):
                st.caption(md.escape(fact.label))  # a caption wraps; a metric label is cut
                if display.is_short(fact.value):  # a metric's value is Markdown too
                    value = md.escape(fact.value)
                    st.metric(md.escape(fact.label), value, label_visibility="collapsed")
                else:  # a name: wrapped text, not a metric (a metric would cut it off)
                    st.markdown(f"**{md.escape(fact.value)}**")
                if fact.note:
                    st.caption(md.escape(fact.note))


def draw_points(points: tuple[str, ...]) -> None:
    if points:
        st.markdown("\n".join(f"- {md.escape(p)}" for p in points))


def draw_chart(chart: Chart) -> None:
    st.markdown(f"**{md.escape(chart.title)}**")
    st.plotly_chart(
        display.for_projector(chart.figure) if place.present else chart.figure,
        key=f"story_{slide.key}_{chart.key}",
        config=figures.chart_config() if chart.is_map else {"displaylogo": False},
        width="stretch",
        # the app theme would reset a chart's larger type (maps keep theirs)
        theme=None if place.present and not chart.is_map else "streamlit",
    )
    rows = chart.data or figures.map_data(chart.key, lang, snapshot)
    if rows is not None and not place.present:  # projector slides stay uncluttered
        figure_data.panel(rows, f"story_{slide.key}_{chart.key}")


match display.arrangement(slide):
    case "map":
        chart_col, text_col = st.columns([3, 2], gap="large")
        with chart_col:
            for chart in slide.charts:
                draw_chart(chart)
        with text_col:
            draw_facts(slide.facts, 2)
            draw_points(slide.points)
    case "one_chart":
        draw_facts(slide.facts, 4)
        points_col, chart_col = st.columns([2, 3], gap="large")
        with points_col:
            draw_points(slide.points)
        with chart_col:
            draw_chart(slide.charts[0])
    case _:
        draw_facts(slide.facts, 4)
        draw_points(slide.points)
        columns = st.columns(max(len(slide.charts), 1))
        for column, chart in zip(columns, slide.charts, strict=False):
            with column:
                draw_chart(chart)

if slide.since:  # reported after the article: kept apart from the source's excerpts
    since.draw(t, slide.since, key=f"story_{slide.key}_since")
if slide.excerpts:
    with st.expander(t("story.sources_heading"), icon=":material/format_quote:"):
        for excerpt in slide.excerpts:
            paras = ", ".join(t("app.paragraph", n=p) for p in excerpt.paragraphs())
            st.markdown(f"**{md.escape(paras or excerpt.source_ref)}**")
            widgets.quote(t, excerpt.text)
st.caption(t("app.as_of"))
