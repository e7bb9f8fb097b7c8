"""Streamlit glue of the structure explorer: facet checkboxes bound to the URL, click-to-filter.

Each facet choice is a checkbox keyed `<dimension>_<code>` and bound to the URL, so the
URL holds codes (`?level_county=true&host_government_general_office=true`): it does not
change with the language or with the counts shown beside each choice. A click on a bar
or a map region runs a callback that rewrites those checkboxes (before the widgets are
drawn in the next run) and renews the chart's key, so the click acts like a filter
button and the chart does not keep a stale selection.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import plotly.graph_objects as go
import streamlit as st

from app import ui
from app.core import md, permalink, structure
from app.core.i18n import translator
from app.core.structure import Filters
from app.figures import charts

GENERATION_KEY = "_structure_gen"

# The distribution bars: (name, view, code column, palette domain, reported-figure prefix,
# dimensions a click also sets). A click filters by the clicked code in `domain`.
BARS = (
    ("city_host", "v_city_host", "host", "host", "city_host_", {"level": "city"}),
    ("city_nature", "v_city_nature", "nature", "nature", "city_nature_", {"level": "city"}),
    ("county_host", "v_county_host", "host", "host", "county_host_", {"level": "county"}),
    ("county_coverage", "v_county_coverage", "coverage", "coverage", "county_", None),
)


def generation() -> int:
    return int(st.session_state.get(GENERATION_KEY, 0))


def chart_key(name: str) -> str:
    """The key of a clickable chart; renewed after each applied click or clear."""
    return f"_structure_{name}_{generation()}"


def seed_from_url(options: Mapping[str, Sequence[str]]) -> None:
    """On a first visit, take the facet values from the URL before any widget is drawn.

    A bound checkbox only reads the URL when it is drawn, but the counts in every facet
    label depend on all filters, so the filters must be known first. Only "true" is
    taken; anything else in the URL is ignored (and removed by the widget's binding).
    """
    for dim, codes in options.items():
        for code in codes:
            key = structure.widget_key(dim, code)
            if key not in st.session_state:
                value = st.query_params.get(key)
                if isinstance(value, str) and value.strip().lower() == "true":
                    st.session_state[key] = True


def current_filters(options: Mapping[str, Sequence[str]]) -> Filters:
    chosen = {
        dim: frozenset(
            code for code in codes if st.session_state.get(structure.widget_key(dim, code), False)
        )
        for dim, codes in options.items()
    }
    return Filters(chosen)


def _set(options: Mapping[str, Sequence[str]], dim: str, chosen: Sequence[str]) -> None:
    for code in options[dim]:
        st.session_state[structure.widget_key(dim, code)] = code in chosen


def _renew_charts() -> None:
    st.session_state[GENERATION_KEY] = generation() + 1


def clear(options: Mapping[str, Sequence[str]]) -> None:
    """Callback of the clear button: every checkbox off, chart selections dropped."""
    for dim in options:
        _set(options, dim, [])
    _renew_charts()


def on_select(
    name: str, options: Mapping[str, Sequence[str]], fixed: Mapping[str, str], dim: str
) -> None:
    """Callback of a clickable chart: filter by the clicked codes (plus fixed dimensions)."""
    codes = [
        c
        for c in structure.selection_codes(st.session_state.get(chart_key(name)))
        if c in options[dim]
    ]
    if not codes:
        return
    for fixed_dim, code in fixed.items():
        _set(options, fixed_dim, [code])
    _set(options, dim, codes)
    _renew_charts()


def facet(
    dim: str,
    title: str,
    codes: Sequence[str],
    counts: Mapping[str, int],
    label: Callable[[str], str],
    columns: int = 1,
) -> None:
    """One facet: a checkbox per choice, its label followed by the count it would show."""
    st.markdown(f"**{md.escape(title)}**")
    cols = st.columns(columns) if columns > 1 else [st.container()]
    for i, code in enumerate(codes):
        with cols[i % len(cols)]:
            st.checkbox(
                f"{md.escape(label(code))} ({counts.get(code, 0)})",
                key=structure.widget_key(dim, code),
                bind="query-params",
            )


@st.cache_resource(show_spinner=False, max_entries=64)
def distribution_bar(name: str, lang: str, snapshot: str | None = None) -> go.Figure:
    """One distribution bar chart (shared, cached: callers must not change it)."""
    _, view, code_col, domain, prefix, _ = next(b for b in BARS if b[0] == name)
    t = translator(lang)
    excerpts = structure.excerpts_by_figure(ui.view("v_reported_vs_computed", snapshot))
    return charts.bar(
        ui.view(view, snapshot),
        code_col,
        lang,
        domain,
        excerpts,
        prefix,
        t("app.source"),
        t(f"structure.{name}"),
    )


def filters_key(filters: Filters) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((d, tuple(sorted(filters.get(d)))) for d in structure.DIMENSIONS)


@st.cache_resource(show_spinner=False, max_entries=64)
def hierarchy_figure(
    lang: str, key: tuple[tuple[str, tuple[str, ...]], ...], snapshot: str | None = None
) -> go.Figure:
    """The sunburst of the agencies the filters show (shared, cached per filter set)."""
    t = translator(lang)
    codes = ui.view("codes")
    agencies = structure.prepared(ui.view("v_agencies", snapshot))
    shown = structure.apply(agencies, Filters({d: frozenset(v) for d, v in key}))
    return charts.sunburst(
        structure.hierarchy(shown),
        t("structure.root"),
        structure.labels(codes, "level", lang),
        structure.labels(codes, "host", lang),
    )


def bad_url_facets(options: Mapping[str, Sequence[str]]) -> list[str]:
    """Facet parameters of the URL this page cannot use: an unknown code (?host_foo=true,
    a stale city) or a value other than true/false on a checkbox not drawn yet."""
    known = {structure.widget_key(d, c) for d, codes in options.items() for c in codes}
    params = {k: st.query_params.get_all(k) for k in st.query_params if k not in st.session_state}
    return permalink.bad_facets(params, structure.DIMENSIONS, known)
