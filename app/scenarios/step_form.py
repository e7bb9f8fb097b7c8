"""The scenario page's four "add a step" forms (move city agencies, move county agencies,
create county agencies, change the centre); each submits through form.on_add."""

from __future__ import annotations

from typing import Any

import streamlit as st

from app.core.models import Host, Nature
from app.scenarios import form
from app.scenarios.results import Outcome
from app.scenarios.wording import Labels, Translator

HOSTS, NATURES = [h.value for h in Host], [n.value for n in Nature]


def _from_to(t: Translator, labels: Labels, left: Any, right: Any, prefix: str) -> None:
    """The "from host" and "to host" pair of a move step (keys <prefix>_from, <prefix>_to)."""
    left.selectbox(t("scenarios.from_host"), HOSTS, format_func=labels.host, key=f"{prefix}_from")
    right.selectbox(
        t("scenarios.to_host"), HOSTS, index=1, format_func=labels.host, key=f"{prefix}_to"
    )


def draw(t: Translator, labels: Labels, result: Outcome) -> None:
    st.subheader(t("scenarios.add_step"))
    tabs = ("tab_city", "tab_county", "tab_create", "tab_centre")
    tab_city, tab_county, tab_create, tab_centre = st.tabs([t(f"scenarios.{k}") for k in tabs])
    with tab_city, st.form("sc_form_city", border=False):
        a, b = st.columns(2)
        a.selectbox(t("scenarios.from_host"), HOSTS, format_func=labels.host, key="sc_city_from")
        b.selectbox(
            t("scenarios.to_host"), HOSTS, index=1, format_func=labels.host, key="sc_city_to"
        )
        st.multiselect(
            t("scenarios.cities"),
            list(labels.cities),
            format_func=labels.cities.get,
            key="sc_city_cities",
            placeholder=t("scenarios.cities_all"),
        )
        st.caption(t("scenarios.cities_help"))
        st.form_submit_button(t("scenarios.add"), on_click=form.on_add, args=("city",))
    with tab_county, st.form("sc_form_county", border=False):
        a, b, c = st.columns(3)
        a.selectbox(t("scenarios.from_host"), HOSTS, format_func=labels.host, key="sc_county_from")
        b.selectbox(
            t("scenarios.to_host"), HOSTS, index=1, format_func=labels.host, key="sc_county_to"
        )
        c.number_input(
            t("scenarios.count"),
            min_value=1,
            max_value=result.before.county.coverage.denominator,
            value=None,
            step=1,
            key="sc_county_count",
            placeholder=t("scenarios.count_all"),
        )
        st.caption(t("scenarios.county_help"))
        st.form_submit_button(t("scenarios.add"), on_click=form.on_add, args=("county",))
    with tab_create:
        room = result.after.county.units_without
        if room <= 0:
            st.info(t("scenarios.no_room"))
        else:
            with st.form("sc_form_create", border=False):
                a, b, c = st.columns(3)
                a.number_input(
                    t("scenarios.create_count", room=room),
                    min_value=1,
                    max_value=room,
                    value=room,
                    step=1,
                    key="sc_create_count",
                )
                b.selectbox(
                    t("scenarios.host"), HOSTS, format_func=labels.host, key="sc_create_host"
                )
                c.selectbox(
                    t("scenarios.nature"),
                    NATURES,
                    index=None,
                    format_func=labels.nature,
                    key="sc_create_nature",
                    placeholder=t("app.unknown"),
                )
                st.form_submit_button(t("scenarios.add"), on_click=form.on_add, args=("create",))
    with tab_centre, st.form("sc_form_centre", border=False):
        a, b = st.columns(2)
        for column, field, options, label in (
            (a, "host", HOSTS, labels.host),
            (b, "nature", NATURES, labels.nature),
        ):
            column.selectbox(
                t(f"scenarios.{field}"),
                options,
                index=None,
                format_func=label,
                key=f"sc_centre_{field}",
                placeholder=label(result.centre_after[field]),
            )
        st.caption(t("scenarios.centre_help"))
        st.form_submit_button(t("scenarios.add"), on_click=form.on_add, args=("centre",))
