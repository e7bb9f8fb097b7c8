"""The structure explorer's panels that take more than one call: the facts beside the
county map, the grid of distribution bars (a click filters by the bar's category) and
the table of the agencies shown, with each claim's confidence.

pages/structure.py places them; the facets and click callbacks are app.ui.structure_facets.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import pandas as pd
import streamlit as st

from app.core import claims, map_states, structure
from app.core.structure import Filters
from app.ui import figure_data, figure_rows, figures, session, widgets
from app.ui import structure_facets as facets


def county_facts(
    t: Callable[..., str], agencies: pd.DataFrame, county_codes: Sequence[str], snapshot: str
) -> None:
    """Units, agencies and units without one, the source's sentence, and what is unplaced."""
    summary = map_states.county_summary(agencies, list(county_codes))
    st.metric(t("structure.county_units"), summary["units"])
    st.metric(t("structure.county_agencies"), summary["agencies"])
    st.metric(t("structure.county_without"), summary["without"])
    excerpt, ref = structure.excerpts_by_figure(
        session.view("v_reported_vs_computed", snapshot)
    ).get("county_with_agency", ("", ""))
    widgets.source_popover(t, ref, excerpt)
    if summary["unplaced"]:
        st.warning(
            t("structure.county_note_unplaced", unplaced=summary["unplaced"]),
            icon=":material/help:",
        )
    if summary["placed"]:
        st.caption(t("structure.county_note_placed", placed=summary["placed"]))


def distribution_bars(
    lang: str, snapshot: str, options: facets.Options, agencies: pd.DataFrame, filters: Filters
) -> None:
    """The four distribution bars, two a row, the filters' codes emphasised."""
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
            chosen = facets.bar_chosen(bar, agencies, filters)
            with col:
                figure_data.chart(
                    figures.distribution_bar(bar.name, lang, snapshot, chosen),
                    figure_rows.distribution_data(bar.name, lang, snapshot),
                    key=facets.chart_key(bar.name) if bar.fixed else f"structure_{bar.name}",
                    data_key=f"structure_{bar.name}",
                    config={"displaylogo": False},
                    width="stretch",
                    **clicks,
                )


def agency_table(
    t: Callable[..., str],
    lang: str,
    shown: pd.DataFrame,
    label_of: Mapping[str, Mapping[str, str]],
    snapshot: str,
) -> pd.DataFrame:
    """The agencies shown, labelled in lang with each claim's confidence; headers in lang.
    label_of: the level, host, nature and city labels, by dimension."""
    table = structure.table(
        shown,
        lang,
        label_of["host"],
        label_of["nature"],
        label_of["level"],
        label_of["city"],
        unknown=t("structure.nature_unknown"),
        not_named=t("structure.not_named"),
        claims=claims.by_subject(session.view("v_claims", snapshot)),
        wording=claims.wording(
            lang, {**label_of, "rank": structure.labels(session.view("codes"), "rank", lang)}
        ),
    )
    return table.rename(columns={c: t(f"structure.col.{c}") for c in table.columns})
