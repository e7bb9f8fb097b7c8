"""Scenarios: build a reform from steps, see before and after, save, reopen, compare, export."""

import streamlit as st

from app.core.metrics import METRICS
from app.core.models import Host, Nature
from app.scenarios import form, store, wording
from app.scenarios.model import NAME_MAX, NOTE_MAX
from app.ui import locale, snapshots, url

t = locale.current_translator()
lang = locale.current_language()
snapshot = snapshots.chosen_snapshot()
form.start()
HOSTS, NATURES = [h.value for h in Host], [n.value for n in Nature]
labels = form.labels(lang)

st.title(t("scenarios.title"))
st.write(t("scenarios.intro"))
st.caption(t("scenarios.never_changes_source"))

saved = store.saved()
names = saved["name"].tolist()
top_left, top_right = st.columns([3, 2])
with top_right, st.container(border=True):
    url.check_choice(t, form.CHOSEN, names)
    chosen = st.selectbox(
        t("scenarios.open"),
        options=names,
        index=None,
        placeholder=t("scenarios.open_placeholder") if names else t("scenarios.none_saved"),
        key=form.CHOSEN,
        bind="query-params",
    )
    form.open_chosen(t, chosen)
    if chosen:
        row = saved[saved["name"] == chosen].iloc[0]
        st.caption(wording.saved_meta(t, row))
        st.button(
            t("scenarios.delete"),
            key="sc_delete",
            on_click=form.on_delete,
            icon=":material/delete:",
        )
with top_left:
    st.text_input(t("scenarios.name"), key=form.NAME, max_chars=NAME_MAX)
    st.text_area(t("scenarios.note"), key=form.NOTE, max_chars=NOTE_MAX, height=68)
form.show_flash(t)
result, problem = form.current_outcome(snapshot)

st.subheader(t("scenarios.presets"))
p1, p2, p3 = st.columns(3)
for column, which in ((p1, "model"), (p2, "fill")):
    column.button(
        t(f"scenarios.preset_{which}"),
        key=f"sc_preset_{which}",
        on_click=form.on_preset,
        args=(which,),
        help=t(f"scenarios.preset_{which}_help"),
        use_container_width=True,
    )
p3.button(t("scenarios.clear"), key="sc_clear", on_click=form.on_clear, use_container_width=True)

st.subheader(t("scenarios.add_step"))
tabs = ("tab_city", "tab_county", "tab_create", "tab_centre")
tab_city, tab_county, tab_create, tab_centre = st.tabs([t(f"scenarios.{k}") for k in tabs])
with tab_city, st.form("sc_form_city", border=False):
    a, b = st.columns(2)
    a.selectbox(t("scenarios.from_host"), HOSTS, format_func=labels.host, key="sc_city_from")
    b.selectbox(t("scenarios.to_host"), HOSTS, index=1, format_func=labels.host, key="sc_city_to")
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
    b.selectbox(t("scenarios.to_host"), HOSTS, index=1, format_func=labels.host, key="sc_county_to")
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
            b.selectbox(t("scenarios.host"), HOSTS, format_func=labels.host, key="sc_create_host")
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

st.subheader(t("scenarios.steps"))
steps = st.session_state[form.STEPS]
if not steps:
    st.caption(t("scenarios.no_steps"))
for i, step in enumerate(steps):
    affected = result.applied.affected[i] if i < len(result.applied.affected) else 0
    left, right = st.columns([12, 1])
    left.text(f"{i + 1}. {wording.describe(step, affected, t, labels)}")
    right.button(
        "✕", key=f"sc_remove_{i}", on_click=form.on_remove, args=(i,), help=t("scenarios.remove")
    )
if problem:
    st.error(form.message(t, problem))

st.subheader(t("scenarios.before_after"))
centre_before, centre_after = (
    wording.centre(c, labels) for c in (result.centre_before, result.centre_after)
)
st.caption(t("scenarios.centre_line", before=centre_before, after=centre_after))
for b, a in zip(result.before.metrics, result.after.metrics, strict=True):
    with st.container(border=True):
        st.markdown(f"**{t(f'gap.level_{b.level}')}**")
        for column, metric in zip(st.columns(4), METRICS, strict=True):
            card = wording.card(metric, getattr(b, metric), getattr(a, metric), t)
            column.metric(card.label, card.value, delta=card.delta, delta_color=card.delta_color)
            column.caption(card.exact)
        figure = form.chart(t, labels.host, result.distribution(b.level))
        st.plotly_chart(figure, key=f"sc_chart_{b.level}", config={"displaylogo": False})

st.subheader(t("scenarios.save_export"))
s1, s2, s3, s4 = st.columns([1, 1, 1, 1])
s1.checkbox(t("scenarios.overwrite"), key=form.OVERWRITE)
s2.button(
    t("scenarios.save"),
    key="sc_save",
    on_click=form.on_save,
    type="primary",
    icon=":material/save:",
)
if problem is None:
    form.export_buttons(t, snapshot, s3, s4)

st.subheader(t("scenarios.compare"))
url.check_choice(t, form.COMPARE, names)
picked = st.multiselect(
    t("scenarios.compare_pick"),
    names,
    key=form.COMPARE,
    bind="query-params",
    placeholder=t("scenarios.compare_placeholder"),
)
table = form.comparison(t, snapshot, picked) if picked else None
if table is not None:
    st.dataframe(table, hide_index=True, key="sc_compare_table")
