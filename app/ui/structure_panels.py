"""The structure explorer's panels that take more than one call: the facts beside the
county map and the grid of distribution bars (a click filters by the bar's category).

pages/structure.py places them; the facets and click callbacks are app.ui.structure_facets,
their data (and the agency table's) app.ui.structure_data.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import streamlit as st

from app.ui import figure_data, figure_rows, figures, structure_data, widgets
from app.ui import structure_facets as facets


def county_facts(t: Callable[..., str], data: structure_data.Agencies) -> None:
    """Units, agencies and units without one, the source's sentence, and what is unplaced."""
    summary = data.county
    st.metric(t("structure.county_units"), summary["units"])
    st.metric(t("structure.county_agencies"), summary["agencies"])
    st.metric(t("structure.county_without"), summary["without"])
    excerpt, ref = data.county_source
    widgets.source_popover(t, ref, excerpt)
    if summary["unplaced"]:
        st.warning(
            t("structure.county_note_unplaced", unplaced=summary["unplaced"]),
            icon=":material/help:",
        )
    if summary["placed"]:
        st.caption(t("structure.county_note_placed", placed=summary["placed"]))


def distribution_bars(
    lang: str, snapshot: str, options: facets.Options, chosen: Mapping[str, structure_data.Chosen]
) -> None:
    """The four distribution bars, two a row, the codes chosen (by bar name) emphasised."""
    for pair in (facets.BARS[:2], facets.BARS[2:]):
        for col, bar in zip(st.columns(2), pair, strict=True):
            clicks = (
                {}
                if bar.fixed is None
                else {  # a click filters by the bar's category
                    "on_select": lambda b=bar: facets.on_select(b.name, options, b.fixed, b.domain),
                    "selection_mode": "points",
                }
            )
            with col:
                figure_data.chart(
                    figures.distribution_bar(bar.name, lang, snapshot, chosen[bar.name]),
                    figure_rows.distribution_data(bar.name, lang, snapshot),
                    key=facets.chart_key(bar.name) if bar.fixed else f"structure_{bar.name}",
                    data_key=f"structure_{bar.name}",
                    config={"displaylogo": False},
                    width="stretch",
                    **clicks,
                )
