"""Story: the case as numbered slides (?slide=N), a projector mode (?present=1), a briefing."""

from datetime import datetime

import streamlit as st

from app import story, ui
from app.core import md
from app.core.chinese import simplified
from app.figures import maps
from app.story import briefing

t = ui.current_translator()
lang = ui.current_language()
PRESENT_KEY = "story_present"
SHORT_VALUE = (
    10  # display cells (a CJK character takes two); longer values are names, shown as text
)

number, bad_slide = story.parse_slide(st.query_params.get(story.SLIDE_PARAM), story.COUNT)
present, bad_present = story.parse_present(st.query_params.get(story.PRESENT_PARAM))
bad_values = {
    "slide": st.query_params.get(story.SLIDE_PARAM),
    "present": st.query_params.get(story.PRESENT_PARAM),
}
if bad_slide:
    st.query_params[story.SLIDE_PARAM] = "1"
if bad_present:
    del st.query_params[story.PRESENT_PARAM]


def go_to(n: int) -> None:
    st.query_params[story.SLIDE_PARAM] = str(n)


def on_present() -> None:
    if st.session_state[PRESENT_KEY]:
        st.query_params[story.PRESENT_PARAM] = "1"
    elif story.PRESENT_PARAM in st.query_params:
        del st.query_params[story.PRESENT_PARAM]


if present:
    st.html(story.PRESENTATION_CSS)  # static CSS from app.story, never user text
st.session_state[PRESENT_KEY] = present  # the URL is the truth; the toggle follows it

data = story.gather(lang, t, ui.chosen_snapshot())  # the sidebar snapshot picker
slide = story.build(number, data, lang, t)

prev_col, where_col, next_col, present_col, export_col = st.columns(
    [1, 2, 1, 2, 2], vertical_alignment="center"
)
prev_col.button(
    t("story.prev"),
    key="story_prev",
    on_click=go_to,
    args=(number - 1,),
    disabled=number <= 1,
    icon=":material/arrow_back:",
    width="stretch",
)
where_col.markdown(f"**{t('story.slide_of', n=number, total=story.COUNT)}**")
next_col.button(
    t("story.next"),
    key="story_next",
    on_click=go_to,
    args=(number + 1,),
    disabled=number >= story.COUNT,
    icon=":material/arrow_forward:",
    width="stretch",
)
present_col.toggle(
    t("story.present"), key=PRESENT_KEY, on_change=on_present, help=t("story.present_help")
)
exported_at = datetime.now()
export_col.download_button(
    t("story.export"),
    data=lambda: briefing.render(story.build_all(data, lang, t), lang, t, exported_at).encode(),
    file_name=briefing.file_name(lang, exported_at),
    mime="text/html",
    key="story_briefing",
    on_click="ignore",
    icon=":material/download:",
    help=t("story.export_help"),
    width="stretch",
)

if bad_slide:
    st.warning(
        t("story.bad_slide", value=md.escape(str(bad_values["slide"])[:40]), total=story.COUNT),
        icon=":material/error:",
    )
if bad_present:
    st.warning(t("story.bad_present", value=md.escape(str(bad_values["present"])[:40])))

st.header(f"{slide.number}\\. {md.escape(slide.title)}", anchor=False)
st.markdown(md.escape(slide.lead))
if slide.notice:
    st.info(md.escape(slide.notice), icon=":material/info:")


def cells(text: str) -> int:
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)


def draw_facts(facts: tuple[story.Fact, ...], per_row: int) -> None:
    for start in range(0, len(facts), per_row):
        row = facts[start : start + per_row]
        for column, fact in zip(st.columns(per_row), row, strict=False):
            with column, st.container(border=True):
                st.caption(md.escape(fact.label))  # a caption wraps; a metric label is cut
                if cells(fact.value) <= SHORT_VALUE:
                    st.metric(
                        md.escape(fact.label), md.escape(fact.value), label_visibility="collapsed"
                    )  # a metric's value is Markdown too (a short name: a bare URL)
                else:  # a name: wrapped text, not a metric (a metric would cut it off)
                    st.markdown(f"**{md.escape(fact.value)}**")
                if fact.note:
                    st.caption(md.escape(fact.note))


def draw_points(points: tuple[str, ...]) -> None:
    if points:
        st.markdown("\n".join(f"- {md.escape(p)}" for p in points))


def draw_chart(chart: story.Chart) -> None:
    st.markdown(f"**{md.escape(chart.title)}**")
    fig = story.for_projector(chart.figure) if present else chart.figure
    st.plotly_chart(
        fig,
        key=f"story_{slide.key}_{chart.key}",
        config=maps.chart_config() if chart.is_map else {"displaylogo": False},
        width="stretch",
        # the app theme would reset a chart's larger type (maps keep theirs)
        theme=None if present and not chart.is_map else "streamlit",
    )


has_map = any(c.is_map for c in slide.charts)
if has_map:
    chart_col, text_col = st.columns([3, 2], gap="large")
    with chart_col:
        for chart in slide.charts:
            draw_chart(chart)
    with text_col:
        draw_facts(slide.facts, 2)
        draw_points(slide.points)
elif len(slide.charts) == 1:
    draw_facts(slide.facts, 4)
    points_col, chart_col = st.columns([2, 3], gap="large")
    with points_col:
        draw_points(slide.points)
    with chart_col:
        draw_chart(slide.charts[0])
else:
    draw_facts(slide.facts, 4)
    draw_points(slide.points)
    for column, chart in zip(st.columns(max(len(slide.charts), 1)), slide.charts, strict=False):
        with column:
            draw_chart(chart)

if slide.excerpts:
    with st.expander(t("story.sources_heading"), icon=":material/format_quote:"):
        for excerpt in slide.excerpts:
            paras = ", ".join(t("app.paragraph", n=p) for p in excerpt.paragraphs())
            st.markdown(f"**{md.escape(paras or excerpt.source_ref)}**")
            st.text(f"「{excerpt.text}」")
            if lang == "zh":
                st.caption(md.escape(t("app.simplified", text=simplified(excerpt.text))))
st.caption(t("app.as_of"))
