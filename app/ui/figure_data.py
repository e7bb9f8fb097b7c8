"""Every figure with its data (Our World in Data's grapher pattern): under a chart or map,
one small expander holding the rows the figure draws, their source, and a CSV / XLSX
download of exactly those rows (app.data.exports neutralises formula-like cells).

`chart()` replaces a page's st.plotly_chart call; `panel()` draws the expander alone (e.g.
under a chart drawn elsewhere). The rows come from app.figures.shown: the frames the
figure builders draw, never a recomputation.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from app.core import md
from app.core.i18n import translator
from app.data import exports
from app.figures.shown import Shown, ref_words
from app.ui.drawn_figure import drawn
from app.ui.locale import current_language, current_translator

DATA_FORMATS = ("csv", "xlsx")


def source_line(shown: Shown, lang: str) -> str:
    """Where the rows come from: paragraphs and imported files, the map boundaries' data,
    or the app's own projection."""
    t = translator(lang)
    parts = [ref_words(";".join(shown.refs), lang)] if shown.refs else []
    if shown.own:
        parts.append(t(shown.own))
    if shown.boundaries:
        parts.append(t("maps.credit"))
    return t("figdata.source", sources=t("figdata.separator").join(parts) or t("figdata.none"))


def file_bytes(shown: Shown, fmt: str) -> bytes:
    """The download of what the figure shows (headers in the reader's language)."""
    return exports.to_bytes(shown.frame, fmt)


def panel(shown: Shown, key: str) -> None:
    """The figure's data: a collapsed expander with its rows, source and downloads, drawn
    only while it is open (on_change="rerun": a page's seven closed panels cost nothing
    per run; drawn closed, they were a fifth of a facet change under load)."""
    t = current_translator()
    lang = current_language()
    box = st.expander(
        t("figdata.toggle"), icon=":material/table_view:", key=f"{key}_data", on_change="rerun"
    )
    if not box.open:
        return
    with box:
        st.caption(md.escape(source_line(shown, lang)))  # a file name is the uploader's text
        percent = st.column_config.NumberColumn(format="percent")
        st.dataframe(
            shown.frame,
            hide_index=True,
            width="stretch",
            key=f"{key}_data_table",
            column_config={t("figdata.col.share"): percent},
        )
        for column, fmt in zip(st.columns(len(DATA_FORMATS)), DATA_FORMATS, strict=True):
            column.download_button(
                t(f"figdata.download_{fmt}"),
                data=lambda fmt=fmt: file_bytes(shown, fmt),
                file_name=exports.file_name(shown.name, fmt),
                mime=exports.FORMATS[fmt].mime,
                key=f"{key}_data_{fmt}",
                on_click="ignore",
                icon=":material/download:",
                width="stretch",
            )


def chart(
    figure: Any, shown: Shown, *, key: str, data_key: str | None = None, **kwargs: Any
) -> Any:
    """st.plotly_chart(figure, key=key, **kwargs), then the figure's data panel (keyed
    data_key, else key: a chart whose key changes between runs passes a stable one).
    The figure is converted for the chart once (app.ui.drawn_figure): never change it."""
    event = st.plotly_chart(drawn(figure), key=key, **kwargs)
    panel(shown, data_key or key)
    return event
