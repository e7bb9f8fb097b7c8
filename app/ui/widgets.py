"""Small affordances shared by pages: the source popover beside a figure, the link to the
data dictionary, the footer."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from app.core import md
from app.core.chinese import quotation
from app.ui.locale import current_language


def source_popover(t: Callable[..., str], source_ref: str | None, excerpt: str | None) -> None:
    """The "source" affordance beside a figure: paragraph(s) and the verbatim excerpt (an
    imported roster brings its own source_ref and excerpt: shown as text, never markup)."""

    with st.popover(t("app.source"), icon=":material/format_quote:"):
        if not source_ref:
            st.caption(t("app.not_in_source"))
            return
        paragraphs = ", ".join(
            t("app.paragraph", n=ref.removeprefix("article#p"))
            for ref in source_ref.split(";")
            if ref.startswith("article#p")
        )
        st.markdown(f"**{md.escape(paragraphs or source_ref)}**")
        if excerpt:
            quote(t, excerpt)


def quote(t: Callable[..., str], excerpt: str) -> None:
    """An excerpt as its reader sees it first (simplified for Chinese readers), with the
    verbatim original one click away; shown as text, never markup (rosters bring their own)."""
    lang = current_language()
    shown = quotation(excerpt, lang)
    st.text(f"「{shown}」")
    if shown != excerpt:
        with st.expander(t("app.original"), icon=":material/history_edu:"):
            st.text(f"「{excerpt}」")


def provenance_link(t: Callable[..., str]) -> None:
    """A link to the data dictionary and provenance page (/dictionary)."""
    st.page_link("pages/dictionary.py", label=t("exports.provenance"), icon=":material/menu_book:")


def footer(t: Callable[..., str]) -> None:
    st.divider()
    st.caption(t("app.footer"))


def uploader_words(t: Callable[..., str], **values: object) -> None:
    """Streamlit's file uploader writes its button and its limits in English only (an open
    request upstream, streamlit#13500): the catalogue's words take their place. Static CSS;
    the text is the catalogue's, quoted as CSS strings."""
    button, limits = (_css_string(t(k, **values)) for k in ("app.upload", "app.upload_limits"))
    st.html(
        "<style>"
        "[data-testid='stFileUploaderDropzone'] button [data-testid='stMarkdownContainer'] p,"
        "[data-testid='stFileUploaderDropzoneInstructions'] span { display: none; }"
        "[data-testid='stFileUploaderDropzone'] button [data-testid='stMarkdownContainer']::after"
        f" {{ content: {button}; }}"
        "[data-testid='stFileUploaderDropzoneInstructions'] > div::after"
        f" {{ content: {limits}; font-size: 0.875rem; opacity: 0.7; }}"
        "</style>"
    )


def _css_string(text: str) -> str:
    """A CSS string literal: quotes and backslashes escaped, no way out of the style tag."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
    return f'"{escaped}"'
