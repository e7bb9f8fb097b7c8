"""Story: the case as numbered slides (?slide=N), a projector mode (?present=1), a briefing."""

from datetime import UTC, datetime

import streamlit as st

from app.core import md
from app.story import briefing, display, form, slide_form
from app.story.slides import COUNT
from app.ui import clicker, locale, snapshots

t = locale.current_translator()
lang = locale.current_language()
place = form.place()
st.html(display.STORY_CSS)  # static CSS, never user text
if place.present:
    st.html(display.PRESENTATION_CSS)

snapshot = snapshots.chosen_snapshot()  # the sidebar's snapshot picker
slide = form.slide(place.number, lang, t, snapshot)
# PageDown/PageUp, the arrows and Space step the slides; on a projector, the window's size
screen = clicker.clicker(form.REMOTE_KEY, form.on_key, measure=place.present)
font = display.chart_font((screen.width, screen.height) if screen else None)

with st.container(key="story_slide"):
    with st.container(horizontal=True, vertical_alignment="center", key="story_nav"):
        st.button(
            t("story.prev"),
            key=form.PREV_KEY,
            on_click=form.go_to,
            args=(place.number - 1,),
            disabled=place.number <= 1,
            icon=":material/arrow_back:",
        )
        st.markdown(f"**{t('story.slide_of', n=place.number, total=COUNT)}**", width="content")
        st.button(
            t("story.next"),
            key=form.NEXT_KEY,
            on_click=form.go_to,
            args=(place.number + 1,),
            disabled=place.number >= COUNT,
            icon=":material/arrow_forward:",
        )
        st.space("stretch")
        st.toggle(
            t("story.present"),
            key=form.PRESENT_KEY,
            on_change=form.on_present,
            help=t("story.present_help"),
        )
        exported_at = datetime.now(UTC)
        st.download_button(
            t("story.export"),
            data=form.briefing_file(lang, t, snapshot, exported_at, locale.reader_zone()),
            file_name=briefing.file_name(lang, exported_at),
            mime="text/html",
            key=form.BRIEFING_KEY,
            on_click="ignore",
            icon=":material/download:",
            help=t("story.export_help"),
        )

    if place.bad_slide is not None:
        bad = md.escape(place.bad_slide[:40])
        st.warning(t("story.bad_slide", value=bad, total=COUNT), icon=":material/error:")
    if place.bad_present is not None:
        st.warning(t("story.bad_present", value=md.escape(place.bad_present[:40])))

    slide_form.draw(slide, lang, t, place.present, font, snapshot)
