"""The structure explorer's facets: checkboxes bound to the URL, click-to-filter callbacks.

Each facet choice is a checkbox keyed `<dimension>_<code>` and bound to the URL, so the
URL holds codes (`?level_county=true&host_government_general_office=true`): it does not
change with the language or with the counts shown beside each choice. A click on a bar
or a map region runs a callback that rewrites those checkboxes (before the widgets are
drawn in the next run) and renews the chart's key, so the click acts like a filter
button and the chart does not keep a stale selection.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

import pandas as pd
import streamlit as st

from app.core import emphasis, md, permalink, structure
from app.core.structure import Filters
from app.ui.internals import is_history_navigation
from app.ui.url import seed_flags

GENERATION_KEY = "_structure_gen"

Options = Mapping[str, Sequence[str]]  # dimension -> the codes it offers


class Bar(NamedTuple):
    """A distribution bar: its view, code column, palette domain, reported-figure prefix,
    and the dimensions a click also sets (None: not clickable)."""

    name: str
    view: str
    code_column: str
    domain: str
    figure_prefix: str
    fixed: Mapping[str, str] | None


BARS = (
    Bar("city_host", "v_city_host", "host", "host", "city_host_", {"level": "city"}),
    Bar("city_nature", "v_city_nature", "nature", "nature", "city_nature_", {"level": "city"}),
    Bar("county_host", "v_county_host", "host", "host", "county_host_", {"level": "county"}),
    Bar("county_coverage", "v_county_coverage", "coverage", "coverage", "county_", None),
)


def bar(name: str) -> Bar:
    return next(b for b in BARS if b.name == name)


def bar_chosen(spec: Bar, agencies: pd.DataFrame, filters: Filters) -> tuple[str, ...] | None:
    """The codes a clickable bar shows in full colour (None: every bar, as with no filter)."""
    if spec.fixed is None:
        return None
    level = spec.fixed["level"]
    return emphasis.key(emphasis.categories(agencies, filters, level, spec.code_column))


def generation() -> int:
    return int(st.session_state.get(GENERATION_KEY, 0))


def chart_key(name: str) -> str:
    """The key of a clickable chart; renewed after each applied click or clear."""
    return f"_structure_{name}_{generation()}"


def seed_from_url(options: Options) -> None:
    """On a first visit, take the facet values from the URL before any widget is drawn:
    the counts in every facet label depend on all filters, so they must be known first.
    After Back or Forward the URL's values replace the session's, and the clickable charts
    drop a selection the restored view does not hold."""
    if is_history_navigation():
        _renew_charts()
    seed_flags(structure.widget_key(dim, code) for dim, codes in options.items() for code in codes)


def current_filters(options: Options) -> Filters:
    chosen = {
        dim: frozenset(
            code for code in codes if st.session_state.get(structure.widget_key(dim, code), False)
        )
        for dim, codes in options.items()
    }
    return Filters(chosen)


def chosen_in_words(
    filters: Filters, t: Callable[..., str], labels: Mapping[str, Mapping[str, str]]
) -> str:
    """The active filters as one line in the reader's punctuation: "城市：南京市；层级：市级" /
    "City: Nanjing; Level: City"."""
    return t("structure.chosen_between").join(
        t(
            "structure.chosen_one",
            dim=t(f"structure.{d}"),
            values=t("app.list_separator").join(
                labels[d].get(c, c) for c in sorted(filters.get(d))
            ),
        )
        for d in structure.DIMENSIONS
        if filters.get(d)
    )


def filters_key(filters: Filters) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The filters as a hashable cache key."""
    return tuple((d, tuple(sorted(filters.get(d)))) for d in structure.DIMENSIONS)


def filters_of(key: tuple[tuple[str, tuple[str, ...]], ...]) -> Filters:
    """The filters a filters_key() stands for."""
    return Filters({d: frozenset(codes) for d, codes in key})


def _set(options: Options, dim: str, chosen: Sequence[str]) -> None:
    for code in options[dim]:
        st.session_state[structure.widget_key(dim, code)] = code in chosen


def _renew_charts() -> None:
    st.session_state[GENERATION_KEY] = generation() + 1


def clear(options: Options) -> None:
    """Callback of the clear button: every checkbox off, chart selections dropped."""
    for dim in options:
        _set(options, dim, [])
    _renew_charts()


def map_chosen(
    agencies: pd.DataFrame, filters: Filters, county_codes: Sequence[str]
) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
    """The cities and the county-level units the maps emphasise (None: no filter)."""
    return (
        emphasis.key(emphasis.cities(agencies, filters)),
        emphasis.key(emphasis.counties(agencies, filters, county_codes)),
    )


def emphasis_note(t: Callable[..., str], options: Options, filters: Filters, empty: bool) -> None:
    """Above the maps: what the highlighting means; when the filters match no agency, say
    so (every chart is greyed) and offer the clear button's action."""
    if not filters.active:
        return
    if not empty:
        st.caption(t("structure.map_emphasis"))
        return
    st.warning(t("structure.map_empty"), icon=":material/search_off:")
    st.button(
        t("structure.clear"),
        icon=":material/filter_alt_off:",
        help=t("structure.clear_help"),
        on_click=clear,
        args=(options,),
        key="structure_clear_maps",
    )


def on_select(name: str, options: Options, fixed: Mapping[str, str], dim: str) -> None:
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


def bad_url_facets(options: Options) -> list[str]:
    """Facet parameters of the URL this page cannot use: an unknown code (?host_foo=true,
    a stale city) or a value other than true/false on a checkbox not drawn yet."""
    known = {structure.widget_key(d, c) for d, codes in options.items() for c in codes}
    params = {k: st.query_params.get_all(k) for k in st.query_params if k not in st.session_state}
    return permalink.bad_facets(params, structure.DIMENSIONS, known)
