"""The structure explorer's data, cached per process like its figures (app.ui.figures) and
shared by every session, so callers must not change it: a snapshot's agencies with what
the page derives from them alone, the facets' labels, and per set of filters
(structure_facets.filters_key) the agencies shown, the facet counts, what the charts
emphasise and the agency table.

A rerun then reads these instead of deriving them again from the views (each view read
unpickles a frame); the page's own work is drawing.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from app.core import claims, map_states, overview, structure
from app.core.i18n import translator
from app.figures import geo
from app.ui import figures
from app.ui import structure_facets as facets
from app.ui.session import view

Chosen = tuple[str, ...] | None  # what the filters emphasise (app.core.emphasis.key)


@dataclass(frozen=True)
class Agencies:
    """A snapshot's agencies and what the page derives from them alone."""

    frame: pd.DataFrame  # v_agencies, nature 'unknown' explicit (structure.prepared)
    options: dict[str, list[str]]  # each facet's choices, in display order
    county_codes: tuple[str, ...]  # Jiangsu's county-level units
    units: dict[str, int]  # units per level (overview.unit_counts)
    county: dict[str, int]  # the totals beside the county map (map_states.county_summary)
    county_source: tuple[str, str]  # the source's sentence on them: excerpt, ref


@st.cache_resource(show_spinner=False, max_entries=16)
def agencies(snapshot: str | None) -> Agencies:
    frame = structure.prepared(view("v_agencies", snapshot))
    divisions = view("divisions")
    county_codes = geo.jiangsu_county_codes(divisions)
    excerpts = structure.excerpts_by_figure(view("v_reported_vs_computed", snapshot))
    return Agencies(
        frame,
        structure.options(view("codes"), divisions, frame),
        county_codes,
        overview.unit_counts(view("v_level_metrics", snapshot)),
        map_states.county_summary(frame, list(county_codes)),
        excerpts.get("county_with_agency", ("", "")),
    )


@st.cache_resource(show_spinner=False, max_entries=8)
def labels(lang: str) -> dict[str, dict[str, str]]:
    """{code: label} in lang of each dimension: level, host, nature (with the source's
    silence, 'unknown') and city (every division's name)."""
    codes = view("codes")
    return {
        "level": structure.labels(codes, "level", lang),
        "host": structure.labels(codes, "host", lang),
        "nature": {
            **structure.labels(codes, "nature", lang),
            structure.UNKNOWN: translator(lang)("structure.nature_unknown"),
        },
        "city": structure.division_names(view("divisions"), lang),
    }


@dataclass(frozen=True)
class Shown:
    """What one set of filters shows."""

    frame: pd.DataFrame  # the agencies that pass them (the table's and the sunburst's)
    counts: dict[str, dict[str, int]]  # per dimension and choice: agencies it would show
    cities: Chosen  # what the city map emphasises
    counties: Chosen  # what the county map emphasises
    bars: dict[str, Chosen]  # what each distribution bar emphasises, by its name


@st.cache_resource(show_spinner=False, max_entries=64)
def shown(key: figures.FiltersKey, snapshot: str | None) -> Shown:
    data = agencies(snapshot)
    filters = facets.filters_of(key)
    counts = {
        dim: structure.facet_counts(data.frame, filters, dim, data.options[dim])
        for dim in structure.DIMENSIONS
    }
    cities, counties = facets.map_chosen(data.frame, filters, data.county_codes)
    bars = {b.name: facets.bar_chosen(b, data.frame, filters) for b in facets.BARS}
    return Shown(figures.shown_agencies(key, snapshot), counts, cities, counties, bars)


@st.cache_resource(show_spinner=False, max_entries=64)
def table(lang: str, key: figures.FiltersKey, snapshot: str | None) -> pd.DataFrame:
    """The agencies shown, labelled in lang with each claim's confidence; headers in lang."""
    t = translator(lang)
    label_of = labels(lang)
    rows = structure.table(
        shown(key, snapshot).frame,
        lang,
        label_of["host"],
        label_of["nature"],
        label_of["level"],
        label_of["city"],
        unknown=t("structure.nature_unknown"),
        not_named=t("structure.not_named"),
        claims=claims.by_subject(view("v_claims", snapshot)),
        wording=claims.wording(
            lang, {**label_of, "rank": structure.labels(view("codes"), "rank", lang)}
        ),
    )
    return rows.rename(columns={c: t(f"structure.col.{c}") for c in rows.columns})
