"""The "What changed since the source" section: one drawing for the overview, /models and
the story. Every value is data (dates, addresses, report notes): shown as text, never as
Markdown or links."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from app.core import md, since
from app.ui import session


def items(t: Callable[..., str], lang: str) -> tuple[since.SinceItem, ...]:
    """The changes public reports describe, in the reader's language (v_since_source)."""
    return since.items(session.view("v_since_source"), lang, t)


def draw(t: Callable[..., str], shown: tuple[since.SinceItem, ...], key: str) -> None:
    """The section: labelled as reported elsewhere, each change with its date, what the
    reports say, how sure, and their addresses; then what the reports leave unknown."""
    with st.container(border=True, key=key):
        st.subheader(t("since.title"), anchor=False)
        st.caption(t("since.reported_elsewhere"))
        for item in shown:
            st.markdown(f"**{md.escape(item.happened)}** · {md.escape(item.what)}")
            st.caption(t("since.how_sure", text=md.escape(item.how_sure)))
            st.caption(t("since.reported_at"))
            st.text("\n".join(item.addresses))  # plain text: no Markdown, no link
        if open_points := since.unknowns(shown):
            st.markdown(f"**{t('since.unknown_heading')}**")
            st.markdown("\n".join(f"- {md.escape(p)}" for p in open_points))


def section(t: Callable[..., str], lang: str, key: str) -> None:
    """Read and draw the section (the overview and /models)."""
    draw(t, items(t, lang), key)
